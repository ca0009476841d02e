import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GenerateRequest } from "../../src/engine/types.js";
import { ScriptedEngine, type Script } from "./support/ScriptedEngine.js";
import { postJson, readNamedSse, startServer, type RunningServer } from "./support/startServer.js";

/**
 * `POST /v1/responses` at the protocol level, with a scripted engine: the Response object and
 * the event stream exactly as OpenAI's API defines them, through the official `openai` SDK and
 * raw. Model-backed runs are in responsesModel.test.ts.
 */
const weather = { type: "function" as const, name: "get_weather", description: "Weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: true };

function scriptFor(request: GenerateRequest): Script {
  const last = request.messages.at(-1);
  const text = last?.content ?? "";
  if (last?.role === "tool") return { text: ["It is ", "sunny."] };
  if (text === "call") return { calls: [{ name: "get_weather", fragments: ['{"city": ', '"Paris"}'] }] };
  if (text === "both") return { text: ["Checking."], calls: [{ name: "get_weather", fragments: ['{"city": "Rome"}'] }, { name: "get_weather", fragments: ['{"city": ', '"Oslo"}'] }] };
  if (text === "cut") return { calls: [{ name: "get_weather", fragments: ['{"city": "Par'] }], finishReason: "length" };
  if (text === "slow") return { text: Array.from({ length: 1000 }, () => "a"), delayMs: 20 };
  return { text: ["Hello", " there"] };
}

let engine: ScriptedEngine;
let srv: RunningServer;
let client: OpenAI;
beforeAll(async () => {
  engine = new ScriptedEngine(scriptFor);
  srv = await startServer(engine, { modelName: "hammer-scripted", requestTimeoutMs: 5_000 });
  client = new OpenAI({ baseURL: srv.baseURL, apiKey: "x", maxRetries: 0 });
});
afterAll(async () => {
  await srv?.close();
});

const post = (body: unknown) => fetch(`${srv.baseURL}/responses`, { method: "POST", body: JSON.stringify(body) });

describe("non-streamed", () => {
  it("a tool call: one function_call item with call_id, name and the arguments text; usage; the request echoed", async () => {
    const r = await client.responses.create({ model: "gpt-4.1", input: "call", tools: [weather], tool_choice: "required", store: false });
    expect(r).toMatchObject({
      object: "response",
      status: "completed",
      model: "hammer-scripted",
      error: null,
      incomplete_details: null,
      parallel_tool_calls: true,
      tool_choice: "required",
      tools: [weather],
      store: false,
      text: { format: { type: "text" } },
      usage: { input_tokens: 10, output_tokens: 2, total_tokens: 12, input_tokens_details: { cached_tokens: 0 }, output_tokens_details: { reasoning_tokens: 0 } },
    });
    expect(r.id).toMatch(/^resp_[0-9a-f]{48}$/);
    expect(r.output).toEqual([{ id: expect.stringMatching(/^fc_/), type: "function_call", status: "completed", call_id: "call_0_get_weather", name: "get_weather", arguments: '{"city": "Paris"}' }]);
    expect(r.output_text).toBe("");
    expect(engine.requests.at(-1)!.toolChoice).toBe("required");
  });

  it("text then calls: an assistant message item before the function_call items", async () => {
    const r = await client.responses.create({ model: "m", input: [{ role: "user", content: "both" }], tools: [weather], instructions: "Be brief." });
    expect(r.output.map((o) => o.type)).toEqual(["message", "function_call", "function_call"]);
    expect(r.output[0]).toMatchObject({ type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: "Checking.", annotations: [] }] });
    expect(r.output_text).toBe("Checking.");
    expect(r.instructions).toBe("Be brief.");
    expect(engine.requests.at(-1)!.messages[0]).toEqual({ role: "system", content: "Be brief." });
  });

  it("what BFCL's current GPT handler sends (developer role, store false, encrypted reasoning included, reasoning summary) is answered", async () => {
    const r = await client.responses.create({
      model: "gpt-4o-2024-11-20",
      input: [
        { role: "developer", content: "You are an expert in composing functions." },
        { role: "user", content: "call" },
      ],
      tools: [weather],
      store: false,
      include: ["reasoning.encrypted_content"],
      reasoning: { summary: "auto" },
      temperature: 0.001,
    });
    expect(r.output.filter((o) => o.type === "function_call").map((o) => o.type === "function_call" && o.name)).toEqual(["get_weather"]);
    expect(r.output.some((o) => o.type === "reasoning")).toBe(false);
    expect(engine.requests.at(-1)!.messages[0]).toEqual({ role: "system", content: "You are an expert in composing functions." });
  });

  it("cut by max_output_tokens: status incomplete, reason max_output_tokens, no call", async () => {
    const r = await client.responses.create({ model: "m", input: "cut", tools: [weather], max_output_tokens: 16 });
    expect(r.status).toBe("incomplete");
    expect(r.incomplete_details).toEqual({ reason: "max_output_tokens" });
    expect(r.output.filter((o) => o.type === "function_call")).toEqual([]);
    expect(engine.requests.at(-1)!.maxTokens).toBe(16);
  });
});

