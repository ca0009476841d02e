import type { DecodedCall } from "../bfcl/types.js";
import type { HammerCounts } from "../types.js";
import type { HammerErrorType } from "./hammerErrorTypes.js";
import { countNonEmpty, strictArgumentMatches, ZERO_COUNTS } from "./hammerOfficialCounts.js";
import { maxWeightAssignment } from "./maxWeightAssignment.js";
import type { HammerCall } from "./types.js";

export interface CorrectedSample {
  counts: HammerCounts;
  /** null when the calls match the answers exactly. */
  errorType: HammerErrorType | null;
}

/**
 * The corrected metric for one sample: like evaluate.py (pooled counts, `str()` equality, `""`
 * ignored) but each predicted call can match at most one gold call and vice versa, the matching
 * maximises matched names and then matched arguments, and calls without arguments earn no
 * argument credit — so precision and recall stay within [0, 1]. `predict` null = unparseable
 * output (one wrong predicted call).
 */
export function correctedSampleCounts(gold: readonly HammerCall[], predict: readonly DecodedCall[] | null): CorrectedSample {
  const counts: HammerCounts = { ...ZERO_COUNTS, goldApi: gold.length };
  for (const g of gold) counts.goldParam += countNonEmpty(g.arguments);
  if (predict === null) return { counts: { ...counts, predApi: 1 }, errorType: "hammer:format_error" };
  counts.predApi = predict.length;
  for (const p of predict) counts.predParam += countNonEmpty(p.args);

  const names = new Set([...gold.map((g) => g.name), ...predict.map((p) => p.name)]);
  for (const name of names) {
    const gs = gold.filter((g) => g.name === name);
    const ps = predict.filter((p) => p.name === name);
    if (gs.length === 0 || ps.length === 0) continue;
    counts.correctApi += Math.min(gs.length, ps.length);
    counts.correctParam += maxWeightAssignment(ps.map((p) => gs.map((g) => strictArgumentMatches(g.arguments, p.args))));
  }
  return { counts, errorType: sampleError(counts, predict.length) };
}

function sampleError(c: HammerCounts, predicted: number): HammerErrorType | null {
  if (predicted === 0 && c.goldApi > 0) return "hammer:no_call";
  if (c.predApi !== c.goldApi) return "hammer:wrong_count";
  if (c.correctApi !== c.goldApi) return "hammer:wrong_func_name";
  if (c.correctParam !== c.goldParam || c.predParam !== c.goldParam) return "hammer:wrong_arguments";
  return null;
}
