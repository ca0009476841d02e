import type { FastifyRequest } from "fastify";
import { ApiError } from "./errors/ApiError.js";
import type { RequestContext } from "./RequestContext.js";

const contexts = new WeakMap<object, RequestContext>();

export function attachContext(request: FastifyRequest, ctx: RequestContext): void {
  contexts.set(request.raw, ctx);
}

/** The context the onRequest hook made for this request. */
export function contextOf(request: FastifyRequest): RequestContext {
  const ctx = contexts.get(request.raw);
  if (!ctx) throw new ApiError(500, "request context missing", { hammerCode: "INTERNAL" });
  return ctx;
}
