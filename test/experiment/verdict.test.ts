import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RUN_RESULTS_KIND } from "../../src/eval/run/index.js";
import { LAYOUT, MODELS, QUICK_SETTINGS, writeExperimentReport, type ModelName } from "../../src/experiment/index.js";

const root = mkdtempSync(path.join(tmpdir(), "hammer-verdict-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

const N = 30;
const GOLD = [{ name: "get_weather", arguments: { city: "Paris" } }];

/** Correct answers per model and mode (first k of N samples right), for a BFCL part and a Hammer set. */
type Scenario = Record<ModelName, { plain: number; names: number }>;

/** An experiment folder holding only what the report reads, with results.json files in `eval run`'s layout. */
function fakeExperiment(name: string, scenario: Scenario, stepSeconds?: number): string {
  const out = path.join(root, name);
  const write = (rel: string, text: string) => {
    mkdirSync(path.dirname(path.join(out, rel)), { recursive: true });
    writeFileSync(path.join(out, rel), text);
  };
  write(path.join(LAYOUT.split, "split.json"), JSON.stringify({ split: { train: ["bfcl:simple"], irrelevance: [], eval: ["bfcl:live_simple", "hammer:apibank_l1"] }, rule: "r", train_rows: { "bfcl:simple": 9 }, irrelevance_rows: {}, dropped: {}, eval_ids: [], eval_function_names: [] }));
  write(LAYOUT.commands, "hammer eval run …\n");
  for (const arm of ["unmasked", "masked"] as const) write(path.join(LAYOUT.train(arm), "run", "metrics.jsonl"), [1, 2, 3].map((step) => JSON.stringify({ step, loss: 1 / step, ...(stepSeconds === undefined ? {} : { step_s: stepSeconds }) })).join("\n"));
  for (const m of MODELS) {
    for (const [mode, k] of [["plain", scenario[m].plain], ["names-params", scenario[m].names]] as const) {
      const samples = [];
      for (let i = 0; i < N; i++) {
        const right = i < k;
        samples.push({ id: `live_simple_${i}`, part: "bfcl:live_simple", correct: right, expected: null, got: null });
        samples.push({ id: `apibank_l1_${i}`, part: "hammer:apibank_l1", correct: right, expected: GOLD, got: right ? GOLD : [{ name: "x1Yz_q", arguments: { city: "Paris" } }] });
      }
      write(path.join(LAYOUT.evalRun(m, mode), "run", "results.json"), JSON.stringify({ kind: RUN_RESULTS_KIND, run: {}, timing: {}, counts: {}, parts: [], samples, error_types: {} }));
    }
  }
  return out;
}

const report = (out: string) =>
  writeExperimentReport({ out, settings: { ...QUICK_SETTINGS, bootstrap: 500 }, quick: false, baseModel: "m", commandLine: null, models: MODELS, modes: ["plain", "names-params"], layout: LAYOUT });

describe("the report's verdict on the paper's effect", () => {
  it("shows when masking training shrinks the gap between plain and masked names", () => {
    const r = report(fakeExperiment("shows", { base: { plain: 10, names: 5 }, unmasked: { plain: 24, names: 8 }, masked: { plain: 23, names: 21 } }));
    for (const b of r.benches) {
      expect(b.verdict, b.part).toBe("shows");
      expect(b.gaps.unmasked!["names-params"]!.value).toBeCloseTo(16 / 30);
      expect(b.gaps.masked!["names-params"]!.value).toBeCloseTo(2 / 30);
      expect(b.gapReduction.value).toBeCloseTo(14 / 30);
      expect(b.gapReduction.low!).toBeGreaterThan(0);
    }
    const acc = r.benches.find((b) => b.part === "bfcl:live_simple")!;
    expect(acc.scores["masked/plain"]!.value).toBeCloseTo(23 / 30);
    const f1 = r.benches.find((b) => b.part === "hammer:apibank_l1")!;
    expect(f1.metric).toBe("f1_args");
    expect(f1.scores["masked/names-params"]!.value).toBeCloseTo(21 / 30); // one call each: F1 = share right
    expect(r.markdown).toContain("**REDUCED run**");
    expect(r.markdown).toContain("The paper's effect shows on every held-out benchmark");
  });

  it("is reported as reversed when the masked arm is the less robust one, and as not shown within noise", () => {
    const reversed = report(fakeExperiment("reversed", { base: { plain: 10, names: 5 }, unmasked: { plain: 23, names: 21 }, masked: { plain: 24, names: 8 } }));
    expect(reversed.benches.map((b) => b.verdict)).toEqual(["reversed", "reversed"]);
    expect(reversed.markdown).toContain("It is reversed on bfcl:live_simple, hammer:apibank_l1: the masked arm is the less robust one");
    const same = report(fakeExperiment("null", { base: { plain: 10, names: 9 }, unmasked: { plain: 20, names: 19 }, masked: { plain: 20, names: 19 } }));
    expect(same.benches.map((b) => b.verdict)).toEqual(["not shown", "not shown"]);
    expect(same.markdown).toContain("It does not show on bfcl:live_simple, hammer:apibank_l1: the intervals include 0, a null result");
  });

  it("calls a run reduced or of the issue's size from the training time in metrics.jsonl", () => {
    const scenario = { base: { plain: 10, names: 9 }, unmasked: { plain: 20, names: 19 }, masked: { plain: 20, names: 19 } };
    const short = report(fakeExperiment("short", scenario, 60)); // 3 steps of 60 s: 3 minutes per arm
    expect(short.markdown).toContain("**REDUCED run**");
    expect(short.markdown).toContain("(3.0 / 3.0 minutes of training, unmasked / masked)");
    const sized = report(fakeExperiment("sized", scenario, 300)); // 15 minutes per arm
    expect(sized.markdown).toContain("**CPU run at the issue's size**");
    expect(sized.markdown).toContain("in 15.0 / 15.0 minutes");
    expect(sized.markdown).not.toContain("REDUCED");
  });
});
