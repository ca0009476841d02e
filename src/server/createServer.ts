import Fastify, { type FastifyInstance } from "fastify";
import { HammerError } from "../core/errors.js";
import type { Engine } from "../engine/index.js";
import { bearerChecker } from "./bearerChecker.js";
import { clientErrorHandler } from "./clientErrorHandler.js";
import { ConnectionGate } from "./ConnectionGate.js";
import { ApiError } from "./errors/ApiError.js";
import { fromValidationErrors } from "./errors/fromValidationErrors.js";
import { toApiError } from "./errors/toApiError.js";
import { RequestContext } from "./RequestContext.js";
import { attachContext, contextOf } from "./contextOf.js";
import { registerChatCompletions } from "./routes/chatCompletions.js";
import { registerCompletions } from "./routes/completions.js";
import { registerHealth } from "./routes/health.js";
import { registerMetrics } from "./routes/metrics.js";
import { registerModels } from "./routes/models.js";
import { registerResponses } from "./routes/responses.js";
import { parseJsonBody } from "./parseJsonBody.js";
import { registerCors } from "./registerCors.js";
import { pathOf, reportRequest } from "./reportRequest.js";
import { shutdownServer } from "./shutdownServer.js";
import { ServerState, type ServerOptions } from "./ServerState.js";

const GENERATION_ROUTES = new Set(["/v1/chat/completions", "/v1/completions", "/v1/responses"]);

export interface ServerControl {
  /** Resolves when the engine is loaded (rejects with the load error). */
  readonly loaded: Promise<void>;
  /** `loading`, `ok` or `error`. */
  readonly status: "loading" | "ok" | "error";
  /** Requests running and waiting now. */
  readonly load: { running: number; waiting: number };
  /**
   * Stop gracefully: refuse new requests (503), let running ones finish for `graceMs`, then abort
   * them (streams end with an error event, others get 503), close every connection. The engine
   * is not closed: its owner does that afterwards.
   */
  shutdown(graceMs?: number): Promise<void>;
}

export type HammerServer = FastifyInstance & { readonly hammer: ServerControl };

/**
 * An OpenAI-compatible HTTP server for `engine` (fastify 5; call `listen`). The engine may
 * still be loading: /health answers 503 `loading` and the API 503 until it resolves.
 *
 * @example
 * const server = createServer(engine, { apiKey: process.env.HAMMER_API_KEY });
 * await server.listen({ host: "127.0.0.1", port: 8080 });
 */
