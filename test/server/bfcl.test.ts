import { readFileSync } from "node:fs";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fromBfclFunction, toOpenAITool } from "../../src/core/tools/index.js";
import type { Engine } from "../../src/engine/index.js";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../support/sharedData.js";
import { startServer, type RunningServer } from "./support/startServer.js";
import { tinyEngine, writeTinyModel } from "./support/tinyModel.js";

/**
 * Real BFCL v3 entries sent the way BFCL's OpenAI FC handler sends them (tools converted with
 * dots → underscores, temperature 0.001, no tool_choice, no parallel_tool_calls), then the
 * multi-turn echo of the assistant message with the SDK's extra null fields. Every answer must
 * be a 200 that BFCL can decode: calls to offered tools with JSON arguments, or text.
 */
const PER_CATEGORY = 6;
const categories = ["simple", "multiple", "parallel", "irrelevance"] as const;

interface BfclEntry {
  id: string;
  question: Array<Array<{ role: string; content: string }>>;
  function: unknown[];
}

function entries(category: string): BfclEntry[] {
  const text = readFileSync(sharedPath("bfcl_v3", `BFCL_v3_${category}.json`), "utf8");
  return text.split("\n").filter((l) => l.trim() !== "").slice(0, PER_CATEGORY).map((l) => JSON.parse(l) as BfclEntry);
}

let model: { file: string; cleanup: () => void };
let engine: Engine;
let srv: RunningServer;
let client: OpenAI;
beforeAll(async () => {
  if (!HAS_SHARED_DATA) return;
  model = await writeTinyModel();
  engine = await tinyEngine(model.file, 1);
  srv = await startServer(engine);
  client = new OpenAI({ baseURL: srv.baseURL, apiKey: "unused", maxRetries: 0 });
});
afterAll(async () => {
  await srv?.close();
  await engine?.close();
  model?.cleanup();
});

describe.skipIf(!HAS_SHARED_DATA)(`BFCL's OpenAI handler against the server (${HAS_SHARED_DATA ? "shared data" : SKIP_SHARED_REASON})`, () => {
  it.each(categories)("%s: every answer decodes as BFCL decodes it, and the echoed turn is accepted", async (category) => {
    for (const entry of entries(category)) {
      const tools = entry.function.map((f, i) => toOpenAITool(fromBfclFunction(f, { underscoreNames: true }, i))) as OpenAI.ChatCompletionTool[];
      const names = new Set(tools.map((t) => (t.type === "function" ? t.function.name : "")));
      const messages = entry.question[0] as OpenAI.ChatCompletionMessageParam[];
      const r = await client.chat.completions.create({ model: "gpt-4-turbo-2024-04-09", messages, tools, temperature: 0.001, max_tokens: 96 });
      expect(r.usage!.prompt_tokens).toBeGreaterThan(0); // BFCL reads it
      const message = r.choices[0]!.message;
      if (message.tool_calls) {
        expect(r.choices[0]!.finish_reason).toBe("tool_calls");
        for (const c of message.tool_calls) {
          expect(c.type === "function" && names.has(c.function.name)).toBe(true);
          expect(c.type === "function" && typeof JSON.parse(c.function.arguments)).toBe("object");
        }
      } else {
        expect(typeof message.content).toBe("string");
      }
      // The next step of a multi-turn run: the assistant message echoed as the SDK returned it
      // (extra null fields included) plus one tool result per call. The random model rarely
      // calls under `auto`, so a call of the first tool stands in when it did not.
      const first = tools[0]!.type === "function" ? tools[0]!.function.name : "";
      const calls = message.tool_calls ?? [{ id: "call_bfcl_0", type: "function" as const, function: { name: first, arguments: "{}" } }];
      const echoed = { ...message, content: message.tool_calls ? message.content : null, tool_calls: calls, function_call: null, audio: null, annotations: [] } as unknown as OpenAI.ChatCompletionMessageParam;
      const results = calls.map((c) => ({ role: "tool" as const, tool_call_id: c.id, content: "ok" }));
      const next = await client.chat.completions.create({ model: "gpt-4-turbo-2024-04-09", messages: [...messages, echoed, ...results], tools, temperature: 0.001, max_tokens: 16 });
      expect(next.choices).toHaveLength(1);
      expect(next.usage!.completion_tokens).toBeGreaterThan(0);
    }
  });
});
