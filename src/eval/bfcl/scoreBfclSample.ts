import { pyJsonDumps } from "../../core/python/index.js";
import { astChecker } from "./astChecker.js";
import { BFCL_CATEGORY_INFO } from "./categories.js";
import { decodePrediction, type Decoded, type DecodeOptions } from "./decodePrediction.js";
import type { CheckResult } from "./errorTypes.js";
import { relevanceChecker } from "./relevanceChecker.js";
import type { CheckerOptions } from "./simpleFunctionChecker.js";
import type { BfclSample } from "./types.js";
import type { Prediction } from "../predictions/types.js";
import type { SampleVerdict } from "../types.js";

export interface BfclScoreOptions extends CheckerOptions, DecodeOptions {
  /** Count malformed calls as calls in irrelevance categories (see relevanceChecker). */
  strict?: boolean;
}

/** Score one BFCL sample: decode, then the category's checker. A missing prediction fails. */
export function scoreBfclSample(sample: BfclSample, prediction: Prediction | undefined, options: BfclScoreOptions = {}): SampleVerdict {
  const part = `bfcl:${sample.category}`;
  if (!prediction) {
    return {
      id: sample.id,
      part,
      correct: false,
      errorType: "hammer_fc:missing_prediction",
      error: "No prediction for this sample.",
      expected: sample.groundTruth,
      got: null,
      rawOutput: null,
    };
  }
  const decoded = decodePrediction(prediction, options);
  const result = checkDecoded(sample, decoded, options);
  return {
    id: sample.id,
    part,
    correct: result.valid,
    errorType: result.valid ? null : result.errorType,
    error: result.valid ? null : result.error,
    expected: sample.groundTruth,
    got: gotOf(decoded),
    rawOutput: prediction.toolCalls !== undefined ? pyJsonDumps(prediction.toolCalls, { ensureAscii: false }) : (prediction.output ?? null),
  };
}

/** The checking half of scoring, for callers that decode themselves. */
export function checkDecoded(sample: BfclSample, decoded: Decoded, options: BfclScoreOptions = {}): CheckResult {
  const info = BFCL_CATEGORY_INFO[sample.category];
  if (info.checker === "irrelevance" || info.checker === "relevance") return relevanceChecker(info.checker, decoded, options.strict);
  if (decoded.kind === "failed") return { valid: false, errorType: "ast_decoder:decoder_failed", error: `Invalid syntax. Failed to decode AST. ${decoded.error}` };
  if (decoded.kind === "wrong_format") return { valid: false, errorType: "ast_decoder:decoder_wrong_output_format", error: `Did not output in the specified format. ${decoded.error}` };
  return astChecker(info.checker, sample.functions, decoded.calls, sample.groundTruth ?? [], info.language, options);
}

function gotOf(d: Decoded): unknown {
  if (d.kind === "calls") return d.calls.map((c) => ({ name: c.name, arguments: c.args }));
  if (d.kind === "wrong_format") return d.value;
  return null;
}
