import { HammerError } from "../errors.js";

export interface ModelFileErrorDetails {
  /** Absolute byte offset in the file where the problem was found. */
  offset?: number;
  /** Metadata key concerned. */
  key?: string;
  /** Tensor concerned. */
  tensor?: string;
  /** NOT_FOUND for a missing file; MODEL_INVALID (default) for everything else. */
  code?: "MODEL_INVALID" | "NOT_FOUND";
  cause?: unknown;
}

/**
 * A model file is missing, truncated or malformed. The message names what is wrong (the key, the tensor,
 * the offset); `location` is `path` or `path@offset`.
 */
export class ModelFileError extends HammerError {
  readonly path: string;
  readonly offset: number | undefined;
  readonly key: string | undefined;
  readonly tensor: string | undefined;

  constructor(path: string, message: string, details: ModelFileErrorDetails = {}) {
    super(details.code ?? "MODEL_INVALID", message, {
      location: details.offset === undefined ? path : `${path}@${details.offset}`,
      cause: details.cause,
    });
    this.path = path;
    this.offset = details.offset;
    this.key = details.key;
    this.tensor = details.tensor;
  }
}
