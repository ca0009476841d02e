import { pyEquals, pyInList, pyStr } from "../../core/python/index.js";
import type { HammerCounts } from "../types.js";
import type { HammerCall } from "./types.js";

export const ZERO_COUNTS: Readonly<HammerCounts> = Object.freeze({ goldApi: 0, predApi: 0, correctApi: 0, goldParam: 0, predParam: 0, correctParam: 0 });

export function addCounts(a: HammerCounts, b: HammerCounts): HammerCounts {
  return {
    goldApi: a.goldApi + b.goldApi,
    predApi: a.predApi + b.predApi,
    correctApi: a.correctApi + b.correctApi,
    goldParam: a.goldParam + b.goldParam,
    predParam: a.predParam + b.predParam,
    correctParam: a.correctParam + b.correctParam,
  };
}

function isDict(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}

/** Arguments evaluate.py counts: those whose value is not `""`. */
export function countNonEmpty(args: Record<string, unknown>): number {
  let n = 0;
  for (const k of Object.keys(args)) if (args[k] !== "") n++;
  return n;
}

/**
 * evaluate.py's counts for one sample (its counters are plain sums, so per-sample counts add up
 * to the file's). `predict` is the parsed list, or null for a format error (counts one predicted
 * call and nothing else). An empty list contributes nothing at all. Per predicted call:
 * its non-`""` arguments add to the predicted-argument count; it is name-correct when its name is
 * among the sample's gold names (no one-to-one matching: the same correct call twice counts
 * twice); its correct arguments come from the first gold call of that name with any match
 * (see {@link argumentMatches}). A call evaluate.py would crash on (no `arguments` dict) is
 * counted as predicted and earns nothing.
 */
export function officialSampleCounts(gold: readonly HammerCall[], predict: readonly unknown[] | null): HammerCounts {
  const c: HammerCounts = { ...ZERO_COUNTS, goldApi: gold.length };
  for (const g of gold) c.goldParam += countNonEmpty(g.arguments);
  if (predict === null) return { ...c, predApi: 1 };
  c.predApi = predict.length;
  const goldNames = gold.map((g) => g.name);
  for (const p of predict) {
    if (!isDict(p) || !isDict(p.arguments)) continue;
    c.predParam += countNonEmpty(p.arguments);
    if (!Object.prototype.hasOwnProperty.call(p, "name") || !pyInList(p.name, goldNames)) continue;
    c.correctApi++;
    let best = 0;
    for (const g of gold) {
      if (!pyEquals(g.name, p.name)) continue;
      const acc = argumentMatches(g.arguments, p.arguments);
      if (acc > best) {
        best = acc;
        break;
      }
    }
    c.correctParam += best;
  }
  return c;
}

/**
 * evaluate.py's `get_p_r_exact` (its `acc`): the gold arguments (not `""`) whose key the
 * prediction has (with a value not `""`) and whose values are equal as Python `str()` renders
 * them (`"1986"` ≡ `1986`, `"40.7"` ≡ `40.7`, `True` ≢ `"true"`, `5.0` ≢ `5`). Parity quirk: when
 * the gold call has no arguments and the prediction has none (or only `""` ones), it scores 1
 * although neither side counted an argument — this is what lifts F1_param above 1.
 */
export function argumentMatches(gold: Record<string, unknown>, pred: Record<string, unknown>): number {
  const goldKeys = Object.keys(gold);
  if (goldKeys.length === 0) return Object.keys(pred).every((k) => pred[k] === "") ? 1 : 0;
  return strictArgumentMatches(gold, pred);
}

/** `argumentMatches` without the empty-arguments bonus (the corrected variant). */
export function strictArgumentMatches(gold: Record<string, unknown>, pred: Record<string, unknown>): number {
  let acc = 0;
  for (const k of Object.keys(gold)) {
    const g = gold[k];
    if (g === "" || !Object.prototype.hasOwnProperty.call(pred, k) || pred[k] === "") continue;
    if (pyStr(g, gold, k) === pyStr(pred[k], pred, k)) acc++;
  }
  return acc;
}
