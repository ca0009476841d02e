import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../src/core/json/index.js";
import type { JsonSchema, ToolDef } from "../../src/core/types.js";
import { validateCall } from "../../src/core/validate/index.js";
import { createLlamaEngine, type Engine } from "../../src/engine/index.js";
import { useTinyModel } from "./support/tinyModel.js";

// Property: for random tool schemas, whatever a random-weight model samples under the compiled
// grammar (real llama.cpp sampler, UTF-8 guard, engine parsing) is a call that validates.

const model = useTinyModel(2);
let engine: Engine;
beforeAll(async () => {
  engine = await createLlamaEngine({ model: model.file(), threads: 1, parallel: 4, contextSize: 2048 });
});
afterAll(async () => {
  await engine?.close();
});

const name = fc.stringMatching(/^[a-z][a-z0-9_]{0,9}$/);

/** Leaf schemas with the keywords the grammar enforces exactly. */
const leaf: fc.Arbitrary<JsonSchema> = fc.oneof(
  fc.record({ type: fc.constant("string"), maxLength: fc.integer({ min: 0, max: 12 }) }),
  fc.record({ type: fc.constant("string"), minLength: fc.integer({ min: 1, max: 3 }), maxLength: fc.integer({ min: 3, max: 8 }) }),
  fc.record({ type: fc.constant("string"), enum: fc.uniqueArray(fc.string({ maxLength: 6 }), { minLength: 1, maxLength: 4 }) }),
  fc.record({ type: fc.constant("string"), format: fc.constantFrom("date", "time", "date-time", "uuid", "email") }),
  fc.integer({ min: -50, max: 50 }).chain((lo) => fc.integer({ min: lo, max: lo + 500 }).map((hi) => ({ type: "integer", minimum: lo, maximum: hi }))),
  fc.constant({ type: "integer" }),
  fc.constantFrom({ type: "number" }, { type: "number", minimum: 0 }, { type: "number", exclusiveMinimum: 0 }),
  fc.constant({ type: "boolean" }),
  fc.constant({ type: "null" }),
  fc.constantFrom({ const: "fixed" }, { enum: [1, "two", true, null] }, { type: ["string", "integer"], maxLength: 5 }),
);

const schema: fc.Arbitrary<JsonSchema> = fc.letrec<{ node: JsonSchema; object: JsonSchema }>((tie) => ({
  node: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    leaf,
    fc.record({ type: fc.constant("array"), items: tie("node"), maxItems: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ anyOf: fc.array(leaf, { minLength: 2, maxLength: 3 }) }),
    tie("object"),
  ),
  object: fc
    .uniqueArray(fc.tuple(name, tie("node")), { minLength: 0, maxLength: 4, selector: ([k]) => k })
    .chain((props) =>
      fc.record({
        type: fc.constant("object"),
        properties: fc.constant(Object.fromEntries(props)),
        required: fc.subarray(props.map(([k]) => k)),
        additionalProperties: fc.constant(false),
      }),
    ),
})).object;

describe("random tool schemas → grammar → tiny model → valid calls", () => {
  it("every complete call validates; cut ones carry no calls", { timeout: 10 * 60_000 }, async () => {
    let complete = 0;
    let cut = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(name, schema), { minLength: 1, maxLength: 3 }), fc.integer({ min: 0, max: 1_000_000 }), async (defs, seed) => {
        const tools: ToolDef[] = defs.map(([n, parameters], i) => ({ name: `${n}_${i}`, description: "", parameters: parameters as ToolDef["parameters"] }));
        const turn = await engine.generate({
          messages: [{ role: "user", content: "go" }],
          tools,
          toolChoice: "required",
          temperature: 1,
          seed,
          maxTokens: 200,
        });
        if (turn.finishReason === "length") {
          cut++;
          expect(turn.toolCalls).toEqual([]);
          return;
        }
        complete++;
        expect(turn.finishReason).toBe("tool_calls");
        for (const call of turn.toolCalls) {
          expect(validateCall(call, tools).errors, call.argumentsText).toEqual([]);
          expect(parseJson(call.argumentsText)).toEqual(call.arguments);
        }
      }),
      { numRuns: 150, seed: 20251121 },
    );
    console.log(`property: ${complete} complete, ${cut} cut by max_tokens`);
    expect(complete).toBeGreaterThan(cut);
  });
});
