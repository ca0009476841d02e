import { createOpenAICompatible } from "@ai-sdk/openai-compatible";
import { AIMessage, AIMessageChunk, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { generateText, jsonSchema, streamText, tool } from "ai";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFormat } from "../../src/core/formats/index.js";
import { createEngine, type Engine } from "../../src/engine/index.js";
import { ScriptedEngine } from "./support/ScriptedEngine.js";
import { postJson, readSse, startServer, type RunningServer } from "./support/startServer.js";
import { tinyEngine, writeTinyModel } from "./support/tinyModel.js";

/**
 * Against a real model: the tiny random-weight GGUF on llama.cpp (CPU, one thread). Its words are
 * noise, but every call is grammar-constrained, so names and arguments must be valid and the
 * protocol must be exact. Schemas use enums and short strings to keep calls short.
 */
const weather = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Current weather in a city",
    parameters: { type: "object", properties: { city: { type: "string", maxLength: 12 }, unit: { enum: ["celsius", "fahrenheit"] } }, required: ["city", "unit"] },
  },
};
const time = { type: "function" as const, function: { name: "get_time", description: "Time in a zone", parameters: { type: "object", properties: { zone: { enum: ["UTC", "CET", "PST"] } }, required: ["zone"] } } };
const note = { type: "function" as const, function: { name: "write_note", description: "Save a note", parameters: { type: "object", properties: { text: { type: "string", minLength: 60, maxLength: 80 } }, required: ["text"] } } };
const tools = [weather, time];
const user = (content: string) => [{ role: "user" as const, content }];

function expectValidCall(call: OpenAI.ChatCompletionMessageToolCall): void {
  expect(call.type).toBe("function");
  expect(call.id).toMatch(/^call_/);
  if (call.type !== "function") return;
  const args = JSON.parse(call.function.arguments) as Record<string, unknown>;
  if (call.function.name === "get_weather") {
    expect(["celsius", "fahrenheit"]).toContain(args.unit);
    expect(typeof args.city).toBe("string");
  } else {
    expect(call.function.name).toBe("get_time");
    expect(["UTC", "CET", "PST"]).toContain(args.zone);
  }
}

let model: { file: string; cleanup: () => void };
let engine: Engine;
let srv: RunningServer;
let client: OpenAI;
beforeAll(async () => {
  model = await writeTinyModel();
  engine = await tinyEngine(model.file, 2);
  srv = await startServer(engine, { modelName: "hammer-tiny" });
  client = new OpenAI({ baseURL: srv.baseURL, apiKey: "unused", maxRetries: 0 });
});
afterAll(async () => {
  await srv?.close();
  await engine?.close();
  model?.cleanup();
});

