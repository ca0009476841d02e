import { fail, VALID, type CheckResult } from "./errorTypes.js";
import type { Decoded } from "./decodePrediction.js";

/**
 * BFCL's `relevance_file_runner`: an output "has a call" when it decodes to a non-empty list of
 * well-formed calls. Irrelevance categories pass without a call, live_relevance passes with any
 * call (arguments are not checked).
 *
 * Parity quirk (gorilla #443): an output that tries to call but cannot be decoded counts as a
 * correct abstention in irrelevance categories. With `strict`, such an output fails instead
 * (`hammer_fc:strict_malformed_call`); plain-text answers still pass.
 */
export function relevanceChecker(kind: "irrelevance" | "relevance", decoded: Decoded, strict = false): CheckResult {
  const hasCall = decoded.kind === "calls" && decoded.calls.length > 0;
  if (kind === "relevance") {
    if (hasCall) return VALID;
    const why = decoded.kind === "calls" ? "no call" : decoded.error;
    return fail("relevance_error:decoder_failed", `Invalid syntax. Failed to decode AST when it should have. ${why}`);
  }
  if (hasCall) return fail("irrelevance_error:decoder_success", "Valid syntax. Successfully decode AST when it should not.");
  if (strict && isMalformedCall(decoded)) {
    return fail("hammer_fc:strict_malformed_call", `Malformed tool call counted as a call (strict): ${decoded.kind === "calls" ? "" : decoded.error}`);
  }
  return VALID;
}

function isMalformedCall(d: Decoded): boolean {
  if (d.kind === "wrong_format") return true;
  return d.kind === "failed" && d.attemptedCall;
}
