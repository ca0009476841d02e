import { ApiError } from "./errors/ApiError.js";

interface Waiter {
  grant: (release: () => void) => void;
  fail: (e: unknown) => void;
}

/**
 * Admission control in front of the engine: at most `parallel` requests run (one per engine
 * sequence), at most `queueSize` wait in FIFO order, and a request that finds the queue full is
 * refused at once with 429 + Retry-After instead of piling up. A waiter whose signal aborts
 * (client gone, timeout) leaves the queue without ever taking a slot.
 */
export class Scheduler {
  private active = 0;
  private readonly queue: Waiter[] = [];
  /** Moving average of how long a slot is held, for Retry-After. */
  private avgHoldMs = 1000;

  constructor(
    readonly parallel: number,
    readonly queueSize: number,
  ) {
    if (!Number.isInteger(parallel) || parallel < 1) throw new RangeError(`parallel must be a positive integer, got ${parallel}`);
    if (!Number.isInteger(queueSize) || queueSize < 0) throw new RangeError(`queueSize must be a non-negative integer, got ${queueSize}`);
  }

  get running(): number {
    return this.active;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** The error acquire() would refuse with now, if any: lets a request be turned away before its body is read. */
  refusal(): ApiError | undefined {
    return this.active >= this.parallel && this.queue.length >= this.queueSize ? this.queueFull() : undefined;
  }

  /** Wait for a slot; resolves to its release function (idempotent). */
  acquire(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    if (this.active < this.parallel && this.queue.length === 0) return Promise.resolve(this.grant());
    if (this.queue.length >= this.queueSize) return Promise.reject(this.queueFull());
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const i = this.queue.indexOf(waiter);
        if (i >= 0) this.queue.splice(i, 1);
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (release) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(release);
        },
        fail: reject,
      };
      this.queue.push(waiter);
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  private grant(): () => void {
    this.active++;
    const started = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.avgHoldMs = 0.8 * this.avgHoldMs + 0.2 * (performance.now() - started);
      this.active--;
      const next = this.queue.shift();
      if (next) next.grant(this.grant());
    };
  }

  /** Seconds until a slot is likely free: the queue ahead drained at the observed rate. */
  retryAfterSeconds(): number {
    const seconds = (this.avgHoldMs * (this.queue.length + 1)) / this.parallel / 1000;
    return Math.min(60, Math.max(1, Math.ceil(seconds)));
  }

  private queueFull(): ApiError {
    const retry = this.retryAfterSeconds();
    return new ApiError(
      429,
      `The server is at capacity: ${this.active} requests running and ${this.queue.length} queued (--queue ${this.queueSize}). Retry after ${retry} s.`,
      { apiCode: "queue_full", headers: { "retry-after": String(retry) } },
    );
  }

  /** Refuse every waiting request (shutdown). */
  rejectWaiting(e: unknown): void {
    for (const w of this.queue.splice(0)) w.fail(e);
  }
}
