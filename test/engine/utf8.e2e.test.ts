import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ToolDef } from "../../src/core/types.js";
import { createLlamaEngine, type AssistantTurn, type Engine } from "../../src/engine/index.js";
import { useTinyModel } from "./support/tinyModel.js";

// End to end: string-heavy generation at high temperature, where a byte-level random model emits
// every kind of byte. Text is decoded from the token bytes as they come, so an invalid sequence
// would surface as U+FFFD (the tiny vocabulary has no token for U+FFFD itself). With the grammar
// and the UTF-8 guard, none may appear, in call arguments, JSON answers or free text.

const model = useTinyModel(6);
let engine: Engine;
beforeAll(async () => {
  engine = await createLlamaEngine({ model: model.file(), threads: 1, parallel: 4, contextSize: 2048, topK: 0 });
});
afterAll(async () => {
  await engine?.close();
});

const strings = (n: number): ToolDef => ({
  name: "note",
  description: "",
  parameters: { type: "object", properties: Object.fromEntries(Array.from({ length: n }, (_, i) => [`s${i}`, { type: "string", maxLength: 24 }])), required: Array.from({ length: n }, (_, i) => `s${i}`) },
});
const REPLACEMENT = "\uFFFD";
const nonAscii = (s: string): number => [...s].filter((c) => c.codePointAt(0)! > 0x7f).length;

describe("only valid UTF-8 comes out", () => {
  it("in call arguments, JSON answers and free text", { timeout: 5 * 60_000 }, async () => {
    const seeds = Array.from({ length: 40 }, (_, i) => i);
    const turns: AssistantTurn[] = await Promise.all([
      ...seeds.map((seed) => engine.generate({ messages: [{ role: "user", content: "Write notes." }], tools: [strings(4)], toolChoice: "required", temperature: 2, seed, maxTokens: 200 })),
      ...seeds.slice(0, 16).map((seed) =>
        engine.generate({ messages: [{ role: "user", content: "Answer." }], responseFormat: { type: "json_schema", schema: strings(3).parameters }, temperature: 2, seed, maxTokens: 200 }),
      ),
      ...seeds.slice(0, 16).map((seed) => engine.generate({ messages: [{ role: "user", content: "Say something." }], temperature: 2, seed, maxTokens: 60 })),
    ]);
    let chars = 0;
    for (const t of turns) {
      const texts = [t.raw, t.content ?? "", ...t.toolCalls.flatMap((c) => [c.argumentsText, ...Object.values(c.arguments).map(String)])];
      for (const s of texts) {
        expect(s.includes(REPLACEMENT), JSON.stringify(s)).toBe(false);
        expect(/[\uD800-\uDFFF]/u.test(s), "lone surrogate").toBe(false);
        chars += nonAscii(s);
      }
    }
    console.log(`utf8: ${turns.length} outputs, ${chars} non-ASCII characters, no U+FFFD`);
    expect(chars).toBeGreaterThan(100); // the run did exercise multi-byte characters
    expect(turns.filter((t) => t.finishReason === "tool_calls").length).toBeGreaterThan(20);
  });
});
