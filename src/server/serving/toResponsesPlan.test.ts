import { describe, expect, it } from "vitest";
import { isFloatAt } from "../../core/json/index.js";
import { parseJson } from "../../core/json/index.js";
import { ApiError } from "../errors/ApiError.js";
import type { ResponsesRequest } from "../protocol/responsesRequest.js";
import { DEFAULT_SERVER_LIMITS } from "../ServerLimits.js";
import { toResponsesPlan } from "./toResponsesPlan.js";

const limits = { ...DEFAULT_SERVER_LIMITS, maxTokens: 4096 };
const plan = (body: Partial<ResponsesRequest>) => toResponsesPlan({ input: "hi", ...body } as ResponsesRequest, { limits, textFallback: false });
const weather = { type: "function", name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] }, strict: true };
const time = { type: "function", name: "get_time", parameters: null, strict: null };

function failure(body: Partial<ResponsesRequest>): ApiError {
  try {
    plan(body);
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error("expected the request to fail");
}

describe("toResponsesPlan: input", () => {
  it("instructions and a string input are a system and a user message", () => {
    expect(plan({ instructions: "Be brief.", input: "Weather?" }).request.messages).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Weather?" },
    ]);
  });

  it("maps messages, joins a turn's text and calls, names tool results after their call, keeps 2.0 a float", () => {
    const input = parseJson(
      JSON.stringify([
        { role: "developer", content: "Use tools." },
        { type: "message", role: "user", content: [{ type: "input_text", text: "Weather in Paris" }, { type: "input_text", text: "and Rome?" }] },
        // A previous Response's output, echoed with its ids, statuses and annotations.
        { id: "msg_1", type: "message", role: "assistant", status: "completed", content: [{ type: "output_text", text: "Let me look.", annotations: [], logprobs: [] }] },
        { id: "fc_1", type: "function_call", status: "completed", call_id: "call_a", name: "get_weather", arguments: '{"city": "Paris", "days": 2.0}' },
        { id: "fc_2", type: "function_call", status: "completed", call_id: "call_b", name: "get_weather", arguments: '{"city": "Rome"}' },
        { type: "function_call_output", call_id: "call_a", output: "sunny" },
        { type: "function_call_output", call_id: "call_b", output: [{ type: "input_text", text: "rain" }] },
        { type: "function_call", call_id: "call_c", name: "get_time", arguments: "" },
        { type: "function_call_output", call_id: "call_c", output: "noon" },
      ]),
    ) as ResponsesRequest["input"];
    const messages = plan({ input, tools: [weather, time] } as Partial<ResponsesRequest>).request.messages;
    expect(messages).toEqual([
      { role: "system", content: "Use tools." },
      { role: "user", content: "Weather in Paris\nand Rome?" },
      {
        role: "assistant",
        content: "Let me look.",
        toolCalls: [
          { id: "call_a", name: "get_weather", arguments: { city: "Paris", days: 2 } },
          { id: "call_b", name: "get_weather", arguments: { city: "Rome" } },
        ],
      },
      { role: "tool", content: "sunny", toolCallId: "call_a", name: "get_weather" },
      { role: "tool", content: "rain", toolCallId: "call_b", name: "get_weather" },
      { role: "assistant", content: null, toolCalls: [{ id: "call_c", name: "get_time", arguments: {} }] },
      { role: "tool", content: "noon", toolCallId: "call_c", name: "get_time" },
    ]);
    const call = (messages[2] as { toolCalls: Array<{ arguments: object }> }).toolCalls[0]!;
    expect(isFloatAt(call.arguments, "days")).toBe(true);
  });

  it.each([
    [{ input: [] }, "input", /empty/],
    [{ input: [{ role: "user", content: [{ type: "input_image", image_url: "http://x/y.png" }] }] }, "input[0].content[0].type", /text-only/],
    [{ input: [{ role: "tool", content: "x" }] }, "input[0].role", /role must be/],
    [{ input: [{ role: "user" }] }, "input[0].content", /string or a list/],
    [{ input: [{ type: "function_call", name: "get_time", arguments: "{}" }] }, "input[0].call_id", /Missing required parameter/],
    [{ input: [{ type: "function_call", call_id: "c", name: "get_time", arguments: "{not json" }] }, "input[0].arguments", /not valid JSON/],
    [{ input: [{ type: "function_call", call_id: "c", name: "get_time", arguments: "[1]" }] }, "input[0].arguments", /JSON object/],
    [{ input: [{ type: "function_call_output", call_id: "nope", output: "x" }] }, "input[0].call_id", /No function call with call_id "nope"/],
    [{ input: [{ type: "item_reference", id: "msg_1" }] }, "input[0].type", /stores no items/],
    [{ input: [{ type: "reasoning", summary: [] }] }, "input[0].type", /"reasoning" are not supported/],
    [{ input: [{ content: "no type, no role" }] }, "input[0].type", /needs a 'type'/],
  ] as Array<[Partial<ResponsesRequest>, string, RegExp]>)("%j → 400 at %s", (body, param, message) => {
    const e = failure(body);
    expect(e.status).toBe(400);
    expect(e.param).toBe(param);
    expect(e.message).toMatch(message);
  });

  it("the item limit is the message limit", () => {
    const e = failure({ input: Array.from({ length: limits.maxMessages + 1 }, () => ({ role: "user", content: "x" })) });
    expect(e).toMatchObject({ status: 400, param: "input", apiCode: "limit_exceeded" });
  });
});

