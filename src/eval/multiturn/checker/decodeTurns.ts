import type { JsonValue } from "../../../core/json/index.js";
import { decodeToolCalls } from "../../bfcl/decodePrediction.js";
import type { ApiCall } from "../types.js";
import type { DecodedTurns } from "./multiTurnChecker.js";

export type DecodedPrediction = { ok: true; turns: DecodedTurns; droppedSteps: number } | { ok: false; error: string };

/**
 * The eval runner's decoding of a multi-turn prediction (`turns`: per turn a list of steps, per
 * step a list of `{name, arguments}` calls, arguments an object or a JSON string). A step that does
 * not decode (not a list, a malformed call, arguments that are not a JSON object) or holds no call
 * is dropped, as BFCL drops it; `turns` that is not a list of lists is an inference error.
 */
export function decodeTurns(turns: unknown): DecodedPrediction {
  if (!Array.isArray(turns)) return { ok: false, error: 'Error during inference phase. Model did not output a list of model responses ("turns" is not a list).' };
  const out: DecodedTurns = [];
  let droppedSteps = 0;
  for (let t = 0; t < turns.length; t++) {
    const steps: unknown = turns[t];
    if (!Array.isArray(steps)) return { ok: false, error: `Error during inference phase. turns[${t}] is not a list of steps.` };
    const decoded: ApiCall[][] = [];
    for (const step of steps) {
      const d = Array.isArray(step) ? decodeToolCalls(step) : null;
      if (d?.kind === "calls" && d.calls.length > 0) decoded.push(d.calls.map((c) => ({ name: c.name, arguments: c.args as Record<string, JsonValue> })));
      else droppedSteps++;
    }
    out.push(decoded);
  }
  return { ok: true, turns: out, droppedSteps };
}
