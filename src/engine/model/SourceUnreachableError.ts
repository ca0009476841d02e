import { HammerError } from "../../core/errors.js";

/** A model source (Hugging Face, a package index) could not be reached at all; the fallback logic reads `host` and `reason`. */
export class SourceUnreachableError extends HammerError {
  constructor(
    readonly host: string,
    readonly reason: string,
    what: string,
    cause: unknown,
  ) {
    super("NETWORK", `cannot reach ${host} to download ${what} (${reason}); pass a local GGUF file instead (--model FILE)`, { cause });
  }
}
