import { describe, expect, it } from "vitest";
import { isFloatAt } from "../../core/json/index.js";
import { parseJson } from "../../core/json/index.js";
import { ApiError } from "../errors/ApiError.js";
import type { ChatCompletionRequest } from "../protocol/chatCompletionRequest.js";
import { DEFAULT_SERVER_LIMITS } from "../ServerLimits.js";
import { toGenerateRequest } from "./toGenerateRequest.js";

const limits = { ...DEFAULT_SERVER_LIMITS, maxTokens: 4096 };
const plan = (body: Partial<ChatCompletionRequest>, textFallback = false) =>
  toGenerateRequest({ messages: [{ role: "user", content: "hi" }], ...body } as ChatCompletionRequest, { limits, textFallback });
const weather = { type: "function", function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };
const time = { type: "function", function: { name: "get_time", parameters: { type: "object", properties: {} } } };

/** The ApiError a request fails with. */
function failure(body: Partial<ChatCompletionRequest>): ApiError {
  try {
    plan(body);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected the request to fail");
}

describe("toGenerateRequest: messages", () => {
  it("maps every role, joins text parts and tolerates echoed null/unknown fields", () => {
    const p = plan({
      messages: [
        { role: "developer", content: [{ type: "text", text: "Be brief." }, { type: "text", text: "Use tools." }] },
        { role: "user", content: "Weather in Paris?", name: "alice" },
        {
          role: "assistant",
          content: null,
          refusal: null,
          function_call: null,
          tool_calls: [{ id: "call_1", type: "function", function: { name: "get_weather", arguments: '{"city": "Paris", "days": 2.0}' } }],
        },
        { role: "tool", tool_call_id: "call_1", content: "sunny" },
        { role: "function", name: "get_time", content: "noon" },
      ],
      tools: [weather, time],
    });
    expect(p.request.messages).toEqual([
      { role: "system", content: "Be brief.\nUse tools." },
      { role: "user", content: "Weather in Paris?" },
      { role: "assistant", content: null, toolCalls: [{ id: "call_1", name: "get_weather", arguments: { city: "Paris", days: 2 } }] },
      { role: "tool", content: "sunny", toolCallId: "call_1", name: "get_weather" },
      { role: "tool", content: "noon", name: "get_time" },
    ]);
    const call = (p.request.messages[2] as { toolCalls: Array<{ arguments: object }> }).toolCalls[0]!;
    expect(isFloatAt(call.arguments, "days")).toBe(true);
  });

  it("keeps an assistant's legacy function_call as a call", () => {
    const p = plan({ messages: [{ role: "user", content: "x" }, { role: "assistant", content: null, function_call: { name: "get_time", arguments: "{}" } }] });
    expect(p.request.messages[1]).toEqual({ role: "assistant", content: null, toolCalls: [{ name: "get_time", arguments: {} }] });
  });

  it.each([
    [{ messages: [{ role: "user", content: null }] }, "messages[0].content", "needs content"],
    [{ messages: [{ role: "user", content: [{ type: "image_url" }] }] }, "messages[0].content[0].type", "text-only"],
    [{ messages: [{ role: "user", content: [{ type: "text" }] }] }, "messages[0].content[0].text", "string 'text'"],
    [{ messages: [{ role: "assistant", content: null, tool_calls: [{ function: { name: "f", arguments: "{bad" } }] }] }, "messages[0].tool_calls[0].function.arguments", "not valid JSON"],
    [{ messages: [{ role: "assistant", content: null, tool_calls: [{ function: { name: "f", arguments: "[1]" } }] }] }, "messages[0].tool_calls[0].function.arguments", "JSON object"],
    [{ messages: [{ role: "function", content: "x" }] }, "messages[0].name", "needs a name"],
  ] as Array<[Partial<ChatCompletionRequest>, string, string]>)("rejects bad messages naming the field (%#)", (body, param, text) => {
    const e = failure(body);
    expect(e.status).toBe(400);
    expect(e.param).toBe(param);
    expect(e.message).toContain(text);
  });

  it("names the message limit", () => {
    const messages = Array.from({ length: limits.maxMessages + 1 }, () => ({ role: "user" as const, content: "x" }));
    const e = failure({ messages });
    expect(e).toMatchObject({ status: 400, param: "messages", apiCode: "limit_exceeded" });
    expect(e.message).toContain(String(limits.maxMessages));
  });
});

describe("toGenerateRequest: tools and tool_choice", () => {
  it("converts tools and passes tool_choice and parallel_tool_calls through", () => {
    const p = plan({ tools: [weather, time], tool_choice: { type: "function", function: { name: "get_time" } }, parallel_tool_calls: false });
    expect(p.request.tools?.map((t) => t.name)).toEqual(["get_weather", "get_time"]);
    expect(p.request.toolChoice).toEqual({ type: "function", function: { name: "get_time" } });
    expect(p.request.parallelToolCalls).toBe(false);
    expect(p.legacy).toBe(false);
  });

  it("maps the legacy functions/function_call to one call at most", () => {
    const p = plan({ functions: [weather.function], function_call: { name: "get_weather" } });
    expect(p.legacy).toBe(true);
    expect(p.request.tools?.[0]?.name).toBe("get_weather");
    expect(p.request.toolChoice).toEqual({ type: "function", function: { name: "get_weather" } });
    expect(p.request.parallelToolCalls).toBe(false);
  });

  it("treats an empty tools list as no tools", () => {
    const p = plan({ tools: [], tool_choice: "auto" });
    expect(p.request.tools).toBeUndefined();
  });

  it.each([
    [{ tool_choice: { type: "function", function: { name: "nope" } }, tools: [weather] }, "tool_choice", "not among the tools"],
    [{ tool_choice: "required" }, "tool_choice", "needs 'tools'"],
    [{ tools: [weather], functions: [time.function] }, "functions", "either"],
    [{ tools: [weather], tool_choice: "auto", function_call: "auto" }, "function_call", "either"],
    [{ tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: { a: { type: "bogus" } } } } }] }, "tools[0]", "tool \"f\""],
    [{ tools: [weather, { type: "function", function: { name: "g", parameters: { type: "array" } } }] }, "tools[1]", "object schema"],
    [{ tools: [{ type: "retrieval" }] }, "tools[0].type", "only \"function\""],
    [{ tools: [{ type: "function" }] }, "tools[0].function", "'function' object"],
    [{ tools: [weather, weather] }, "tools[0]", "duplicate"],
    [{ tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: { a: { type: "string", minLength: "x" } } } } }] }, "tools[0]", "minLength"],
  ] as Array<[Partial<ChatCompletionRequest>, string, string]>)("rejects bad tools/tool_choice naming the field (%#)", (body, param, text) => {
    const e = failure(body);
    expect(e.status).toBe(400);
    expect(e.param).toBe(param);
    expect(e.message).toContain(text);
  });

  it("names the tool-count limit", () => {
    const tools = Array.from({ length: limits.maxTools + 1 }, (_, i) => ({ type: "function", function: { name: `f${i}` } }));
    const e = failure({ tools });
    expect(e).toMatchObject({ status: 400, param: "tools", apiCode: "limit_exceeded" });
    expect(e.message).toContain(`limit is ${limits.maxTools}`);
  });

  it("refuses a hostile schema nesting with a 400, not a stack overflow", () => {
    let schema: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 2000; i++) schema = { type: "object", properties: { a: schema } };
    const e = failure({ tools: [{ type: "function", function: { name: "deep", parameters: schema } }] });
    expect(e.status).toBe(400);
    expect(e.message).toMatch(/nested deeper|deeper than/);
  });
});

