import type { FastifyRequest } from "fastify";
import type { RequestContext } from "./RequestContext.js";
import type { ServerState } from "./ServerState.js";

/**
 * A finished request (its response closed): one metrics observation and one log entry. 499 = the
 * client left first; 408 = its body did not arrive in time (the answer went out on the socket).
 */
export function reportRequest(state: ServerState, request: FastifyRequest, ctx: RequestContext): void {
  const clientLeft = ctx.abortCause === "client_closed" && !ctx.res.writableFinished;
  const status = ctx.abortCause === "slow_client" ? 408 : clientLeft ? 499 : ctx.res.statusCode;
  const seconds = (performance.now() - ctx.started) / 1000;
  const errorType = ctx.error?.type ?? (clientLeft ? "client_closed" : undefined);
  state.metrics.observe(request.routeOptions.url ?? "unmatched", status, seconds, errorType);
  state.options.onRequestLog?.({
    time: ctx.time,
    method: request.method,
    path: pathOf(request),
    status,
    ms: seconds * 1000,
    stream: ctx.stream,
    ...(ctx.promptTokens !== undefined ? { promptTokens: ctx.promptTokens, completionTokens: ctx.completionTokens } : {}),
    ...(ctx.abortCause ? { aborted: ctx.abortCause } : {}),
    ...(ctx.error ? { error: ctx.error.message } : {}),
  });
}

/** The request's path without its query string. */
export function pathOf(request: FastifyRequest): string {
  const q = request.url.indexOf("?");
  return q < 0 ? request.url : request.url.slice(0, q);
}
