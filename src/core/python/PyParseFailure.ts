import { OutputParseError } from "../errors.js";

/**
 * Python source that does not parse, at a 0-based UTF-16 offset. Internal: the entry points turn
 * it into the public OutputParseError, or (core/parse) into its own failure with more context.
 */
export class PyParseFailure extends Error {
  constructor(
    message: string,
    readonly position: number,
  ) {
    super(message);
    this.name = "PyParseFailure";
  }

  toOutputParseError(): OutputParseError {
    return new OutputParseError(this.message, this.position);
  }
}

/** How far a parse attempt read; lets a caller bound its total work over many attempts. */
export interface ReadReach {
  reach: number;
}

/** Reports a failure at an offset; never returns. */
export type Fail = (message: string, at: number) => never;
