/**
 * Per-sample reasons for Hammer sets (evaluate.py only pools counts, so these are this
 * harness's own). A sample is correct when its calls match the answers one-to-one with every
 * non-empty argument equal under Python's `str()`.
 */
export const HAMMER_ERROR_TYPES = [
  "hammer:format_error",
  "hammer:no_call",
  "hammer:wrong_count",
  "hammer:wrong_func_name",
  "hammer:wrong_arguments",
  "hammer_fc:missing_prediction",
] as const;

export type HammerErrorType = (typeof HAMMER_ERROR_TYPES)[number];
