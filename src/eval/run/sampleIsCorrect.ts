import { scoreBfclSample } from "../bfcl/scoreBfclSample.js";
import { scoreHammerSample } from "../hammer/scoreHammerSample.js";
import { scoreMultiTurnSample } from "../multiturn/scoreMultiTurnSample.js";
import type { ApiClasses } from "../multiturn/execution/ApiSession.js";
import { recordToPrediction } from "./recordToPrediction.js";
import type { EvalSample } from "./toEvalItem.js";
import type { PredictionRecord } from "./types.js";

/** Verdict of one logged answer, for the running accuracy of the progress bar. */
export function sampleIsCorrect(s: EvalSample, record: PredictionRecord, apiClasses?: ApiClasses): boolean {
  const p = recordToPrediction(record);
  if (!p) return false;
  if (s.kind === "multi_turn") return scoreMultiTurnSample(s.sample, p, apiClasses ? { apiClasses } : {}).correct;
  return s.kind === "bfcl" ? scoreBfclSample(s.sample, p).correct : scoreHammerSample(s.sample, p).verdict.correct;
}