describe("openai SDK against the tiny model", () => {
  it("named tool_choice: one valid call, finish_reason tool_calls, real usage", async () => {
    const r = await client.chat.completions.create({ model: "anything", messages: user("What time is it in Berlin?"), tools, tool_choice: { type: "function", function: { name: "get_time" } }, max_tokens: 200 });
    expect(r.model).toBe("hammer-tiny");
    expect(r.id).toMatch(/^chatcmpl-/);
    const choice = r.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.tool_calls).toHaveLength(1);
    expect(choice.message.tool_calls![0]!.type === "function" && choice.message.tool_calls![0]!.function.name).toBe("get_time");
    expectValidCall(choice.message.tool_calls![0]!);
    expect(r.usage!.prompt_tokens).toBeGreaterThan(50);
    expect(r.usage!.completion_tokens).toBeGreaterThan(3);
    expect(r.usage!.total_tokens).toBe(r.usage!.prompt_tokens + r.usage!.completion_tokens);
  });

  it("required: every call is valid; parallel_tool_calls false → exactly one", async () => {
    for (const seed of [1, 2, 3]) {
      const r = await client.chat.completions.create({ model: "m", messages: user("Weather in Paris?"), tools, tool_choice: "required", temperature: 0.9, seed, max_tokens: 300 });
      expect(r.choices[0]!.finish_reason).toBe("tool_calls");
      expect(r.choices[0]!.message.tool_calls!.length).toBeGreaterThanOrEqual(1);
      r.choices[0]!.message.tool_calls!.forEach(expectValidCall);
      const single = await client.chat.completions.create({ model: "m", messages: user("Weather in Paris?"), tools, tool_choice: "required", parallel_tool_calls: false, temperature: 0.9, seed, max_tokens: 300 });
      expect(single.choices[0]!.message.tool_calls).toHaveLength(1);
      expectValidCall(single.choices[0]!.message.tool_calls![0]!);
    }
  });

  it("none: text only", async () => {
    const r = await client.chat.completions.create({ model: "m", messages: user("Weather in Paris?"), tools, tool_choice: "none", max_tokens: 20 });
    expect(r.choices[0]!.message.tool_calls).toBeUndefined();
    expect(typeof r.choices[0]!.message.content).toBe("string");
    expect(["stop", "length"]).toContain(r.choices[0]!.finish_reason);
  });

  // The llama engine's output for one prompt and seed differs between a sequence that evaluates
  // the whole prompt and one whose KV cache already holds it (an engine issue, reported), so each
  // prompt is sent once first; and greedy, as which of the two sequences serves is not ours to pick.
  it("streaming assembled by the SDK's helper gives the same calls as non-streaming, same seed", async () => {
    for (const question of ["Weather and time?", "Paris or Rome, in celsius?"]) {
      const params = { model: "m", messages: user(question), tools, tool_choice: "required" as const, temperature: 0, seed: 4, max_tokens: 300 };
      await client.chat.completions.create(params); // warm-up, see above
      const full = await client.chat.completions.create(params);
      const assembled = await client.chat.completions.stream(params).finalChatCompletion();
      const calls = (c: OpenAI.ChatCompletion) => c.choices[0]!.message.tool_calls!.map((t) => (t.type === "function" ? [t.function.name, t.function.arguments] : []));
      expect(calls(assembled)).toEqual(calls(full));
      expect(assembled.choices[0]!.finish_reason).toBe(full.choices[0]!.finish_reason);
    }
  });

  it("a full tool round trip: assistant tool_calls → tool result → next turn", async () => {
    const messages: OpenAI.ChatCompletionMessageParam[] = user("Weather in Paris?");
    const first = await client.chat.completions.create({ model: "m", messages, tools, tool_choice: { type: "function", function: { name: "get_weather" } }, max_tokens: 200 });
    const assistant = first.choices[0]!.message;
    messages.push(assistant);
    for (const call of assistant.tool_calls!) messages.push({ role: "tool", tool_call_id: call.id, content: JSON.stringify({ temperature: 21 }) });
    const second = await client.chat.completions.create({ model: "m", messages, tools, max_tokens: 30 });
    const m = second.choices[0]!.message;
    expect(["stop", "length", "tool_calls"]).toContain(second.choices[0]!.finish_reason);
    if (m.tool_calls) m.tool_calls.forEach(expectValidCall);
    else expect(typeof m.content).toBe("string");
  });

  it("a call cut by max_tokens is reported as length, never as a call", async () => {
    const r = await client.chat.completions.create({ model: "m", messages: user("Note this"), tools: [note], tool_choice: "required", max_tokens: 8 });
    expect(r.choices[0]!.finish_reason).toBe("length");
    expect(r.choices[0]!.message.tool_calls).toBeUndefined();
  });
});

describe("the stream of a real call, chunk by chunk", () => {
  it("role, call header with id and name, several argument fragments, finish, usage, [DONE]", async () => {
    const body = { model: "m", messages: user("Note this"), tools: [note], tool_choice: "required", parallel_tool_calls: false, max_tokens: 200 };
    await postJson(`${srv.baseURL}/chat/completions`, body); // warm-up (see the equality test above)
    const res = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } }) });
    const events = await readSse(res);
    expect(events.at(-1)).toBe("[DONE]");
    const chunks = events.slice(0, -1);
    expect(chunks[0].choices[0].delta).toEqual({ role: "assistant", content: "" });
    const header = chunks[1].choices[0].delta.tool_calls[0];
    expect(header).toEqual({ index: 0, id: expect.stringMatching(/^call_/), type: "function", function: { name: "write_note", arguments: "" } });
    const fragments = chunks.filter((c) => c.choices[0]?.delta.tool_calls?.[0]?.function.arguments).map((c) => c.choices[0].delta.tool_calls[0]);
    expect(fragments.length).toBeGreaterThan(5); // streamed as generated, not one blob
    for (const f of fragments) expect(Object.keys(f)).toEqual(["index", "function"]);
    const finish = chunks.at(-2);
    expect(finish.choices[0]).toEqual({ index: 0, delta: {}, logprobs: null, finish_reason: "tool_calls" });
    const usage = chunks.at(-1);
    expect(usage.choices).toEqual([]);
    expect(usage.usage.completion_tokens).toBeGreaterThan(10);
    const streamed = fragments.map((f) => f.function.arguments as string).join("");
    const text = JSON.parse(streamed) as { text: string };
    expect(text.text.length).toBeGreaterThanOrEqual(60);
    const full = await postJson(`${srv.baseURL}/chat/completions`, body);
    expect(full.json.choices[0].message.tool_calls[0].function.arguments).toBe(streamed);
  });
});

