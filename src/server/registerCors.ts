import type { FastifyInstance } from "fastify";
import { ApiError } from "./errors/ApiError.js";

/** Request headers a preflight may ask for: a comma-separated list of header names. */
const HEADER_LIST = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+(\s*,\s*[!#$%&'*+\-.^_`|~0-9A-Za-z]+)*$/;

/**
 * CORS for browser clients from `origins` (`*` = any). Registered before authentication: a
 * preflight (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) never carries the API
 * key. An allowed origin's preflight gets 204 allowing GET/POST and the headers it asks for
 * (`Authorization` included); other origins get 403 and no CORS headers. Actual requests from an
 * allowed origin carry `Access-Control-Allow-Origin` on every answer, errors and streams included
 * (set on the raw response, which every write path merges), so the browser can read them.
 */
export function registerCors(app: FastifyInstance, origins: readonly string[]): void {
  const any = origins.includes("*");
  const allowed = new Set(origins);
  app.addHook("onRequest", async (request, reply) => {
    const origin = request.headers.origin;
    if (origin === undefined) return;
    const ok = any || allowed.has(origin);
    const requestedMethod = request.headers["access-control-request-method"];
    if (request.method === "OPTIONS" && requestedMethod !== undefined) {
      if (!ok) throw new ApiError(403, `Origin ${JSON.stringify(origin)} is not allowed to call this server (--cors).`, { apiCode: "origin_not_allowed" });
      const requestedHeaders = request.headers["access-control-request-headers"];
      const headers = typeof requestedHeaders === "string" && HEADER_LIST.test(requestedHeaders.trim()) ? requestedHeaders.trim() : "authorization, content-type";
      return reply
        .code(204)
        .headers({
          "access-control-allow-origin": any ? "*" : origin,
          "access-control-allow-methods": "GET, POST, OPTIONS",
          "access-control-allow-headers": headers,
          "access-control-max-age": "600",
          vary: "Origin, Access-Control-Request-Headers",
        })
        .send();
    }
    if (!ok) return;
    reply.raw.setHeader("access-control-allow-origin", any ? "*" : origin);
    reply.raw.setHeader("access-control-expose-headers", "retry-after");
    if (!any) reply.raw.setHeader("vary", "Origin");
    return;
  });
}
