import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../../src/core/json/index.js";
import type { ChatMessage, ToolCall } from "../../../src/core/types.js";
import { createEngine } from "../../../src/engine/index.js";
import { writeRandomModel } from "../../../src/export/index.js";
import { describeModelFile, runEval, type RunResults } from "../../../src/eval/run/index.js";
import { BFCL_ERROR_TYPES } from "../../../src/eval/scoring/index.js";
import { ADDED_FUNCTIONS_PROMPT, MAXIMUM_STEP_LIMIT } from "../../../src/eval/multiturn/funcDocFiles.js";
import { FIXTURE_CLASSES, writeMultiTurnData } from "./support/multiTurnFixture.js";
import { ScriptedEngine } from "./support/ScriptedEngine.js";

let data: { dir: string; cleanup: () => void };
let out: string;
beforeAll(() => {
  data = writeMultiTurnData();
  out = mkdtempSync(path.join(os.tmpdir(), "hammer-mt-run-"));
});
afterAll(() => {
  data?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

const BENCH = "bfcl:multi_turn_base,bfcl:multi_turn_miss_func";
const call = (name: string, args: Record<string, unknown> = {}): ToolCall => ({ name, arguments: args });

/** A model that does what the fixture's users ask, once per user message, and loops on "forever". */
function perfect(messages: readonly ChatMessage[], tools: string[]): ToolCall[] {
  const last = messages[messages.length - 1];
  if (last?.role !== "user") return last?.role === "tool" && /forever/.test(messages.find((m) => m.role === "user")?.content ?? "") ? [call("ls")] : [];
  if (last.content.startsWith("Go to docs and create")) return [call("cd", { folder: "docs" }), call("touch", { file_name: "notes" })];
  if (last.content === "Go to docs.") return [call("cd", { folder: "docs" })];
  if (last.content === "Where am I?") return [call("pwd")];
  if (last.content.startsWith("Keep listing")) return [call("ls")];
  // The average is asked before `mean` exists: a good model waits for the functions to arrive.
  if (last.content === ADDED_FUNCTIONS_PROMPT && tools.includes("mean")) return [call("mean", { numbers: [40, 50] })];
  return [];
}

const readLog = (dir: string) =>
  readFileSync(path.join(dir, "predictions.jsonl"), "utf8")
    .trim()
    .split("\n")
    .map((l) => parseJson(l) as Record<string, any>);

describe("eval run on multi-turn categories", () => {
  it("drives conversations: results go back as tool messages, held-out functions join at their turn, the step limit force-quits", async () => {
    const engine = new ScriptedEngine(perfect);
    const dir = path.join(out, "scripted");
    const { results } = await runEval({ bench: BENCH, dataDir: data.dir, outDir: dir, engine, model: { name: "scripted" }, apiClasses: FIXTURE_CLASSES });
    const r = results as RunResults;
    expect(r.parts.map((p) => [p.part, p.correct, p.total])).toEqual([
      ["bfcl:multi_turn_base", 1, 2],
      ["bfcl:multi_turn_miss_func", 1, 1],
    ]);
    const byId = new Map(r.samples.map((s) => [s.id, s]));
    expect(byId.get("multi_turn_base_1")).toMatchObject({ correct: false, error_type: "multi_turn:force_terminated" });
    expect(r.bfcl_summary?.multi_turn).toBeNull(); // two of the four categories
    expect(r.bfcl_summary?.missing_categories).toEqual(expect.arrayContaining(["multi_turn_miss_param", "multi_turn_long_context"]));

    const log = new Map(readLog(dir).map((l) => [l.id, l]));
    expect(log.get("multi_turn_base_0")?.turns).toEqual([
      [[{ name: "cd", arguments: { folder: "docs" } }, { name: "touch", arguments: { file_name: "notes" } }], []],
      [[{ name: "pwd", arguments: {} }], []],
    ]);
    // BFCL's limit: the 21st step with calls ends the conversation after its turn (1 of 2 turns here).
    const looped = log.get("multi_turn_base_1")?.turns as unknown[][];
    expect(looped).toHaveLength(1);
    expect(looped[0]).toHaveLength(MAXIMUM_STEP_LIMIT + 1);

    const first = engine.requests.filter((q) => q.messages[0]?.content === "Go to docs and create notes.");
    // Step 2 of turn 0 sees both results as tool messages, in call order, with the calls' ids.
    expect(first[1]?.messages.slice(1)).toEqual([
      { role: "assistant", content: null, toolCalls: [call("cd", { folder: "docs" }), call("touch", { file_name: "notes" })].map((c, i) => ({ ...c, id: `call_0_0_${i}` })) },
      { role: "tool", content: '{"current_working_directory": "docs"}', toolCallId: "call_0_0_0", name: "cd" },
      { role: "tool", content: "None", toolCallId: "call_0_0_1", name: "touch" },
    ]);
    expect(first[2]?.messages.at(-1)).toEqual({ role: "user", content: "Where am I?" });
    expect(first[0]?.tools?.map((t) => t.name)).toEqual(["cd", "touch", "ls", "pwd", "mean"]);
    expect(first[0]?.tools?.[0]?.description).toBe("cd (fixture) Note that the provided function is in Python 3 syntax.");

    const missFunc = engine.requests.filter((q) => q.messages[0]?.content === "Go to docs.");
    expect(missFunc.map((q) => q.tools?.map((t) => t.name).includes("mean"))).toEqual([false, false, false, true, true]);
    expect(missFunc[3]?.messages.at(-1)).toEqual({ role: "user", content: ADDED_FUNCTIONS_PROMPT });
  });

  it("an interrupted run keeps finished conversations and resumes the rest", async () => {
    const dir = path.join(out, "resume");
    const controller = new AbortController();
    const first = await runEval({
      bench: BENCH,
      dataDir: data.dir,
      outDir: dir,
      engine: new ScriptedEngine(perfect),
      model: { name: "scripted" },
      apiClasses: FIXTURE_CLASSES,
      concurrency: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (p.done >= 1) controller.abort();
      },
    });
    expect(first.results).toBeNull();
    expect(readLog(dir).map((l) => l.id)).toEqual(["multi_turn_base_0"]);
    const engine = new ScriptedEngine(perfect);
    const second = await runEval({ bench: BENCH, dataDir: data.dir, outDir: dir, engine, model: { name: "scripted" }, apiClasses: FIXTURE_CLASSES, resume: true });
    expect(second.reused).toBe(1);
    expect(engine.requests.some((q) => q.messages[0]?.content === "Go to docs and create notes.")).toBe(false);
    expect(readLog(dir).map((l) => l.id).sort()).toEqual(["multi_turn_base_0", "multi_turn_base_1", "multi_turn_miss_func_0"]);
    expect((second.results as RunResults).counts).toMatchObject({ samples: 3, correct: 2 });
  });

  it("a model error mid-conversation is recorded as a generation error, with the turns so far", async () => {
    let n = 0;
    const engine = new ScriptedEngine((m, t) => {
      if (++n === 2) throw new Error("engine exploded");
      return perfect(m, t);
    });
    const dir = path.join(out, "error");
    const r = (await runEval({ bench: "bfcl:multi_turn_base", dataDir: data.dir, outDir: dir, engine, model: { name: "scripted" }, apiClasses: FIXTURE_CLASSES, concurrency: 1 })).results as RunResults;
    expect(r.samples[0]).toMatchObject({ id: "multi_turn_base_0", correct: false, error_type: "hammer_fc:generation_error", generation_error: { kind: "engine" } });
    expect(readLog(dir)[0]?.turns).toEqual([[[{ name: "cd", arguments: { folder: "docs" } }, { name: "touch", arguments: { file_name: "notes" } }]]]);
  });

  it("completes and scores on the tiny random-weight model (llama backend, one thread)", async () => {
    const model = (await writeRandomModel({ shape: "tiny", quant: "q8_0", seed: 9, out: path.join(out, "tiny.gguf") })).path;
    const engine = await createEngine({ backend: "llama", model, threads: 1, parallel: 1, gpu: false, contextSize: 4096 });
    try {
      const dir = path.join(out, "tiny");
      const r = (await runEval({ bench: BENCH, dataDir: data.dir, outDir: dir, engine, model: await describeModelFile(model), apiClasses: FIXTURE_CLASSES, maxTokens: 32 })).results as RunResults;
      expect(r.counts.samples).toBe(3);
      const known = new Set<string>([...BFCL_ERROR_TYPES, "hammer_fc:generation_error"]);
      for (const s of r.samples) expect(s.correct || known.has(s.error_type as string), `${s.id}: ${s.error_type} ${s.error}`).toBe(true);
      for (const l of readLog(dir)) expect(Array.isArray(l.turns)).toBe(true);
    } finally {
      await engine.close();
    }
  }, 300_000);
});
