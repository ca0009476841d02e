import type { EngineEvent } from "../../engine/index.js";
import { raceAbort } from "./raceAbort.js";

/**
 * One engine call holding one scheduler slot. The caller may stop waiting at once when the
 * request's signal aborts; the slot is released only when the engine itself has stopped
 * (its promise settled, its event iterator returned), so the next request never finds every
 * sequence still busy.
 */
export class EngineRun {
  constructor(
    private readonly release: () => void,
    private readonly signal: AbortSignal,
  ) {}

  /** Await a one-shot engine call. */
  async call<T>(run: () => Promise<T>): Promise<T> {
    let p: Promise<T>;
    try {
      p = run();
    } catch (e) {
      this.release();
      throw e;
    }
    p.then(this.release, this.release);
    return raceAbort(p, this.signal);
  }

  /** Iterate an engine stream; leaving the loop early (break, throw, abort) stops the engine. */
  async *events(open: () => AsyncIterable<EngineEvent>): AsyncGenerator<EngineEvent> {
    let it: AsyncIterator<EngineEvent>;
    try {
      it = open()[Symbol.asyncIterator]();
    } catch (e) {
      this.release();
      throw e;
    }
    let pending: Promise<IteratorResult<EngineEvent>> | undefined;
    let finished = false;
    try {
      for (;;) {
        pending = it.next();
        const r = await raceAbort(pending, this.signal);
        pending = undefined;
        if (r.done) {
          finished = true;
          return;
        }
        yield r.value;
      }
    } finally {
      if (finished) this.release();
      else {
        const stop = (pending ?? Promise.resolve()).then(
          () => it.return?.(),
          () => undefined,
        );
        stop.then(this.release, this.release);
      }
    }
  }
}
