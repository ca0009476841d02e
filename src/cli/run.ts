import { ERROR_CODES, exitCodeOf, signalExitCode } from "../core/errorCodes.js";
import { HammerError, describeError, isHammerError } from "../core/errors.js";

/** The exit code of commander's usage errors (unknown flag, bad flag value, missing argument). */
export const EXIT_USAGE = ERROR_CODES.USAGE.exitCode;

/**
 * Wrap a command action: a thrown error becomes one clear line on stderr and the exit code of its
 * error code (see ERROR_CODES); anything that is not a HammerError is a bug (exit 70), and also
 * prints its stack when HAMMER_DEBUG is set.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      const internal = !isHammerError(e) || e.code === "INTERNAL";
      const hint = internal ? " (a bug in hammer: please report it, with the stack HAMMER_DEBUG=1 prints)" : "";
      process.stderr.write(`hammer: ${internal ? "internal error: " : ""}${describeError(e)}${hint}\n`);
      if (internal && process.env.HAMMER_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      process.exitCode = e instanceof InterruptedError ? signalExitCode(e.signal) : exitCodeOf(e);
    }
  };
}

/**
 * Run a flag check done by a stage function (`parseBenchList(flags.bench)`): its bad-input error
 * is a usage error here, since the value came from a flag.
 */
export function usageCheck<T>(fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    if (isHammerError(e) && e.code === "INPUT_INVALID") throw new HammerError("USAGE", e.message, { location: e.location, cause: e });
    throw e;
  }
}

/** A command stopped by a signal: ABORTED, and the exit code says which signal. */
export class InterruptedError extends HammerError {
  constructor(
    readonly signal: NodeJS.Signals,
    message: string,
  ) {
    super("ABORTED", message);
  }
}

/**
 * Run a command that must clean up when stopped: the first SIGINT or SIGTERM aborts `signal` (the
 * command stops, removes its temp files and exits 130 or 143); a second one exits at once.
 */
export async function interruptible<T>(fn: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  let received: NodeJS.Signals | undefined;
  const onSignal = (s: NodeJS.Signals): void => {
    if (received !== undefined) process.exit(signalExitCode(s));
    received = s;
    process.stderr.write(`hammer: ${s}, stopping (again to quit at once)\n`);
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    return await fn(controller.signal);
  } catch (e) {
    if (received !== undefined && isHammerError(e) && e.code === "ABORTED") throw new InterruptedError(received, `${e.message} (${received})`);
    throw e;
  } finally {
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
}
