import { HammerError } from "../../core/errors.js";
import { parseBenchName, type Bench } from "../scoring/benchName.js";
import { BFCL_PARTS } from "../bfcl/categories.js";
import { HAMMER_SETS, type HammerSet } from "../hammer/hammerSets.js";

/**
 * `--bench` of `eval run`: a comma-separated list of bench names (`bfcl:simple,bfcl:java,
 * hammer:all`). Names of one family merge into one bench (so BFCL's summary covers all its
 * categories) with parts in canonical order; at most one BFCL and one Hammer bench result.
 */
export function parseBenchList(list: string): Bench[] {
  const names = list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  if (names.length === 0) throw new HammerError("INPUT_INVALID", "--bench: no benchmark named (e.g. bfcl:simple, hammer:all)");
  const benches = names.map((n) => parseBenchName(n));
  const out: Bench[] = [];
  const bfcl = benches.filter((b) => b.kind === "bfcl");
  if (bfcl.length > 0) {
    const all = bfcl.some((b) => b.all);
    const wanted = new Set<string>(bfcl.flatMap((b) => b.parts));
    const parts = BFCL_PARTS.filter((c) => all || wanted.has(c));
    out.push({ kind: "bfcl", name: all ? "bfcl:all" : parts.map((p) => `bfcl:${p}`).join(","), parts, all });
  }
  const hammer = benches.filter((b) => b.kind === "hammer");
  if (hammer.length > 0) {
    const all = hammer.some((b) => b.all);
    const wanted = new Set<string>(hammer.flatMap((b) => b.parts));
    const parts = HAMMER_SETS.filter((s) => all || wanted.has(s)) as HammerSet[];
    out.push({ kind: "hammer", name: all ? "hammer:all" : parts.map((p) => `hammer:${p}`).join(","), parts, all });
  }
  return out;
}
