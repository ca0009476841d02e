import { statSync, readFileSync } from "node:fs";
import { HammerError } from "../../core/errors.js";

/** Largest input file read into memory (the biggest upstream file is 3.9 MB). */
export const MAX_INPUT_BYTES = 256 * 1024 * 1024;

/** Read a UTF-8 file, with clear errors for a missing path, a directory or a hostile size. */
export function readTextFile(path: string, what = "file"): string {
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw new HammerError("INPUT_INVALID", `${what} is not a regular file`, { location: path });
    size = st.size;
  } catch (e) {
    if (e instanceof HammerError) throw e;
    throw new HammerError("NOT_FOUND", `${what} not found`, { location: path, cause: e });
  }
  if (size > MAX_INPUT_BYTES) {
    throw new HammerError("LIMIT_EXCEEDED", `${what} is ${size} bytes, more than the ${MAX_INPUT_BYTES}-byte limit`, { location: path });
  }
  return readFileSync(path, "utf8");
}
