import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../../test/support/sharedData.js";
import type { CallSyntax } from "../formats/types.js";
import { Rng } from "../rng.js";
import type { ToolChoice, ToolDef } from "../types.js";
import { compileJsonObjectGrammar, compileSchemaGrammar } from "./compileSchemaGrammar.js";
import { compileToolGrammar } from "./compileToolGrammar.js";
import { Language } from "./testing/Language.js";
import { parseGbnf } from "./testing/parseGbnf.js";

/**
 * Smoke test against the real llama.cpp (node-llama-cpp's bundled build, CPU, no model): its
 * GBNF parser takes our grammars, and its own matcher agrees with our recogniser on sampled
 * strings and on near misses. Skipped when the native binding cannot load here.
 */

type LlamaLike = { createGrammar(o: { grammar: string }): Promise<{ _testText?: (t: string) => boolean }> };
let llama: LlamaLike | null = null;
let loadError = "";
/** node-llama-cpp's internal matcher (`LlamaGrammar._testText`); without it only parsing is checked. */
const TEST_TEXT_AVAILABLE = { value: false };

beforeAll(async () => {
  try {
    const { getLlama, LlamaLogLevel } = await import("node-llama-cpp");
    llama = (await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error })) as unknown as LlamaLike;
  } catch (e) {
    loadError = (e as Error).message;
  }
});

const SYNTAXES: Record<string, CallSyntax> = {
  hammer: { kind: "json-list", open: "```\n", close: "\n```" },
  xlam: { kind: "json-list", open: "", close: "", wrapperKey: "tool_calls" },
  qwen: { kind: "tagged", callOpen: "<tool_call>\n", callClose: "\n</tool_call>", separator: "\n" },
};

function bfclToolSets(file: string, n: number): ToolDef[][] {
  return readFileSync(sharedPath("bfcl_v3", file), "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .slice(0, n)
    .map((l) => (JSON.parse(l) as { function: ToolDef[] }).function);
}

/** Mutate by code points (a UTF-16 slice could leave a lone surrogate, which the binding turns into U+FFFD). */
function nearMiss(s: string, rng: Rng): string {
  const cps = [...s];
  if (cps.length === 0) return "x";
  const k = rng.int(0, cps.length - 1);
  const op = rng.int(0, 2);
  const ch = rng.pick(['"', "}", "]", ",", " ", "x", "1", "\\", "\n", "é", "<"]);
  if (op === 0) cps[k] = ch;
  else if (op === 1) cps.splice(k, 1);
  else cps.splice(k, 0, ch);
  return cps.join("");
}

async function crossCheck(gbnf: string, rng: Rng, samples: number): Promise<{ agree: number; accepted: number }> {
  const grammar = await (llama as LlamaLike).createGrammar({ grammar: gbnf });
  const ours = new Language(gbnf);
  const theirs = grammar._testText?.bind(grammar);
  TEST_TEXT_AVAILABLE.value = theirs !== undefined;
  let agree = 0;
  let accepted = 0;
  for (let i = 0; i < samples; i++) {
    const good = ours.sample(rng, { maxDepth: 25 });
    const texts = [good, nearMiss(good, rng)];
    for (const t of texts) {
      const a = ours.accepts(t);
      if (theirs) expect(theirs(t), `llama.cpp vs recogniser on ${JSON.stringify(t)}`).toBe(a);
      agree++;
      if (a) accepted++;
    }
    expect(ours.accepts(good)).toBe(true);
  }
  return { agree, accepted };
}

describe("llama.cpp (node-llama-cpp) accepts the compiled grammars", () => {
  it("loads the native binding", () => {
    if (!llama) console.warn(`node-llama-cpp did not load; llama.cpp smoke tests skipped: ${loadError}`);
    expect(typeof loadError).toBe("string");
  });

  it.skipIf(!HAS_SHARED_DATA)(`BFCL tool sets in every call syntax and tool_choice${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, async () => {
    if (!llama) return;
    const rng = new Rng("llama-smoke");
    const sets = [...bfclToolSets("BFCL_v3_simple.json", 3), ...bfclToolSets("BFCL_v3_multiple.json", 3), ...bfclToolSets("BFCL_v3_parallel_multiple.json", 2), ...bfclToolSets("BFCL_v3_live_simple.json", 3)];
    let checked = 0;
    for (const tools of sets) {
      for (const [name, syntax] of Object.entries(SYNTAXES)) {
        const choices: ToolChoice[] = ["auto", "required", { type: "function", function: { name: (tools[0] as ToolDef).name } }];
        for (const choice of choices) {
          const g = compileToolGrammar({ syntax, tools, choice, parallel: name !== "xlam" });
          expect(g).not.toBeNull();
          const r = await crossCheck((g as { gbnf: string }).gbnf, rng, 3);
          checked += r.agree;
        }
      }
    }
    expect(checked).toBeGreaterThan(300);
    const mode = TEST_TEXT_AVAILABLE.value ? "matched against llama.cpp's own matcher" : "parsed only (node-llama-cpp has no _testText)";
    console.log(`llama.cpp smoke: ${checked} strings, ${mode}`);
  });

  it("response_format grammars, flexible whitespace and json_object", async () => {
    if (!llama) return;
    const rng = new Rng("llama-schema");
    const schemas = [
      { type: "object", properties: { d: { type: "string", format: "date-time" }, n: { type: "integer", minimum: -40, maximum: 1200 }, e: { enum: ["a", "é", 'q"'] } }, required: ["d"] },
      { type: "array", prefixItems: [{ type: "string", maxLength: 3 }, { type: "number", exclusiveMinimum: 0 }], items: { type: "boolean" } },
      { type: "object", properties: { a: { type: "integer" } }, additionalProperties: { type: "string", format: "email" } },
      { $defs: { n: { type: "object", properties: { kids: { type: "array", items: { $ref: "#/$defs/n" } } } } }, $ref: "#/$defs/n" },
      // recursion through allOf; an optional part with no finite value pruned (and kept out of the extra keys)
      { type: "object", properties: { x: { allOf: [{ $ref: "#" }], description: "again" }, n: { type: "integer" } } },
      { type: "object", properties: { x: { $ref: "#/$defs/loop" }, ok: { type: "boolean" } }, additionalProperties: { type: "integer" }, $defs: { loop: { type: "object", properties: { again: { $ref: "#/$defs/loop" } }, required: ["again"] } } },
    ];
    for (const s of schemas) {
      await crossCheck(compileSchemaGrammar(s).gbnf, rng, 8);
      await crossCheck(compileSchemaGrammar(s, { whitespace: "flexible" }).gbnf, rng, 8);
    }
    await crossCheck(compileJsonObjectGrammar().gbnf, rng, 8);
  });

  it("rejects the grammars our parser rejects", async () => {
    if (!llama) return;
    const bad = ["root ::= missing", 'root ::= root "a" | "b"', 'root ::= ( "a"{0,50} ){0,50}', "root ::= [\\^a]", 'root ::= "a"{2001}'];
    for (const g of bad) {
      expect(() => parseGbnf(g)).toThrow();
      await expect((llama as LlamaLike).createGrammar({ grammar: g }), g).rejects.toThrow();
    }
  });
});