describe("streamed", () => {
  it("the exact event sequence: created, in_progress, message and call items, argument deltas, completed; numbered, named as their type", async () => {
    const events = await readNamedSse(await post({ model: "m", input: "both", tools: [weather], stream: true }));
    expect(events.map((e) => e.data.sequence_number)).toEqual(events.map((_, i) => i));
    for (const e of events) expect(e.event).toBe(e.data.type);
    expect(events.map((e) => e.event)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.output_item.added",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.delta",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.function_call_arguments.done",
      "response.output_item.done",
      "response.completed",
    ]);
    const [created, , textAdded] = events;
    expect(created!.data.response).toMatchObject({ status: "in_progress", output: [], usage: null });
    expect(textAdded!.data).toMatchObject({ output_index: 0, item: { type: "message", role: "assistant", status: "in_progress", content: [] } });
    const oslo = events.filter((e) => e.event === "response.function_call_arguments.delta" && e.data.output_index === 2).map((e) => e.data.delta);
    expect(oslo).toEqual(['{"city": ', '"Oslo"}']);
    const added = events.filter((e) => e.event === "response.output_item.added" && e.data.item.type === "function_call").map((e) => e.data.item);
    expect(added).toEqual([
      { id: expect.stringMatching(/^fc_/), type: "function_call", status: "in_progress", call_id: "call_0_get_weather", name: "get_weather", arguments: "" },
      { id: expect.stringMatching(/^fc_/), type: "function_call", status: "in_progress", call_id: "call_1_get_weather", name: "get_weather", arguments: "" },
    ]);
    const done = events.at(-1)!.data.response;
    expect(done.status).toBe("completed");
    expect(done.output.map((o: { type: string; status: string }) => [o.type, o.status])).toEqual([
      ["message", "completed"],
      ["function_call", "completed"],
      ["function_call", "completed"],
    ]);
    expect(done.output[2].arguments).toBe('{"city": "Oslo"}');
    expect(done.usage.output_tokens).toBe(4);
  });

  it("the SDK's event iterator and its stream helper give what the non-streamed call gives", async () => {
    const params = { model: "m", input: "both", tools: [weather] };
    const full = await client.responses.create(params);
    const types: string[] = [];
    for await (const ev of await client.responses.create({ ...params, stream: true })) types.push(ev.type);
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    const assembled = await client.responses.stream(params).finalResponse();
    const shape = (r: OpenAI.Responses.Response) => r.output.map((o) => (o.type === "function_call" ? [o.name, o.call_id, o.arguments] : o.type === "message" ? ["message", r.output_text] : [o.type]));
    expect(shape(assembled)).toEqual(shape(full));
  });

  it("cut by max_output_tokens: the started call ends as an incomplete item, then response.incomplete", async () => {
    const events = await readNamedSse(await post({ input: "cut", tools: [weather], stream: true, max_output_tokens: 16 }));
    const types = events.map((e) => e.event);
    expect(types).not.toContain("response.function_call_arguments.done");
    expect(events.find((e) => e.event === "response.output_item.done")!.data.item).toMatchObject({ type: "function_call", status: "incomplete" });
    expect(types.at(-1)).toBe("response.incomplete");
    expect(events.at(-1)!.data.response).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
  });

  it("an error after the stream started: an error event, then response.failed, and the stream ends", async () => {
    const quick = await startServer(new ScriptedEngine(scriptFor), { requestTimeoutMs: 300 });
    try {
      const events = await readNamedSse(await fetch(`${quick.baseURL}/responses`, { method: "POST", body: JSON.stringify({ input: "slow", stream: true }) }));
      const types = events.map((e) => e.event);
      expect(types.slice(0, 2)).toEqual(["response.created", "response.in_progress"]);
      expect(types.slice(-2)).toEqual(["error", "response.failed"]);
      expect(events.at(-2)!.data).toMatchObject({ type: "error", code: "request_timeout", message: expect.stringContaining("--request-timeout") });
      expect(events.at(-1)!.data.response).toMatchObject({ status: "failed", error: { code: "server_error" } });
    } finally {
      await quick.close();
    }
  });
});

