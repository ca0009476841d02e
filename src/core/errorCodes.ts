import { constants } from "node:os";
import { HammerError, type HammerErrorCode } from "./errors.js";

/**
 * The CLI's exit codes, one per class of failure, so a script can tell a typo in its flags from a
 * broken input file, a bad model, a network outage or a bug. 70 is sysexits' EX_SOFTWARE; 130 is
 * the shell's 128 + SIGINT (a SIGTERM ends with 143).
 */
export const EXIT_CODES = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  input: 3,
  model: 4,
  network: 5,
  environment: 6,
  internal: 70,
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/** What each exit code means, in the order `hammer --help` and the README list them. */
export const EXIT_CODE_MEANINGS: ReadonlyArray<{ exitCode: ExitCode; meaning: string }> = [
  { exitCode: 0, meaning: "success" },
  { exitCode: 1, meaning: "the command ran and reports a failed check (verification mismatch, rejected rows with --strict)" },
  { exitCode: 2, meaning: "usage: unknown or missing flags, bad flag values, flags that exclude each other" },
  { exitCode: 3, meaning: "bad input: a missing, malformed or oversized file, record or schema" },
  { exitCode: 4, meaning: "model: a broken model file, or output that cannot be made a valid answer" },
  { exitCode: 5, meaning: "network: an endpoint, upstream or download failed or timed out" },
  { exitCode: 6, meaning: "environment: the machine lacks something (disk space, a free port, memory)" },
  { exitCode: 70, meaning: "internal: a bug (run with HAMMER_DEBUG=1 for the stack, and report it)" },
  { exitCode: 130, meaning: "interrupted (SIGINT; SIGTERM gives 143)" },
];

/** How one error code reaches a user: the CLI's exit code, the server's HTTP status and OpenAI error fields. */
export interface ErrorCodeInfo {
  exitCode: ExitCode;
  httpStatus: number;
  /** OpenAI's `error.code`, or null. */
  apiCode: string | null;
  /** OpenAI's `error.type`. */
  apiType: string;
  /** One line: what the code means. */
  meaning: string;
}

const row = (exitCode: ExitCode, httpStatus: number, apiCode: string | null, apiType: string, meaning: string): ErrorCodeInfo => ({
  exitCode,
  httpStatus,
  apiCode,
  apiType,
  meaning,
});

const BAD_REQUEST = "invalid_request_error";
const SERVER = "server_error";

/**
 * The one table from error code to exit code and HTTP status. The CLI runner and the server's
 * error mapper both read it. Model-side failures are never 500 on the server (BFCL's generator
 * retries 500s for minutes): output that cannot be made valid is 422, a failed upstream 502.
 */
export const ERROR_CODES: { readonly [C in HammerErrorCode]: ErrorCodeInfo } = {
  INPUT_INVALID: row(3, 400, "invalid_request", BAD_REQUEST, "a file, record or request the user gave is malformed"),
  JSON_SYNTAX: row(3, 400, "invalid_request", BAD_REQUEST, "text that should be JSON is not"),
  SCHEMA_INVALID: row(3, 400, "invalid_request", BAD_REQUEST, "a tool schema is not valid"),
  SCHEMA_UNSUPPORTED: row(3, 400, "unsupported_schema", BAD_REQUEST, "a tool schema uses something hammer cannot represent"),
  NOT_FOUND: row(3, 404, "not_found", BAD_REQUEST, "a file, dataset or model reference does not exist"),
  LIMIT_EXCEEDED: row(3, 400, "limit_exceeded", BAD_REQUEST, "a configured size or count limit was hit"),
  CONTEXT_LENGTH_EXCEEDED: row(3, 400, "context_length_exceeded", BAD_REQUEST, "a prompt (and its max tokens) does not fit the model's context"),
  USAGE: row(2, 400, "invalid_request", BAD_REQUEST, "a command was called with wrong flags or arguments"),
  CHECK_FAILED: row(1, 400, "invalid_request", BAD_REQUEST, "a command ran and reports a failed check"),
  MODEL_INVALID: row(4, 500, null, SERVER, "a model file is missing parts, truncated or has bad metadata"),
  OUTPUT_PARSE: row(4, 422, "invalid_model_output", "model_output_error", "model output holds no recognisable tool call block"),
  CALL_INVALID: row(4, 422, "invalid_model_output", "model_output_error", "a tool call does not satisfy its schema"),
  NETWORK: row(5, 502, "upstream_error", "upstream_error", "a remote endpoint or download failed"),
  TIMEOUT: row(5, 504, "timeout", "timeout_error", "a deadline passed (request timeout, slow peer)"),
  ENVIRONMENT: row(6, 503, "unavailable", SERVER, "the machine lacks something it must provide (disk space, a free port, a Python virtualenv)"),
  RESOURCE_EXHAUSTED: row(6, 503, "unavailable", SERVER, "the machine ran out of something while working (memory, GPU memory)"),
  ABORTED: row(130, 503, "aborted", SERVER, "the caller cancelled (Ctrl-C, a closed connection)"),
  INTERNAL: row(70, 500, null, SERVER, "a bug: an invariant hammer guarantees did not hold"),
};

/** Every error code, in the table's order. */
export const ERROR_CODE_NAMES = Object.keys(ERROR_CODES) as HammerErrorCode[];

/** Exit code for a process stopped by a signal, as shells report it: 128 + its number (SIGINT 130, SIGTERM 143). */
export function signalExitCode(signal: NodeJS.Signals): number {
  const n = constants.signals[signal] as number | undefined;
  return n === undefined ? EXIT_CODES.interrupted : 128 + n;
}

/** The exit code for anything thrown: its code's, or internal for what is not a HammerError. */
export function exitCodeOf(e: unknown): ExitCode {
  return e instanceof HammerError ? ERROR_CODES[e.code].exitCode : EXIT_CODES.internal;
}
