// Scoring throughput of the BFCL checker (npm run bench:eval; runs the built dist/).
// Predictions are the ground truth of every shared BFCL category with seeded mutations (wrong
// type, dropped argument, swapped order, extra call, …), given as `tool_calls` lines with JSON
// string arguments, so "scoring" = JSON-decoding the arguments + the AST/relevance checks.
// Baseline in the same run: decoding alone. Node runs this on one core.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dist = path.join(root, "dist");
if (!existsSync(path.join(dist, "eval", "scoring", "index.js"))) {
  console.error("bench:eval: dist/ is missing; run `npm run build` first (npm run bench:eval does).");
  process.exit(2);
}
const { BFCL_CATEGORIES, BFCL_CATEGORY_INFO, loadBfclCategory, groundTruthCalls, mutateCalls, MUTATIONS, decodePrediction, scoreBfclSample, BFCL_MULTI_TURN_CATEGORIES, loadMultiTurnCategory, goldTurns, scoreMultiTurnSample, API_CLASSES } =
  await import(path.join(dist, "eval", "scoring", "index.js"));
const { Rng } = await import(path.join(dist, "core", "rng.js"));
const { pyJsonDumps } = await import(path.join(dist, "core", "python", "index.js"));

const dataDir = process.env.HAMMER_SHARED_DATA ?? path.resolve(root, "../shared/data");
const TARGET = 20_000;
const SEED = 1;
const MIN_SECONDS = Number(process.env.BENCH_SECONDS ?? 2);
/** BENCH_PART=multi_turn: only the multi-turn comparison (A/B runs of the multi-turn checker). */
const MULTI_TURN_ONLY = process.env.BENCH_PART === "multi_turn";

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
const fmt = (x) => Math.round(x).toLocaleString("en-US");
if (!MULTI_TURN_ONLY) {
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

  console.log(`bench:eval — BFCL scoring throughput, 1 core, Node ${process.version}`);
  console.log(`data: ${dataDir}`);
  console.log(`categories: ${present.join(", ")}`);
  console.log(`predictions: ${work.length} (seeded mutations: ${MUTATIONS.join(", ")}; ${correct} still correct)`);
  console.log(`baseline, decode only:          ${fmt(decodeOnly).padStart(10)} samples/s`);
  console.log(`decode + check (scoring):       ${fmt(scoring).padStart(10)} samples/s   target ≥ ${fmt(TARGET)}: ${scoring >= TARGET ? "met" : "NOT met"}`);
  console.log(`raw model text (parse + check): ${fmt(rawText).padStart(10)} samples/s   (Hammer-style \`\`\` fenced output through parseToolCalls)`);
}

// Multi-turn, beside BFCL's official Python checker on the same predictions (BFCL_PYTHON /
// BFCL_DIR, default ../bfcl-venv and ../gorilla/berkeley-function-call-leaderboard beside the
// project): (1) the ground truth of every entry whose simulated APIs are registered; (2) the
// mutated predictions of the official-verdict fixture (dropped, swapped, changed calls …) whose
// turn count matches, so that the checker runs. (1) is the best case for the checker's shared
// session (the model's calls are the ground truth's throughout); in (2) most predictions depart.
// Both sides are timed alike: one untimed warm-up pass, then whole passes until MIN_SECONDS of
// checker time, each over freshly loaded entries, so nothing cached carries over from one pass to
// the next, as in one eval run (in the mutated set, where an entry recurs, each prediction gets a
// copy of its entry, without the load's shared ground-truth parses). Loading is outside both timers.
const MT_TARGET_RATIO = 10;
const MT_FIXTURE = path.join(root, "src", "eval", "multiturn", "__fixtures__", "official_verdicts.jsonl");
const python = process.env.BFCL_PYTHON ?? path.resolve(root, "../bfcl-venv/bin/python");
const bfclDir = process.env.BFCL_DIR ?? path.resolve(root, "../gorilla/berkeley-function-call-leaderboard");
const { parseJson } = await import(path.join(dist, "core", "json", "index.js"));

/**
 * Entries by id whose simulated APIs are registered, freshly loaded as one run loads them (the
 * categories share their parsed ground-truth calls); and the ids skipped.
 */
function loadMultiTurnEntries() {
  const entries = new Map();
  const skipped = [];
  const sharedParses = new WeakMap();
  for (const category of BFCL_MULTI_TURN_CATEGORIES) {
    for (const e of loadMultiTurnCategory(dataDir, category, sharedParses)?.samples ?? []) {
      if (e.involvedClasses.every((c) => Object.hasOwn(API_CLASSES, c))) entries.set(e.id, e);
      else skipped.push(e.id);
    }
  }
  return { entries, skipped };
}