describe("Vercel AI SDK (ai v6 + @ai-sdk/openai-compatible)", () => {
  const provider = () => createOpenAICompatible({ name: "hammer", baseURL: srv.baseURL, includeUsage: true });
  const aiTools = {
    get_weather: tool({ description: weather.function.description, inputSchema: jsonSchema<{ city: string; unit: string }>(weather.function.parameters as never) }),
    get_time: tool({ description: time.function.description, inputSchema: jsonSchema<{ zone: string }>(time.function.parameters as never) }),
  };

  it("generateText with tools returns a parsed tool call", async () => {
    const r = await generateText({ model: provider().chatModel("hammer-tiny"), tools: aiTools, toolChoice: "required", prompt: "Weather in Paris?", maxOutputTokens: 200 });
    expect(r.toolCalls.length).toBeGreaterThanOrEqual(1);
    for (const c of r.toolCalls) expect(["get_weather", "get_time"]).toContain(c.toolName);
    expect(r.finishReason).toBe("tool-calls");
    expect(r.usage.inputTokens).toBeGreaterThan(0);
  });

  it("streamText with tools streams the same tool call", async () => {
    const r = streamText({ model: provider().chatModel("hammer-tiny"), tools: aiTools, toolChoice: { type: "tool", toolName: "get_time" }, prompt: "Time?", maxOutputTokens: 200 });
    const calls = await r.toolCalls;
    expect(calls).toHaveLength(1);
    expect(calls[0]!.toolName).toBe("get_time");
    expect(["UTC", "CET", "PST"]).toContain((calls[0]!.input as { zone: string }).zone);
    expect(await r.finishReason).toBe("tool-calls");
  });
});

describe("LangChain (@langchain/openai ChatOpenAI)", () => {
  const chat = () => new ChatOpenAI({ model: "hammer-tiny", apiKey: "unused", configuration: { baseURL: srv.baseURL }, maxRetries: 0, maxTokens: 200, temperature: 0 });

  it("bindTools + invoke: parsed tool calls with object args, named choice honoured", async () => {
    const msg = await chat().bindTools(tools, { tool_choice: "get_time" }).invoke([new HumanMessage("Time in Berlin?")]);
    expect(msg.tool_calls).toHaveLength(1);
    const call = msg.tool_calls![0]!;
    expect(call.name).toBe("get_time");
    expect(call.id).toMatch(/^call_/);
    expect(["UTC", "CET", "PST"]).toContain(call.args.zone);
    expect(msg.invalid_tool_calls ?? []).toHaveLength(0);
    expect(msg.usage_metadata?.input_tokens).toBeGreaterThan(0);
  });

  it("stream: concatenated chunks give the same call as invoke", async () => {
    const bound = chat().bindTools(tools, { tool_choice: "required", parallel_tool_calls: false });
    const whole = await bound.invoke([new HumanMessage("Weather in Paris?")]);
    let acc: AIMessageChunk | undefined;
    for await (const chunk of await bound.stream([new HumanMessage("Weather in Paris?")])) acc = acc ? acc.concat(chunk) : chunk;
    expect(acc?.tool_calls).toHaveLength(1);
    expect(whole.tool_calls).toHaveLength(1);
    expect(acc!.tool_calls![0]!.name).toBe(whole.tool_calls![0]!.name);
    expect(acc!.tool_calls![0]!.args).toEqual(whole.tool_calls![0]!.args);
  });

  it("a tool round trip: AIMessage with tool_calls → ToolMessage → next turn", async () => {
    const bound = chat().bindTools(tools, { tool_choice: "get_time" });
    const first = await bound.invoke([new HumanMessage("Time in Berlin?")]);
    const call = first.tool_calls![0]!;
    const history = [new HumanMessage("Time in Berlin?"), new AIMessage({ content: "", tool_calls: [call] }), new ToolMessage({ tool_call_id: call.id!, content: "12:00 CET" })];
    const next = await chat().invoke(history);
    expect(typeof next.content).toBe("string");
    expect(next.tool_calls ?? []).toHaveLength(0);
    expect(srv.logs.at(-1)?.status).toBe(200);
  });
});

