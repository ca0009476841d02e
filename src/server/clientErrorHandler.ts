import type { Socket } from "node:net";
import { ApiError } from "./errors/ApiError.js";
import { rawHttpResponse } from "./rawHttpResponse.js";
import type { ServerLimits } from "./ServerLimits.js";
import type { ServerState } from "./ServerState.js";

/** What node passes to a `clientError` listener. */
interface ClientError extends Error {
  code?: string;
}

/**
 * fastify's `clientErrorHandler`: node reports a connection whose request it could not take — a
 * request not received within `--header-timeout` / `--body-timeout` (checked by node's own
 * `headersTimeout` / `requestTimeout`), oversized headers, bytes that are not HTTP. The client
 * gets OpenAI's error shape with the right status (408, 431, 400) and the connection is closed.
 * A request whose response already started is only cut: nothing may be written over it.
 */
export function clientErrorHandler(state: ServerState, ageMs: (socket: Socket) => number): (err: ClientError, socket: Socket) => void {
  const limits = state.baseLimits;
  return (err, socket) => {
    if (err.code === "ECONNRESET" || socket.destroyed || !socket.writable) {
      socket.destroy();
      return;
    }
    const last = state.requestOn(socket);
    // The latest request's body is still arriving (else the error is about the next request's headers).
    const ctx = last && !last.req.complete ? last : undefined;
    // A response going out (or already sent: a 429 or 401 answered before the body) is never written over.
    if ((ctx && ctx.res.headersSent) || (!ctx && last && !last.res.writableFinished)) {
      socket.destroy();
      return;
    }
    const e = toClientApiError(err, limits, ctx !== undefined);
    if (ctx) ctx.abort("slow_client", e);
    else state.connectionRejected(e, ageMs(socket));
    socket.write(rawHttpResponse(e));
    socket.destroy();
  };
}

function toClientApiError(err: ClientError, limits: ServerLimits, headersReceived: boolean): ApiError {
  if (err.code === "ERR_HTTP_REQUEST_TIMEOUT") {
    const message =
      headersReceived || limits.headerTimeoutMs === 0
        ? `The request was not received within ${seconds(limits.bodyTimeoutMs)} (--body-timeout): its body was still arriving.`
        : `The request headers were not received within ${seconds(limits.headerTimeoutMs)} (--header-timeout).`;
    return new ApiError(408, message, { apiCode: "client_timeout", hammerCode: "TIMEOUT" });
  }
  if (err.code === "HPE_HEADER_OVERFLOW") {
    return new ApiError(431, "The request headers are larger than the server accepts (16 KiB).", { apiCode: "headers_too_large", hammerCode: "LIMIT_EXCEEDED" });
  }
  return new ApiError(400, `Malformed HTTP request: ${err.message}.`, { apiCode: "bad_http_request" });
}

function seconds(ms: number): string {
  return `${ms / 1000} s`;
}
