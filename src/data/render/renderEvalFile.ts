import { randomBytes } from "node:crypto";
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { HammerError, JsonSyntaxError } from "../../core/errors.js";
import { fromSystemError } from "../../core/fromSystemError.js";
import { parseJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import type { EvalTemplate } from "./renderEvalRecord.js";
import { renderEvalSet, type RenderReject } from "./renderEvalSet.js";

/** Input files larger than this are refused (the released eval sets are ~1 MB). */
export const MAX_RENDER_INPUT_BYTES = 256 * 1024 * 1024;

export interface RenderEvalFileOptions {
  template: EvalTemplate;
  input: string;
  output: string;
}

export interface RenderEvalFileResult {
  /** Records in the input; always `rendered + rejected`. */
  records: number;
  rendered: number;
  rejected: number;
  output: string;
  /** Where the rejects went (`OUT.rejects.jsonl`), or null when there were none. */
  rejectsPath: string | null;
}

/**
 * Render a JSON list of neutral records into Hammer's processed layout and write it as Hammer's
 * files are written (`json.dumps(…, indent=2, ensure_ascii=False)`, no final newline), so the
 * released sets come out byte-identical. Rejected records go to `OUT.rejects.jsonl`, one
 * `{"index", "location", "reason", "record"}` per line (a stale file from an earlier run is
 * removed). Both files are written to a temporary file in their directory and renamed into place.
 */
export async function renderEvalFile(options: RenderEvalFileOptions): Promise<RenderEvalFileResult> {
  const input = await readRecords(options.input);
  const { records, rejects } = renderEvalSet(input, options.template);
  if (records.length + rejects.length !== input.length) {
    throw new HammerError("INTERNAL", `record counts do not add up: ${input.length} in, ${records.length} rendered, ${rejects.length} rejected`);
  }
  await writeAtomic(options.output, serialise(records, options.output));
  const rejectsPath = `${options.output}.rejects.jsonl`;
  if (rejects.length > 0) await writeAtomic(rejectsPath, rejectLines(rejects, input));
  else await rm(rejectsPath, { force: true });
  return {
    records: input.length,
    rendered: records.length,
    rejected: rejects.length,
    output: options.output,
    rejectsPath: rejects.length > 0 ? rejectsPath : null,
  };
}

function serialise(records: unknown[], file: string): string {
  try {
    return pyJsonDumps(records, { indent: 2, ensureAscii: false });
  } catch (e) {
    // V8 caps string length (~2^29 characters): fail with a clear error, not a RangeError.
    if (e instanceof RangeError) throw new HammerError("LIMIT_EXCEEDED", "rendered output is too large for one file; split the input", { location: file, cause: e });
    throw e;
  }
}

async function readRecords(file: string): Promise<unknown[]> {
  let size: number;
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new HammerError("INPUT_INVALID", `the input is ${st.isDirectory() ? "a directory" : "not a regular file"}, not a JSON file`, { location: file });
    size = st.size;
  } catch (e) {
    throw fromSystemError(e, "cannot read input", file);
  }
  if (size > MAX_RENDER_INPUT_BYTES) {
    throw new HammerError("LIMIT_EXCEEDED", `input is ${size} bytes; the limit is ${MAX_RENDER_INPUT_BYTES}`, { location: file });
  }
  const text = await readFile(file, "utf8").catch((e: unknown) => {
    throw fromSystemError(e, "cannot read input", file);
  });
  let value: unknown;
  try {
    value = parseJson(text, { source: file });
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw e;
    throw new HammerError("INPUT_INVALID", `cannot parse input: ${(e as Error).message}`, { location: file, cause: e });
  }
  if (!Array.isArray(value)) throw new HammerError("INPUT_INVALID", "input must be a JSON list of records", { location: file });
  return value;
}

function rejectLines(rejects: readonly RenderReject[], input: readonly unknown[]): string {
  return rejects.map((r) => `${pyJsonDumps({ ...r, record: input[r.index] ?? null }, { ensureAscii: false })}\n`).join("");
}

/** Write via a temporary file in the same directory and rename, so readers never see half a file. */
async function writeAtomic(file: string, text: string): Promise<void> {
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  try {
    await writeFile(tmp, text, "utf8");
    await rename(tmp, file);
  } catch (e) {
    await rm(tmp, { force: true }).catch(() => undefined); // the folder may not exist
    throw fromSystemError(e, "cannot write output", file);
  }
}
