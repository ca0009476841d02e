import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadMultiTurnCategory } from "../../../src/eval/datasets/loadMultiTurnCategory.js";
import type { MultiTurnEntry } from "../../../src/eval/multiturn/types.js";
import { generateMultiTurnRecord } from "../../../src/eval/run/generateMultiTurnRecord.js";
import { scoreBench } from "../../../src/eval/scoring/index.js";
import { ScriptedEngine } from "./support/ScriptedEngine.js";

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "hammer-mt-load-"));
  const bfcl = path.join(dir, "bfcl_v3");
  mkdirSync(path.join(bfcl, "possible_answer"), { recursive: true });
  const entry = (id: string, extra: Record<string, unknown> = {}) => JSON.stringify({ id, question: [[{ role: "user", content: "hi" }], []], initial_config: {}, involved_classes: ["GorillaFileSystem"], ...extra });
  writeFileSync(
    path.join(bfcl, "BFCL_v3_multi_turn_miss_func.json"),
    [
      entry("multi_turn_miss_func_0", { missed_function: { "1": ["cd"] } }),
      "{not json",
      entry("multi_turn_miss_func_2", { missed_function: { "0": ["cd"] } }),
      entry("multi_turn_miss_func_3", { involved_classes: "GorillaFileSystem" }),
      entry("multi_turn_base_4"),
      entry("multi_turn_miss_func_5"),
    ].join("\n"),
  );
  writeFileSync(
    path.join(bfcl, "possible_answer", "BFCL_v3_multi_turn_miss_func.json"),
    ['{"id": "multi_turn_miss_func_0", "ground_truth": [["ls()"], []]}', '{"id": "multi_turn_miss_func_9", "ground_truth": []}', '{"id": "multi_turn_miss_func_2", "ground_truth": "ls()"}'].join("\n"),
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("loading a multi-turn category", () => {
  it("keeps well-formed entries and names every problem by file and line", () => {
    const r = loadMultiTurnCategory(dir, "multi_turn_miss_func");
    expect(r?.samples.map((s) => s.id)).toEqual(["multi_turn_miss_func_0"]);
    expect(r?.samples[0]).toMatchObject({ missedFunction: { "1": ["cd"] }, groundTruth: [["ls()"], []], functions: null, line: 1 });
    const issues = (r?.issues ?? []).map((i) => `${path.basename(path.dirname(i.location)) === "possible_answer" ? "answer" : "question"}:${i.location.split(":").pop()} ${i.message}`);
    expect(issues).toEqual([
      expect.stringMatching(/^question:2 not valid JSON/),
      'answer:3 multi_turn_miss_func_2: "ground_truth" is not a list of turns of call strings',
      "question:3 multi_turn_miss_func_2: missed_function turn 0 is not an empty question turn",
      'question:4 multi_turn_miss_func_3: "involved_classes" is not a list of class names',
      "question:5 id multi_turn_base_4 does not belong to category multi_turn_miss_func",
      "question:6 multi_turn_miss_func_5 has no possible answer",
      expect.stringMatching(/answer for unknown id multi_turn_miss_func_9$/),
    ]);
  });

  it("a run of an entry without function docs records an input error naming the folder", async () => {
    const entry = loadMultiTurnCategory(dir, "multi_turn_miss_func")?.samples[0];
    const engine = new ScriptedEngine(() => []);
    const r = await generateMultiTurnRecord(engine, entry as MultiTurnEntry, { mask: null, seed: 0, temperature: 0, maxTokens: 8, timeoutMs: 0 });
    expect(r?.error).toEqual({ kind: "input", message: expect.stringContaining("multi_turn_miss_func_0: the function docs of GorillaFileSystem are not in the data dir (bfcl_v3/multi_turn_func_doc/)") });
    expect(engine.requests).toHaveLength(0);
  });

  it("an absent category is absent, and a named one is a clear error", () => {
    expect(loadMultiTurnCategory(dir, "multi_turn_base")).toBeNull();
    expect(() => scoreBench("bfcl:multi_turn_base", dir, [])).toThrow(/no data in/);
  });
});