export function createServer(engine: Engine | Promise<Engine>, options: ServerOptions = {}): HammerServer {
  const state = new ServerState(engine, options);
  const limits = state.baseLimits;
  checkTimeouts(limits.headerTimeoutMs, limits.bodyTimeoutMs);
  let gate: ConnectionGate | undefined;
  const app: FastifyInstance = Fastify({
    logger: false,
    bodyLimit: limits.maxBodyBytes,
    return503OnClosing: false,
    // node enforces both timeouts itself, checking every `connectionsCheckingInterval` (30 s by default: too coarse).
    requestTimeout: limits.bodyTimeoutMs,
    http: { headersTimeout: limits.headerTimeoutMs, connectionsCheckingInterval: checkInterval(limits.headerTimeoutMs, limits.bodyTimeoutMs) },
    clientErrorHandler: clientErrorHandler(state, (socket) => gate?.ageMs(socket) ?? 0),
    ajv: { customOptions: { allowUnionTypes: true, coerceTypes: false, removeAdditional: false, useDefaults: false, allErrors: false } },
    schemaErrorFormatter: (errors, dataVar) => fromValidationErrors(errors, dataVar),
  });
  const connections = new ConnectionGate(app.server, limits.maxConnections, (e) => state.connectionRejected(e, 0));
  gate = connections;
  state.openConnections = () => connections.open;

  parseJsonBody(app);

  app.addHook("onRequest", async (request, reply) => {
    const ctx = new RequestContext(request.raw, reply.raw, state.requestTimeoutMs);
    attachContext(request, ctx);
    state.contexts.add(ctx);
    state.trackRequest(request.raw.socket, ctx);
    reply.raw.once("close", () => {
      state.contexts.delete(ctx);
      reportRequest(state, request, ctx);
    });
  });
  if (options.corsOrigins && options.corsOrigins.length > 0) registerCors(app, options.corsOrigins);

  const authorized = options.apiKey ? bearerChecker(options.apiKey) : undefined;
  app.addHook("onRequest", async (request) => {
    if (state.closing && pathOf(request) !== "/health") {
      throw new ApiError(503, "The server is shutting down.", { apiCode: "shutting_down", headers: { connection: "close" } });
    }
    if (authorized && pathOf(request) !== "/health" && !authorized(request.headers.authorization)) {
      throw new ApiError(401, "Incorrect or missing API key: send 'Authorization: Bearer <key>'.", { apiCode: "invalid_api_key" });
    }
    // A full queue refuses before the body is read and validated: under overload, 429s stay cheap.
    if (request.method === "POST" && GENERATION_ROUTES.has(request.routeOptions.url ?? "")) {
      const refusal = state.readyOrUndefined?.scheduler.refusal();
      if (refusal) throw refusal;
    }
  });

  app.setErrorHandler((err, request, reply) => {
    const ctx = contextOf(request);
    if (ctx.abortCause === "slow_client") {
      // The 408 already went out on the socket (clientErrorHandler); this is the body read failing after it.
      reply.raw.destroy();
      return;
    }
    const e = toApiError(err, limits);
    ctx.error = e;
    if (reply.raw.headersSent) {
      reply.raw.destroy();
      return;
    }
    void reply.code(e.status).headers(e.headers).send(e.toResponse());
  });
  app.setNotFoundHandler((request) => {
    throw new ApiError(404, `Unknown request URL: ${request.method} ${pathOf(request)}.`, { apiCode: "unknown_url" });
  });

  registerChatCompletions(app, state);
  registerCompletions(app, state);
  registerResponses(app, state);
  registerModels(app, state);
  registerHealth(app, state);
  registerMetrics(app, state);

  let shutdownPromise: Promise<void> | undefined;
  const control: ServerControl = {
    loaded: state.loaded.then(() => undefined),
    get status() {
      return state.status;
    },
    get load() {
      const s = state.readyOrUndefined?.scheduler;
      return { running: s?.running ?? 0, waiting: s?.waiting ?? 0 };
    },
    shutdown(graceMs = 10_000) {
      shutdownPromise ??= shutdownServer(app, state, graceMs, () => connections.destroyRefused());
      return shutdownPromise;
    },
  };
  control.loaded.catch(() => undefined);
  app.decorate("hammer", control);
  return app as HammerServer;
}

/** node requires headers to be due no later than the whole request. */
function checkTimeouts(headerMs: number, bodyMs: number): void {
  for (const [name, ms] of [["--header-timeout", headerMs], ["--body-timeout", bodyMs]] as const) {
    if (!Number.isSafeInteger(ms) || ms < 0) throw new HammerError("USAGE", `${name} must be a non-negative number of milliseconds, got ${ms}`);
  }
  if (headerMs > 0 && bodyMs > 0 && headerMs > bodyMs) {
    throw new HammerError("USAGE", `--header-timeout (${headerMs / 1000} s) must not exceed --body-timeout (${bodyMs / 1000} s): the body timeout covers the headers too`);
  }
}

/** How often node looks for expired requests: often enough that a timeout is honoured within about a quarter of itself, at most once a second. */
function checkInterval(headerMs: number, bodyMs: number): number {
  const shortest = Math.min(...[headerMs, bodyMs].filter((ms) => ms > 0), 4_000);
  return Math.max(50, Math.floor(shortest / 4));
}
