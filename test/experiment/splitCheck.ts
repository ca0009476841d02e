import { readFileSync } from "node:fs";
import { loadBfclCategory, loadHammerSet, parseBenchName, type BfclCategory, type HammerSet } from "../../src/eval/index.js";

/** Every sample id (`bench/id`) and function name (lower case) of the evaluation benchmarks, read straight from the data. */
export function evaluationSets(dataDir: string, benches: readonly string[]): { ids: Set<string>; names: Set<string> } {
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const bench of benches) {
    const b = parseBenchName(bench);
    for (const part of b.parts) {
      if (b.kind === "bfcl") {
        for (const s of loadBfclCategory(dataDir, part as BfclCategory)!.samples) {
          ids.add(`${bench}/${s.id}`);
          for (const f of s.functions) names.add(f.name.toLowerCase());
        }
      } else {
        for (const s of loadHammerSet(dataDir, part as HammerSet)!.samples) {
          ids.add(`${bench}/${s.id}`);
          for (const t of s.tools) names.add(String((t as { name: unknown }).name).toLowerCase());
          for (const a of s.answers) names.add(a.name.toLowerCase());
        }
      }
    }
  }
  return { ids, names };
}

/** The ids and function names (shown or called) of an xLAM JSON Lines file written by the split stage. */
export function trainingFileContents(file: string): { ids: string[]; names: string[]; queries: string[] } {
  const rows = readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map((l) => JSON.parse(l) as { id: string; query: string; tools: string; answers: string });
  const names = rows.flatMap((r) => [
    ...(JSON.parse(r.tools) as Array<{ name: string }>).map((t) => t.name),
    ...(JSON.parse(r.answers) as Array<{ name: string }>).map((a) => a.name),
  ]);
  return { ids: rows.map((r) => r.id), names, queries: rows.map((r) => r.query) };
}

/** The tool names of a Hammer training record's prompt, and whether its label is the empty list. */
export function recordTools(record: { instruction: string; output: string }): { names: string[]; irrelevant: boolean } {
  const m = /\[BEGIN OF AVAILABLE TOOLS\]\n([\s\S]*?)\n\[END OF AVAILABLE TOOLS\]/.exec(record.instruction);
  const tools = m ? (JSON.parse(m[1]!) as Array<{ name: string }>) : [];
  return { names: tools.map((t) => t.name), irrelevant: record.output.replace(/`|\s/g, "") === "[]" };
}
