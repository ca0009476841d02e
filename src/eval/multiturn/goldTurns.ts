import { API_CLASSES } from "./apis/registry.js";
import { ApiSession, type ApiClasses } from "./execution/ApiSession.js";
import { parseGroundTruthCall } from "./execution/parseGroundTruthCall.js";
import type { ApiCall, MultiTurnEntry } from "./types.js";

/**
 * An entry's ground truth as a prediction: one step per non-empty turn, each call with named
 * arguments (positional ones named by the method's signature). Tests and the benchmark score it.
 */
export function goldTurns(entry: MultiTurnEntry, classes: ApiClasses = API_CLASSES): ApiCall[][][] {
  const session = new ApiSession(entry, classes);
  return entry.groundTruth.map((calls, t) =>
    calls.length === 0 ? [] : [calls.map((text, i) => parseGroundTruthCall(text, (n) => session.paramNames(n), `${entry.id}/ground_truth/${t}/${i}`))],
  );
}
