/**
 * Settle with `promise`, or reject with the signal's reason as soon as it aborts, whichever is
 * first. The response to an aborted request then never waits on an engine that is slow to stop
 * (its sequence stays busy until it does: the caller releases the slot on the engine's own
 * settlement).
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener("abort", onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(e);
      },
    );
  });
}
