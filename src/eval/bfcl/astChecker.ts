import { HammerError } from "../../core/errors.js";
import type { BfclCheckerKind, BfclLanguage } from "./categories.js";
import { fail, type BfclErrorType, type CheckResult } from "./errorTypes.js";
import { simpleFunctionChecker, type CheckerOptions } from "./simpleFunctionChecker.js";
import type { BfclExpectedCall, BfclFunctionDoc, DecodedCall } from "./types.js";

/** A failed candidate of the parallel matcher (BFCL keeps these as `sub_error_type`). */
export interface SubError {
  modelIndex: number;
  expectedIndex: number;
  errorType: BfclErrorType;
  error: string;
}

export type AstCheckResult = CheckResult & { subErrors?: SubError[] };

/**
 * BFCL's `ast_checker`, dispatching on the category's checker kind instead of on substrings of
 * its name. Calls must already be decoded (see decodePrediction).
 */
export function astChecker(
  kind: Extract<BfclCheckerKind, "simple" | "multiple" | "parallel">,
  docs: readonly BfclFunctionDoc[],
  calls: readonly DecodedCall[],
  expected: readonly BfclExpectedCall[],
  language: BfclLanguage,
  options: CheckerOptions = {},
): AstCheckResult {
  switch (kind) {
    case "parallel":
      return parallelFunctionCheckerNoOrder(docs, calls, expected, language, options);
    case "multiple":
      return multipleFunctionChecker(docs, calls, expected, language, options);
    case "simple": {
      if (calls.length !== 1) return fail("simple_function_checker:wrong_count", "Wrong number of functions.");
      // BFCL checks against the first doc, not the doc named by the answer.
      return simpleFunctionChecker(firstDoc(docs), calls[0] as DecodedCall, expectedAt(expected, 0), language, options);
    }
  }
}

function firstDoc(docs: readonly BfclFunctionDoc[]): BfclFunctionDoc {
  const d = docs[0];
  if (!d) throw new HammerError("INPUT_INVALID", "BFCL sample has no function doc");
  return d;
}

function expectedAt(expected: readonly BfclExpectedCall[], i: number): BfclExpectedCall {
  const e = expected[i];
  if (!e) throw new HammerError("INPUT_INVALID", `BFCL possible answer has no call #${i}`);
  return e;
}

/** BFCL's `find_description`: the first doc with that name. */
export function findDescription(docs: readonly BfclFunctionDoc[], name: string): BfclFunctionDoc {
  const d = docs.find((x) => x.name === name);
  if (!d) throw new HammerError("INPUT_INVALID", `BFCL possible answer names ${JSON.stringify(name)}, which has no function doc`);
  return d;
}

function expectedName(e: BfclExpectedCall): string {
  return Object.keys(e)[0] ?? "";
}

/** BFCL's `multiple_function_checker`: exactly as many calls as expected (always one), checked against the expected function's doc. */
export function multipleFunctionChecker(
  docs: readonly BfclFunctionDoc[],
  calls: readonly DecodedCall[],
  expected: readonly BfclExpectedCall[],
  language: BfclLanguage,
  options: CheckerOptions = {},
): AstCheckResult {
  if (calls.length !== expected.length) return fail("multiple_function_checker:wrong_count", "Wrong number of functions.");
  const e = expectedAt(expected, 0);
  return simpleFunctionChecker(findDescription(docs, expectedName(e)), calls[0] as DecodedCall, e, language, options);
}

/**
 * BFCL's `parallel_function_checker_no_order`. Parity quirk: the matching is greedy, not an
 * optimal assignment — each expected call, in order, claims the first unclaimed model call that
 * passes the simple checker, so a permissive early expectation can take the call a later one
 * needed and the sample fails although a valid assignment exists.
 */
export function parallelFunctionCheckerNoOrder(
  docs: readonly BfclFunctionDoc[],
  calls: readonly DecodedCall[],
  expected: readonly BfclExpectedCall[],
  language: BfclLanguage,
  options: CheckerOptions = {},
): AstCheckResult {
  if (calls.length !== expected.length) return fail("parallel_function_checker_no_order:wrong_count", "Wrong number of functions.");
  const matched = new Set<number>();
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i] as BfclExpectedCall;
    const doc = findDescription(docs, expectedName(e));
    const subErrors: SubError[] = [];
    let found = false;
    for (let m = 0; m < calls.length; m++) {
      if (matched.has(m)) continue;
      const r = simpleFunctionChecker(doc, calls[m] as DecodedCall, e, language, options);
      if (r.valid) {
        matched.add(m);
        found = true;
        break;
      }
      subErrors.push({ modelIndex: m, expectedIndex: i, errorType: r.errorType, error: r.error });
    }
    if (!found) {
      const considered = [...calls.keys()].filter((m) => !matched.has(m));
      return {
        valid: false,
        errorType: "parallel_function_checker_no_order:cannot_find_match",
        error: `Could not find a matching function among index [${considered.join(", ")}] of model output for index ${i} of possible answers.`,
        subErrors,
      };
    }
  }
  return { valid: true };
}
