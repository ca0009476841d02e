import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./errors/ApiError.js";

/** Why a request stopped before its answer was complete; `slow_client`: its body did not arrive in time (408). */
export type AbortCause = "client_closed" | "timeout" | "shutdown" | "slow_client";

/** Abort reason for a client that went away: nothing can be sent to it any more. */
export class ClientClosedError extends Error {
  constructor() {
    super("the client closed the connection");
    this.name = "ClientClosedError";
  }
}

/**
 * Per-request state: one AbortController fed by the client leaving, the request timeout and
 * shutdown, plus what the log line and metrics report once the response closes.
 */
export class RequestContext {
  readonly started = performance.now();
  readonly time = new Date();
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  abortCause: AbortCause | undefined;
  stream = false;
  promptTokens: number | undefined;
  completionTokens: number | undefined;
  error: ApiError | undefined;

  constructor(
    readonly req: IncomingMessage,
    readonly res: ServerResponse,
    timeoutMs: number,
  ) {
    if (timeoutMs > 0) {
      this.timer = setTimeout(
        () => this.abort("timeout", new ApiError(504, `The request took longer than the server's limit of ${timeoutMs / 1000} s (--request-timeout).`, { apiCode: "request_timeout" })),
        timeoutMs,
      );
      this.timer.unref();
    }
    res.once("close", () => {
      if (!res.writableFinished) this.abort("client_closed", new ClientClosedError());
      this.clearTimer();
    });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  abort(cause: AbortCause, reason: unknown): void {
    if (this.controller.signal.aborted) return;
    this.abortCause = cause;
    if (cause === "slow_client" && reason instanceof ApiError) this.error = reason;
    this.controller.abort(reason);
  }

  clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  setUsage(prompt: number, completion: number): void {
    this.promptTokens = prompt;
    this.completionTokens = completion;
  }
}
