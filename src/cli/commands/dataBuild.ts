import { InvalidArgumentError, Option, type Command } from "commander";
import cliProgress from "cli-progress";
import { buildDataset, useSerialScavenges, TRAIN_FORMATS, type BuildSummary, type TaskFrom, type TrainFormat } from "../../data/index.js";
import type { MaskMode } from "../../core/masking/index.js";
import { action, interruptible } from "../run.js";

interface BuildFlags {
  xlam: string;
  irrelevance?: string;
  irrelevanceSample?: number;
  copies: number;
  maskRatio: number;
  seed: number;
  mode: MaskMode;
  format: TrainFormat;
  taskFrom?: TaskFrom;
  strict?: boolean;
  maxRejects?: number;
  workers?: number;
  out: string;
}

function integer(min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^-?\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer in ${min}..${max}`);
    return n;
  };
}

function ratio(v: string): number {
  const n = Number(v);
  if (v.trim() === "" || !(n >= 0 && n <= 1)) throw new InvalidArgumentError("expected a number in [0, 1]");
  return n;
}

/** `hammer data build`: Hammer's masked training set from xLAM-format data. */
export function register(data: Command): void {
  data
    .command("build")
    .description(
      "Build Hammer's function-masking training set: shuffled copies of xLAM (+ irrelevance) rows, about 2/3 of them masked, " +
        "as Hammer 1.0/2.0 training records. Bad rows (XLAM's irrelevance set has some with no tools) are left out and listed in <out>.rejects.jsonl; " +
        "the build still succeeds (exit 0) unless --strict or --max-rejects says otherwise (exit 1, nothing written). " +
        "Ctrl-C or SIGTERM stops it and removes its temp files (exit 130 / 143).",
    )
    .requiredOption("--xlam <file>", "xLAM-format input: JSON array or JSON Lines of {query, tools, answers, id?}")
    .addOption(new Option("--irrelevance <file>", "irrelevance rows in xLAM format (like XLAM-7.5k-Irrelevance)").conflicts("irrelevanceSample"))
    .addOption(new Option("--irrelevance-sample <n>", "make n irrelevance rows from sampled xLAM rows (gold tools dropped, label [])").argParser(integer(0, 1e9)))
    .option("--copies <n>", "independently shuffled copies of the data", integer(1, 1000), 3)
    .addOption(new Option("--mask-ratio <p>", "probability that a row is masked").argParser(ratio).default(2 / 3, "0.667"))
    .option("--seed <n>", "random seed", integer(-(2 ** 53 - 1), 2 ** 53 - 1), 12)
    .addOption(new Option("--mode <mode>", "fixed: Hammer's quirks repaired; faithful: as data_processing.py").choices(["fixed", "faithful"]).default("fixed"))
    .addOption(new Option("--format <format>", "record layout").choices(TRAIN_FORMATS).default("alpaca"))
    .addOption(new Option("--task-from <what>", 'tag each record with a "task" field: source = "xlam" or "irrelevance" (for --method cgc-lora)').choices(["source"]))
    .addOption(new Option("--strict", "fail (exit 1) at the first bad row").conflicts("maxRejects"))
    .option("--max-rejects <n>", "fail (exit 1) as soon as more than n rows are rejected", integer(0, 1e9))
    .option("--workers <n>", "worker threads (0: none; default: one per CPU, at most 4)", integer(0, 64))
    .requiredOption("--out <file>", "output: JSON Lines when it ends in .jsonl, else a JSON array like Hammer's")
    .action(
      action(async (flags: BuildFlags) => {
        const bar = process.stderr.isTTY
          ? new cliProgress.SingleBar({ stream: process.stderr, format: "building |{bar}| {percentage}% | {value}/{total} rows | ETA {eta}s", hideCursor: true }, cliProgress.Presets.shades_classic)
          : undefined;
        let started = false;
        let summary: BuildSummary;
        useSerialScavenges(); // this process does nothing else (see there)
        try {
          summary = await interruptible((signal) =>
            buildDataset({
              xlam: flags.xlam,
              irrelevance: flags.irrelevance,
              irrelevanceSample: flags.irrelevanceSample,
              copies: flags.copies,
              maskRatio: flags.maskRatio,
              seed: flags.seed,
              mode: flags.mode,
              format: flags.format,
              taskFrom: flags.taskFrom,
              strict: flags.strict,
              maxRejects: flags.maxRejects,
              workers: flags.workers,
              out: flags.out,
              signal,
              onProgress: (done, total) => {
                if (!bar) return;
                if (!started) bar.start(total, 0);
                started = true;
                bar.update(done);
              },
            }),
          );
        } finally {
          if (started) bar?.stop();
        }
        process.stderr.write(describeSummary(summary));
      }),
    );
}

const n = (x: number): string => x.toLocaleString("en-US");
const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

/** The end-of-build summary, as printed on stderr. */
export function describeSummary(s: BuildSummary): string {
  const irr = s.irrelevanceSource === "none" ? "" : ` + ${n(s.irrelevanceRows)} irrelevance (${s.irrelevanceSource})`;
  const reasons = Object.entries(s.rejectReasons)
    .map(([r, c]) => `${r} ${n(c as number)}`)
    .join(", ");
  return (
    `hammer: wrote ${n(s.rowsOut)} ${s.format} records to ${s.out} in ${(s.elapsedMs / 1000).toFixed(1)} s (mode ${s.mode}, seed ${s.seed})\n` +
    `  rows in ${n(s.rowsIn)} (${n(s.xlamRows)} xlam${irr}) × ${s.copies} copies = ${n(s.rowsOut)} out + ${n(s.rejected)} rejected × ${s.copies}\n` +
    `  masked ${n(s.masked)} (${pct(s.maskedShare)}), irrelevance ${n(s.irrelevanceOut)} (${pct(s.irrelevanceShare)})\n` +
    (s.rejected > 0 ? `  rejected ${n(s.rejected)}: ${reasons} — see ${s.rejectsFile}\n` : "")
  );
}
