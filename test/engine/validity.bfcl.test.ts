import { readdirSync, readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFormat } from "../../src/core/formats/index.js";
import { Rng } from "../../src/core/rng.js";
import { fromBfclFunctions, transformSchema } from "../../src/core/tools/index.js";
import type { ToolChoice, ToolDef } from "../../src/core/types.js";
import { validateCall } from "../../src/core/validate/index.js";
import { createLlamaEngine, InvalidCallError, type Engine } from "../../src/engine/index.js";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../support/sharedData.js";
import { useTinyModel } from "./support/tinyModel.js";

/**
 * Validity at scale: a random-weight model, so every output is as arbitrary as a model can be,
 * generates for every BFCL v3 tool set (non multi-turn) under `required`, and for random samples
 * under `auto` and named choice. Every complete output must parse and validate; outputs cut by
 * max_tokens must come back as `length` without calls. The only allowed failures are
 * CALL_INVALID on schemas the grammar reported widening (BFCL has enums whose values contradict
 * their type, which no value satisfies).
 *
 * Speed: one model load, 1 thread, 4 sequences, 256 tokens, and tool descriptions stripped
 * (they only lengthen the prompt; the grammar and validation never read them). Model seed 2
 * writes the shortest calls of the seeds tried, so few outputs hit the limit.
 */

const MAX_TOKENS = 256;
const SAMPLE = 120;
// Every tool set (~3,800) takes ~10 minutes of 2 cores: CI checks a seeded sample of 600, which
// still covers every category; HAMMER_VALIDITY_FULL=1 runs them all.
const FULL = process.env.HAMMER_VALIDITY_FULL === "1";
const REQUIRED_SAMPLE = 600;
const model = useTinyModel(2);
const format = getFormat("hammer2.1");

interface ToolSet {
  id: string;
  tools: ToolDef[];
}

function loadSets(): ToolSet[] {
  const dir = sharedPath("bfcl_v3");
  const sets: ToolSet[] = [];
  const strip = (t: ToolDef): ToolDef => ({
    ...t,
    description: "",
    parameters: transformSchema(t.parameters, (node) => {
      delete node.description;
      return node;
    }, t.name) as ToolDef["parameters"],
  });
  for (const file of readdirSync(dir).filter((f) => f.startsWith("BFCL_v3_") && f.endsWith(".json") && !f.includes("multi_turn")).sort()) {
    for (const line of readFileSync(`${dir}/${file}`, "utf8").split("\n")) {
      if (line.trim() === "") continue;
      const entry = JSON.parse(line) as { id: string; function?: unknown[] };
      sets.push({ id: entry.id, tools: fromBfclFunctions(entry.function ?? []).tools.map(strip) });
    }
  }
  return sets;
}

interface Tally {
  sets: number;
  noTools: number;
  calls: number;
  complete: number;
  lengthCut: number;
  widened: number;
}

