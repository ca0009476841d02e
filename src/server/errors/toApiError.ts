import { ERROR_CODES } from "../../core/errorCodes.js";
import { isHammerError, type HammerErrorCode } from "../../core/errors.js";
import { ApiError } from "./ApiError.js";

interface FastifyLikeError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

/** What the client is told before the error's own message, where the message alone would puzzle. */
const MESSAGE_PREFIX: Partial<Record<HammerErrorCode, string>> = {
  OUTPUT_PARSE: "the model's output could not be turned into a valid answer: ",
  CALL_INVALID: "the model's output could not be turned into a valid answer: ",
  NETWORK: "upstream request failed: ",
  ABORTED: "the request was aborted: ",
};

/**
 * Map anything thrown while serving a request to the ApiError the client sees: a HammerError's
 * status and OpenAI fields come from the error-code table (ERROR_CODES), fastify's own errors are
 * mapped here, and anything else is a 500.
 */
export function toApiError(e: unknown, limits: { maxBodyBytes: number }): ApiError {
  if (e instanceof ApiError) return e;
  if (isHammerError(e)) {
    const info = ERROR_CODES[e.code];
    const message = `${MESSAGE_PREFIX[e.code] ?? ""}${e.describe()}`;
    return new ApiError(info.httpStatus, message, { apiCode: info.apiCode, type: info.apiType, hammerCode: e.code, cause: e });
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
