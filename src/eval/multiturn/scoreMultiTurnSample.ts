import { pyJsonDumps } from "../../core/python/index.js";
import type { Prediction } from "../predictions/types.js";
import type { SampleVerdict } from "../types.js";
import type { ApiClasses } from "./execution/ApiSession.js";
import { API_CLASSES } from "./apis/registry.js";
import { callString } from "./execution/callString.js";
import { decodeTurns } from "./checker/decodeTurns.js";
import { API_UNAVAILABLE } from "./checker/multiTurnErrorTypes.js";
import { multiTurnChecker, type DecodedTurns } from "./checker/multiTurnChecker.js";
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

  const decoded = decodeTurns(prediction.turns);
  if (!decoded.ok) return verdict(base, false, "multi_turn:inference_error", decoded.error, null, prediction);
  const turns = decoded.turns;
  if (turns.length !== entry.groundTruth.length) {
    const error = `Model was force-terminated during inference phase. The length of the model result turns (${turns.length}) does not match the length of the ground truth turns (${entry.groundTruth.length}).`;
    return verdict(base, false, "multi_turn:force_terminated", error, turns, prediction);
  }
  const classes = options.apiClasses ?? API_CLASSES;
  const absent = entry.involvedClasses.filter((c) => !Object.prototype.hasOwnProperty.call(classes, c));
  if (absent.length > 0) return verdict(base, false, API_UNAVAILABLE, `No simulated API for ${absent.join(", ")}: this entry cannot be executed.`, turns, prediction);

  const check = multiTurnChecker(entry, turns, classes);
  if (check.valid) return verdict(base, true, null, null, turns, prediction);
  return verdict(base, false, check.errorType, check.error, turns, prediction);
}

/** What a verdict's `got` and `rawOutput` are written from, and what they are once read. */
interface LazyTexts {
  turns: DecodedTurns | null;
  prediction: Prediction;
  got?: unknown;
  rawOutput?: string | null;
}

const LAZY = Symbol("lazy verdict texts");
type LazyVerdict = SampleVerdict & { [LAZY]: LazyTexts };

// One pair of accessors for every verdict (accessors written in an object literal would be made
// anew, and the object kept in a slow form, for each of them).
const LAZY_TEXTS: PropertyDescriptorMap = {
  got: {
    enumerable: true,
    configurable: true,
    get(this: LazyVerdict): unknown {
      const t = this[LAZY];
      if (!("got" in t)) t.got = t.turns === null ? null : t.turns.map((steps) => steps.map((calls) => calls.map(callString)));
      return t.got;
    },
    set(this: LazyVerdict, value: unknown) {
      this[LAZY].got = value;
    },
  },
  rawOutput: {
    enumerable: true,
    configurable: true,
    get(this: LazyVerdict): string | null {
      const t = this[LAZY];
      if (!("rawOutput" in t)) t.rawOutput = t.prediction.turns !== undefined ? pyJsonDumps(t.prediction.turns, { ensureAscii: false }) : (t.prediction.output ?? null);
      return t.rawOutput as string | null;
    },
    set(this: LazyVerdict, value: string | null) {
      this[LAZY].rawOutput = value;
    },
  },
};

/**
 * A verdict whose `got` (the decoded calls as the call strings the official runner evaluates) and
 * `rawOutput` texts are written on first read: reports read them, a score or a benchmark does not.
 * They are own enumerable accessors, so spreading, JSON and equality checks see plain values. The
 * decoded calls and the prediction are not changed by scoring (calls run on copies of their arguments).
 */
function verdict(
  base: Pick<SampleVerdict, "id" | "part" | "expected">,
  correct: boolean,
  errorType: SampleVerdict["errorType"],
  error: string | null,
  turns: DecodedTurns | null,
  prediction: Prediction,
): SampleVerdict {
  const v = { id: base.id, part: base.part, expected: base.expected, correct, errorType, error };
  Object.defineProperty(v, LAZY, { value: { turns, prediction } satisfies LazyTexts });
  return Object.defineProperties(v, LAZY_TEXTS) as SampleVerdict;
}
