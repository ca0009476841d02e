// Scoring throughput of the BFCL checker (npm run bench:eval; runs the built dist/).
// Predictions are the ground truth of every shared BFCL category with seeded mutations (wrong
// type, dropped argument, swapped order, extra call, …), given as `tool_calls` lines with JSON
// string arguments, so "scoring" = JSON-decoding the arguments + the AST/relevance checks.
// Baseline in the same run: decoding alone. Node runs this on one core.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
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

// Multi-turn: the ground truth of every entry whose simulated APIs are registered, scored as
// predictions (both sides executed on the simulators, state and response checks), beside BFCL's
// official Python checker on the same entries (BFCL_PYTHON / BFCL_DIR, default ../bfcl-venv and
// ../gorilla/berkeley-function-call-leaderboard beside the project). Both sides are timed alike:
// one untimed warm-up pass, then whole passes until MIN_SECONDS of checker time, each over freshly
// loaded entries (so nothing cached per entry carries over from an earlier pass, as in one eval
// run); loading is outside both timers.
const MT_TARGET_RATIO = 10;
function loadMultiTurnWork() {
  const work = [];
  const skipped = [];
  for (const category of BFCL_MULTI_TURN_CATEGORIES) {
    for (const e of loadMultiTurnCategory(dataDir, category)?.samples ?? []) {
      if (e.involvedClasses.every((c) => Object.hasOwn(API_CLASSES, c))) work.push([e, { id: e.id, turns: goldTurns(e) }]);
      else skipped.push(e.id);
    }
  }
  return { work, skipped };
}
const { work: mtWork, skipped: mtSkipped } = loadMultiTurnWork();
console.log("");
console.log(`multi-turn: ${mtWork.length} gold entries scored (${mtSkipped.length} skipped: their simulated APIs are not registered)`);
if (mtWork.length > 0) {
  for (const [e, p] of mtWork) if (scoreMultiTurnSample(e, p).correct) sink++; // warm-up pass
  let mtCorrect = 0;
  let rounds = 0;
  let elapsed = 0;
  do {
    const { work } = loadMultiTurnWork();
    const t0 = process.hrtime.bigint();
    for (const [e, p] of work) if (scoreMultiTurnSample(e, p).correct) mtCorrect++;
    elapsed += Number(process.hrtime.bigint() - t0) / 1e9;
    rounds++;
  } while (elapsed < MIN_SECONDS);
  const ours = (rounds * mtWork.length) / elapsed;
  console.log(`hammer-fc multi-turn checker:   ${fmt(ours).padStart(10)} samples/s   (${mtCorrect} of ${rounds * mtWork.length} checks correct, ${rounds} passes)`);
  const python = process.env.BFCL_PYTHON ?? path.resolve(root, "../bfcl-venv/bin/python");
  const bfclDir = process.env.BFCL_DIR ?? path.resolve(root, "../gorilla/berkeley-function-call-leaderboard");
  if (!existsSync(python) || !existsSync(path.join(bfclDir, "bfcl_eval"))) {
    console.log(`official checker: not measured (no Python at ${python} or no BFCL checkout at ${bfclDir}; set BFCL_PYTHON, BFCL_DIR)`);
  } else {
    const r = spawnSync(python, [path.join(root, "scripts", "bfcl", "time_multi_turn_checker.py")], {
      input: mtWork.map(([e]) => e.id).join("\n"),
      env: { ...process.env, BFCL_DIR: bfclDir, DATA: path.join(dataDir, "bfcl_v3"), MIN_SECONDS: String(MIN_SECONDS) },
      encoding: "utf8",
      maxBuffer: 1 << 24,
    });
    if (r.status !== 0) console.log(`official checker: failed (${(r.stderr || r.error?.message || "").trim().split("\n").pop()})`);
    else {
      const official = JSON.parse(r.stdout.trim().split("\n").pop());
      const theirs = official.checks / official.seconds;
      const ratio = ours / theirs;
      console.log(`official Python checker:        ${fmt(theirs).padStart(10)} samples/s   (${official.valid} of ${official.checks} checks valid, ${official.passes} passes; ${python})`);
      console.log(`speed-up: ${ratio.toFixed(1)}×   target ≥ ${MT_TARGET_RATIO}×: ${ratio >= MT_TARGET_RATIO ? "met" : "NOT met"}`);
    }
  }
}
if (sink < 0) console.log(sink); // keep the work observable
