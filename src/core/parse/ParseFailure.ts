import { OutputParseError } from "../errors.js";

/**
 * Internal failure while looking for calls. Kept apart from OutputParseError so callers can add
 * context ("in the code fence opened at offset 3") to the bare message before the public error
 * (whose message ends in "(at offset N)") is built at the API boundary.
 */
export class ParseFailure extends Error {
  /** Set when the text there was a well-formed value that is not a call block: scan on from here. */
  resumeAt: number | undefined;
  /** Nesting beyond MAX_DEPTH: no other reading of the same text can do better. */
  tooDeep = false;

  constructor(
    message: string,
    /** 0-based UTF-16 offset into the text given to parseToolCalls. */
    readonly position: number,
  ) {
    super(message);
    this.name = "ParseFailure";
  }

  withNote(note: string): ParseFailure {
    return new ParseFailure(`${this.message} (${note})`, this.position);
  }

  toOutputParseError(): OutputParseError {
    return new OutputParseError(this.message, this.position);
  }
}

/** How far a parse attempt read; lets the prose scanner bound its total work. */
export interface Reach {
  reach: number;
}
