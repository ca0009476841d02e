import { isHammerError } from "../../core/errors.js";
import type { CallSyntax } from "../../core/formats/types.js";
import { parseJson } from "../../core/json/index.js";
import { parseToolCalls } from "../../core/parse/index.js";
import type { Prediction } from "../predictions/types.js";
import type { DecodedCall } from "./types.js";

/**
 * What decoding made of a prediction — BFCL's `decode_ast` step, kept apart from checking:
 * - `failed`: no calls could be read (`ast_decoder:decoder_failed`);
 * - `wrong_format`: something was read but it is not a list of `{name: {args}}`
 *   (`ast_decoder:decoder_wrong_output_format`);
 * - `calls`: the decoded calls (possibly none).
 */
export type Decoded =
  | { kind: "failed"; error: string; attemptedCall: boolean }
  | { kind: "wrong_format"; error: string; value: unknown }
  | { kind: "calls"; calls: DecodedCall[] };

export interface DecodeOptions {
  /** Call syntax of the model's output format; default: parseToolCalls' own detection. */
  callSyntax?: CallSyntax;
}

export function decodePrediction(prediction: Prediction, options: DecodeOptions = {}): Decoded {
  if (prediction.toolCalls !== undefined) return decodeToolCalls(prediction.toolCalls);
  return decodeOutput(prediction.output ?? "", options);
}

/** Raw model text through the project's output parser. */
export function decodeOutput(text: string, options: DecodeOptions = {}): Decoded {
  try {
    const parsed = parseToolCalls(text, options.callSyntax ? { syntax: options.callSyntax } : {});
    const calls: DecodedCall[] = [];
    for (const c of parsed.calls) {
      if (!isPlainObject(c.arguments)) return { kind: "wrong_format", error: `arguments of ${JSON.stringify(c.name)} are not an object`, value: parsed.calls };
      calls.push({ name: c.name, args: c.arguments });
    }
    return { kind: "calls", calls };
  } catch (e) {
    if (!isHammerError(e)) throw e;
    return { kind: "failed", error: e.describe(), attemptedCall: looksLikeCallAttempt(text) };
  }
}

/**
 * Does undecodable text look like an attempted call rather than a prose answer? Used only by
 * the `strict` irrelevance variant: a broken call block must not count as an abstention, but a
 * plain-text refusal still should.
 */
export function looksLikeCallAttempt(text: string): boolean {
  const t = text.trim();
  return /^[[{]/.test(t) || t.includes("```") || t.includes("<tool_call>") || /"name"\s*:/.test(t) || /^[\p{L}_][\p{L}\p{N}_.]*\(/u.test(t);
}

/** Calls given as data (OpenAI/`eval run` shape); string arguments are JSON-parsed like BFCL's FC handlers do. */
export function decodeToolCalls(items: unknown[]): Decoded {
  const calls: DecodedCall[] = [];
  for (let i = 0; i < items.length; i++) {
    let item = items[i];
    if (isPlainObject(item) && item.type === "function" && isPlainObject(item.function)) item = item.function;
    if (!isPlainObject(item) || typeof item.name !== "string") {
      return { kind: "wrong_format", error: `tool_calls[${i}] is not {"name": string, "arguments": …}`, value: items };
    }
    let args: unknown = item.arguments;
    if (typeof args === "string") {
      try {
        args = parseJson(args, { source: `tool_calls[${i}].arguments` });
      } catch (e) {
        if (!isHammerError(e)) throw e;
        return { kind: "failed", error: e.describe(), attemptedCall: true };
      }
    } else if (args === undefined) {
      return { kind: "failed", error: `tool_calls[${i}] has no arguments`, attemptedCall: true };
    }
    if (!isPlainObject(args)) return { kind: "wrong_format", error: `tool_calls[${i}].arguments is not an object`, value: items };
    calls.push({ name: item.name, args });
  }
  return { kind: "calls", calls };
}

function isPlainObject(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}
