import { existsSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { RUN_FILES } from "../run/runFiles.js";
import { RUN_RESULTS_KIND, type RunResults } from "../run/types.js";

/** The results.json of a run folder (or the file itself), checked to be one `eval run` wrote. */
export function readRunResults(dirOrFile: string): RunResults {
  if (!existsSync(dirOrFile)) throw new HammerError("NOT_FOUND", "no such run folder", { location: dirOrFile });
  const file = existsSync(dirOrFile) && statSync(dirOrFile).isDirectory() ? path.join(dirOrFile, RUN_FILES.results) : dirOrFile;
  if (!existsSync(file)) {
    const hint = existsSync(path.join(path.dirname(file), RUN_FILES.config)) ? "the run has not finished; continue it with `hammer eval run … --resume`" : "not a run folder of `hammer eval run`";
    throw new HammerError("NOT_FOUND", `no ${RUN_FILES.results} (${hint})`, { location: file });
  }
  let value: unknown;
  try {
    value = parseJson(readFileSync(file, "utf8"), { source: file });
  } catch (e) {
    throw new HammerError("INPUT_INVALID", `not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { location: file, cause: e });
  }
  const v = value as Partial<RunResults> | null;
  if (v === null || typeof v !== "object" || v.kind !== RUN_RESULTS_KIND) throw new HammerError("INPUT_INVALID", `not a results file of \`hammer eval run\` (expected "kind": "${RUN_RESULTS_KIND}")`, { location: file });
  for (const key of ["run", "timing", "counts", "parts", "samples", "error_types"] as const) {
    if (v[key] === undefined || v[key] === null || typeof v[key] !== "object") throw new HammerError("INPUT_INVALID", `results file lacks "${key}"`, { location: file });
  }
  return v as RunResults;
}
