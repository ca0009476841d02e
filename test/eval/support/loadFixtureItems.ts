import { parseBenchList, toEvalItem, type EvalItem } from "../../../src/eval/run/index.js";
import { loadBench } from "../../../src/eval/scoring/index.js";

/** The request material of every sample of `bench` in `dataDir`, unmasked. */
export function loadItems(bench: string, dataDir: string): EvalItem[] {
  const items: EvalItem[] = [];
  for (const b of parseBenchList(bench)) {
    for (const p of loadBench(b, dataDir).parts) {
      if (p.kind === "bfcl") for (const sample of p.samples) items.push(toEvalItem({ kind: "bfcl", sample }));
      else if (p.kind === "hammer") for (const sample of p.samples) items.push(toEvalItem({ kind: "hammer", sample }));
    }
  }
  return items;
}
