import { HammerError, type HammerErrorCode } from "./errors.js";

const BY_ERRNO: Readonly<Record<string, HammerErrorCode>> = {
  ENOENT: "NOT_FOUND",
  ENOTDIR: "NOT_FOUND",
  EISDIR: "INPUT_INVALID",
  EACCES: "INPUT_INVALID",
  EPERM: "INPUT_INVALID",
  EROFS: "INPUT_INVALID",
  EEXIST: "INPUT_INVALID",
  ENAMETOOLONG: "INPUT_INVALID",
  ELOOP: "INPUT_INVALID",
  ENOSPC: "ENVIRONMENT",
  EDQUOT: "ENVIRONMENT",
  EFBIG: "ENVIRONMENT",
  EMFILE: "ENVIRONMENT",
  ENFILE: "ENVIRONMENT",
  EIO: "ENVIRONMENT",
  EADDRINUSE: "ENVIRONMENT",
  EADDRNOTAVAIL: "ENVIRONMENT",
  ENOMEM: "RESOURCE_EXHAUSTED",
  ETIMEDOUT: "TIMEOUT",
  ECONNREFUSED: "NETWORK",
  ECONNRESET: "NETWORK",
  ENOTFOUND: "NETWORK",
  EAI_AGAIN: "NETWORK",
  EHOSTUNREACH: "NETWORK",
  ENETUNREACH: "NETWORK",
};

/**
 * The error code for a failed system call, by its errno: a missing path is NOT_FOUND, a path that
 * cannot be used (a directory, no permission) INPUT_INVALID, a full disk or a port in use
 * ENVIRONMENT. A system error we do not know is ENVIRONMENT too; anything else is a bug (INTERNAL).
 */
export function systemErrorCode(e: unknown): HammerErrorCode {
  const errno = (e as { code?: unknown } | null)?.code;
  if (typeof errno !== "string" || !/^E[A-Z0-9_]+$/.test(errno)) return "INTERNAL";
  return BY_ERRNO[errno] ?? "ENVIRONMENT";
}

/**
 * `what` failed with the system error `e` (`cannot read the input`): one HammerError whose message
 * says why in words (`illegal operation on a directory (EISDIR)`) and whose location is the path.
 */
export function fromSystemError(e: unknown, what: string, location: string): HammerError {
  if (e instanceof HammerError) return e;
  const message = e instanceof Error ? e.message : String(e);
  const m = /^([A-Z][A-Z0-9_]+): ([^,]+)/.exec(message);
  const why = m ? `${m[2]} (${m[1]})` : message;
  return new HammerError(systemErrorCode(e), `${what}: ${why}`, { location, cause: e });
}
