import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBfclFunctions } from "../../src/core/tools/index.js";
import type { ChatMessage, ToolDef } from "../../src/core/types.js";
import { validateCall } from "../../src/core/validate/index.js";
import { createLlamaEngine, type AssistantTurn, type Engine } from "../../src/engine/index.js";
import { HAS_REAL_MODEL, REAL_MODEL_PATH, SKIP_REAL_MODEL_REASON } from "../support/realModel.js";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../support/sharedData.js";

// Loop-aware decoding on the real SmolLM2-135M, greedy, tool_choice required: requests where
// plain grammar-constrained decoding loops inside an argument until the token limit now end with a
// valid call, and the schema's constraints hold while steering. 256 tokens keep the unsteered
// runs short (bench:loops measures 1024).

const MAX_TOKENS = 256;
let engine: Engine;
beforeAll(async () => {
  if (HAS_REAL_MODEL) engine = await createLlamaEngine({ model: REAL_MODEL_PATH, threads: 1, contextSize: 4096 });
});
afterAll(async () => {
  await engine?.close();
});

async function both(messages: ChatMessage[], tools: ToolDef[]): Promise<{ off: AssistantTurn; on: AssistantTurn }> {
  const request = { messages, tools, toolChoice: "required" as const, temperature: 0, maxTokens: MAX_TOKENS };
  const off = await engine.generate({ ...request, loopSteering: false });
  const on = await engine.generate(request);
  return { off, on };
}

function expectValid(turn: AssistantTurn, tools: ToolDef[]): void {
  expect(turn.finishReason, turn.raw).toBe("tool_calls");
  expect(turn.toolCalls.length).toBeGreaterThan(0);
  for (const call of turn.toolCalls) expect(validateCall(call, tools).errors, call.argumentsText).toEqual([]);
}

describe.skipIf(!HAS_REAL_MODEL)(`loop-aware decoding on SmolLM2-135M${HAS_REAL_MODEL ? "" : ` (skipped: ${SKIP_REAL_MODEL_REASON})`}`, () => {
  it("a looping enum array with minItems closes once minItems is met (duplicates allowed), and the call ends", { timeout: 10 * 60_000 }, async () => {
    const tools: ToolDef[] = [
      {
        name: "get_sensor_readings",
        description: "Readings of sensors by model.",
        parameters: {
          type: "object",
          properties: {
            models: { type: "array", items: { type: "string", enum: ["MT10", "MT11", "MT12", "MT20", "MT30"] }, minItems: 5, uniqueItems: false },
            interval: { type: "integer" },
          },
          required: ["models", "interval"],
        },
      },
    ];
    const { off, on } = await both([{ role: "user", content: "Get the readings of the MT30 sensors every 15 seconds." }], tools);
    // Unsteered, greedy decoding repeats "MT30" until the limit.
    expect(off.finishReason).toBe("length");
    expect(off.raw).toContain('"MT30", "MT30", "MT30", "MT30", "MT30", "MT30"');
    expectValid(on, tools);
    const models = on.toolCalls[0]?.arguments.models as string[];
    expect(models.length).toBeGreaterThanOrEqual(5);
    expect(new Set(models)).toEqual(new Set(["MT30"]));
    expect(on.usage.completionTokens).toBeLessThan(MAX_TOKENS);
  });
});

/** BFCL entries (shared data) where SmolLM2's greedy call loops at 1024 tokens without steering (bench:loops). */
const BFCL_LOOPS: readonly string[] = [
  "live_simple_28-7-1", // uber.eat.order: items and quantities repeat ("麦辣鸡腿堡", …; 10, 10, …)
  "live_simple_49-21-1", // find_beer: pairings repeat a block of three strings
  "parallel_multiple_0", // sum_of_multiples: multiples the request never gave, never repeating ([1, 3, 5, 15, 21, 25, …])
];

describe.skipIf(!HAS_REAL_MODEL || !HAS_SHARED_DATA)(
  `loop-aware decoding on real BFCL tool sets${HAS_REAL_MODEL && HAS_SHARED_DATA ? "" : ` (skipped: ${HAS_REAL_MODEL ? SKIP_SHARED_REASON : SKIP_REAL_MODEL_REASON})`}`,
  () => {
    it.each(BFCL_LOOPS)("%s: loops unsteered, ends with a valid call steered", { timeout: 10 * 60_000 }, async (id) => {
      const category = id.replace(/_\d+(-\d+)*$/, "");
      const line = readFileSync(sharedPath("bfcl_v3", `BFCL_v3_${category}.json`), "utf8")
        .split("\n")
        .find((l) => l.includes(`"id": "${id}"`));
      expect(line, `${id} not found`).toBeDefined();
      const entry = JSON.parse(line as string) as { question: ChatMessage[][]; function: Parameters<typeof fromBfclFunctions>[0] };
      const tools = fromBfclFunctions(entry.function).tools;
      const { off, on } = await both(entry.question[0] as ChatMessage[], tools);
      expect(off.finishReason).toBe("length");
      expectValid(on, tools);
    });
  },
);
