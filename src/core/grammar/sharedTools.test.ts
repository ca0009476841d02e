import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import type { CallSyntax } from "../formats/types.js";
import type { ToolDef } from "../types.js";
import { compileToolGrammar } from "./compileToolGrammar.js";
import { clearGrammarCache } from "./grammarCacheStats.js";
import { parseGbnf } from "./testing/parseGbnf.js";

const HAMMER: CallSyntax = { kind: "json-list", open: "```\n", close: "\n```" };

/** Every tool set of the shared benchmark files compiles, and llama.cpp-faithful parsing accepts it. */
function compileAll(sets: Array<{ id: string; tools: ToolDef[] }>): { compiled: number; warnings: Map<string, number> } {
  const warnings = new Map<string, number>();
  for (const { id, tools } of sets) {
    let gbnf: string;
    try {
      const g = compileToolGrammar({ syntax: HAMMER, tools, choice: "auto", parallel: true });
      gbnf = g?.gbnf ?? "";
      for (const w of g?.warnings ?? []) {
        const what = w.replace(/^.*?: /, "");
        warnings.set(what, (warnings.get(what) ?? 0) + 1);
      }
    } catch (e) {
      throw new Error(`${id}: ${(e as Error).message}`);
    }
    expect(() => parseGbnf(gbnf), id).not.toThrow();
  }
  return { compiled: sets.length, warnings };
}

function report(label: string, r: { compiled: number; warnings: Map<string, number> }): void {
  const lines = [...r.warnings].sort((a, b) => b[1] - a[1]).map(([w, n]) => `  ${n}× ${w}`);
  console.log(`${label}: ${r.compiled} tool sets compiled; warnings:\n${lines.join("\n") || "  none"}`);
}

describe.skipIf(!HAS_SHARED_DATA)(`shared benchmark tools${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, () => {
  it("compiles every BFCL v3 tool set (non multi-turn)", () => {
    clearGrammarCache();
    const dir = sharedPath("bfcl_v3");
    const sets: Array<{ id: string; tools: ToolDef[] }> = [];
    for (const file of readdirSync(dir).filter((f) => f.startsWith("BFCL_v3_") && f.endsWith(".json") && !f.includes("multi_turn"))) {
      for (const line of readFileSync(`${dir}/${file}`, "utf8").split("\n")) {
        if (line.trim() === "") continue;
        const entry = JSON.parse(line) as { id: string; function?: ToolDef[] };
        sets.push({ id: entry.id, tools: entry.function ?? [] });
      }
    }
    expect(sets.length).toBeGreaterThan(2000);
    report("BFCL v3", compileAll(sets));
  });

  it("compiles the multi-turn API docs as one tool set each", () => {
    const dir = sharedPath("bfcl_v3", "multi_turn_func_doc");
    const sets = readdirSync(dir).map((file) => ({
      id: file,
      tools: readFileSync(`${dir}/${file}`, "utf8").split("\n").filter((l) => l.trim() !== "").map((l) => JSON.parse(l) as ToolDef),
    }));
    expect(sets.length).toBe(8);
    report("BFCL multi-turn docs", compileAll(sets));
  });

  it("compiles the raw tools of Hammer's eval sets (flat xLAM-style parameter maps)", () => {
    const sets: Array<{ id: string; tools: ToolDef[] }> = [];
    for (const name of ["apibank_l1", "apibank_l2", "sealtool", "toolalpaca"]) {
      const rows = JSON.parse(readFileSync(sharedPath("hammer_eval", "original", `${name}.json`), "utf8")) as Array<{ tools: ToolDef[] }>;
      rows.forEach((row, i) => sets.push({ id: `${name}#${i}`, tools: row.tools }));
    }
    report("Hammer eval (original)", compileAll(sets));
  });
});