const mutated = existsSync(MT_FIXTURE)
  ? readFileSync(MT_FIXTURE, "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => parseJson(l))
  : [];
const goldWork = () => [...loadMultiTurnEntries().entries.values()].map((e) => [e, { id: e.id, turns: goldTurns(e) }]);
const mutatedWork = () => {
  const { entries } = loadMultiTurnEntries();
  return mutated.filter((r) => entries.has(r.id) && r.turns.length === entries.get(r.id).groundTruth.length).map((r) => [{ ...entries.get(r.id) }, { id: r.id, turns: r.turns }]);
};

/** hammer-fc's checker over `makeWork()` (fresh per pass): samples/s and how many checks were correct. */
function measureMultiTurn(makeWork) {
  for (const [e, p] of makeWork()) if (scoreMultiTurnSample(e, p).correct) sink++; // warm-up pass
  let correct = 0;
  let checks = 0;
  let passes = 0;
  let elapsed = 0;
  do {
    const work = makeWork();
    const t0 = process.hrtime.bigint();
    for (const [e, p] of work) if (scoreMultiTurnSample(e, p).correct) correct++;
    elapsed += Number(process.hrtime.bigint() - t0) / 1e9;
    checks += work.length;
    passes++;
  } while (elapsed < MIN_SECONDS);
  return { rate: checks / elapsed, correct, checks, passes };
}

/** The official checker over `lines` (entry ids, or {"id", "decoded"} JSON): samples/s, or why not measured. */
function measureOfficial(lines) {
  if (!existsSync(python) || !existsSync(path.join(bfclDir, "bfcl_eval"))) {
    return { why: `not measured (no Python at ${python} or no BFCL checkout at ${bfclDir}; set BFCL_PYTHON, BFCL_DIR)` };
  }
  const r = spawnSync(python, [path.join(root, "scripts", "bfcl", "time_multi_turn_checker.py")], {
    input: lines.join("\n"),
    env: { ...process.env, BFCL_DIR: bfclDir, DATA: path.join(dataDir, "bfcl_v3"), MIN_SECONDS: String(MIN_SECONDS) },
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (r.status !== 0) return { why: `failed (${(r.stderr || r.error?.message || "").trim().split("\n").pop()})` };
  const official = JSON.parse(r.stdout.trim().split("\n").pop());
  return { rate: official.checks / official.seconds, ...official };
}

function compareMultiTurn(label, makeWork, officialLines, withTarget) {
  const ours = measureMultiTurn(makeWork);
  console.log(`${label}`);
  console.log(`  hammer-fc multi-turn checker: ${fmt(ours.rate).padStart(10)} samples/s   (${ours.correct} of ${ours.checks} checks correct, ${ours.passes} passes)`);
  const official = measureOfficial(officialLines);
  if (official.why) return console.log(`  official checker: ${official.why}`);
  console.log(`  official Python checker:      ${fmt(official.rate).padStart(10)} samples/s   (${official.valid} of ${official.checks} checks valid, ${official.passes} passes; ${python})`);
  const ratio = ours.rate / official.rate;
  console.log(`  speed-up: ${ratio.toFixed(1)}×${withTarget ? `   target ≥ ${MT_TARGET_RATIO}×: ${ratio >= MT_TARGET_RATIO ? "met" : "NOT met"}` : ""}`);
}

const { entries: mtEntries, skipped: mtSkipped } = loadMultiTurnEntries();
console.log("");
if (mtEntries.size === 0) console.log(`multi-turn: no BFCL v3 multi-turn entries with registered APIs under ${dataDir}`);
else {
  compareMultiTurn(`multi-turn, gold: ${mtEntries.size} entries (${mtSkipped.length} skipped: their simulated APIs are not registered)`, goldWork, [...mtEntries.keys()], true);
  const mutatedNow = mutatedWork();
  if (mutatedNow.length > 0) {
    // the official runner evaluates the decoded calls as these call strings (the verdict's `got`)
    const lines = mutatedNow.map(([e, p]) => JSON.stringify({ id: e.id, decoded: scoreMultiTurnSample(e, p).got }));
    compareMultiTurn(`multi-turn, mutated: ${mutatedNow.length} predictions of the official-verdict fixture (src/eval/multiturn/__fixtures__)`, mutatedWork, lines, false);
  }
}
if (sink < 0) console.log(sink); // keep the work observable
