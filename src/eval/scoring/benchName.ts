import { HammerError } from "../../core/errors.js";
import { BFCL_PARTS, isBfclPart, type BfclPart } from "../bfcl/categories.js";
import { HAMMER_SETS, toHammerSet, type HammerSet } from "../hammer/hammerSets.js";

/** A benchmark: BFCL categories or Hammer sets. `all` means every one that is present. */
export type Bench =
  | { kind: "bfcl"; name: string; parts: BfclPart[]; all: boolean }
  | { kind: "hammer"; name: string; parts: HammerSet[]; all: boolean };

/** Every benchmark name `parseBenchName` accepts. */
export function benchNames(): string[] {
  return ["bfcl:all", ...BFCL_PARTS.map((c) => `bfcl:${c}`), "hammer:all", ...HAMMER_SETS.map((s) => `hammer:${s}`)];
}

/** `bfcl:<category>`, `bfcl:all`, `hammer:<set>`, `hammer:all`. */
export function parseBenchName(name: string): Bench {
  const [family, part, ...rest] = name.split(":");
  if (rest.length === 0 && part !== undefined) {
    if (family === "bfcl") {
      if (part === "all") return { kind: "bfcl", name, parts: [...BFCL_PARTS], all: true };
      if (isBfclPart(part)) return { kind: "bfcl", name, parts: [part], all: false };
    }
    if (family === "hammer") {
      if (part === "all") return { kind: "hammer", name, parts: [...HAMMER_SETS], all: true };
      const set = toHammerSet(part);
      if (set) return { kind: "hammer", name: `hammer:${set}`, parts: [set], all: false };
    }
  }
  throw new HammerError("INPUT_INVALID", `unknown benchmark ${JSON.stringify(name)}; expected one of: ${benchNames().join(", ")}`);
}
