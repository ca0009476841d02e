import { pyJsonDumps } from "../../core/python/index.js";
import type { Prediction } from "../predictions/types.js";
import type { SampleVerdict } from "../types.js";
import type { ApiClasses } from "./execution/ApiSession.js";
import { API_CLASSES } from "./apis/registry.js";
import { callString } from "./execution/callString.js";
import { decodeTurns } from "./checker/decodeTurns.js";
import { API_UNAVAILABLE } from "./checker/multiTurnErrorTypes.js";
import { multiTurnChecker } from "./checker/multiTurnChecker.js";
import type { MultiTurnEntry } from "./types.js";

export interface MultiTurnScoreOptions {
  /** The simulated API classes (default: the registry). */
  apiClasses?: ApiClasses;
}

/**
 * Score one multi-turn entry as BFCL v3's `multi_turn_runner` does: no `turns` list → inference
 * error; a turn count other than the ground truth's → force-terminated; otherwise decode (dropping
 * empty and undecodable steps) and run the checker. `got` holds the decoded calls per turn and step
 * as the call strings the official runner evaluates.
 */
export function scoreMultiTurnSample(entry: MultiTurnEntry, prediction: Prediction | undefined, options: MultiTurnScoreOptions = {}): SampleVerdict {
  const base = { id: entry.id, part: `bfcl:${entry.category}`, expected: entry.groundTruth };
  if (!prediction) return { ...base, correct: false, errorType: "hammer_fc:missing_prediction", error: "No prediction for this sample.", got: null, rawOutput: null };
  const rawOutput = prediction.turns !== undefined ? pyJsonDumps(prediction.turns, { ensureAscii: false }) : (prediction.output ?? null);
  const fail = (errorType: SampleVerdict["errorType"], error: string, got: unknown): SampleVerdict => ({ ...base, correct: false, errorType, error, got, rawOutput });

  const decoded = decodeTurns(prediction.turns);
  if (!decoded.ok) return fail("multi_turn:inference_error", decoded.error, null);
  const got = decoded.turns.map((steps) => steps.map((calls) => calls.map(callString)));
  if (decoded.turns.length !== entry.groundTruth.length) {
    return fail(
      "multi_turn:force_terminated",
      `Model was force-terminated during inference phase. The length of the model result turns (${decoded.turns.length}) does not match the length of the ground truth turns (${entry.groundTruth.length}).`,
      got,
    );
  }
  const classes = options.apiClasses ?? API_CLASSES;
  const absent = entry.involvedClasses.filter((c) => !Object.prototype.hasOwnProperty.call(classes, c));
  if (absent.length > 0) return fail(API_UNAVAILABLE, `No simulated API for ${absent.join(", ")}: this entry cannot be executed.`, got);

  const check = multiTurnChecker(entry, decoded.turns, classes);
  if (check.valid) return { ...base, correct: true, errorType: null, error: null, got, rawOutput };
  return fail(check.errorType, check.error, got);
}
