import { isHammerError } from "../../core/errors.js";
import { ApiError } from "./ApiError.js";

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/**
 * Map anything thrown while serving a request to the ApiError the client sees. Model-side
 * failures are never 500 (BFCL retries 500s for minutes): output that cannot be made valid is
 * 422, an unreachable upstream 502; only broken invariants are 500.
 */
export function toApiError(e: unknown, limits: { maxBodyBytes: number }): ApiError {
  if (e instanceof ApiError) return e;
  if (isHammerError(e)) {
    const message = e.describe();
    switch (e.code) {
      case "INPUT_INVALID":
      case "JSON_SYNTAX":
      case "SCHEMA_INVALID":
        return new ApiError(400, message, { apiCode: "invalid_request", hammerCode: e.code, cause: e });
      case "SCHEMA_UNSUPPORTED":
        return new ApiError(400, message, { apiCode: "unsupported_schema", hammerCode: e.code, cause: e });
      case "LIMIT_EXCEEDED":
        return new ApiError(400, message, { apiCode: "limit_exceeded", hammerCode: e.code, cause: e });
      case "CONTEXT_LENGTH_EXCEEDED":
        return new ApiError(400, message, { apiCode: "context_length_exceeded", hammerCode: e.code, cause: e });
      case "USAGE":
      case "CHECK_FAILED":
        return new ApiError(400, message, { apiCode: "invalid_request", hammerCode: e.code, cause: e });
      case "TIMEOUT":
        return new ApiError(504, message, { apiCode: "timeout", hammerCode: e.code, cause: e });
      case "ENVIRONMENT":
      case "RESOURCE_EXHAUSTED":
        return new ApiError(503, message, { apiCode: "unavailable", hammerCode: e.code, cause: e });
      case "OUTPUT_PARSE":
      case "CALL_INVALID":
        return new ApiError(422, `the model's output could not be turned into a valid answer: ${message}`, {
          apiCode: "invalid_model_output",
          hammerCode: e.code,
          cause: e,
        });
      case "NOT_FOUND":
        return new ApiError(404, message, { apiCode: "not_found", hammerCode: e.code, cause: e });
      case "NETWORK":
        return new ApiError(502, `upstream request failed: ${message}`, { apiCode: "upstream_error", hammerCode: e.code, cause: e });
      case "ABORTED":
        return new ApiError(503, `the request was aborted: ${message}`, { apiCode: "aborted", hammerCode: e.code, cause: e });
      case "MODEL_INVALID":
      case "INTERNAL":
        return new ApiError(500, message, { hammerCode: e.code, cause: e });
    }
  }
  const f = (typeof e === "object" && e !== null ? e : {}) as FastifyLikeError;
  const message = typeof f.message === "string" ? f.message : String(e);
  switch (f.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return new ApiError(413, `Request body is larger than the server's limit of ${limits.maxBodyBytes} bytes (--max-body).`, {
        apiCode: "request_too_large",
        hammerCode: "LIMIT_EXCEEDED",
      });
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return new ApiError(415, message, { apiCode: "unsupported_media_type" });
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return new ApiError(400, message, { apiCode: "invalid_body" });
  }
  const status = typeof f.statusCode === "number" && f.statusCode >= 400 && f.statusCode < 500 ? f.statusCode : 500;
  return new ApiError(status, status === 500 ? `internal server error: ${message}` : message, { cause: e });
}
