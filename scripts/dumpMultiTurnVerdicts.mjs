// Every multi-turn verdict in full, for comparing two builds of the checker byte for byte (a
// speed-up must change none): the gold prediction of each entry, the official-verdict fixture's
// mutated predictions, and four mutations of every non-empty turn of every gold prediction (calls
// reversed, last call dropped, first call repeated, one step per call). Each line holds the
// verdict (`got` and `rawOutput` included) and the checker's result (details, port errors).
//   node scripts/dumpMultiTurnVerdicts.mjs <dist dir> <out.jsonl>     (data: HAMMER_SHARED_DATA, default ../shared/data)
//   then e.g. `git stash; npm run build; cp -r dist /tmp/old-dist; git stash pop; npm run build`,
//   dump both and `cmp` the files.
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const [distArg, out] = process.argv.slice(2);
if (!distArg || !out) {
  console.error("usage: node scripts/dumpMultiTurnVerdicts.mjs <dist dir> <out.jsonl>");
  process.exit(2);
}
const dist = path.resolve(distArg);
const dataDir = process.env.HAMMER_SHARED_DATA ?? path.resolve(root, "../shared/data");
const { BFCL_MULTI_TURN_CATEGORIES, loadMultiTurnCategory, goldTurns, scoreMultiTurnSample, multiTurnChecker } = await import(path.join(dist, "eval", "scoring", "index.js"));
const { decodeTurns } = await import(path.join(dist, "eval", "multiturn", "checker", "decodeTurns.js"));
const { parseJson } = await import(path.join(dist, "core", "json", "index.js"));
const { pyJsonDumps } = await import(path.join(dist, "core", "python", "index.js"));

const entries = new Map();
const sharedParses = new WeakMap(); // one run's load (a build that predates it ignores the argument)
for (const c of BFCL_MULTI_TURN_CATEGORIES) for (const e of loadMultiTurnCategory(dataDir, c, sharedParses)?.samples ?? []) entries.set(e.id, e);
if (entries.size === 0) {
  console.error(`no BFCL v3 multi-turn data under ${dataDir} (set HAMMER_SHARED_DATA)`);
  process.exit(2);
}
const fixture = path.join(root, "src", "eval", "multiturn", "__fixtures__", "official_verdicts.jsonl");
const references = readFileSync(fixture, "utf8")
  .split("\n")
  .filter((l) => l.trim() !== "")
  .map((l) => parseJson(l));

const cases = [];
for (const e of entries.values()) cases.push([e, goldTurns(e), "gold"]);
for (const r of references) if (entries.has(r.id)) cases.push([entries.get(r.id), r.turns, r.mutation]);
for (const e of entries.values()) {
  const gold = goldTurns(e);
  gold.forEach((steps, k) => {
    const calls = steps[0];
    if (!calls) return;
    const at = (replacement) => gold.map((t, i) => (i === k ? replacement : t));
    cases.push([e, at([calls.slice().reverse()]), `reversed@${k}`], [e, at([calls.slice(0, -1)]), `dropped_last@${k}`]);
    cases.push([e, at([[...calls, calls[0]]]), `repeated_first@${k}`], [e, at(calls.map((c) => [c])), `split@${k}`]);
  });
}

const lines = cases.map(([e, turns, tag]) => {
  const verdict = scoreMultiTurnSample(e, { id: e.id, turns });
  const decoded = decodeTurns(turns);
  const check = decoded.ok && decoded.turns.length === e.groundTruth.length ? multiTurnChecker(e, decoded.turns) : null;
  return pyJsonDumps({ tag, id: e.id, verdict: { ...verdict }, check });
});
writeFileSync(out, lines.join("\n") + "\n");
console.log(`${cases.length} predictions → ${out}`);
