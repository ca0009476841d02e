/** The `error_type` strings of BFCL v3's multi-turn runner and checker, verbatim. */
export const MULTI_TURN_ERROR_TYPES = [
  "multi_turn:inference_error",
  "multi_turn:force_terminated",
  "multi_turn:empty_turn_model_response",
  "multi_turn:instance_state_mismatch",
  "multi_turn:execution_response_mismatch",
] as const;
export type MultiTurnErrorType = (typeof MULTI_TURN_ERROR_TYPES)[number];

/** This harness's own: an entry needs a simulated API class that is not available. */
export const API_UNAVAILABLE = "hammer_fc:api_unavailable" as const;
