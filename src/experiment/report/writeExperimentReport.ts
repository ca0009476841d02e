import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { ExperimentSettings } from "../experimentOptions.js";
import type { Interval } from "./bootstrap.js";
import { lineChartPng } from "./lossChart.js";
import { collectParts, exactShare, pairedDifference, scoreInterval, type PartRuns } from "./scoreRuns.js";

export interface ReportInput {
  out: string;
  settings: ExperimentSettings;
  quick: boolean;
  baseModel: string;
  commandLine: string | null;
  models: readonly string[];
  modes: readonly string[];
  layout: {
    commands: string;
    split: string;
    train: (arm: "masked" | "unmasked") => string;
    evalRun: (m: never, mode: never) => string;
    report: string;
  };
}

/** What the robustness comparison says on one benchmark. */
export type EffectVerdict = "shows" | "not shown" | "reversed";

export interface BenchSummary {
  part: string;
  metric: PartRuns["metric"];
  samples: number;
  scores: Record<string, Interval>;
  /** plain minus masked-names score, per model (and per masked mode). */
  gaps: Record<string, Record<string, Interval>>;
  /** unmasked arm's gap minus masked arm's gap (positive: masking made the model more robust). */
  gapReduction: Interval;
  /** masked arm minus unmasked arm, both under masked names. */
  maskedNamesAdvantage: Interval;
  verdict: EffectVerdict;
}

export interface ExperimentReport {
  markdownFile: string;
  chartFile: string;
  summaryFile: string;
  benches: BenchSummary[];
  markdown: string;
}

const ARM_COLORS = { unmasked: [230, 120, 20], masked: [30, 90, 200] } as const;
const fmt = (v: number | null) => (v === null ? "–" : v.toFixed(3));
const cell = (i: Interval | undefined) => (i === undefined || i.value === null ? "–" : `${fmt(i.value)} [${fmt(i.low)}, ${fmt(i.high)}]`);
const signed = (i: Interval) => (i.value === null ? "–" : `${i.value >= 0 ? "+" : ""}${fmt(i.value)} [${fmt(i.low)}, ${fmt(i.high)}]`);

interface StepLine {
  step: number;
  loss: number;
  /** Seconds the optimizer step took (hammer train's metrics.jsonl). */
  step_s?: number;
}

function readSteps(file: string): StepLine[] {
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => JSON.parse(l) as StepLine);
}

/** Training of each arm at least this long (minutes of optimizer steps) is the issue's size, not a reduced run. */
export const FULL_SIZE_TRAIN_MINUTES = 12;

function verdictOf(gapReduction: Interval, advantage: Interval): EffectVerdict {
  if ((gapReduction.low ?? 0) > 0 || (advantage.low ?? 0) > 0) return "shows";
  if ((gapReduction.high ?? 0) < 0 || (advantage.high ?? 0) < 0) return "reversed";
  return "not shown";
}

/**
 * The experiment's report from its files alone: tables per held-out benchmark with 95% bootstrap
 * intervals, robustness gaps, the training loss chart (PNG), the split and the exact commands.
 */
