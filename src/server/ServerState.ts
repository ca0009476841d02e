import type { Socket } from "node:net";
import type { Decoding, Engine } from "../engine/index.js";
import { describeError } from "../core/errors.js";
import { ApiError } from "./errors/ApiError.js";
import type { RequestLogEntry } from "./formatRequestLog.js";
import { Metrics } from "./Metrics.js";
import type { RequestContext } from "./RequestContext.js";
import { Scheduler } from "./Scheduler.js";
import { DEFAULT_SERVER_LIMITS, type ServerLimits } from "./ServerLimits.js";

export interface ServerOptions {
  /**
   * Model id reported in responses and /v1/models. Default the engine's `info.model`. The request's
   * `model` is not checked, except that the name of one of the engine's LoRA adapters selects it.
   */
  modelName?: string;
  /** Require `Authorization: Bearer <apiKey>` on every route but /health. */
  apiKey?: string;
  /** Requests that may wait for a sequence; more get 429. Default 4 × the engine's parallel sequences. */
  queueSize?: number;
  /** Abort a request running longer (queue wait included); 0 = never. Default 120 000 ms. */
  requestTimeoutMs?: number;
  limits?: Partial<ServerLimits>;
  /** Hammer 2.1's second, unconstrained pass when `tool_choice: auto` yields no call. Default true. */
  textFallback?: boolean;
  /** `free`: every request decodes without the grammar (GenerateRequest.decoding), for comparisons. Default `constrained`. */
  decoding?: Decoding;
  /**
   * Called once per finished request (see formatRequestLog), and once per connection turned away
   * before it made a request (method and path `-`). Every rejection is reported: see
   * RejectionSummary for a log that summarises bursts.
   */
  onRequestLog?: (entry: RequestLogEntry) => void;
  /** Browser origins allowed to call the API (`https://app.example.com`, or `*` for any); default none (no CORS). */
  corsOrigins?: readonly string[];
}

export interface ReadyState {
  engine: Engine;
  scheduler: Scheduler;
  modelName: string;
  limits: ServerLimits;
  /** The engine's LoRA adapters, listed in /v1/models beside the base model. */
  adapters: readonly string[];
  /** The adapter a request's `model` names, if any (any other value means the base model). */
  adapterFor(model: unknown): string | undefined;
}

/**
 * What the routes share: the engine (possibly still loading), admission control, metrics, the
 * live requests (for shutdown) and the resolved options.
 */
export class ServerState {
  readonly metrics: Metrics;
  readonly contexts = new Set<RequestContext>();
  readonly requestTimeoutMs: number;
  readonly textFallback: boolean;
  readonly decoding: Decoding;
  readonly baseLimits: ServerLimits;
  readonly created = Math.floor(Date.now() / 1000);
  closing = false;
  /** Open connections, for /metrics (the connection gate sets it). */
  openConnections: () => number = () => 0;
  private readonly requestsBySocket = new WeakMap<Socket, RequestContext>();
  private readyState: ReadyState | undefined;
  private loadError: unknown;
  /** Resolves once the engine is loaded, rejects when loading fails. */
  readonly loaded: Promise<ReadyState>;

  constructor(
    engine: Engine | Promise<Engine>,
    readonly options: ServerOptions,
  ) {
    this.requestTimeoutMs = options.requestTimeoutMs ?? 120_000;
    this.textFallback = options.textFallback ?? true;
    this.decoding = options.decoding ?? "constrained";
    this.baseLimits = { ...DEFAULT_SERVER_LIMITS, ...options.limits };
    this.metrics = new Metrics(() => ({
      queueDepth: this.readyState?.scheduler.waiting ?? 0,
      inFlight: this.readyState?.scheduler.running ?? 0,
      parallel: this.readyState?.scheduler.parallel ?? 0,
      connections: this.openConnections(),
    }));
    this.loaded = Promise.resolve(engine).then(
      (e) => (this.readyState = this.makeReady(e)),
      (err: unknown) => {
        this.loadError = err;
        throw err;
      },
    );
    // The owner awaits `loaded` for the error; don't let an unobserved rejection crash the process.
    this.loaded.catch(() => undefined);
  }

  private makeReady(engine: Engine): ReadyState {
    const parallel = Math.max(1, engine.info.parallel);
    const scheduler = new Scheduler(parallel, this.options.queueSize ?? 4 * parallel);
    const limits = { ...this.baseLimits };
    if (limits.maxTokens === undefined && engine.info.contextSize !== undefined) limits.maxTokens = engine.info.contextSize;
    const adapters = engine.info.adapters ?? [];
    const adapterFor = (model: unknown) => (typeof model === "string" && adapters.includes(model) ? model : undefined);
    return { engine, scheduler, modelName: this.options.modelName ?? engine.info.model, limits, adapters, adapterFor };
  }

  /** `loading`, `ok` or `error` for /health. */
  get status(): "loading" | "ok" | "error" {
    if (this.readyState) return "ok";
    return this.loadError === undefined ? "loading" : "error";
  }

  get loadErrorMessage(): string | undefined {
    return this.loadError === undefined ? undefined : describeError(this.loadError);
  }

  /** The loaded engine and friends, or a 503 saying why there are none. */
  ready(): ReadyState {
    if (this.closing) throw new ApiError(503, "The server is shutting down.", { apiCode: "shutting_down" });
    if (this.readyState) return this.readyState;
    if (this.loadError !== undefined) throw new ApiError(503, `The model failed to load: ${describeError(this.loadError)}`, { apiCode: "model_load_failed" });
    throw new ApiError(503, "The model is still loading; retry shortly.", { apiCode: "model_loading", headers: { "retry-after": "1" } });
  }

  get readyOrUndefined(): ReadyState | undefined {
    return this.readyState;
  }

  /** Remember the latest request of a connection (a client error on it needs to know what state it is in). */
  trackRequest(socket: Socket, ctx: RequestContext): void {
    this.requestsBySocket.set(socket, ctx);
  }

  /** The latest request whose headers arrived on `socket`, if any (it may be finished). */
  requestOn(socket: Socket): RequestContext | undefined {
    return this.requestsBySocket.get(socket);
  }

  /** A connection was turned away before it made a request: count it and log it. */
  connectionRejected(e: ApiError, ageMs: number): void {
    this.metrics.rejectConnection(e.apiCode ?? String(e.status));
    this.options.onRequestLog?.({ time: new Date(), method: "-", path: "-", status: e.status, ms: ageMs, stream: false, error: e.message });
  }
}
