import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { JsonSchema, ToolDef } from "../../src/core/types.js";
import { validateCall } from "../../src/core/validate/index.js";
import { createLlamaEngine, type Engine } from "../../src/engine/index.js";
import { useTinyModel } from "./support/tinyModel.js";

// Property: loop-aware decoding never yields an invalid call. A random-weight model repeats
// itself readily, so arrays and strings loop and steering acts; the same greedy request with
// steering off shows where it did (the outputs differ). Every finished call validates, with the
// schema's minItems, minLength, enums and required properties holding while steered.

const model = useTinyModel(3);
let engine: Engine;
beforeAll(async () => {
  engine = await createLlamaEngine({ model: model.file(), threads: 1, parallel: 2, contextSize: 2048 });
});
afterAll(async () => {
  await engine?.close();
});

const item: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.constant({ type: "string" }),
  fc.record({ type: fc.constant("string"), minLength: fc.integer({ min: 1, max: 6 }) }),
  fc.record({ type: fc.constant("string"), enum: fc.uniqueArray(fc.stringMatching(/^[a-z]{1,4}$/), { minLength: 1, maxLength: 3 }) }),
  fc.constant({ type: "integer" }),
  fc.constantFrom({ type: "integer", enum: [1, 2, 3] }, { type: "boolean" }, { type: "number" }),
);

/** Values that can loop: unbounded arrays (with minItems, duplicates allowed), nested ones, long strings. */
const loopable: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.record({ type: fc.constant("array"), items: item, minItems: fc.integer({ min: 0, max: 5 }), uniqueItems: fc.constant(false) }),
  fc.record({ type: fc.constant("array"), items: fc.record({ type: fc.constant("array"), items: item }) }),
  item.map((i) => ({ type: "array", items: { type: "object", properties: { v: i, w: { type: "string" } }, required: ["v", "w"], additionalProperties: false } })),
  fc.record({ type: fc.constant("string"), minLength: fc.integer({ min: 0, max: 40 }) }),
);

describe("loop-aware decoding on a random-weight model", () => {
  it("every finished call validates, steered or not, and steering acts", { timeout: 15 * 60_000 }, async () => {
    let differ = 0;
    let finishedOn = 0;
    let finishedOff = 0;
    await fc.assert(
      fc.asyncProperty(fc.uniqueArray(fc.tuple(fc.stringMatching(/^[a-z]{1,6}$/), loopable), { minLength: 1, maxLength: 3, selector: ([k]) => k }), fc.boolean(), async (props, allRequired) => {
        const parameters = { type: "object", properties: Object.fromEntries(props), required: allRequired ? props.map(([k]) => k) : [props[0]![0]], additionalProperties: false };
        const tools: ToolDef[] = [{ name: "record", description: "Record values.", parameters: parameters as ToolDef["parameters"] }];
        const request = { messages: [{ role: "user" as const, content: "Record the values, then again, and again." }], tools, toolChoice: "required" as const, temperature: 0, maxTokens: 300 };
        const on = await engine.generate(request);
        const off = await engine.generate({ ...request, loopSteering: false });
        if (on.raw !== off.raw) differ++;
        for (const turn of [on, off]) {
          if (turn.finishReason === "length") expect(turn.toolCalls).toEqual([]);
          else {
            expect(turn.finishReason).toBe("tool_calls");
            for (const call of turn.toolCalls) expect(validateCall(call, tools).errors, call.argumentsText).toEqual([]);
          }
        }
        if (on.finishReason === "tool_calls") finishedOn++;
        if (off.finishReason === "tool_calls") finishedOff++;
      }),
      { numRuns: 30, seed: 17 },
    );
    // Steering acted on some requests. Whether a random model's garbage string closes before the
    // limit is chance (its near-tied logits differ with the CPU's kernels: on one machine steering
    // finished 18 of 30 and the unsteered run 19, on others at least as many), so the finishing counts
    // are not compared here: the SmolLM2 tests and bench:loops show the calls it finishes.
    expect(differ).toBeGreaterThan(0);
    expect(finishedOn + finishedOff).toBeGreaterThan(0);
  });
});
