import { createHash } from "node:crypto";
import { isFloatAt } from "../json/index.js";
import { ToolSchemaError } from "../errors.js";
import { GrammarLimitError } from "./errors.js";
import { GRAMMAR_LIMITS } from "./limits.js";

/** Bump when the emitted grammar for the same input changes (keys of old entries then miss). */
export const GRAMMAR_VERSION = 1;

/**
 * Stable hash of a compile request. Key order is kept (property order is meaningful to us) and
 * so are float marks (`5.0` in an enum prints differently from `5`).
 */
export function grammarKey(request: unknown): string {
  let text: string;
  try {
    // The replacer sees each value with its container as `this`: tag integral floats.
    text = JSON.stringify(request, function (this: unknown, key: string, value: unknown) {
      if (typeof value === "number" && Number.isInteger(value) && typeof this === "object" && this !== null && isFloatAt(this, key)) {
        return `\u0000float:${value}`;
      }
      return value;
    }) ?? "undefined";
  } catch (e) {
    // Nesting deep enough to exhaust the stack is far past the schema depth cap anyway.
    if (e instanceof RangeError) throw new GrammarLimitError("schema nesting depth", GRAMMAR_LIMITS.maxSchemaDepth, "tools");
    throw new ToolSchemaError("tools", "", `tool definitions must be plain JSON data: ${(e as Error).message}`);
  }
  return createHash("sha256").update(`v${GRAMMAR_VERSION}\u0000${text}`).digest("hex").slice(0, 32);
}
