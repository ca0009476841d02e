import { describeError, isHammerError } from "../core/errors.js";

/** Exit codes: 0 ok, 1 the command ran but reports failure (e.g. a check failed), 2 bad input/usage. */
export const EXIT_USAGE = 2;

/**
 * Wrap a command action: any thrown error becomes one clear line on stderr and exit code 2
 * (bad input, missing files, invalid schemas, …); unexpected errors also print their stack
 * when HAMMER_DEBUG is set.
 */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void> | void): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (e) {
      process.stderr.write(`hammer: ${describeError(e)}\n`);
      if (!isHammerError(e) && process.env.HAMMER_DEBUG && e instanceof Error) process.stderr.write(`${e.stack}\n`);
      process.exitCode = EXIT_USAGE;
    }
  };
}
