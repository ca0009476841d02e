// Scoring throughput of the BFCL checker (npm run bench:eval; runs the built dist/).
// Predictions are the ground truth of every shared BFCL category with seeded mutations (wrong
// type, dropped argument, swapped order, extra call, …), given as `tool_calls` lines with JSON
// string arguments, so "scoring" = JSON-decoding the arguments + the AST/relevance checks.
// Baseline in the same run: decoding alone. Node runs this on one core.
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
if (!existsSync(path.join(dist, "eval", "scoring", "index.js"))) {
  console.error("bench:eval: dist/ is missing; run `npm run build` first (npm run bench:eval does).");
  process.exit(2);
}
const { BFCL_CATEGORIES, BFCL_CATEGORY_INFO, loadBfclCategory, groundTruthCalls, mutateCalls, MUTATIONS, decodePrediction, scoreBfclSample } = await import(path.join(dist, "eval", "scoring", "index.js"));
const { Rng } = await import(path.join(dist, "core", "rng.js"));
const { pyJsonDumps } = await import(path.join(dist, "core", "python", "index.js"));

const dataDir = process.env.HAMMER_SHARED_DATA ?? path.resolve(root, "../shared/data");
const TARGET = 20_000;
const SEED = 1;
const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 2);

const rng = new Rng(SEED);
const work = []; // [sample, prediction]
const present = [];
for (const category of BFCL_CATEGORIES) {
  const loaded = loadBfclCategory(dataDir, category);
  if (!loaded) continue;
  present.push(`${category} (${loaded.samples.length})`);
  const kind = BFCL_CATEGORY_INFO[category].checker;
  for (const s of loaded.samples) {
    const base = kind === "irrelevance" ? [] : kind === "relevance" ? [{ name: s.functions[0]?.name ?? "f", arguments: {} }] : groundTruthCalls(s);
    const mutation = MUTATIONS[rng.int(0, MUTATIONS.length - 1)];
    const { calls } = mutateCalls(base, mutation, rng.fork(s.id));
    const toolCalls = calls.map((c) => ({ name: c.name, arguments: pyJsonDumps(c.arguments) }));
    work.push([s, { id: s.id, toolCalls }, { id: s.id, output: "```\n" + pyJsonDumps(calls) + "\n```" }]);
  }
}
if (work.length === 0) {
  console.error(`bench:eval: no BFCL data under ${dataDir} (set HAMMER_SHARED_DATA)`);
  process.exit(2);
}

/** Runs `fn` over all predictions repeatedly for at least MIN_SECONDS; returns samples/s. */
function measure(fn) {
  for (const [s, p, t] of work) fn(s, p, t); // warm-up
  let n = 0;
  const t0 = process.hrtime.bigint();
  let elapsed = 0;
  do {
    for (const [s, p, t] of work) fn(s, p, t);
    n += work.length;
    elapsed = Number(process.hrtime.bigint() - t0) / 1e9;
  } while (elapsed < MIN_SECONDS);
  return n / elapsed;
}

let sink = 0;
const decodeOnly = measure((_s, p) => {
  sink += decodePrediction(p).kind.length;
});
const scoring = measure((s, p) => {
  if (scoreBfclSample(s, p).correct) sink++;
});
const rawText = measure((s, _p, t) => {
  if (scoreBfclSample(s, t).correct) sink++;
});
let correct = 0;
for (const [s, p] of work) if (scoreBfclSample(s, p).correct) correct++;

const fmt = (x) => Math.round(x).toLocaleString("en-US");
console.log(`bench:eval — BFCL scoring throughput, 1 core, Node ${process.version}`);
console.log(`data: ${dataDir}`);
console.log(`categories: ${present.join(", ")}`);
console.log(`predictions: ${work.length} (seeded mutations: ${MUTATIONS.join(", ")}; ${correct} still correct)`);
console.log(`baseline, decode only:          ${fmt(decodeOnly).padStart(10)} samples/s`);
console.log(`decode + check (scoring):       ${fmt(scoring).padStart(10)} samples/s   target ≥ ${fmt(TARGET)}: ${scoring >= TARGET ? "met" : "NOT met"}`);
console.log(`raw model text (parse + check): ${fmt(rawText).padStart(10)} samples/s   (Hammer-style \`\`\` fenced output through parseToolCalls)`);
if (sink < 0) console.log(sink); // keep the work observable
