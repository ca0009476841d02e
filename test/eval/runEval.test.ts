import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HammerError } from "../../src/core/errors.js";
import { parseJson } from "../../src/core/json/index.js";
import { InvalidCallError } from "../../src/engine/index.js";
import { readPredictionsFile, runEval, scoreBench, type RunEvalOptions, type RunResults } from "../../src/eval/index.js";
import { FIXTURE_BENCH, writeFixtureData } from "./support/fixtureData.js";
import { GoldEngine } from "./support/GoldEngine.js";
import { loadItems } from "./support/loadFixtureItems.js";

let data: { dir: string; cleanup: () => void };
let out: string;
beforeAll(() => {
  data = writeFixtureData();
  out = mkdtempSync(path.join(os.tmpdir(), "hammer-eval-runeval-"));
});
afterAll(() => {
  data?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

let n = 0;
const newDir = () => path.join(out, `run-${n++}`);
const opts = (engine: GoldEngine, outDir: string, extra: Partial<RunEvalOptions> = {}): RunEvalOptions => ({
  bench: FIXTURE_BENCH,
  dataDir: data.dir,
  outDir,
  engine,
  model: { name: "gold" },
  ...extra,
});
/** results.json without what differs between two runs of the same config. */
const stable = (r: RunResults) => ({ ...r, timing: null, samples: r.samples.map((s) => ({ ...s, latency_ms: null })) });
const readLog = (dir: string) =>
  readFileSync(path.join(dir, "predictions.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => parseJson(l) as Record<string, any>);

describe("eval run", () => {
  it("records per-sample engine errors, counts them, and still scores every sample", async () => {
    const items = loadItems(FIXTURE_BENCH, data.dir);
    const engine = new GoldEngine(items, "original", {}, {
      simple_1: new HammerError("NETWORK", "POST http://x/v1/chat/completions failed: HTTP 503"),
      multiple_0: new InvalidCallError("CALL_INVALID", "book_flight", '{"origin": 5, "destination": "LA"}', [{ path: "/origin", message: "must be string" }], []),
      sealtool_0: new HammerError("LIMIT_EXCEEDED", "the prompt has 9000 tokens; the context holds 4096 per sequence"),
    });
    const dir = newDir();
    const { results } = await runEval(opts(engine, dir));
    expect(results).not.toBeNull();
    const r = results as RunResults;
    expect(r.counts).toMatchObject({ samples: 7, errors: 3, errors_by_kind: { http: 1, invalid_call: 1, context: 1 } });
    const byId = new Map(r.samples.map((s) => [s.id, s]));
    expect(byId.get("simple_1")).toMatchObject({ correct: false, error_type: "hammer_fc:generation_error", generation_error: { kind: "http" } });
    expect(byId.get("simple_1")?.error).toContain("HTTP 503");
    expect(byId.get("sealtool_0")).toMatchObject({ correct: false, error_type: "hammer_fc:generation_error", generation_error: { kind: "context" } });
    // A schema-breaking remote call is still the model's answer: it is scored, and fails as BFCL would.
    expect(byId.get("multiple_0")).toMatchObject({ correct: false, error_type: "type_error:simple", generation_error: { kind: "invalid_call" } });
    expect(byId.get("simple_0")?.correct).toBe(true);
    expect(r.parts.find((p) => p.part === "bfcl:simple")).toMatchObject({ correct: 1, total: 2, errors: 1, missing: 1 });

    // The log is what `eval score` reads: failed generations have no answer and count as missing.
    const log = readLog(dir);
    expect(log.map((l) => l.id).sort()).toEqual(r.samples.map((s) => s.id).sort());
    expect(log.find((l) => l.id === "simple_1")).toMatchObject({ error: { kind: "http" } });
    expect(log.find((l) => l.id === "simple_1")).not.toHaveProperty("output");
    const rescored = scoreBench("bfcl:simple", data.dir, readPredictionsFile(path.join(dir, "predictions.jsonl")));
    expect(rescored.parts[0]).toMatchObject({ correct: 1, missing: 1 });
  });

  it("keeps a finished run's folder unless --resume, and refuses to resume a different config", async () => {
    const items = loadItems(FIXTURE_BENCH, data.dir);
    const dir = newDir();
    await runEval(opts(new GoldEngine(items, "original"), dir, { seed: 3 }));
    await expect(runEval(opts(new GoldEngine(items, "original"), dir, { seed: 3 }))).rejects.toThrow(/already holds a run .*--resume/);
    await expect(runEval(opts(new GoldEngine(items, "original"), dir, { seed: 4, resume: true }))).rejects.toThrow(/config differs \(seed 3 → 4\)/);
    await expect(runEval(opts(new GoldEngine(items, "original"), dir, { seed: 3, resume: true, mask: { names: true, params: false, defaults: false } }))).rejects.toThrow(
      /config differs \(mask null → /,
    );
    // Resuming a finished run redoes nothing.
    const engine = new GoldEngine(items, "original");
    const again = await runEval(opts(engine, dir, { seed: 3, resume: true }));
    expect(engine.requests).toHaveLength(0);
    expect(again.reused).toBe(7);
  });

  it("a stopped run answers nothing twice and resumes to the results of an uninterrupted run", async () => {
    const items = loadItems(FIXTURE_BENCH, data.dir);
    const whole = await runEval(opts(new GoldEngine(items, "masked"), newDir(), { mask: { names: true, params: true, defaults: true }, concurrency: 1 }));

    const dir = newDir();
    const stop = new AbortController();
    const first = new GoldEngine(items, "masked");
    const stopped = await runEval(
      opts(first, dir, {
        mask: { names: true, params: true, defaults: true },
        concurrency: 1,
        signal: stop.signal,
        onProgress: (p) => {
          if (p.done === 3) stop.abort();
        },
      }),
    );
    expect(stopped.results).toBeNull();
    expect(readLog(dir)).toHaveLength(3);
    appendFileSync(path.join(dir, "predictions.jsonl"), '{"id": "parallel_0", "outp'); // a kill in mid-write

    const second = new GoldEngine(items, "masked");
    const resumed = await runEval(opts(second, dir, { mask: { names: true, params: true, defaults: true }, concurrency: 1, resume: true }));
    expect(resumed.reused).toBe(3);
    expect(resumed.cutBytes).toBe(26);
    expect(first.requests.length + second.requests.length).toBe(7);
    expect(readLog(dir)).toHaveLength(7);
    expect(stable(resumed.results as RunResults)).toEqual(stable(whole.results as RunResults));
    expect(resumed.results?.timing.sessions).toBe(2);
  });

  it("--limit takes the first N samples of each part, and a resumed run can raise it", async () => {
    const items = loadItems(FIXTURE_BENCH, data.dir);
    const dir = newDir();
    const one = await runEval(opts(new GoldEngine(items, "original"), dir, { limit: 1 }));
    expect(one.results?.parts.map((p) => p.total)).toEqual([1, 1, 1, 1, 1, 1]);
    expect(one.results?.run.limit).toBe(1);
    const engine = new GoldEngine(items, "original");
    const more = await runEval(opts(engine, dir, { limit: 2, resume: true }));
    expect(engine.requests).toHaveLength(1); // only simple_1 is new
    expect(more.results?.counts.samples).toBe(7);
  });

  it("asks with the sample's conversation, tools, tool choice auto and the run's sampling settings", async () => {
    const items = loadItems("bfcl:simple,hammer:apibank_l1", data.dir);
    const engine = new GoldEngine(items, "original");
    await runEval(opts(engine, newDir(), { bench: "bfcl:simple,hammer:apibank_l1", seed: 9, temperature: 0.5, maxTokens: 77 }));
    for (const q of engine.requests) expect(q).toMatchObject({ toolChoice: "auto", seed: 9, temperature: 0.5, maxTokens: 77 });
    const weather = engine.requests.find((q) => q.tools?.[0]?.name === "get_weather");
    expect(weather?.messages).toEqual([{ role: "user", content: "What is the weather in Paris in celsius?" }]);
    expect(weather?.tools?.[0]?.description).toBe("Get the current weather for a city. Note that the provided function is in Python 3 syntax.");
    const dialogue = engine.requests.find((q) => q.tools?.[0]?.name === "GetUserToken");
    expect(dialogue?.messages.map((m) => m.role)).toEqual(["user", "assistant", "assistant", "tool", "assistant"]);
  });

  it("rejects an unknown bench, a part absent from the data dir and bad numbers with one clear error", async () => {
    const engine = new GoldEngine([], "original");
    await expect(runEval(opts(engine, newDir(), { bench: "bfcl:nope" }))).rejects.toThrow(/unknown benchmark "bfcl:nope"/);
    await expect(runEval(opts(engine, newDir(), { bench: "bfcl:java" }))).rejects.toThrow(/bfcl:java: no data in .*hammer datasets fetch/);
    await expect(runEval(opts(engine, newDir(), { bench: "bfcl:simple,bfcl:java" }))).rejects.toThrow(/bfcl:java: not in .*hammer datasets fetch/);
    await expect(runEval(opts(engine, newDir(), { limit: 0 }))).rejects.toThrow(/--limit: must be a positive integer/);
    await expect(runEval(opts(engine, newDir(), { concurrency: 0 }))).rejects.toThrow(/--concurrency/);
  });

  it("an --out folder that cannot be made (a file in the way) is bad input naming the path, not a bare ENOTDIR", async () => {
    const file = path.join(out, "a-file");
    writeFileSync(file, "x");
    await expect(runEval(opts(new GoldEngine([], "original"), path.join(file, "run")))).rejects.toMatchObject({
      code: "NOT_FOUND",
      location: path.join(file, "run"),
      message: "--out: cannot create the run folder: not a directory (ENOTDIR)",
    });
  });
});
