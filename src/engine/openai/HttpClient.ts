import { randomInt } from "node:crypto";
import { HammerError } from "../../core/errors.js";
import { Rng } from "../../core/rng.js";

export interface HttpOptions {
  /** Per attempt: time to the response headers, and then the longest silence while reading the body. */
  timeoutMs: number;
  /** All attempts and the waits between them. */
  totalTimeoutMs: number;
  /** Attempts after the first, on 408/429/5xx and network errors. */
  retries: number;
  /** First backoff delay; doubles per attempt, with jitter, capped at `maxBackoffMs`. */
  backoffMs: number;
  maxBackoffMs: number;
}

export const HTTP_DEFAULTS: Readonly<HttpOptions> = Object.freeze({
  timeoutMs: 120_000,
  totalTimeoutMs: 600_000,
  retries: 3,
  backoffMs: 500,
  maxBackoffMs: 8_000,
});

/** The caller's signal fired: not an error to report, the engine turns it into finish reason `abort`. */
export class CallerAbort extends Error {
  constructor() {
    super("aborted by the caller");
  }
}

/** An open response whose body is being read under the per-attempt silence timeout. */
export interface OpenResponse {
  response: Response;
  /** Call on every body chunk: restarts the silence timer. */
  alive(): void;
  /** Call when the body is read: stops the timer. */
  done(): void;
}

const RETRYABLE = (status: number): boolean => status === 408 || status === 429 || status >= 500;

/**
 * JSON POSTs to an OpenAI-compatible server with timeouts and retries: exponential backoff with
 * jitter on 408/429/5xx and network errors, `Retry-After` honoured, never past the overall
 * deadline and never after the caller aborted. Failures are HammerError `NETWORK` naming the URL,
 * the status and the upstream message; an upstream saying the request does not fit its context
 * is CONTEXT_LENGTH_EXCEEDED (a client error to pass on, not an upstream failure).
 */
export class HttpClient {
  private readonly rng = new Rng(randomInt(0x7fffffff)); // jitter only; nothing to reproduce

  constructor(
    private readonly headers: Record<string, string>,
    private readonly options: HttpOptions,
  ) {}

  async post(url: string, body: unknown, signal: AbortSignal | undefined): Promise<OpenResponse> {
    const { options } = this;
    const deadline = Date.now() + options.totalTimeoutMs;
    const payload = JSON.stringify(body);
    let lastProblem = "";
    for (let attempt = 0; ; attempt++) {
      if (signal?.aborted) throw new CallerAbort();
      const controller = new AbortController();
      const attemptSignal = signal ? AbortSignal.any([signal, controller.signal]) : controller.signal;
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      const arm = (): void => {
        clearTimeout(timer);
        const left = deadline - Date.now();
        timer = setTimeout(() => {
          timedOut = true;
          controller.abort();
        }, Math.max(0, Math.min(options.timeoutMs, left)));
      };
      arm();
      let retryAfterMs: number | null = null;
      try {
        const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json", ...this.headers }, body: payload, signal: attemptSignal });
        if (response.ok) return { response, alive: arm, done: () => clearTimeout(timer) };
        const { message, contextLength } = await upstreamError(response);
        clearTimeout(timer);
        lastProblem = `HTTP ${response.status}${message ? `: ${message}` : ""}`;
        if (contextLength) throw new HammerError("CONTEXT_LENGTH_EXCEEDED", `${url} refused the request: ${lastProblem}`, { location: url });
        if (!RETRYABLE(response.status)) throw networkError(url, lastProblem);
        retryAfterMs = parseRetryAfter(response.headers.get("retry-after"));
      } catch (e) {
        clearTimeout(timer);
        if (e instanceof HammerError) throw e;
        if (signal?.aborted) throw new CallerAbort();
        lastProblem = timedOut ? `no response within ${Math.round(Math.min(options.timeoutMs, options.totalTimeoutMs))} ms` : describeFetchError(e);
      }
      if (attempt >= options.retries) throw networkError(url, `${lastProblem} (after ${attempt + 1} attempts)`);
      const backoff = Math.min(options.maxBackoffMs, options.backoffMs * 2 ** attempt);
      const wait = retryAfterMs ?? backoff * (0.5 + this.rng.next() * 0.5);
      if (Date.now() + wait >= deadline) throw networkError(url, `${lastProblem} (gave up: the next attempt would pass the ${options.totalTimeoutMs} ms deadline)`);
      await sleep(wait, signal);
    }
  }
}

/** Wait `ms`, or throw CallerAbort as soon as the signal fires. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new CallerAbort());
    const onAbort = (): void => {
      clearTimeout(t);
      reject(new CallerAbort());
    };
    const t = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** `Retry-After` as milliseconds: delta-seconds or an HTTP date; null when absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | null {
  if (value === null || value.trim() === "") return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(value)) return Math.round(Number(value) * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

/** Codes (OpenAI's, llama-server's) and message fragments (vLLM's, llama-server's) of an upstream's "the prompt does not fit" 400. */
const CONTEXT_CODES = new Set(["context_length_exceeded", "exceed_context_size_error"]);
const CONTEXT_MESSAGE = /maximum context length|exceeds the available context size|context_length_exceeded/i;

/** The upstream's error message, and whether it says the request does not fit the model's context. */
async function upstreamError(response: Response): Promise<{ message: string; contextLength: boolean }> {
  let text = "";
  try {
    text = await response.text();
  } catch {
    return { message: "", contextLength: false };
  }
  let message = text.trim();
  let code: unknown = null;
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown; detail?: unknown };
    const err = body.error as { message?: unknown; code?: unknown; type?: unknown } | string | undefined;
    const found =
      typeof err === "string" ? err : typeof err?.message === "string" ? err.message
      : typeof body.message === "string" ? body.message : typeof body.detail === "string" ? body.detail : null;
    if (found !== null) message = found;
    if (err !== null && typeof err === "object") code = CONTEXT_CODES.has(String(err.code)) ? err.code : err.type;
  } catch {
    // not JSON: use the text
  }
  const contextLength = (response.status === 400 || response.status === 413) && (CONTEXT_CODES.has(String(code)) || CONTEXT_MESSAGE.test(message));
  return { message: clip(message), contextLength };
}

function describeFetchError(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } })?.cause;
  const code = typeof cause?.code === "string" ? cause.code : "";
  const message = typeof cause?.message === "string" ? cause.message : e instanceof Error ? e.message : String(e);
  return code && !message.includes(code) ? `${code}: ${message}` : message;
}

function networkError(url: string, problem: string): HammerError {
  return new HammerError("NETWORK", `POST ${url} failed: ${problem}`, { location: url });
}

function clip(s: string): string {
  const line = s.replace(/\s+/g, " ");
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
