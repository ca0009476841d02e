import { describe, expect, it } from "vitest";
import { ERROR_CODE_NAMES, ERROR_CODES } from "../../core/errorCodes.js";
import { HammerError, type HammerErrorCode } from "../../core/errors.js";
import { ApiError } from "./ApiError.js";
import { toApiError } from "./toApiError.js";

const limits = { maxBodyBytes: 1024 };

describe("toApiError", () => {
  it("takes every HammerError's status, OpenAI code and type from the error-code table", () => {
    for (const code of ERROR_CODE_NAMES) {
      const e = toApiError(new HammerError(code, "what went wrong", { location: "messages[0]" }), limits);
      const info = ERROR_CODES[code];
      expect(e, code).toBeInstanceOf(ApiError);
      expect({ status: e.status, apiCode: e.apiCode, type: e.type, code: e.code }, code).toEqual({ status: info.httpStatus, apiCode: info.apiCode, type: info.apiType, code });
      expect(e.message, code).toMatch(/messages\[0\]: what went wrong$/);
    }
  });

  it("keeps the statuses and bodies clients already see", () => {
    const body = (code: HammerErrorCode) => toApiError(new HammerError(code, "m"), limits).toResponse().error;
    expect(body("SCHEMA_INVALID")).toEqual({ message: "m", type: "invalid_request_error", param: null, code: "invalid_request" });
    expect(body("CALL_INVALID")).toEqual({ message: "the model's output could not be turned into a valid answer: m", type: "model_output_error", param: null, code: "invalid_model_output" });
    expect(body("NETWORK")).toEqual({ message: "upstream request failed: m", type: "upstream_error", param: null, code: "upstream_error" });
    expect(body("INTERNAL")).toEqual({ message: "m", type: "server_error", param: null, code: null });
    expect(toApiError(new HammerError("TIMEOUT", "m"), limits).status).toBe(504);
    expect(toApiError(new HammerError("ABORTED", "m"), limits).status).toBe(503);
  });

  it("maps fastify's own errors and anything else", () => {
    expect(toApiError(Object.assign(new Error("big"), { code: "FST_ERR_CTP_BODY_TOO_LARGE" }), limits)).toMatchObject({ status: 413, apiCode: "request_too_large" });
    expect(toApiError(new TypeError("bug"), limits)).toMatchObject({ status: 500, message: "internal server error: bug" });
    const own = new ApiError(429, "busy", { apiCode: "queue_full" });
    expect(toApiError(own, limits)).toBe(own);
  });
});
