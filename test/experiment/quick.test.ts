import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SPLIT, LAYOUT, QUICK_SETTINGS, runMaskingExperiment, type ExperimentReport } from "../../src/experiment/index.js";
import { HAS_SHARED_DATA, REPO_ROOT, SHARED_DATA, SKIP_SHARED_REASON } from "../support/sharedData.js";
import { HAS_TRAINER_VENV, SKIP_TRAINER_REASON } from "../support/trainerVenv.js";
import { evaluationSets, recordTools, trainingFileContents } from "./splitCheck.js";

/**
 * `npm run experiment:masking -- --quick` end to end on a tiny random Qwen2: split → data (two
 * arms) → LoRA training (two arms, 2 steps each) → export (base + two) → eval (3 models × plain and
 * masked names, 2 samples per benchmark) → report. Then a rerun resumes: every stage is skipped.
 */
const SKIP = !HAS_TRAINER_VENV ? SKIP_TRAINER_REASON : !HAS_SHARED_DATA ? SKIP_SHARED_REASON : undefined;
// The stages run in the experiment folder, so tsx is named by its path, not resolved from there.
const HAMMER = [process.execPath, "--import", pathToFileURL(path.join(REPO_ROOT, "node_modules/tsx/dist/loader.mjs")).href, path.join(REPO_ROOT, "src/cli/main.ts")];

if (SKIP !== undefined) describe("the masking experiment, --quick", () => it.skip(SKIP, () => undefined));

describe.skipIf(SKIP !== undefined)("the masking experiment, --quick, on a tiny random model", () => {
  const out = mkdtempSync(path.join(tmpdir(), "hammer-experiment-"));
  const lines: string[] = [];
  let report: ExperimentReport;
  const run = () => runMaskingExperiment({ out, dataDir: SHARED_DATA, baseModel: null, quick: true, settings: QUICK_SETTINGS, split: DEFAULT_SPLIT, hammer: HAMMER, log: (l) => lines.push(l) });

  beforeAll(async () => {
    report = await run();
  }, 1_200_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it("runs every stage and reports progress for each", () => {
    const done = lines.filter((l) => / done in /.test(l)).map((l) => l.replace(/^\[\d+\/\d+\] /, "").replace(/: done.*/, ""));
    expect(done).toEqual([
      "base", "split", "data unmasked", "data masked", "train unmasked", "train masked", "export base", "export unmasked", "export masked",
      "eval base plain", "eval base names-params", "eval unmasked plain", "eval unmasked names-params", "eval masked plain", "eval masked names-params",
    ]);
  });

  it("the training files hold no evaluation sample id and no evaluation function name", () => {
    const evalSets = evaluationSets(SHARED_DATA, DEFAULT_SPLIT.eval);
    for (const file of ["xlam.jsonl", "irrelevance.jsonl"]) {
      const t = trainingFileContents(path.join(out, LAYOUT.split, file));
      expect(t.ids.length).toBeGreaterThan(0);
      for (const id of t.ids) expect(evalSets.ids.has(id), id).toBe(false);
      for (const n of t.names) expect(evalSets.names.has(n.toLowerCase()), n).toBe(false);
    }
    const split = JSON.parse(readFileSync(path.join(out, LAYOUT.split, "split.json"), "utf8")) as { split: unknown; eval_ids: string[] };
    expect(split.split).toEqual(DEFAULT_SPLIT);
    expect(new Set(split.eval_ids)).toEqual(evalSets.ids);
  });

  it("both arms train on the same rows in the same order; only the masking differs", () => {
    const read = (arm: "masked" | "unmasked") =>
      readFileSync(path.join(out, LAYOUT.data(arm), "train.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as { instruction: string; output: string });
    const plain = read("unmasked");
    const masked = read("masked");
    expect(masked).toHaveLength(plain.length);
    let maskedRows = 0;
    for (const [i, m] of masked.entries()) {
      const p = plain[i]!;
      expect(recordTools(m).irrelevant, `row ${i}`).toBe(recordTools(p).irrelevant);
      if (JSON.stringify(m) === JSON.stringify(p)) continue;
      // a masked row: every function got a new name
      const before = new Set(recordTools(p).names);
      expect(recordTools(m).names.filter((n) => before.has(n)), `row ${i}`).toEqual([]);
      maskedRows++;
    }
    expect(maskedRows).toBeGreaterThan(plain.length / 3);
  });

  it("trains both arms for the same steps and reports tables, gaps, the loss chart and the commands", () => {
    for (const arm of ["unmasked", "masked"] as const) {
      const steps = readFileSync(path.join(out, LAYOUT.train(arm), "run", "metrics.jsonl"), "utf8").trim().split("\n");
      expect(steps).toHaveLength(QUICK_SETTINGS.steps);
    }
    expect(readFileSync(report.chartFile).subarray(1, 4).toString()).toBe("PNG");
    expect(report.benches.map((b) => b.part).sort()).toEqual(["bfcl:live_simple", "hammer:apibank_l1"]);
    for (const b of report.benches) {
      expect(b.samples).toBe(QUICK_SETTINGS.evalLimit);
      expect(Object.keys(b.scores).sort()).toEqual(["base/names-params", "base/plain", "masked/names-params", "masked/plain", "unmasked/names-params", "unmasked/plain"]);
      expect(["shows", "not shown", "reversed"]).toContain(b.verdict);
    }
    expect(report.markdown).toContain("**QUICK run**");
    expect(report.markdown).toContain("### hammer:apibank_l1");
    expect(report.markdown).toContain("plain − names-params");
    expect(report.markdown).toMatch(/hammer train --model \S+ --data data\/masked\/train.jsonl/);
    expect(report.markdown).toMatch(/hammer eval run .* --mask names,params/);
  });

  it("a rerun resumes: every stage's outputs match its inputs, so each is skipped", async () => {
    lines.length = 0;
    const again = await run();
    expect(lines.filter((l) => / done in /.test(l))).toEqual([]);
    expect(lines.filter((l) => /skipped/.test(l))).toHaveLength(15);
    expect(again.markdown).toBe(report.markdown);
    expect(existsSync(path.join(out, LAYOUT.commands))).toBe(true);
  }, 600_000);

  it("a training stopped before its first checkpoint starts again; the stages after it still match", async () => {
    const stage = path.join(out, LAYOUT.train("masked"));
    const record = JSON.parse(readFileSync(path.join(stage, "stage.json"), "utf8")) as { hash: string };
    writeFileSync(path.join(stage, "stage.pending.json"), JSON.stringify({ stage: "train masked", hash: record.hash }));
    rmSync(path.join(stage, "stage.json"));
    rmSync(path.join(stage, "run", "checkpoints"), { recursive: true });
    rmSync(path.join(stage, "run", "adapter"), { recursive: true });
    lines.length = 0;
    const again = await run();
    expect(lines.filter((l) => / done in /.test(l)).map((l) => l.replace(/^\[\d+\/\d+\] /, "").replace(/: done.*/, ""))).toEqual(["train masked"]);
    expect(again.benches).toEqual(report.benches);
  }, 600_000);
});
