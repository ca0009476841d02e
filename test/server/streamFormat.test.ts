import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerateRequest } from "../../src/engine/types.js";
import { ScriptedEngine, type Script } from "./support/ScriptedEngine.js";
import { postJson, readSse, startServer, type RunningServer } from "./support/startServer.js";

/**
 * The OpenAI wire format, field by field, against a scripted engine (exact fragments known in
 * advance). The same properties against a real model are in model.test.ts.
 */
const tools = [
  { type: "function", function: { name: "get_weather", description: "Weather for a city", parameters: { type: "object", properties: { city: { type: "string" }, days: { type: "integer" } }, required: ["city"] } } },
];
const messages = [{ role: "user", content: "Weather in Paris for 3 days?" }];
const FRAGMENTS = ['{"city": ', '"Par', 'is", ', '"days": 3', "}"];

function scriptFor(request: GenerateRequest): Script {
  const last = request.messages.at(-1);
  if (last?.role === "user" && last.content === "cut") return { calls: [{ name: "get_weather", fragments: ['{"city": "Pa'] }], finishReason: "length" };
  if (last?.role === "user" && last.content === "prose") return { text: ["Hello", ", ", "world"] };
  if (request.toolChoice === "none") return { text: ["No tools today."] };
  return { text: request.tools ? [] : ["plain"], calls: request.tools ? [{ name: "get_weather", fragments: FRAGMENTS }] : [] };
}

let srv: RunningServer;
let client: OpenAI;
beforeAll(async () => {
  srv = await startServer(new ScriptedEngine(scriptFor, { model: "scripted-model" }), { modelName: "org/scripted-model" });
  client = new OpenAI({ baseURL: srv.baseURL, apiKey: "unused", maxRetries: 0 });
});
afterAll(() => srv.close());

async function stream(body: Record<string, unknown>): Promise<any[]> {
  const res = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ model: "m", stream: true, ...body }) });
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
  return readSse(res);
}

describe("streamed tool call, chunk by chunk", () => {
  it("role chunk, call header, each argument fragment, finish, usage, [DONE]", async () => {
    const events = await stream({ messages, tools, stream_options: { include_usage: true } });
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1);
    const id = chunks[0].id as string;
    expect(id).toMatch(/^chatcmpl-/);
    for (const c of chunks) {
      expect(c).toMatchObject({ id, object: "chat.completion.chunk", model: "org/scripted-model" });
      expect(typeof c.created).toBe("number");
      expect(Object.keys(c)).toContain("system_fingerprint");
    }
    // 1. role
    expect(chunks[0].choices).toEqual([{ index: 0, delta: { role: "assistant", content: "" }, logprobs: null, finish_reason: null }]);
    expect(chunks[0].usage).toBeNull();
    // 2. call header: index, id, type, name, empty arguments
    expect(chunks[1].choices[0].delta).toEqual({ tool_calls: [{ index: 0, id: "call_0_get_weather", type: "function", function: { name: "get_weather", arguments: "" } }] });
    // 3. one chunk per generated fragment, in order, index only
    const frags = chunks.slice(2, 2 + FRAGMENTS.length);
    expect(frags.map((c) => c.choices[0].delta)).toEqual(FRAGMENTS.map((f) => ({ tool_calls: [{ index: 0, function: { arguments: f } }] })));
    // 4. finish chunk
    const finish = chunks[2 + FRAGMENTS.length];
    expect(finish.choices).toEqual([{ index: 0, delta: {}, logprobs: null, finish_reason: "tool_calls" }]);
    // 5. usage chunk: no choices
    const usage = chunks[3 + FRAGMENTS.length];
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toEqual({ prompt_tokens: 10, completion_tokens: FRAGMENTS.length, total_tokens: 10 + FRAGMENTS.length });
    expect(chunks).toHaveLength(4 + FRAGMENTS.length);
  });

  it("without include_usage there is no usage field and no usage chunk", async () => {
    const events = await stream({ messages, tools });
    const chunks = events.slice(0, -1);
    for (const c of chunks) expect(c).not.toHaveProperty("usage");
    expect(chunks.at(-1).choices[0].finish_reason).toBe("tool_calls");
  });

  it("text streams as content deltas and finishes with stop", async () => {
    const events = await stream({ messages: [{ role: "user", content: "prose" }] });
    const deltas = events.slice(1, -2).map((c) => c.choices[0].delta);
    expect(deltas).toEqual([{ content: "Hello" }, { content: ", " }, { content: "world" }]);
    expect(events.at(-2).choices[0].finish_reason).toBe("stop");
  });

  it("a call cut by max_tokens finishes with length, never tool_calls", async () => {
    const events = await stream({ messages: [{ role: "user", content: "cut" }], tools });
    expect(events.at(-2).choices[0].finish_reason).toBe("length");
    const full = await postJson(`${srv.baseURL}/chat/completions`, { messages: [{ role: "user", content: "cut" }], tools });
    expect(full.json.choices[0].finish_reason).toBe("length");
    expect(full.json.choices[0].message.tool_calls).toBeUndefined();
  });

  it("the legacy functions API streams function_call deltas and finishes with function_call", async () => {
    const events = await stream({ messages, functions: [tools[0]!.function] });
    expect(events[1].choices[0].delta).toEqual({ function_call: { name: "get_weather", arguments: "" } });
    expect(events[2].choices[0].delta).toEqual({ function_call: { arguments: FRAGMENTS[0] } });
    expect(events.at(-2).choices[0].finish_reason).toBe("function_call");
    const full = await postJson(`${srv.baseURL}/chat/completions`, { messages, functions: [tools[0]!.function] });
    expect(full.json.choices[0]).toMatchObject({ finish_reason: "function_call", message: { function_call: { name: "get_weather", arguments: FRAGMENTS.join("") } } });
    expect(full.json.choices[0].message.tool_calls).toBeUndefined();
  });
});

