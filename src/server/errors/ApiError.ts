import { HammerError, type HammerErrorCode } from "../../core/errors.js";
import type { ErrorResponse } from "../protocol/errorResponse.js";

export interface ApiErrorOptions {
  /** The request field at fault (`messages[2].content`), or null. */
  param?: string | null;
  /** OpenAI's machine-readable code (`invalid_api_key`, `queue_full`, …), or null. */
  apiCode?: string | null;
  /** OpenAI's error `type`; derived from the status when omitted. */
  type?: string;
  /** Extra response headers (`Retry-After`). */
  headers?: Record<string, string>;
  hammerCode?: HammerErrorCode;
  cause?: unknown;
}

/**
 * The server's one boundary error: an HTTP status plus OpenAI's error fields. Every failure a
 * client can see is turned into one of these (see toApiError) and rendered as ErrorResponse.
 */
export class ApiError extends HammerError {
  readonly type: string;
  readonly param: string | null;
  readonly apiCode: string | null;
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    message: string,
    options: ApiErrorOptions = {},
  ) {
    super(options.hammerCode ?? hammerCodeFor(status), message, { location: options.param ?? undefined, cause: options.cause });
    this.type = options.type ?? typeFor(status);
    this.param = options.param ?? null;
    this.apiCode = options.apiCode ?? null;
    this.headers = options.headers ?? {};
  }

  toResponse(): ErrorResponse {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.apiCode } };
  }
}

/** A request field failed validation (400, `invalid_request_error`). */
export function invalidRequest(message: string, param: string | null = null, apiCode: string | null = null): ApiError {
  return new ApiError(400, message, { param, apiCode });
}

/** A configured limit was exceeded (400 unless `status` says otherwise); the message names the limit. */
export function limitExceeded(message: string, param: string | null, status = 400): ApiError {
  return new ApiError(status, message, { param, apiCode: "limit_exceeded", hammerCode: "LIMIT_EXCEEDED" });
}

function typeFor(status: number): string {
  if (status === 429) return "rate_limit_error";
  if (status === 504) return "timeout_error";
  if (status === 502) return "upstream_error";
  if (status === 422) return "model_output_error";
  if (status >= 500) return "server_error";
  return "invalid_request_error";
}

function hammerCodeFor(status: number): HammerErrorCode {
  if (status === 404) return "NOT_FOUND";
  if (status === 413 || status === 429) return "LIMIT_EXCEEDED";
  if (status === 502) return "NETWORK";
  if (status >= 500) return "INTERNAL";
  return "INPUT_INVALID";
}