describe("/v1/completions on the tiny model", () => {
  it("streamed text joins to the non-streamed text, same seed", async () => {
    const body = { model: "m", prompt: "The weather in Paris", max_tokens: 24, temperature: 0.8, seed: 9 };
    const full = await postJson(`${srv.baseURL}/completions`, body);
    expect(full.status).toBe(200);
    expect(full.json).toMatchObject({ object: "text_completion", choices: [{ index: 0, logprobs: null }] });
    expect(full.json.usage.completion_tokens).toBeGreaterThan(0);
    const res = await fetch(`${srv.baseURL}/completions`, { method: "POST", body: JSON.stringify({ ...body, stream: true }) });
    const events = await readSse(res);
    expect(events.at(-1)).toBe("[DONE]");
    const text = events.slice(0, -1).map((c) => c.choices[0].text as string).join("");
    expect(text).toBe(full.json.choices[0].text);
    expect(events.at(-2).choices[0].finish_reason).toBe(full.json.choices[0].finish_reason);
  });
});

describe("gateway mode (engine openai backend, completions mode) against a second server", () => {
  it("renders the Hammer prompt, relays it to the upstream /v1/completions and answers in OpenAI's chat shape", async () => {
    const gatewayEngine = await createEngine({ backend: "openai", baseUrl: srv.url, model: "hammer-tiny", mode: "completions", format: "hammer2.1" });
    const gw = await startServer(gatewayEngine);
    try {
      const messages = user("Say something.");
      const r = await postJson(`${gw.baseURL}/chat/completions`, { model: "m", messages, max_tokens: 16 });
      expect(r.status).toBe(200);
      // What the upstream generates for the Hammer 2.1 rendering of this chat, asked directly:
      const prompt = getFormat("hammer2.1").render(messages, []);
      const direct = await postJson(`${srv.baseURL}/completions`, { prompt, max_tokens: 16, temperature: 0, stop: [...getFormat("hammer2.1").stopStrings] });
      expect(r.json.choices[0].message.content).toBe(direct.json.choices[0].text);
      expect(r.json.usage.prompt_tokens).toBe(direct.json.usage.prompt_tokens);
      expect(srv.logs.filter((l) => l.path === "/v1/completions").length).toBeGreaterThanOrEqual(2);
    } finally {
      await gw.close();
      await gatewayEngine.close();
    }
  });

  it("turns an upstream's Hammer-format output into OpenAI tool calls, streaming and not", async () => {
    const hammer = getFormat("hammer2.1");
    const upstreamEngine = new ScriptedEngine(() => ({ text: ["unused"] }), { model: "upstream-hammer" }, () => {
      const text = hammer.renderCalls([{ name: "get_time", arguments: { zone: "CET" } }]);
      return [text.slice(0, 7), text.slice(7, 20), text.slice(20)];
    });
    const upstream = await startServer(upstreamEngine, { apiKey: "up-key" });
    const gatewayEngine = await createEngine({ backend: "openai", baseUrl: upstream.url, apiKey: "up-key", model: "upstream-hammer", mode: "completions" });
    const gw = await startServer(gatewayEngine);
    try {
      const r = await new OpenAI({ baseURL: gw.baseURL, apiKey: "x", maxRetries: 0 }).chat.completions.create({ model: "m", messages: user("Time in Berlin?"), tools });
      expect(r.choices[0]!.finish_reason).toBe("tool_calls");
      const call = r.choices[0]!.message.tool_calls![0]!;
      expect(call.type === "function" && [call.function.name, JSON.parse(call.function.arguments)]).toEqual(["get_time", { zone: "CET" }]);
      const streamed = await new OpenAI({ baseURL: gw.baseURL, apiKey: "x", maxRetries: 0 }).chat.completions.stream({ model: "m", messages: user("Time in Berlin?"), tools }).finalChatCompletion();
      expect(streamed.choices[0]!.message.tool_calls!.map((t) => (t.type === "function" ? t.function.name : ""))).toEqual(["get_time"]);
      // The upstream received the rendered Hammer 2.1 prompt with the tools in it.
      expect(upstreamEngine.completions[0]!.prompt).toBe(hammer.render(user("Time in Berlin?"), tools.map((t) => ({ name: t.function.name, description: t.function.description, parameters: t.function.parameters as never }))));
    } finally {
      await gw.close();
      await gatewayEngine.close();
      await upstream.close();
    }
  });
});