export function writeExperimentReport(input: ReportInput): ExperimentReport {
  const { out, settings: s } = input;
  const dir = path.join(out, input.layout.report);
  mkdirSync(dir, { recursive: true });
  const evalRun = input.layout.evalRun as (m: string, mode: string) => string;
  const runDirs = new Map<string, string>();
  for (const m of input.models) for (const mode of input.modes) runDirs.set(`${m}/${mode}`, path.join(out, evalRun(m, mode), "run"));
  const parts = collectParts(runDirs);
  const maskedModes = input.modes.filter((m) => m !== "plain");
  const namesMode = maskedModes[0] ?? "plain";
  const seed = 18;

  const benches: BenchSummary[] = parts.map((p) => {
    const scores: Record<string, Interval> = {};
    for (const key of runDirs.keys()) scores[key] = scoreInterval(p, key, s.bootstrap, seed);
    const gaps: Record<string, Record<string, Interval>> = {};
    for (const m of input.models) {
      gaps[m] = {};
      for (const mode of maskedModes) gaps[m]![mode] = pairedDifference(p, [[1, `${m}/plain`], [-1, `${m}/${mode}`]], s.bootstrap, seed);
    }
    const gapReduction = pairedDifference(p, [[1, "unmasked/plain"], [-1, `unmasked/${namesMode}`], [-1, "masked/plain"], [1, `masked/${namesMode}`]], s.bootstrap, seed);
    const maskedNamesAdvantage = pairedDifference(p, [[1, `masked/${namesMode}`], [-1, `unmasked/${namesMode}`]], s.bootstrap, seed);
    return { part: p.part, metric: p.metric, samples: p.ids.length, scores, gaps, gapReduction, maskedNamesAdvantage, verdict: verdictOf(gapReduction, maskedNamesAdvantage) };
  });

  const steps = { unmasked: readSteps(path.join(out, input.layout.train("unmasked"), "run", "metrics.jsonl")), masked: readSteps(path.join(out, input.layout.train("masked"), "run", "metrics.jsonl")) };
  const losses = { unmasked: steps.unmasked.map((m): [number, number] => [m.step, m.loss]), masked: steps.masked.map((m): [number, number] => [m.step, m.loss]) };
  // summed over the steps, so a training resumed after a stop counts only its steps' time
  const trainMinutes = { unmasked: steps.unmasked.reduce((a, m) => a + (m.step_s ?? 0), 0) / 60, masked: steps.masked.reduce((a, m) => a + (m.step_s ?? 0), 0) / 60 };
  const fullSize = Math.min(trainMinutes.unmasked, trainMinutes.masked) >= FULL_SIZE_TRAIN_MINUTES;
  const chartFile = path.join(dir, "loss.png");
  writeFileSync(chartFile, lineChartPng([{ color: ARM_COLORS.unmasked, points: losses.unmasked }, { color: ARM_COLORS.masked, points: losses.masked }]));

  const split = JSON.parse(readFileSync(path.join(out, input.layout.split, "split.json"), "utf8")) as {
    split: { train: string[]; irrelevance: string[]; eval: string[] };
    rule: string;
    train_rows: Record<string, number>;
    irrelevance_rows: Record<string, number>;
    dropped: Record<string, { notSingleTurn: number; sharesEvalFunction: number; sharesEvalQuery: number }>;
    eval_ids: string[];
    eval_function_names: string[];
  };
  const rowsTrained = (arm: "masked" | "unmasked") => {
    const logFile = path.join(out, input.layout.train(arm), "stage.log");
    const m = existsSync(logFile) ? /(\d[\d,]*) of (\d[\d,]*) rows to train on/.exec(readFileSync(logFile, "utf8")) : null;
    return m ? `${m[1]} of ${m[2]}` : "?";
  };
  const dataLine = (arm: "masked" | "unmasked") => {
    const logFile = path.join(out, "data", arm, "stage.log");
    const m = existsSync(logFile) ? /rows in .*= ([\d,]+) out[\s\S]*?masked ([\d,]+ \([\d.]+%\)), irrelevance ([\d,]+ \([\d.]+%\))/.exec(readFileSync(logFile, "utf8")) : null;
    return m ? `${m[1]} rows, ${m[2]} masked, ${m[3]} irrelevance` : "?";
  };
  const commands = readFileSync(path.join(out, input.layout.commands), "utf8").trim();
  const lossLine = (arm: "masked" | "unmasked") => {
    const l = losses[arm];
    const q = Math.max(1, Math.floor(l.length / 4));
    const mean = (xs: Array<[number, number]>) => xs.reduce((a, [, v]) => a + v, 0) / Math.max(1, xs.length);
    return l.length === 0 ? "no steps" : `${l.length} steps, loss ${fmt(l[0]![1])} → ${fmt(l.at(-1)![1])} (mean of the first/last quarter ${fmt(mean(l.slice(0, q)))} / ${fmt(mean(l.slice(-q)))})`;
  };

  const md: string[] = [];
  md.push("# Function masking → robustness to uninformative names: a small-scale reproduction", "");
  md.push(
    input.quick
      ? "**QUICK run**: a pipeline check on a tiny random model; its numbers mean nothing."
      : fullSize
        ? `**CPU run at the issue's size** (no GPU): each arm trained ${s.steps} optimizer steps in ${trainMinutes.unmasked.toFixed(1)} / ${trainMinutes.masked.toFixed(1)} minutes (unmasked / masked, summed from metrics.jsonl) with ${s.trainThreads} torch threads, and every model was evaluated on the first ${s.evalLimit} samples of each held-out benchmark in each mode. That is a small training run on a 135M model: read the intervals, not the point values.`
        : `**REDUCED run** on a shared 2-core CPU (no GPU): ${s.steps} steps per arm (${trainMinutes.unmasked.toFixed(1)} / ${trainMinutes.masked.toFixed(1)} minutes of training, unmasked / masked) and ${s.evalLimit} samples per benchmark, below the issue's ~15 minutes per arm. Read it as a pipeline result with wide intervals, not as the paper's scale.`,
    "",
  );
  md.push("Generated by `npm run experiment:masking` from the experiment folder's own files; no number here is typed by hand.", "");
  md.push("## What ran", "");
  md.push(`- Base model: ${input.baseModel}. Both arms: LoRA r ${s.loraR}, alpha ${s.loraAlpha}, lr ${s.lr}, ${s.steps} optimizer steps of ${s.batchSize}×${s.gradAccum} rows (${s.steps * s.batchSize * s.gradAccum} rows seen), warm-up ${s.warmupSteps} steps, cosine, max length ${s.maxLen}, seed ${s.trainSeed}, rows in file order, CPU, ${s.trainThreads} torch threads.`);
  md.push(`- Data: \`hammer data build\` with ${s.copies} shuffled cop${s.copies === 1 ? "y" : "ies"}, seed ${s.dataSeed}; the **masked** arm with \`--mask-ratio 0.667\` (Hammer's recipe), the **unmasked** arm with \`--mask-ratio 0\`: the same rows, shuffles and irrelevance rows, only the masking differs.`);
  md.push(`- Training files: unmasked ${dataLine("unmasked")}; masked ${dataLine("masked")}. Rows the trainer kept (of those checked; longer than the max length are dropped): unmasked ${rowsTrained("unmasked")}, masked ${rowsTrained("masked")}. The first ${s.steps * s.batchSize * s.gradAccum} rows of each file were trained on.`);
  md.push(`- Export: \`hammer export gguf --type ${s.exportType}\` of the base's Hugging Face weights, with each arm's adapter merged; the base is exported the same way without one, so the three models differ only by training.`);
  md.push(`- Evaluation: \`hammer eval run --format hammer-train\` (the training prompt), grammar-constrained decoding, greedy, first ${s.evalLimit} samples of each held-out benchmark, at most ${s.evalMaxTokens} tokens; modes: ${input.modes.map((m) => `\`${m}\``).join(", ")} (\`--mask names,params\` etc., seed 0: the same masked names for every model).`);
  md.push(`- Intervals: 95% percentile bootstrap over samples, ${s.bootstrap} resamples; differences are paired (the same resampled samples for every run).`, "");
  md.push("## The split (cross-benchmark, as in the paper)", "");
  md.push(`- Training rows: ${Object.entries(split.train_rows).map(([b, n]) => `${b} ${n}`).join(", ")}; irrelevance rows: ${Object.entries(split.irrelevance_rows).map(([b, n]) => `${b} ${n}`).join(", ")}.`);
  md.push(`- Held out for evaluation: ${split.split.eval.join(", ")} (${split.eval_ids.length} samples, ${split.eval_function_names.length} function names).`);
  md.push(`- Rule: ${split.rule}. Dropped: ${Object.entries(split.dropped).map(([b, d]) => `${b}: ${d.sharesEvalFunction} sharing a function, ${d.sharesEvalQuery} sharing a query, ${d.notSingleTurn} not a single-turn query`).join("; ")}.`);
  md.push("- `test/experiment/split.test.ts` checks the written training files against every evaluation id and function name.", "");
  md.push("## Training loss", "");
  md.push(`![training loss per step: orange unmasked, blue masked](loss.png)`, "");
  md.push(`Loss per optimizer step (x: step, y: loss). Orange: unmasked arm, ${lossLine("unmasked")}. Blue: masked arm, ${lossLine("masked")}.`, "");
  md.push("## Results per held-out benchmark", "");
  for (const b of benches) {
    const what = b.metric === "accuracy" ? "accuracy (BFCL AST checker)" : "Hammer's F1 over names and arguments (the corrected variant: one-to-one, bounded by 1)";
    md.push(`### ${b.part} — ${what}, ${b.samples} samples`, "");
    md.push(`| model | ${input.modes.join(" | ")} |`, `|---|${input.modes.map(() => "---").join("|")}|`);
    for (const m of input.models) md.push(`| ${m} | ${input.modes.map((mode) => cell(b.scores[`${m}/${mode}`])).join(" | ")} |`);
    if (b.metric === "f1_args") {
      const part = parts.find((p) => p.part === b.part)!;
      md.push("", `Exact-match share (every call and argument right): ${input.models.map((m) => `${m} ${input.modes.map((mode) => fmt(exactShare(part, `${m}/${mode}`))).join(" / ")}`).join("; ")} (${input.modes.join(" / ")}).`);
    }
    md.push("", `Robustness gap (plain minus masked; smaller is more robust):`, "", `| model | ${maskedModes.map((m) => `plain − ${m}`).join(" | ")} |`, `|---|${maskedModes.map(() => "---").join("|")}|`);
    for (const m of input.models) md.push(`| ${m} | ${maskedModes.map((mode) => signed(b.gaps[m]![mode]!)).join(" | ")} |`);
    md.push("", `Gap reduction by masking (unmasked arm's gap − masked arm's gap, ${namesMode}): ${signed(b.gapReduction)}. Masked arm − unmasked arm under ${namesMode}: ${signed(b.maskedNamesAdvantage)}. **Effect ${b.verdict === "shows" ? "shows" : b.verdict === "reversed" ? "is reversed" : "does not show"}** on this benchmark.`, "");
  }
  md.push("## Verdict", "");
  const on = (v: EffectVerdict) => benches.filter((b) => b.verdict === v).map((b) => b.part);
  const sentences: string[] = [];
  if (on("shows").length === benches.length && benches.length > 0) {
    sentences.push("The paper's effect shows on every held-out benchmark at this scale: the 95% interval of the gap reduction, or of the masked arm's advantage under masked names, lies above 0.");
  } else {
    if (on("shows").length) sentences.push(`The paper's effect shows on ${on("shows").join(", ")} (an interval above 0).`);
    if (on("reversed").length) sentences.push(`It is reversed on ${on("reversed").join(", ")}: the masked arm is the less robust one there (an interval below 0).`);
    if (on("not shown").length) sentences.push(`It does not show on ${on("not shown").join(", ")}: the intervals include 0, a null result at this scale, reported as such.`);
  }
  md.push(sentences.join(" "), "");
  md.push("## Exact commands", "", "The experiment, then the stage commands it ran (in the experiment folder):", "", "```sh", ...(input.commandLine ? [input.commandLine, ""] : []), commands, "```", "");
  const markdown = md.join("\n");
  const markdownFile = path.join(dir, "report.md");
  writeFileSync(markdownFile, markdown);
  const summaryFile = path.join(dir, "summary.json");
  writeFileSync(summaryFile, `${JSON.stringify({ settings: s, quick: input.quick, benches, losses }, null, 2)}\n`);
  return { markdownFile, chartFile, summaryFile, benches, markdown };
}
