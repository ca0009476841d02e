import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../src/core/json/index.js";
import { runEval, type MaskSelection, type RunResults } from "../../src/eval/run/index.js";
import { FIXTURE_BENCH, writeFixtureData } from "./support/fixtureData.js";
import { GoldEngine } from "./support/GoldEngine.js";
import { loadItems } from "./support/loadFixtureItems.js";

// Robustness mode end to end: mask → prompt → unmask → score, with a perfect model double.

let data: { dir: string; cleanup: () => void };
let out: string;
beforeAll(() => {
  data = writeFixtureData();
  out = mkdtempSync(path.join(os.tmpdir(), "hammer-eval-robust-"));
});
afterAll(() => {
  data?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

const ALL: MaskSelection = { names: true, params: true, defaults: true };
let n = 0;
async function run(engine: GoldEngine, mask: MaskSelection | null, seed = 3): Promise<RunResults> {
  const outcome = await runEval({ bench: FIXTURE_BENCH, dataDir: data.dir, outDir: path.join(out, `run-${n++}`), engine, model: { name: "gold" }, mask, seed });
  if (!outcome.results) throw new Error("run did not finish");
  return outcome.results;
}
const bfclAccuracy = (r: RunResults) => r.parts.filter((p) => p.kind === "bfcl").map((p) => [p.part, p.accuracy]);

describe("robustness mode", () => {
  it("a model answering with the masked names it was shown scores 100% after unmasking (every mask)", async () => {
    const engine = new GoldEngine(loadItems(FIXTURE_BENCH, data.dir), "masked");
    const r = await run(engine, ALL);
    expect(r.counts.samples).toBe(7);
    expect(r.samples.filter((s) => !s.correct).map((s) => [s.id, s.error])).toEqual([]);
    expect(bfclAccuracy(r)).toEqual([
      ["bfcl:simple", 1],
      ["bfcl:multiple", 1],
      ["bfcl:parallel", 1],
      ["bfcl:irrelevance", 1],
    ]);
    for (const p of r.parts.filter((x) => x.kind === "hammer")) {
      expect(p.official?.f1_api).toBe(1);
      expect(p.corrected?.f1_param).toBe(1);
    }

    // The model really saw masked tools: no original name, parameter or matched default reached it.
    const shown = engine.requests.flatMap((q) => q.tools ?? []);
    const names = shown.map((t) => t.name);
    for (const original of ["get_weather", "geometry.area", "book_flight", "get_time", "translateText", "AddMeeting"]) expect(names).not.toContain(original);
    const weather = shown.find((t) => t.description.startsWith("Get the current weather for a city."));
    expect(Object.keys(weather?.parameters.properties ?? {})).not.toContain("city");
    const unit = Object.values(weather?.parameters.properties ?? {})[1] as { default?: unknown };
    expect(unit.default).not.toBe("celsius");
    // ... and the query follows the masked default, while the score is against the original gold.
    const weatherQuery = engine.requests.find((q) => q.tools?.includes(weather!))?.messages.find((m) => m.role === "user")?.content;
    expect(weatherQuery).toContain(`in ${String(unit.default)}?`);

    // The earlier API-Bank call in the conversation is renamed along with the tools.
    const dialogue = engine.requests.find((q) => q.messages.some((m) => m.role === "tool"));
    const history = dialogue?.messages.find((m) => m.role === "assistant" && m.toolCalls);
    expect(history && history.role === "assistant" ? history.toolCalls?.[0]?.name : undefined).toBe(dialogue?.tools?.find((t) => t.description.startsWith("Get the token of a user."))?.name);

    // The mapping of every sample is in the predictions log and the results, and unmasked calls are logged.
    const lines = readFileSync(path.join(out, "run-0", "predictions.jsonl"), "utf8").trim().split("\n").map((l) => parseJson(l) as Record<string, any>);
    const simple0 = lines.find((l) => l.id === "simple_0");
    expect(simple0?.mask.functions[0]).toMatchObject({ original: "get_weather" });
    expect(simple0?.tool_calls).toEqual([{ name: "get_weather", arguments: { city: "Paris", unit: "celsius" } }]);
    expect(simple0?.output).not.toContain("get_weather");
    expect(r.samples.find((s) => s.id === "simple_0")?.mask?.functions[0]?.original).toBe("get_weather");
  });

  it("masking is seeded per sample: the same seed gives the same prompts, another seed other names", async () => {
    const items = loadItems(FIXTURE_BENCH, data.dir);
    const a = new GoldEngine(items, "masked");
    const b = new GoldEngine(items, "masked");
    const c = new GoldEngine(items, "masked");
    await run(a, ALL, 11);
    await run(b, ALL, 11);
    await run(c, ALL, 12);
    const prompts = (e: GoldEngine) => e.requests.map((q) => JSON.stringify([q.messages, q.tools])).sort();
    expect(prompts(a)).toEqual(prompts(b));
    expect(prompts(a)).not.toEqual(prompts(c));
  });

  it("a model that answers the original names fails every call under --mask names, and scores 100% unmasked", async () => {
    const items = loadItems(FIXTURE_BENCH, data.dir);
    const masked = await run(new GoldEngine(items, "original"), { names: true, params: false, defaults: false });
    expect(bfclAccuracy(masked)).toEqual([
      ["bfcl:simple", 0],
      ["bfcl:multiple", 0],
      ["bfcl:parallel", 0],
      ["bfcl:irrelevance", 1], // no call expected, none made
    ]);
    for (const p of masked.parts.filter((x) => x.kind === "hammer")) {
      // No correct call (evaluate.py then prints no F1 at all).
      expect(p.official_counts).toMatchObject({ pred_api: 1, correct_api: 0 });
      expect(p.corrected_counts).toMatchObject({ pred_api: 1, correct_api: 0 });
      expect(p.correct).toBe(0);
    }
    expect(masked.error_types).toMatchObject({ "simple_function_checker:wrong_func_name": 3, "hammer:wrong_func_name": 2 });

    const plain = await run(new GoldEngine(items, "original"), null);
    expect(plain.counts.correct).toBe(plain.counts.samples);
    expect(plain.run.mask).toBeNull();
  });
});
