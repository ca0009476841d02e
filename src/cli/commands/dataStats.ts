import type { Command } from "commander";
import { datasetStats, type DatasetStats, type Distribution } from "../../data/index.js";
import { action } from "../run.js";

interface StatsFlags {
  json?: boolean;
  reference?: string;
}

/** `hammer data stats FILE`: counts and shares of an xLAM file or a built training file. */
export function register(data: Command): void {
  data
    .command("stats")
    .description("Statistics of an xLAM-format file or a built training file (alpaca, sharegpt, messages)")
    .argument("<file>", "JSON array or JSON Lines file")
    .option("--json", "print one JSON object")
    .option("--reference <xlam>", "the build's xLAM input: masked rows are then told apart exactly (else by a name heuristic)")
    .action(
      action((file: string, flags: StatsFlags) => {
        const stats = datasetStats(file, { reference: flags.reference });
        process.stdout.write(flags.json ? `${JSON.stringify(stats, null, 2)}\n` : describeStats(stats));
      }),
    );
}

const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;

function dist(d: Distribution): string {
  const hist = Object.entries(d.histogram)
    .map(([k, v]) => `${k}:${v}`)
    .join(" ");
  return `min ${d.min}, mean ${d.mean.toFixed(2)}, max ${d.max}  [${hist}]`;
}

/** Human-readable stats. */
export function describeStats(s: DatasetStats): string {
  const formats = Object.entries(s.formats)
    .map(([f, c]) => `${f} ${c}`)
    .join(", ");
  const unreadable = Object.entries(s.unreadableReasons)
    .map(([r, c]) => `${r} ${c}`)
    .join(", ");
  return (
    `${s.file}: ${s.rows} rows (${formats || "none"})${s.unreadable > 0 ? `, ${s.unreadable} unreadable (${unreadable})` : ""}\n` +
    `  tools per row  ${dist(s.tools)}\n` +
    `  calls per row  ${dist(s.calls)}\n` +
    `  parallel (≥2 calls) ${s.parallel} (${pct(s.parallelShare)}), irrelevance ([]) ${s.irrelevance} (${pct(s.irrelevanceShare)}), ` +
    `masked ${s.masked} (${pct(s.maskedShare)}, ${s.maskDetection})\n`
  );
}