describe.skipIf(!HAS_SHARED_DATA)(`validity at scale on BFCL v3${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, () => {
  let engine: Engine;
  let sets: ToolSet[] = [];

  beforeAll(async () => {
    sets = loadSets();
    // 8192: the longest BFCL prompt is ~4,200 tokens in this tiny vocabulary. Flash attention off:
    // on the CPU it makes this 16-dim-head model ~2× slower at long contexts.
    engine = await createLlamaEngine({ model: model.file(), threads: 1, parallel: 4, contextSize: 8192, flashAttention: false, format: "hammer2.1" });
  });
  afterAll(async () => {
    await engine?.close();
  });

  /** Generate for each set with 4 requests in flight; check and count every outcome. */
  async function run(label: string, items: ToolSet[], choiceFor: (s: ToolSet) => ToolChoice, parallel: boolean, maxTokens = MAX_TOKENS): Promise<Tally> {
    const tally: Tally = { sets: items.length, noTools: 0, calls: 0, complete: 0, lengthCut: 0, widened: 0 };
    let next = 0;
    let failed = false;
    const worker = async (): Promise<void> => {
      while (next < items.length && !failed) {
        const i = next++;
        const set = items[i] as ToolSet;
        if (set.tools.length === 0) {
          tally.noTools++;
          continue;
        }
        const choice = choiceFor(set);
        try {
          const turn = await engine.generate({
            messages: [{ role: "user", content: "Use the tools to answer." }],
            tools: set.tools,
            toolChoice: choice,
            parallelToolCalls: parallel,
            temperature: 1,
            seed: i,
            maxTokens,
          });
          if (turn.finishReason === "length") {
            expect(turn.toolCalls, set.id).toEqual([]);
            tally.lengthCut++;
            continue;
          }
          tally.complete++;
          tally.calls += turn.toolCalls.length;
          // Independent re-check: the raw text parses with the format to the same calls, which validate.
          const parsed = format.parse(turn.raw).calls;
          expect(parsed.map((c) => c.name), set.id).toEqual(turn.toolCalls.map((c) => c.name));
          for (const call of turn.toolCalls) expect(validateCall(call, set.tools).errors, `${set.id} ${call.argumentsText}`).toEqual([]);
          if (choice === "required") expect(turn.toolCalls.length, set.id).toBeGreaterThanOrEqual(1);
          if (typeof choice === "object") expect(turn.toolCalls.map((c) => c.name), set.id).toEqual([choice.function.name]);
          if (!parallel) expect(turn.toolCalls.length, set.id).toBeLessThanOrEqual(1);
        } catch (e) {
          // Only a schema the grammar said it widened may produce an invalid call.
          if (e instanceof InvalidCallError && e.code === "CALL_INVALID" && e.warnings.length > 0) tally.widened++;
          else {
            failed = true; // stop the other workers too
            throw new Error(`${set.id}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
          }
        }
      }
    };
    const results = await Promise.allSettled([worker(), worker(), worker(), worker()]);
    for (const r of results) if (r.status === "rejected") throw r.reason;
    console.log(`${label}: ${JSON.stringify(tally)}`);
    return tally;
  }

  it(`required on ${FULL ? "every tool set" : `${REQUIRED_SAMPLE} seeded tool sets`}: all complete outputs valid, cuts reported as length without calls`, { timeout: 30 * 60_000 }, async () => {
    expect(sets.length).toBeGreaterThan(2500);
    const chosen = FULL ? sets : new Rng("validity-required").shuffle([...sets]).slice(0, REQUIRED_SAMPLE);
    // The sample spans every category file (ids are `<category>_<n>`).
    const categories = (list: ToolSet[]): Set<string> => new Set(list.map((s) => s.id.replace(/_\d+(-\d+)*$/, "")));
    expect(categories(chosen).size).toBe(categories(sets).size);
    const t = await run(FULL ? "required, all sets" : "required, sample", chosen, () => "required", false);
    expect(t.complete + t.lengthCut + t.widened + t.noTools).toBe(t.sets);
    expect(t.calls).toBe(t.complete);
    expect(t.lengthCut / t.sets).toBeLessThan(0.15);
    expect(t.widened).toBeLessThan(40); // the handful of BFCL schemas no value satisfies
  });

  it("auto on a random sample (parallel calls allowed)", { timeout: 10 * 60_000 }, async () => {
    const sample = new Rng("validity-auto").shuffle([...sets]).slice(0, SAMPLE);
    // A list of parallel calls is longer: more room, so cuts stay few.
    const t = await run("auto, sample", sample, () => "auto", true, 1.5 * MAX_TOKENS);
    expect(t.complete + t.lengthCut + t.widened + t.noTools).toBe(t.sets);
    expect(t.lengthCut / t.sets).toBeLessThan(0.15);
  });

  it("named choice on a random sample", { timeout: 10 * 60_000 }, async () => {
    const rng = new Rng("validity-named");
    const sample = rng.shuffle(sets.filter((s) => s.tools.length > 0)).slice(0, SAMPLE);
    const names = new Map(sample.map((s) => [s.id, rng.pick(s.tools).name]));
    const t = await run("named, sample", sample, (s) => ({ type: "function", function: { name: names.get(s.id) as string } }), true);
    expect(t.complete + t.lengthCut + t.widened).toBe(t.sets);
    expect(t.calls).toBe(t.complete);
    expect(t.lengthCut / t.sets).toBeLessThan(0.15);
  });
});
