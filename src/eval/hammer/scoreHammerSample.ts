import { isHammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import { decodeOutput, decodeToolCalls, type DecodeOptions } from "../bfcl/decodePrediction.js";
import type { DecodedCall } from "../bfcl/types.js";
import type { Prediction } from "../predictions/types.js";
import type { HammerCounts, SampleVerdict } from "../types.js";
import { correctedSampleCounts } from "./hammerCorrectedCounts.js";
import { officialSampleCounts } from "./hammerOfficialCounts.js";
import { parseHammerOutput } from "./parseHammerOutput.js";
import type { HammerSample } from "./types.js";

export interface HammerSampleScore {
  verdict: SampleVerdict;
  /** evaluate.py counts (its strict parser for raw text). */
  official: HammerCounts;
  /** Corrected counts (the project's output parser for raw text). */
  corrected: HammerCounts;
}

/**
 * Score one Hammer-set sample both ways. Raw text goes through evaluate.py's own parser for the
 * official counts and through parseToolCalls for the corrected ones; given `tool_calls` are used
 * as they are (string arguments JSON-parsed; one that does not parse makes the sample a format
 * error). A missing prediction counts like an unparseable one.
 */
export function scoreHammerSample(sample: HammerSample, prediction: Prediction | undefined, options: DecodeOptions = {}): HammerSampleScore {
  const part = `hammer:${sample.set}`;
  if (!prediction) {
    const c = correctedSampleCounts(sample.answers, null);
    return {
      verdict: { id: sample.id, part, correct: false, errorType: "hammer_fc:missing_prediction", error: "No prediction for this sample.", expected: sample.answers, got: null, rawOutput: null },
      official: officialSampleCounts(sample.answers, null),
      corrected: c.counts,
    };
  }
  let officialItems: unknown[] | null;
  let calls: DecodedCall[] | null;
  let error: string | null = null;
  if (prediction.toolCalls !== undefined) {
    officialItems = normaliseItems(prediction.toolCalls);
    const d = decodeToolCalls(prediction.toolCalls);
    calls = d.kind === "calls" ? d.calls : null;
    if (d.kind !== "calls") error = d.error;
  } else {
    const text = prediction.output ?? "";
    const p = parseHammerOutput(text);
    officialItems = p.kind === "list" ? p.items : null;
    const d = decodeOutput(text, options);
    calls = d.kind === "calls" ? d.calls : null;
    if (d.kind !== "calls") error = d.error;
  }
  const corrected = correctedSampleCounts(sample.answers, calls);
  return {
    verdict: {
      id: sample.id,
      part,
      correct: corrected.errorType === null,
      errorType: corrected.errorType,
      error: corrected.errorType === null ? null : (error ?? describe(corrected.errorType)),
      expected: sample.answers,
      got: calls ? calls.map((c) => ({ name: c.name, arguments: c.args })) : null,
      rawOutput: prediction.toolCalls !== undefined ? pyJsonDumps(prediction.toolCalls, { ensureAscii: false }) : (prediction.output ?? null),
    },
    official: officialSampleCounts(sample.answers, officialItems),
    corrected: corrected.counts,
  };
}

function describe(t: string): string {
  switch (t) {
    case "hammer:no_call":
      return "The prediction makes no call.";
    case "hammer:wrong_count":
      return "The prediction makes a different number of calls than expected.";
    case "hammer:wrong_func_name":
      return "A predicted call names a function the answers do not call.";
    default:
      return "Arguments differ from the answers.";
  }
}

/** `{type:"function", function:{…}}` unwrapped and string arguments parsed; null if one does not parse. */
function normaliseItems(items: unknown[]): unknown[] | null {
  const out: unknown[] = [];
  for (let item of items) {
    if (isDict(item) && item.type === "function" && isDict(item.function)) item = item.function;
    if (isDict(item) && typeof item.arguments === "string") {
      try {
        item = { ...item, arguments: parseJson(item.arguments) };
      } catch (e) {
        if (!isHammerError(e)) throw e;
        return null;
      }
    }
    out.push(item);
  }
  return out;
}

function isDict(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}
