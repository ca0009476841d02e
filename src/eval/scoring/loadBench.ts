import { HammerError } from "../../core/errors.js";
import { isMultiTurnCategory, type BfclCategory, type MultiTurnCategory } from "../bfcl/categories.js";
import type { BfclSample } from "../bfcl/types.js";
import type { Bench } from "./benchName.js";
import { loadBfclCategory } from "../datasets/loadBfclCategory.js";
import { loadMultiTurnCategory } from "../datasets/loadMultiTurnCategory.js";
import type { MultiTurnEntry, SharedGroundTruth } from "../multiturn/types.js";
import { loadHammerSet } from "../datasets/loadHammerSet.js";
import type { HammerSet } from "../hammer/hammerSets.js";
import type { HammerSample } from "../hammer/types.js";
import type { Issue } from "../types.js";

export type LoadedPart =
  | { kind: "bfcl"; category: BfclCategory; samples: BfclSample[] }
  | { kind: "multi_turn"; category: MultiTurnCategory; samples: MultiTurnEntry[] }
  | { kind: "hammer"; set: HammerSet; samples: HammerSample[] };

export interface LoadedBench {
  bench: Bench;
  dataDir: string;
  parts: LoadedPart[];
  /** Parts whose files are not in the data dir. */
  notPresent: string[];
  issues: Issue[];
}

/**
 * Load the samples of a benchmark. Absent parts are listed in `notPresent`; a single named part
 * that is absent, or `all` with nothing present, is a NOT_FOUND error.
 */
export function loadBench(bench: Bench, dataDir: string): LoadedBench {
  const parts: LoadedPart[] = [];
  const notPresent: string[] = [];
  const issues: Issue[] = [];
  if (bench.kind === "bfcl") {
    // the multi-turn categories are variants of the same tasks: their ground-truth texts repeat
    const sharedParses: SharedGroundTruth = new WeakMap();
    for (const category of bench.parts) {
      if (isMultiTurnCategory(category)) {
        const r = loadMultiTurnCategory(dataDir, category, sharedParses);
        if (!r) notPresent.push(`bfcl:${category}`);
        else {
          parts.push({ kind: "multi_turn", category, samples: r.samples });
          issues.push(...r.issues);
        }
        continue;
      }
      const r = loadBfclCategory(dataDir, category);
      if (!r) notPresent.push(`bfcl:${category}`);
      else {
        parts.push({ kind: "bfcl", category, samples: r.samples });
        issues.push(...r.issues);
      }
    }
  } else {
    for (const set of bench.parts) {
      const r = loadHammerSet(dataDir, set);
      if (!r) notPresent.push(`hammer:${set}`);
      else {
        parts.push({ kind: "hammer", set, samples: r.samples });
        issues.push(...r.issues);
      }
    }
  }
  if (parts.length === 0) {
    const layout = bench.kind === "bfcl" ? "bfcl_v3/BFCL_v3_<category>.json" : "hammer_eval/original/<set>.json";
    throw new HammerError("NOT_FOUND", `${bench.name}: no data in ${dataDir} (expected ${layout}; run \`hammer datasets fetch\` or pass --data)`, { location: dataDir });
  }
  return { bench, dataDir, parts, notPresent, issues };
}
