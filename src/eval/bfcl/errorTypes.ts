import { API_UNAVAILABLE, MULTI_TURN_ERROR_TYPES } from "../multiturn/checker/multiTurnErrorTypes.js";

/**
 * The `error_type` strings of BFCL's AST checker and relevance runner, verbatim, so per-sample
 * verdicts can be compared with official score files. `hammer_fc:*` are this harness's own
 * additions for situations BFCL has no string for; they never appear in BFCL output.
 */
export const BFCL_ERROR_TYPES = [
  // decoding (ast_file_runner)
  "ast_decoder:decoder_failed",
  "ast_decoder:decoder_wrong_output_format",
  // call-count checks per dispatch branch
  "simple_function_checker:wrong_count",
  "multiple_function_checker:wrong_count",
  "parallel_function_checker_no_order:wrong_count",
  "parallel_function_checker_no_order:cannot_find_match",
  // simple_function_checker
  "simple_function_checker:wrong_func_name",
  "simple_function_checker:missing_required",
  "simple_function_checker:unexpected_param",
  "simple_function_checker:missing_optional",
  "type_error:java",
  "type_error:js",
  "type_error:simple",
  "type_error:nested",
  // value checks
  "value_error:string",
  "value_error:list/tuple",
  "value_error:dict_key",
  "value_error:dict_value",
  "value_error:list_dict_count",
  "value_error:others",
  "dict_checker:unclear",
  "list_dict_checker:unclear",
  // relevance_file_runner
  "irrelevance_error:decoder_success",
  "relevance_error:decoder_failed",
  // multi_turn_runner and multi_turn_checker
  ...MULTI_TURN_ERROR_TYPES,
] as const;

export type OfficialBfclErrorType = (typeof BFCL_ERROR_TYPES)[number];

export const HARNESS_ERROR_TYPES = [
  /** No prediction line for this sample id. */
  "hammer_fc:missing_prediction",
  /** `strict` irrelevance variant: the output tried to call but could not be decoded (gorilla #443). */
  "hammer_fc:strict_malformed_call",
  /** A multi-turn entry needs a simulated API class that is not available. */
  API_UNAVAILABLE,
] as const;

export type HarnessErrorType = (typeof HARNESS_ERROR_TYPES)[number];

export type BfclErrorType = OfficialBfclErrorType | HarnessErrorType;

/** Result of one checker rule: valid, or the first failure with its error type and message. */
export type CheckResult = { valid: true } | { valid: false; errorType: BfclErrorType; error: string };

export const VALID: CheckResult = Object.freeze({ valid: true }) as CheckResult;

export function fail(errorType: BfclErrorType, error: string): CheckResult {
  return { valid: false, errorType, error };
}
