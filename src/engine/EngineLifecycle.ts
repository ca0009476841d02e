import { HammerError } from "../core/errors.js";

/**
 * The lifecycle both backends share: requests are tracked while in flight, `close()` aborts them
 * (through one shared signal), waits for them to settle, then releases the backend's resources
 * once; after that every new request fails with ABORTED.
 */
export class EngineLifecycle {
  private readonly closer = new AbortController();
  private readonly inflight = new Set<Promise<unknown>>();
  private closing: Promise<void> | null = null;

  /** Throws ABORTED when the engine is closed (or closing). */
  ensureOpen(): void {
    if (this.closing) throw new HammerError("ABORTED", "the engine is closed");
  }

  /** Keep `p` in the in-flight set until it settles; returns `p`. */
  track<T>(p: Promise<T>): Promise<T> {
    this.inflight.add(p);
    const untrack = (): void => {
      this.inflight.delete(p);
    };
    p.then(untrack, untrack);
    return p;
  }

  /** A signal of its own per request (listeners attach to it, not to the shared close signal). */
  signalFor(signal: AbortSignal | undefined): AbortSignal {
    return AbortSignal.any(signal ? [signal, this.closer.signal] : [this.closer.signal]);
  }

  /**
   * Close once (idempotent): abort in-flight work, run `stopAccepting` (e.g. close the request
   * pool), wait for in-flight requests to settle, then `release` resources.
   */
  close(stopAccepting: () => void, release: () => Promise<void> = async () => {}): Promise<void> {
    this.closing ??= (async () => {
      this.closer.abort();
      stopAccepting();
      await Promise.allSettled([...this.inflight]);
      await release();
    })();
    return this.closing;
  }
}