describe("the official openai SDK", () => {
  it("lists and retrieves the served model, whose id may contain a slash", async () => {
    const list = await client.models.list();
    expect(list.data.map((m) => m.id)).toEqual(["org/scripted-model"]);
    expect((await client.models.retrieve("org/scripted-model")).id).toBe("org/scripted-model");
  });

  it("non-streaming: a tool call with id, JSON arguments and usage", async () => {
    const r = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "Weather in Paris for 3 days?" }], tools: tools as OpenAI.ChatCompletionTool[] });
    expect(r.object).toBe("chat.completion");
    const call = r.choices[0]!.message.tool_calls![0]!;
    expect(call).toEqual({ id: "call_0_get_weather", type: "function", function: { name: "get_weather", arguments: FRAGMENTS.join("") } });
    expect(r.choices[0]!.finish_reason).toBe("tool_calls");
    expect(r.usage).toEqual({ prompt_tokens: 10, completion_tokens: 5, total_tokens: 15 });
  });

  it("the SDK's stream helper assembles the same calls as the non-streaming answer", async () => {
    const params = { model: "m", messages: [{ role: "user" as const, content: "Weather in Paris for 3 days?" }], tools: tools as OpenAI.ChatCompletionTool[] };
    const full = await client.chat.completions.create(params);
    const argDeltas: string[] = [];
    const s = client.chat.completions.stream(params);
    s.on("tool_calls.function.arguments.delta", (e) => argDeltas.push(e.arguments_delta));
    const assembled = await s.finalChatCompletion();
    expect(assembled.choices[0]!.message.tool_calls).toEqual(full.choices[0]!.message.tool_calls);
    expect(assembled.choices[0]!.finish_reason).toBe("tool_calls");
    expect(argDeltas.filter((d) => d !== "")).toEqual(FRAGMENTS);
  });

  it("a full round trip: the echoed assistant turn (with SDK nulls) and a tool result are accepted", async () => {
    const first = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "Weather?" }], tools: tools as OpenAI.ChatCompletionTool[] });
    const assistant = first.choices[0]!.message;
    const second = await client.chat.completions.create({
      model: "m",
      messages: [
        { role: "user", content: "Weather?" },
        { ...assistant, function_call: null, name: undefined } as unknown as OpenAI.ChatCompletionMessageParam,
        { role: "tool", tool_call_id: assistant.tool_calls![0]!.id, content: '{"temp": 21}' },
      ],
      tools: tools as OpenAI.ChatCompletionTool[],
      tool_choice: "none",
    });
    expect(second.choices[0]!.message.content).toBe("No tools today.");
    expect(second.choices[0]!.finish_reason).toBe("stop");
  });
});
