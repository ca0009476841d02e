import type { Prediction } from "../predictions/types.js";
import type { PredictionRecord } from "./types.js";

/**
 * What the scorer sees of a log line: the engine's calls (which win over the raw text, as in
 * `eval score`), or the raw text; nothing when generation failed without producing a call.
 */
export function recordToPrediction(r: PredictionRecord): Prediction | undefined {
  if (r.turns !== undefined) return r.error === undefined ? { id: r.id, turns: r.turns } : undefined;
  if (r.tool_calls !== undefined) return r.output === undefined ? { id: r.id, toolCalls: r.tool_calls } : { id: r.id, toolCalls: r.tool_calls, output: r.output };
  if (r.error === undefined && r.output !== undefined) return { id: r.id, output: r.output };
  return undefined;
}
