/**
 * One error family for the whole toolkit. Every failure carries a machine-readable `code` and,
 * where it applies, a `location` (file:line, JSON pointer, byte offset) so a user can find the
 * bad input. What each code means to a user (the CLI's exit code, the server's HTTP status) is
 * in one table, ERROR_CODES in errorCodes.ts.
 */
export type HammerErrorCode =
  | "INPUT_INVALID" // a file or record the user gave us is malformed
  | "JSON_SYNTAX" // text that should be JSON is not
  | "SCHEMA_INVALID" // a tool schema is not valid
  | "SCHEMA_UNSUPPORTED" // a tool schema uses something we cannot represent
  | "OUTPUT_PARSE" // model output does not contain a recognisable tool call block
  | "CALL_INVALID" // a tool call does not satisfy its schema
  | "MODEL_INVALID" // a model file is missing, truncated or has bad metadata
  | "NOT_FOUND" // a file, dataset or model reference does not exist
  | "NETWORK" // a remote endpoint or download failed
  | "ABORTED" // the caller cancelled
  | "LIMIT_EXCEEDED" // a configured size/count limit was hit
  | "CONTEXT_LENGTH_EXCEEDED" // a prompt (+ max tokens) does not fit the model's context
  | "USAGE" // a command was called with wrong flags or arguments
  | "TIMEOUT" // a deadline passed (request timeout, slow client)
  | "ENVIRONMENT" // something the machine must provide is missing (Python virtualenv, CUDA, disk space)
  | "RESOURCE_EXHAUSTED" // the machine ran out of something while working (memory, GPU memory)
  | "CHECK_FAILED" // a command ran and reports a failed check (verification, rejected rows with --strict)
  | "INTERNAL"; // a bug: an invariant we guarantee did not hold

export interface HammerErrorOptions {
  location?: string;
  cause?: unknown;
}

export class HammerError extends Error {
  readonly code: HammerErrorCode;
  readonly location: string | undefined;

  constructor(code: HammerErrorCode, message: string, options: HammerErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.location = options.location;
  }

  /** Message with the location prefixed (once), for one-line CLI output. */
  describe(): string {
    if (!this.location || this.message.startsWith(`${this.location}: `)) return this.message;
    return `${this.location}: ${this.message}`;
  }
}

/** Text that should be JSON is not. `offset` is a 0-based UTF-16 index into the text. */
export class JsonSyntaxError extends HammerError {
  constructor(
    message: string,
    readonly offset: number,
    readonly line: number,
    readonly column: number,
    source?: string,
  ) {
    super("JSON_SYNTAX", `${message} at line ${line}, column ${column}`, {
      location: source,
    });
  }
}

/** A tool schema is invalid or unsupported. `jsonPath` points inside the tool, e.g. `/parameters/properties/unit/type`. */
export class ToolSchemaError extends HammerError {
  constructor(
    readonly toolName: string,
    readonly jsonPath: string,
    message: string,
    code: "SCHEMA_INVALID" | "SCHEMA_UNSUPPORTED" = "SCHEMA_INVALID",
  ) {
    super(code, `tool ${JSON.stringify(toolName)} at ${jsonPath || "/"}: ${message}`, {
      location: `${toolName}${jsonPath}`,
    });
  }
}

/** Model output could not be parsed into tool calls. `position` is a 0-based index into the output. */
export class OutputParseError extends HammerError {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super("OUTPUT_PARSE", `${message} (at offset ${position})`);
  }
}

export function isHammerError(e: unknown): e is HammerError {
  return e instanceof HammerError;
}

/** Best-effort one-line description of any thrown value. */
export function describeError(e: unknown): string {
  if (e instanceof HammerError) return e.describe();
  if (e instanceof Error) return e.message;
  return String(e);
}
