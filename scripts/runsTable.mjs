#!/usr/bin/env node
// Markdown table of finished `hammer eval run` folders, for docs/formats.md and docs/results.md:
//   node scripts/runsTable.mjs [--label NAME=DIR]... DIR...
// One row per run: format, decoding, mask, correct/total per part, all parts, "not decoded" (generation
// errors + outputs BFCL could not decode: broken calls, or cut at the token limit), how many the token
// limit cut, tokens generated, generation time (the samples' latencies summed: one request at a time,
// so this is the wall time of those samples, whatever the run's sessions and resumes were).
import { readFileSync } from "node:fs";
import path from "node:path";

const args = process.argv.slice(2);
const runs = [];
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--label") {
    const [label, dir] = args[++i].split(/=(.*)/s);
    runs.push({ label, dir });
  } else runs.push({ label: path.basename(args[i]), dir: args[i] });
}
if (runs.length === 0) {
  process.stderr.write("usage: node scripts/runsTable.mjs [--label NAME=DIR]... DIR...\n");
  process.exit(2);
}

const loaded = runs.map((r) => ({ ...r, results: JSON.parse(readFileSync(path.join(r.dir, "results.json"), "utf8")) }));
const parts = [...new Set(loaded.flatMap((r) => r.results.parts.map((p) => p.part)))];
const head = ["run", "format", "decoding", "mask", ...parts.map((p) => p.replace(/^bfcl:/, "").replace(/^hammer:/, "hammer ")), "all", "not decoded", "cut (length)", "tokens out", "time"];
const rows = loaded.map(({ label, results: r }) => {
  const cell = (part) => {
    const p = r.parts.find((x) => x.part === part);
    return p ? `${p.correct}/${p.total}` : "–";
  };
  const undecoded = (r.error_types["ast_decoder:decoder_failed"] ?? 0) + (r.error_types["ast_decoder:decoder_wrong_output_format"] ?? 0);
  const mask = r.run.mask ? Object.entries(r.run.mask).filter(([, on]) => on).map(([k]) => k).join(",") : "–";
  return [
    label,
    r.run.format,
    r.run.decoding ?? "constrained",
    mask,
    ...parts.map(cell),
    `${r.counts.correct}/${r.counts.samples} (${((100 * r.counts.correct) / r.counts.samples).toFixed(1)}%)`,
    String(r.counts.errors + undecoded),
    String(r.counts.finish_reasons.length ?? 0),
    String(r.counts.completion_tokens),
    `${(r.samples.reduce((n, x) => n + (x.latency_ms ?? 0), 0) / 1000).toFixed(0)} s`,
  ];
});
console.log(`| ${head.join(" | ")} |`);
console.log(`|${head.map((_, i) => (i < 4 ? "---" : "---:")).join("|")}|`);
for (const row of rows) console.log(`| ${row.join(" | ")} |`);
