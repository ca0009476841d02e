import { HammerError } from "../../core/errors.js";

/**
 * Run `body` holding a slot. A wait for the slot or a run that the signal cuts ends as
 * `aborted()` (an abort is a finish reason, not an error); errors of our own (HammerError) still
 * propagate. The slot is always released.
 */
export async function withSlot<S extends { release(): void }, R>(
  acquire: () => Promise<S>,
  signal: AbortSignal,
  aborted: () => R,
  body: (slot: S) => Promise<R>,
): Promise<R> {
  let slot: S;
  try {
    slot = await acquire();
  } catch (e) {
    if (signal.aborted) return aborted();
    throw e;
  }
  try {
    return await body(slot);
  } catch (e) {
    // A transport torn down by the abort (fetch's AbortError, the caller-abort marker) is the abort itself.
    if (signal.aborted && !(e instanceof HammerError)) return aborted();
    throw e;
  } finally {
    slot.release();
  }
}
