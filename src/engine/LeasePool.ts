import { HammerError } from "../core/errors.js";

/** A borrowed item; `release()` returns it to the pool (idempotent). */
export interface Lease<T> {
  readonly item: T;
  release(): void;
}

/**
 * A fixed set of items (a context's sequences, or slots for upstream requests) lent out one
 * request at a time. Requests that find none free wait in FIFO order; a waiter whose signal
 * aborts leaves the queue with an `ABORTED` error. `close()` rejects every waiter and all later
 * requests.
 */
export class LeasePool<T> {
  private readonly free: T[];
  private readonly waiters: Array<{ resolve: (lease: Lease<T>) => void; reject: (e: unknown) => void }> = [];
  private closed = false;

  constructor(items: readonly T[]) {
    this.free = [...items];
  }

  get available(): number {
    return this.free.length;
  }

  get waiting(): number {
    return this.waiters.length;
  }

  /**
   * Borrow an item. Among free items the one `prefer` scores highest is taken (the engine
   * scores sequences by how much of the prompt they already hold); a waiter gets the next one
   * released.
   */
  acquire(signal?: AbortSignal, prefer?: (item: T) => number): Promise<Lease<T>> {
    if (this.closed) return Promise.reject(closedError());
    if (signal?.aborted) return Promise.reject(abortedError());
    if (this.free.length > 0) {
      let best = 0;
      if (prefer && this.free.length > 1) {
        let bestScore = -Infinity;
        this.free.forEach((item, i) => {
          const score = prefer(item);
          if (score > bestScore) [best, bestScore] = [i, score];
        });
      }
      const [item] = this.free.splice(best, 1) as [T];
      return Promise.resolve(this.lease(item));
    }
    return new Promise((resolve, reject) => {
      const waiter = {
        resolve: (lease: Lease<T>) => {
          signal?.removeEventListener("abort", onAbort);
          resolve(lease);
        },
        reject: (e: unknown) => {
          signal?.removeEventListener("abort", onAbort);
          reject(e);
        },
      };
      const onAbort = (): void => {
        const i = this.waiters.indexOf(waiter);
        if (i >= 0) this.waiters.splice(i, 1);
        waiter.reject(abortedError());
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      this.waiters.push(waiter);
    });
  }

  /** Reject waiters and later requests; leased items stay with their holders until released. */
  close(): void {
    this.closed = true;
    for (const w of this.waiters.splice(0)) w.reject(closedError());
  }

  private lease(item: T): Lease<T> {
    let released = false;
    return {
      item,
      release: () => {
        if (released) return;
        released = true;
        const next = this.waiters.shift();
        if (next && !this.closed) next.resolve(this.lease(item));
        else this.free.push(item);
      },
    };
  }
}

function closedError(): HammerError {
  return new HammerError("ABORTED", "the engine is closed");
}

function abortedError(): HammerError {
  return new HammerError("ABORTED", "the request was aborted while waiting for a free sequence");
}