describe("toGenerateRequest: sampling, formats and unsupported parameters", () => {
  it("maps sampling fields", () => {
    const p = plan({ temperature: 0.5, top_p: 0.9, seed: -1, max_completion_tokens: 64, max_tokens: 8, stop: "END", stream: true, stream_options: { include_usage: true } }, true);
    expect(p.request).toMatchObject({ temperature: 0.5, topP: 0.9, seed: 2 ** 32 - 1, maxTokens: 64, stop: ["END"], textFallback: true });
    expect(p.stream).toBe(true);
    expect(p.includeUsage).toBe(true);
  });

  it("drops empty stop strings and keeps arrays", () => {
    expect(plan({ stop: ["a", "", "b"] }).request.stop).toEqual(["a", "b"]);
    expect(plan({ stop: [] }).request.stop).toBeUndefined();
  });

  it("passes response_format json_object and json_schema (schema checked)", () => {
    expect(plan({ response_format: { type: "json_object" } }).request.responseFormat).toEqual({ type: "json_object" });
    const schema = { type: "object", properties: { a: { type: "integer" } } };
    expect(plan({ response_format: { type: "json_schema", json_schema: { name: "x", schema } } }).request.responseFormat).toEqual({ type: "json_schema", schema, name: "x" });
    expect(plan({ response_format: { type: "text" } }).request.responseFormat).toBeUndefined();
    const e = failure({ response_format: { type: "json_schema", json_schema: { name: "x", schema: { type: 5 } } } });
    expect(e).toMatchObject({ status: 400, param: "response_format.json_schema.schema" });
  });

  it.each([
    [{ n: 2 }, "n"],
    [{ logprobs: true }, "logprobs"],
    [{ top_logprobs: 3 }, "top_logprobs"],
    [{ audio: { voice: "alloy" } }, "audio"],
    [{ modalities: ["text", "audio"] }, "modalities"],
    [{ frequency_penalty: 0.5 }, "frequency_penalty"],
    [{ presence_penalty: -1 }, "presence_penalty"],
    [{ logit_bias: { "50256": -100 } }, "logit_bias"],
    [{ prediction: { type: "content", content: "x" } }, "prediction"],
  ] as Array<[Partial<ChatCompletionRequest>, string]>)("refuses unsupported %j", (body, param) => {
    expect(failure(body)).toMatchObject({ status: 400, param, apiCode: "unsupported_parameter" });
  });

  it("accepts neutral values of unsupported parameters", () => {
    expect(() => plan({ n: 1, logprobs: false, frequency_penalty: 0, presence_penalty: 0, logit_bias: {}, modalities: ["text"], user: "u", store: false, metadata: {} })).not.toThrow();
  });

  it.each([
    [{ max_tokens: 5000 }, "max_tokens", "4096"],
    [{ max_completion_tokens: 5000 }, "max_completion_tokens", "4096"],
    [{ stop: Array.from({ length: 17 }, (_, i) => `s${i}`) }, "stop", "limit is 16"],
    [{ stop: ["x".repeat(257)] }, "stop", "256 characters"],
  ] as Array<[Partial<ChatCompletionRequest>, string, string]>)("names the limit it hits (%#)", (body, param, text) => {
    const e = failure(body);
    expect(e).toMatchObject({ status: 400, param, apiCode: "limit_exceeded" });
    expect(e.message).toContain(text);
  });

  it("keeps float marks of a tool schema parsed losslessly", () => {
    const body = parseJson('{"messages":[{"role":"user","content":"x"}],"tools":[{"type":"function","function":{"name":"f","parameters":{"type":"object","properties":{"t":{"type":"number","default":1.0}}}}}]}') as unknown as ChatCompletionRequest;
    const p = toGenerateRequest(body, { limits, textFallback: false });
    expect(isFloatAt(p.request.tools![0]!.parameters.properties.t as object, "default")).toBe(true);
  });

  it("passes the server's free decoding on to the engine; constrained leaves the request as it was", () => {
    const body = { messages: [{ role: "user", content: "x" }] } as ChatCompletionRequest;
    expect(toGenerateRequest(body, { limits, textFallback: false, decoding: "free" }).request.decoding).toBe("free");
    expect(toGenerateRequest(body, { limits, textFallback: false, decoding: "constrained" }).request.decoding).toBeUndefined();
  });
});

describe("toGenerateRequest: extensions", () => {
  it("loop_steering turns loop-aware decoding on or off for the request; absent or null leaves the server's default", () => {
    expect(plan({ loop_steering: false }).request.loopSteering).toBe(false);
    expect(plan({ loop_steering: true }).request.loopSteering).toBe(true);
    expect(plan({ loop_steering: null }).request).not.toHaveProperty("loopSteering");
    expect(plan({}).request).not.toHaveProperty("loopSteering");
  });
});
