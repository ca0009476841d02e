import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { hammerLabel, hammerTrainPrompt } from "../../core/formats/hammerText.js";
import { buildDataset, type BuildOptions } from "./buildDataset.js";
import type { RejectRecord } from "./BatchProcessor.js";
import { writeSyntheticXlam } from "../records/syntheticXlam.js";
import { promptAndLabel } from "../records/trainRecord.js";

let dir: string;
let xlamArray: string;
let xlamLines: string;
let irrelevance: string;
const ROWS = 120;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-build-"));
  xlamArray = path.join(dir, "xlam.json");
  xlamLines = path.join(dir, "xlam.jsonl");
  irrelevance = path.join(dir, "irr.json");
  writeSyntheticXlam(xlamArray, { rows: ROWS, seed: 5 });
  writeSyntheticXlam(xlamLines, { rows: ROWS, seed: 5, layout: "jsonl" });
  writeSyntheticXlam(irrelevance, { rows: 15, seed: 5, irrelevance: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const out = (name: string) => path.join(dir, name);
const build = (o: Partial<BuildOptions> & { out: string }) => buildDataset({ xlam: xlamArray, workers: 0, ...o });
const lines = (file: string) => readFileSync(file, "utf8").split("\n").filter((l) => l !== "");
const records = (file: string): unknown[] => (file.endsWith(".jsonl") ? lines(file).map((l) => JSON.parse(l)) : (JSON.parse(readFileSync(file, "utf8")) as unknown[]));

describe("buildDataset", () => {
  it("follows Hammer's recipe: copies × (xlam + irrelevance), about 2/3 masked, counts reconciled", async () => {
    const progress: Array<[number, number]> = [];
    const s = await build({ irrelevance, out: out("recipe.json"), onProgress: (d, t) => progress.push([d, t]) });
    expect(progress.at(-1)).toEqual([3 * (ROWS + 15), 3 * (ROWS + 15)]);
    expect(progress.every(([d], k) => k === 0 || d > (progress[k - 1] as [number, number])[0])).toBe(true);
    expect(s.rowsIn).toBe(ROWS + 15);
    expect(s.rowsOut).toBe(3 * (ROWS + 15));
    expect(s.rowsIn * s.copies).toBe(s.rowsOut + s.rejected * s.copies);
    expect(s.irrelevanceOut).toBe(45);
    expect(s.maskedShare).toBeGreaterThan(0.55);
    expect(s.maskedShare).toBeLessThan(0.78);
    const recs = records(out("recipe.json")) as Array<{ instruction: string; input: string; output: string }>;
    expect(recs).toHaveLength(s.rowsOut);
    expect(Object.keys(recs[0] ?? {})).toEqual(["instruction", "input", "output"]);
    expect(recs.filter((r) => r.output === "```\n[]\n```")).toHaveLength(45);
    expect(readFileSync(s.rejectsFile, "utf8")).toBe("");
  });

  it("golden: an unmasked row is hammerTrainPrompt(tools as stored, query) and hammerLabel(answers as stored)", async () => {
    const s = await build({ xlam: xlamLines, maskRatio: 0, copies: 1, out: out("plain.jsonl") });
    expect(s.masked).toBe(0);
    const src = lines(xlamLines).map((l) => JSON.parse(l) as { query: string; tools: string; answers: string });
    const want = new Set(src.map((r) => JSON.stringify({ instruction: hammerTrainPrompt(r.tools, r.query), input: "", output: hammerLabel(r.answers) })));
    const got = lines(out("plain.jsonl"));
    expect(new Set(got)).toEqual(want);
    expect(got).not.toEqual([...want]); // shuffled
  });

  it("copies stored texts exactly whatever their escaping (\\u escapes, raw UTF-8, \\/)", async () => {
    const file = out("escapes.jsonl");
    const tools = '[{"name": "caf\\u00e9", "description": "na\\u00efve \\"q\\" a/b", "parameters": {}}]';
    const recs = [
      '{"query": "caf\\u00e9 \\ud83d\\ude00", "tools": ' + JSON.stringify(tools) + ', "answers": "[]"}',
      JSON.stringify({ query: "café 😀 \u2028", tools: tools.replace("\\u00e9", "é"), answers: "[]" }), // raw UTF-8
      '{"query": "a\\/b", "tools": ' + JSON.stringify(tools) + ', "answers": "[]"}',
    ];
    // already-parsed arrays are stored as Python json.dumps text (float marks kept)
    const parsed = '{"query": "q", "tools": [{"name": "f", "parameters": {"x": {"default": 1.0}}}], "answers": [{"name": "f", "arguments": {"x": 2.50}}]}';
    writeFileSync(file, [...recs, parsed].join("\n"));
    await build({ xlam: file, maskRatio: 0, copies: 1, out: out("escapes-out.jsonl") });
    const want = recs.map((r) => {
      const x = JSON.parse(r) as { query: string; tools: string; answers: string };
      return JSON.stringify({ instruction: hammerTrainPrompt(x.tools, x.query), input: "", output: hammerLabel(x.answers) });
    });
    const toolsText = '[{"name": "f", "parameters": {"x": {"default": 1.0}}}]';
    want.push(JSON.stringify({ instruction: hammerTrainPrompt(toolsText, "q"), input: "", output: hammerLabel('[{"name": "f", "arguments": {"x": 2.5}}]') }));
    expect(lines(out("escapes-out.jsonl")).sort()).toEqual(want.sort());
  });

  it("masks every row at ratio 1, and the masked labels name only masked tools", async () => {
    const s = await build({ maskRatio: 1, copies: 1, out: out("all.jsonl") });
    expect(s.masked).toBe(ROWS);
    const originalNames = new Set(lines(xlamLines).flatMap((l) => (JSON.parse((JSON.parse(l) as { tools: string }).tools) as Array<{ name: string }>).map((t) => t.name)));
    for (const r of records(out("all.jsonl"))) {
      const pl = promptAndLabel(r);
      const tools = JSON.parse(/\[BEGIN OF AVAILABLE TOOLS\]\n(.*)\n\[END OF AVAILABLE TOOLS\]/s.exec(pl?.prompt ?? "")?.[1] ?? "") as Array<{ name: string }>;
      const calls = JSON.parse(/^```\n(.*)\n```$/s.exec(pl?.label ?? "")?.[1] ?? "") as Array<{ name: string }>;
      for (const t of tools) expect(originalNames.has(t.name)).toBe(false);
      for (const c of calls) expect(tools.map((t) => t.name)).toContain(c.name);
    }
  });

  it("is deterministic: same inputs and seed give the same bytes; JSON array and JSON Lines inputs give the same output", async () => {
    await build({ out: out("d1.json") });
    await build({ out: out("d2.json") });
    await build({ xlam: xlamLines, out: out("d3.json") });
    await build({ out: out("d4.json"), seed: 13 });
    const d1 = readFileSync(out("d1.json"));
    expect(readFileSync(out("d2.json")).equals(d1)).toBe(true);
    expect(readFileSync(out("d3.json")).equals(d1)).toBe(true);
    expect(readFileSync(out("d4.json")).equals(d1)).toBe(false);
  });

  it("gives the same bytes with worker threads as in one thread", async () => {
    await build({ irrelevanceSample: 20, out: out("w0.jsonl") });
    await build({ irrelevanceSample: 20, out: out("w2.jsonl"), workers: 2 });
    expect(readFileSync(out("w2.jsonl")).equals(readFileSync(out("w0.jsonl")))).toBe(true);
  }, 30_000);

  it("writes JSON Lines or a JSON array in Hammer's indent-2 layout, same records", async () => {
    await build({ out: out("l.jsonl"), format: "sharegpt" });
    await build({ out: out("a.json"), format: "sharegpt" });
    const a = readFileSync(out("a.json"), "utf8");
    expect(records(out("a.json"))).toEqual(records(out("l.jsonl")));
    expect(a.startsWith('[\n  {\n    "conversations": [\n      {\n        "from": "system",')).toBe(true);
    expect(a.endsWith("\n  }\n]")).toBe(true);
    expect(JSON.stringify(JSON.parse(a), null, 2)).toBe(a); // Python's indent=2 layout is JSON.stringify's
  });

  it("carries the same prompt and label in every format", async () => {
    const texts = [];
    for (const format of ["alpaca", "sharegpt", "messages"] as const) {
      await build({ out: out(`f-${format}.jsonl`), format, copies: 1 });
      texts.push(records(out(`f-${format}.jsonl`)).map((r) => promptAndLabel(r)));
    }
    expect(texts[1]).toEqual(texts[0]);
    expect(texts[2]).toEqual(texts[0]);
    expect(records(out("f-messages.jsonl"))[0]).toMatchObject({ messages: [{ role: "system", content: "You are a helpful assistant." }, { role: "user" }, { role: "assistant" }] });
  });

  it("task-from source: every record names its source in a task field, and is otherwise the same record", async () => {
    for (const [format, name] of [["messages", "t.jsonl"], ["alpaca", "t.json"]] as const) {
      const plain = records((await build({ irrelevance, format, out: out(`plain-${name}`) })).out) as Array<Record<string, unknown>>;
      const tagged = records((await build({ irrelevance, format, taskFrom: "source", out: out(name) })).out) as Array<Record<string, unknown>>;
      expect(tagged.map(({ task: _task, ...rest }) => rest)).toEqual(plain);
      expect(new Set(tagged.map((r) => r.task))).toEqual(new Set(["xlam", "irrelevance"]));
      // the irrelevance file's rows (and only they, in this synthetic data) are labelled []
      const empty = (r: Record<string, unknown>) => (promptAndLabel(r) as { label: string }).label === "```\n[]\n```";
      expect(tagged.filter((r) => r.task === "irrelevance").every(empty)).toBe(true);
      expect(tagged.filter((r) => r.task === "irrelevance")).toHaveLength(45);
    }
    const threaded = await buildDataset({ xlam: xlamArray, irrelevance, taskFrom: "source", workers: 2, out: out("t-threads.json") });
    expect(readFileSync(threaded.out, "utf8")).toBe(readFileSync(out("t.json"), "utf8"));
    await expect(build({ taskFrom: "file" as "source", out: out("bad.json") })).rejects.toThrow(/task-from must be "source"/);
  });

  it("samples irrelevance rows: gold tools dropped, label [], rows left without tools skipped and counted", async () => {
    const file = out("irr-src.jsonl");
    const tool = (n: string) => ({ name: n, description: n, parameters: {} });
    writeFileSync(
      file,
      [
        { query: "only gold", tools: JSON.stringify([tool("a")]), answers: JSON.stringify([{ name: "a", arguments: {} }]) },
        { query: "one left", tools: JSON.stringify([tool("a"), tool("b"), tool("a")]), answers: JSON.stringify([{ name: "a", arguments: {} }]) },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    const s = await build({ xlam: file, irrelevanceSample: 2, maskRatio: 0, copies: 2, out: out("irr.jsonl") });
    expect([s.rowsIn, s.rejected, s.rowsOut, s.irrelevanceOut]).toEqual([4, 1, 6, 2]);
    expect(s.rejectReasons).toEqual({ irrelevance_no_tools: 1 });
    const rej = lines(s.rejectsFile).map((l) => JSON.parse(l) as RejectRecord);
    expect(rej).toEqual([{ source: "irrelevance-sample", file, row: 0, line: 1, reason: "irrelevance_no_tools", message: expect.any(String) }]);
    const irr = records(out("irr.jsonl")).filter((r) => (r as { output: string }).output === "```\n[]\n```") as Array<{ instruction: string }>;
    expect(irr).toHaveLength(2);
    for (const r of irr) expect(r.instruction).toContain(`[BEGIN OF AVAILABLE TOOLS]\n${JSON.stringify([tool("b")]).replace(/,/g, ", ").replace(/:/g, ": ")}\n`);
  });

  it("rejects bad rows with row, line and reason, and the counts reconcile", async () => {
    const file = out("bad.jsonl");
    const good = lines(xlamLines).slice(0, 10);
    const bad = [
      "{not json",
      JSON.stringify({ query: "q", tools: "[]", answers: "[]" }),
      JSON.stringify({ id: 42, query: "q", tools: '[{"name": "a", "parameters": {}}]', answers: '[{"name": "zz", "arguments": {}}]' }),
      JSON.stringify({ query: "q", tools: '[{"name": "a", "parameters": 3}]', answers: "[]" }),
      JSON.stringify({ query: "q", answers: "[]" }),
    ];
    writeFileSync(file, [...good.slice(0, 5), ...bad, "", ...good.slice(5)].join("\n") + "\n");
    const s = await build({ xlam: file, out: out("bad-out.json") });
    expect(s.rowsIn).toBe(15);
    expect(s.rejected).toBe(5);
    expect(s.rowsIn * s.copies).toBe(s.rowsOut + s.rejected * s.copies);
    expect(s.rowsOut).toBe(30);
    expect(s.rejectReasons).toEqual({ invalid_json: 1, empty_tools: 1, unknown_tool: 1, invalid_parameters: 1, missing_field: 1 });
    const rej = lines(s.rejectsFile).map((l) => JSON.parse(l) as RejectRecord);
    expect(rej.map((r) => [r.row, r.line, r.reason]).sort((a, b) => (a[0] as number) - (b[0] as number))).toEqual([
      [5, 6, "invalid_json"],
      [6, 7, "empty_tools"],
      [7, 8, "unknown_tool"],
      [8, 9, "invalid_parameters"],
      [9, 10, "missing_field"],
    ]);
    expect(rej.find((r) => r.reason === "unknown_tool")).toMatchObject({ id: 42, source: "xlam", file, message: 'answer 0 calls "zz", which is not in the tool list' });
    expect(records(out("bad-out.json"))).toHaveLength(30);
  });

  it("with worker threads (records read ahead by the main thread), rejects the same rows and writes the same bytes", async () => {
    const file = out("bad-w.jsonl");
    const good = lines(xlamLines).slice(0, 10);
    const huge = JSON.stringify({ query: "x".repeat(5000), tools: good[0] ? (JSON.parse(good[0]) as { tools: string }).tools : "[]", answers: "[]" });
    writeFileSync(file, [...good.slice(0, 5), "{not json", huge, ...good.slice(5)].join("\n") + "\n");
    const one = await build({ xlam: file, out: out("bw0.jsonl"), maxRecordBytes: 4096 });
    const two = await build({ xlam: file, out: out("bw2.jsonl"), maxRecordBytes: 4096, workers: 2 });
    expect(two.rejectReasons).toEqual({ invalid_json: 1, record_too_large: 1 });
    expect(two.rejectReasons).toEqual(one.rejectReasons);
    expect(readFileSync(out("bw2.jsonl")).equals(readFileSync(out("bw0.jsonl")))).toBe(true);
  }, 30_000);

  it("strict: the first bad row is a failed check, with its place, and leaves no output", async () => {
    const file = out("bad.jsonl");
    const target = out("strict.json");
    await expect(build({ xlam: file, strict: true, out: target })).rejects.toMatchObject({ code: "CHECK_FAILED", location: expect.stringMatching(/bad\.jsonl:\d+$/) });
    expect(existsSync(target)).toBe(false);
    expect(existsSync(`${target}.rejects.jsonl`)).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("maxRejects: fails at the row that passes the limit, builds within it", async () => {
    const file = out("bad.jsonl"); // 5 bad rows
    const target = out("max.json");
    await expect(build({ xlam: file, maxRejects: 4, out: target })).rejects.toMatchObject({
      code: "CHECK_FAILED",
      message: expect.stringMatching(/\(5 rejected rows, more than the 4 allowed\)$/),
    });
    expect(existsSync(target)).toBe(false);
    expect((await build({ xlam: file, maxRejects: 5, out: target })).rejected).toBe(5);
    await expect(build({ xlam: file, maxRejects: -1, out: target })).rejects.toThrow(/max rejects/);
  });

  it("is atomic: a build stopped mid-write leaves neither a final file nor a temp file, and an old file untouched", async () => {
    const target = out("atomic.json");
    const controller = new AbortController();
    let seen = 0;
    const run = build({
      out: target,
      signal: controller.signal,
      onProgress: (done) => {
        seen = done;
        if (done >= 100) controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ code: "ABORTED" });
    expect(seen).toBeGreaterThanOrEqual(100);
    expect(existsSync(target)).toBe(false);
    writeFileSync(target, "old");
    const again = new AbortController();
    again.abort();
    await expect(build({ out: target, signal: again.signal })).rejects.toMatchObject({ code: "ABORTED" });
    expect(readFileSync(target, "utf8")).toBe("old");
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses bad options and broken files with clear errors", async () => {
    await expect(build({ out: out("x.json"), copies: 0 })).rejects.toThrow(/copies/);
    await expect(build({ out: out("x.json"), maskRatio: 1.5 })).rejects.toThrow(/mask ratio/);
    await expect(build({ out: out("x.json"), irrelevance, irrelevanceSample: 3 })).rejects.toThrow(/not both/);
    await expect(build({ out: out("x.json"), irrelevanceSample: ROWS + 1 })).rejects.toThrow(/cannot sample/);
    await expect(build({ xlam: out("missing.json"), out: out("x.json") })).rejects.toMatchObject({ code: "NOT_FOUND" });
    writeFileSync(out("broken.json"), '[{"query": "q"},');
    await expect(build({ xlam: out("broken.json"), out: out("x.json") })).rejects.toThrow(/broken\.json.*not closed|not closed/);
    expect(existsSync(out("x.json"))).toBe(false);
    // with workers: they are started before the inputs are indexed, and stopped when indexing fails
    await expect(build({ xlam: out("broken.json"), out: out("x.json"), workers: 2 })).rejects.toThrow(/not closed/);
    expect(existsSync(out("x.json"))).toBe(false);
    expect(readdirSync(dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });
});