describe("a conversation with function_call and function_call_output items", () => {
  it("the previous output goes back as input with the call's output; the model's next turn sees the call and the named result", async () => {
    const first = await client.responses.create({ model: "m", input: [{ role: "user", content: "call" }], tools: [weather] });
    const call = first.output.find((o): o is OpenAI.Responses.ResponseFunctionToolCall => o.type === "function_call")!;
    const input: OpenAI.Responses.ResponseInput = [{ role: "user", content: "call" }, ...(first.output as OpenAI.Responses.ResponseInputItem[]), { type: "function_call_output", call_id: call.call_id, output: '{"temperature": 21.0}' }];
    const second = await client.responses.create({ model: "m", input, tools: [weather] });
    expect(second.output_text).toBe("It is sunny.");
    expect(engine.requests.at(-1)!.messages).toEqual([
      { role: "user", content: "call" },
      { role: "assistant", content: null, toolCalls: [{ id: "call_0_get_weather", name: "get_weather", arguments: { city: "Paris" } }] },
      { role: "tool", content: '{"temperature": 21.0}', toolCallId: "call_0_get_weather", name: "get_weather" },
    ]);
  });
});

describe("bad input", () => {
  it("OpenAI-style 400s naming the parameter, raised by the SDK as BadRequestError", async () => {
    const cases: Array<[Record<string, unknown>, string | null, RegExp]> = [
      [{}, "input", /Missing required parameter: 'input'/],
      [{ input: 5 }, "input", /expected a string or an array/],
      [{ input: [{ type: "function_call_output", call_id: "call_x", output: "1" }] }, "input[0].call_id", /call_x/],
      [{ input: "hi", tools: [{ type: "web_search_preview" }] }, "tools[0].type", /only "function" tools/],
      [{ input: "hi", previous_response_id: "resp_123" }, "previous_response_id", /stores no responses/],
      [{ input: "hi", max_output_tokens: 0 }, "max_output_tokens", /must be >= 1/],
    ];
    for (const [body, param, message] of cases) {
      const e = await client.responses.create({ model: "m", ...body } as unknown as OpenAI.Responses.ResponseCreateParamsNonStreaming).catch((x: unknown) => x);
      expect(e, JSON.stringify(body)).toBeInstanceOf(OpenAI.BadRequestError);
      const err = (e as InstanceType<typeof OpenAI.BadRequestError>).error as { param: string | null; message: string; type: string };
      expect(err.type).toBe("invalid_request_error");
      expect(err.param).toBe(param);
      expect(err.message).toMatch(message);
    }
    const raw = await postJson(`${srv.baseURL}/responses`, "{not json");
    expect(raw.status).toBe(400);
    expect(raw.json.error.code).toBe("invalid_json");
  });

  it("a full queue refuses /v1/responses with 429 before reading the body", async () => {
    const busy = await startServer(new ScriptedEngine(scriptFor), { queueSize: 0 });
    try {
      const slow = fetch(`${busy.baseURL}/responses`, { method: "POST", body: JSON.stringify({ input: "slow" }) }).catch(() => undefined);
      await expect.poll(() => busy.server.hammer.load.running).toBe(1);
      const r = await postJson(`${busy.baseURL}/responses`, { input: "hi" });
      expect(r.status).toBe(429);
      expect(r.json.error).toMatchObject({ type: "rate_limit_error", code: "queue_full" });
      await busy.server.hammer.shutdown(0);
      await slow;
    } finally {
      await busy.close();
    }
  });
});
