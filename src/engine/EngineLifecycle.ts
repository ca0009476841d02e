import { HammerError } from "../core/errors.js";
import { streamTurn } from "./turn/streamTurn.js";
import type { AssistantTurn, CompletionRequest, CompletionResult, Engine, EngineEvent, EngineInfo, GenerateRequest } from "./types.js";

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

/**
 * The request methods both backends share: every request is tracked by the lifecycle, and
 * `stream` is `run` with its events surfaced. A backend implements `run` and `runCompletion`.
 */
export abstract class TrackedEngine implements Engine {
  abstract readonly info: EngineInfo;
  protected readonly life = new EngineLifecycle();

  generate(request: GenerateRequest): Promise<AssistantTurn> {
    return this.life.track(this.run(request));
  }

  stream(request: GenerateRequest): AsyncIterable<EngineEvent> {
    return streamTurn(request, (r, emit) => this.life.track(this.run(r, emit)));
  }

  complete(request: CompletionRequest): Promise<CompletionResult> {
    return this.life.track(this.runCompletion(request));
  }

  abstract countTokens(text: string): Promise<number>;
  abstract close(): Promise<void>;
  protected abstract run(request: GenerateRequest, emit?: (event: EngineEvent) => void): Promise<AssistantTurn>;
  protected abstract runCompletion(request: CompletionRequest): Promise<CompletionResult>;
}
