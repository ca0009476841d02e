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
  const rawOutput = () => (prediction.turns !== undefined ? pyJsonDumps(prediction.turns, { ensureAscii: false }) : (prediction.output ?? null));

  const decoded = decodeTurns(prediction.turns);
  if (!decoded.ok) return verdict(base, false, "multi_turn:inference_error", decoded.error, () => null, rawOutput);
  const turns = decoded.turns;
  const got = () => turns.map((steps) => steps.map((calls) => calls.map(callString)));
  if (turns.length !== entry.groundTruth.length) {
    const error = `Model was force-terminated during inference phase. The length of the model result turns (${turns.length}) does not match the length of the ground truth turns (${entry.groundTruth.length}).`;
    return verdict(base, false, "multi_turn:force_terminated", error, got, rawOutput);
  }
  const classes = options.apiClasses ?? API_CLASSES;
  const absent = entry.involvedClasses.filter((c) => !Object.prototype.hasOwnProperty.call(classes, c));
  if (absent.length > 0) return verdict(base, false, API_UNAVAILABLE, `No simulated API for ${absent.join(", ")}: this entry cannot be executed.`, got, rawOutput);

  const check = multiTurnChecker(entry, turns, classes);
  if (check.valid) return verdict(base, true, null, null, got, rawOutput);
  return verdict(base, false, check.errorType, check.error, got, rawOutput);
}

/**
 * A verdict whose `got` and `rawOutput` texts are written on first read (reports read them, a
 * score or a benchmark does not): own enumerable getters, so spreading, JSON and equality checks
 * see plain values. Each is computed once; the decoded calls and the prediction are not changed
 * by scoring (calls run on copies of their arguments).
 */
function verdict(
  base: Pick<SampleVerdict, "id" | "part" | "expected">,
  correct: boolean,
  errorType: SampleVerdict["errorType"],
  error: string | null,
  got: () => unknown,
  rawOutput: () => string | null,
): SampleVerdict {
  let gotValue: unknown;
  let gotDone = false;
  let rawValue: string | null = null;
  let rawDone = false;
  return {
    ...base,
    correct,
    errorType,
    error,
    get got() {
      if (!gotDone) [gotValue, gotDone] = [got(), true];
      return gotValue;
    },
    set got(value: unknown) {
      [gotValue, gotDone] = [value, true];
    },
    get rawOutput() {
      if (!rawDone) [rawValue, rawDone] = [rawOutput(), true];
      return rawValue;
    },
    set rawOutput(value: string | null) {
      [rawValue, rawDone] = [value, true];
    },
  };
}
