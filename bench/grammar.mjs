// Grammar compile time for 1, 16 and 128 BFCL tools: cold (cache cleared) and cached.
// Run: npm run build && node bench/grammar.mjs [--runs N] [--json]
//  or: npx tsx bench/grammar.mjs   (uses the TypeScript sources when dist/ is absent)
// The engine benchmark imports benchGrammar() from here.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SHARED = process.env.HAMMER_SHARED_DATA ?? path.resolve(ROOT, "../shared/data");

async function loadGrammar() {
  const dist = path.join(ROOT, "dist/core/grammar/index.js");
  if (existsSync(dist)) return import(pathToFileURL(dist).href);
  try {
    return await import(pathToFileURL(path.join(ROOT, "src/core/grammar/index.ts")).href);
  } catch {
    throw new Error("dist/ not built: run `npm run build` first (or run this script with `npx tsx`)");
  }
}

/** Distinct BFCL v3 tools (non multi-turn), in file order. */
function bfclTools() {
  const dir = path.join(SHARED, "bfcl_v3");
  if (!existsSync(dir)) throw new Error(`BFCL data not found at ${dir} (set HAMMER_SHARED_DATA)`);
  const byName = new Map();
  for (const file of readdirSync(dir).filter((f) => f.startsWith("BFCL_v3_") && f.endsWith(".json") && !f.includes("multi_turn")).sort()) {
    for (const line of readFileSync(path.join(dir, file), "utf8").split("\n")) {
      if (line.trim() === "") continue;
      for (const fn of JSON.parse(line).function ?? []) if (!byName.has(fn.name)) byName.set(fn.name, fn);
    }
  }
  return [...byName.values()];
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

/**
 * @param {{sizes?: number[], runs?: number, syntax?: object}} [options]
 * @returns {Promise<Array<{tools: number, coldMs: number, cachedMs: number, chars: number, rules: number}>>}
 */
export async function benchGrammar(options = {}) {
  const { compileToolGrammar, clearGrammarCache } = await loadGrammar();
  const sizes = options.sizes ?? [1, 16, 128];
  const runs = options.runs ?? 20;
  const syntax = options.syntax ?? { kind: "json-list", open: "```\n", close: "\n```" };
  const all = bfclTools();
  const rows = [];
  for (const n of sizes) {
    // Different tool windows per run, so no run reuses another's strings or shapes.
    const cold = [];
    const cached = [];
    let last = null;
    for (let r = 0; r < runs; r++) {
      const start = (r * n) % Math.max(1, all.length - n);
      const tools = all.slice(start, start + n);
      clearGrammarCache();
      const t0 = performance.now();
      last = compileToolGrammar({ syntax, tools, choice: "auto", parallel: true });
      const t1 = performance.now();
      compileToolGrammar({ syntax, tools, choice: "auto", parallel: true });
      const t2 = performance.now();
      cold.push(t1 - t0);
      cached.push(t2 - t1);
    }
    rows.push({ tools: n, coldMs: median(cold), cachedMs: median(cached), chars: last.gbnf.length, rules: last.gbnf.split("\n").filter(Boolean).length });
  }
  return rows;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const runsAt = args.indexOf("--runs");
  const runs = runsAt >= 0 ? Number(args[runsAt + 1]) : 20;
  const rows = await benchGrammar({ runs });
  if (args.includes("--json")) console.log(JSON.stringify(rows));
  else {
    console.log(`grammar compile, BFCL v3 tools, Hammer syntax, median of ${runs} runs`);
    console.log("tools  cold ms  cached ms  gbnf chars  rules");
    for (const r of rows) {
      console.log(`${String(r.tools).padStart(5)}  ${r.coldMs.toFixed(2).padStart(7)}  ${r.cachedMs.toFixed(3).padStart(9)}  ${String(r.chars).padStart(10)}  ${String(r.rules).padStart(5)}`);
    }
  }
}
