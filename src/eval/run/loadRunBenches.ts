import { HammerError } from "../../core/errors.js";
import type { Bench } from "../scoring/benchName.js";
import { loadBench, type LoadedBench, type LoadedPart } from "../scoring/loadBench.js";

/**
 * Load the benches of a run and keep the first `limit` samples of each part (file order). A
 * part named explicitly but absent from the data dir is a NOT_FOUND error; `…:all` runs what
 * is present and lists the rest in `notPresent`.
 */
export function loadRunBenches(benches: readonly Bench[], dataDir: string, limit: number | null): LoadedBench[] {
  return benches.map((bench) => {
    const loaded = loadBench(bench, dataDir);
    if (!bench.all && loaded.notPresent.length > 0) {
      const layout = bench.kind === "bfcl" ? "bfcl_v3/BFCL_v3_<category>.json (and possible_answer/)" : "hammer_eval/original/<set>.json";
      throw new HammerError("NOT_FOUND", `${loaded.notPresent.join(", ")}: not in ${dataDir} (expected ${layout}; run \`hammer datasets fetch\` or pass --data)`, {
        location: dataDir,
      });
    }
    if (limit === null) return loaded;
    const parts = loaded.parts.map((p): LoadedPart => {
      if (p.kind === "bfcl") return { ...p, samples: p.samples.slice(0, limit) };
      if (p.kind === "multi_turn") return { ...p, samples: p.samples.slice(0, limit) };
      return { ...p, samples: p.samples.slice(0, limit) };
    });
    return { ...loaded, parts };
  });
}