describe("toResponsesPlan: tools and choices", () => {
  it("flat function tools become tool definitions; tool_choice and parallel_tool_calls map onto the engine's", () => {
    const p = plan({ tools: [weather, time], tool_choice: { type: "function", name: "get_time" }, parallel_tool_calls: false } as Partial<ResponsesRequest>);
    expect(p.request.tools!.map((t) => t.name)).toEqual(["get_weather", "get_time"]);
    expect(p.request.tools![0]!.parameters).toMatchObject({ properties: { city: { type: "string" } }, required: ["city"] });
    expect(p.request.toolChoice).toEqual({ type: "function", function: { name: "get_time" } });
    expect(p.request.parallelToolCalls).toBe(false);
    expect(p.echo.tools[1]).toEqual({ type: "function", name: "get_time", description: null, parameters: null, strict: null });
    expect(plan({ tools: [weather], tool_choice: "required" } as Partial<ResponsesRequest>).request.toolChoice).toBe("required");
  });

  it("allowed_tools keeps the named tools, with its mode as the choice", () => {
    const p = plan({ tools: [weather, time], tool_choice: { type: "allowed_tools", mode: "required", tools: [{ type: "function", name: "get_weather" }] } } as Partial<ResponsesRequest>);
    expect(p.request.tools!.map((t) => t.name)).toEqual(["get_weather"]);
    expect(p.request.toolChoice).toBe("required");
  });

  it.each([
    [{ tools: [{ type: "web_search" }] }, "tools[0].type", /only "function" tools/],
    [{ tools: [{ type: "function", parameters: {} }] }, "tools[0]", /Invalid tools/],
    [{ tools: [time, { ...weather, parameters: { type: "object", properties: { city: { type: "strnig" } } } }] }, "tools[1]", /Invalid tools/],
    [{ tools: [weather, weather] }, "tools[0]", /Invalid tools: .*get_weather/],
    [{ tools: [weather], tool_choice: { type: "function", name: "get_time" } }, "tool_choice", /not among the tools/],
    [{ tool_choice: "required" }, "tool_choice", /needs 'tools'/],
    [{ tools: [weather], tool_choice: { type: "file_search" } }, "tool_choice.type", /only function tools/],
    [{ tools: [weather], tool_choice: { type: "allowed_tools", mode: "auto", tools: [{ type: "function", name: "nope" }] } }, "tool_choice.tools[0].name", /not among/],
  ] as Array<[Partial<ResponsesRequest>, string, RegExp]>)("%j → 400 at %s", (body, param, message) => {
    const e = failure(body);
    expect(e.status).toBe(400);
    expect(e.param).toBe(param);
    expect(e.message).toMatch(message);
  });
});

describe("toResponsesPlan: sampling, formats, unsupported parameters", () => {
  it("max_output_tokens, temperature, top_p, text.format", () => {
    const p = plan({ max_output_tokens: 64, temperature: 0.5, top_p: 0.9, text: { format: { type: "json_schema", name: "x", schema: { type: "object" } } } });
    expect(p.request).toMatchObject({ maxTokens: 64, temperature: 0.5, topP: 0.9, responseFormat: { type: "json_schema", name: "x", schema: { type: "object" } } });
    expect(plan({ text: { format: { type: "json_object" } } }).request.responseFormat).toEqual({ type: "json_object" });
    expect(failure({ max_output_tokens: 5000 })).toMatchObject({ param: "max_output_tokens", apiCode: "limit_exceeded" });
    expect(failure({ text: { format: { type: "json_schema", name: "x", schema: { type: 5 } } } })).toMatchObject({ param: "text.format.schema", apiCode: "invalid_schema" });
  });

  it("accepts what BFCL's handler sends (store, reasoning, include of encrypted reasoning)", () => {
    const p = plan({ store: false, reasoning: { summary: "auto" }, include: ["reasoning.encrypted_content"], temperature: 0.001 });
    expect(p.request.temperature).toBe(0.001);
  });

  it.each([
    [{ previous_response_id: "resp_1" }, "previous_response_id"],
    [{ conversation: "conv_1" }, "conversation"],
    [{ prompt: { id: "pmpt_1" } }, "prompt"],
    [{ background: true }, "background"],
    [{ top_logprobs: 2 }, "top_logprobs"],
    [{ truncation: "auto" }, "truncation"],
    [{ include: ["message.output_text.logprobs"] }, "include[0]"],
    [{ text: { verbosity: "low" } }, "text.verbosity"],
  ] as Array<[Partial<ResponsesRequest>, string]>)("%j is refused, naming the parameter", (body, param) => {
    expect(failure(body)).toMatchObject({ status: 400, param, apiCode: "unsupported_parameter" });
  });
});
