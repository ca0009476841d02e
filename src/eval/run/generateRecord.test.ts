import { describe, expect, it } from "vitest";
import type { AssistantTurn, Engine, GenerateRequest } from "../../engine/index.js";
import type { BfclSample } from "../bfcl/types.js";
import { generateRecord, type GenerateRecordOptions } from "./generateRecord.js";
import type { EvalSample } from "./toEvalItem.js";

const sample: EvalSample = {
  kind: "bfcl",
  sample: {
    id: "simple_0",
    category: "simple",
    question: [[{ role: "user", content: "Weather in Paris?" }]],
    functions: [{ name: "get_weather", description: "Weather.", parameters: { type: "dict", properties: { city: { type: "string", description: "City." } }, required: ["city"] } }],
    groundTruth: [{ get_weather: { city: ["Paris"] } }],
    line: 1,
  } as BfclSample,
};
const options: GenerateRecordOptions = { mask: null, seed: 1, temperature: 0, maxTokens: 32, timeoutMs: 0 };

/** An engine whose one answer is `answer(request)`. */
function engineOf(answer: (r: GenerateRequest) => Promise<AssistantTurn>): Engine {
  return {
    info: { backend: "llama", model: "t", format: "hammer2.1", parallel: 1 },
    generate: answer,
    stream: () => {
      throw new Error("unused");
    },
    complete: () => Promise.reject(new Error("unused")),
    countTokens: async () => 0,
    close: async () => {},
  };
}
const turn = (t: Partial<AssistantTurn>): AssistantTurn => ({ content: null, toolCalls: [], finishReason: "stop", usage: { promptTokens: 5, completionTokens: 3 }, raw: "", ...t });

describe("generateRecord", () => {
  it("logs the raw text, the calls and the usage of a finished turn", async () => {
    const call = { id: "call_x", name: "get_weather", arguments: { city: "Paris" }, argumentsText: '{"city": "Paris"}' };
    const r = await generateRecord(engineOf(async () => turn({ toolCalls: [call], finishReason: "tool_calls", raw: "```\n[…]\n```" })), sample, options);
    expect(r).toMatchObject({ id: "simple_0", output: "```\n[…]\n```", tool_calls: [{ name: "get_weather", arguments: { city: "Paris" } }], finish_reason: "tool_calls", usage: { prompt_tokens: 5, completion_tokens: 3 } });
    expect(r?.error).toBeUndefined();
  });

  it("a turn cut by the token limit is scored from its raw text, not as an abstention", async () => {
    const r = await generateRecord(engineOf(async () => turn({ finishReason: "length", raw: '```\n[{"name": "get_weather", "argu' })), sample, options);
    expect(r).toMatchObject({ finish_reason: "length", output: '```\n[{"name": "get_weather", "argu' });
    expect(r).not.toHaveProperty("tool_calls");
  });

  it("records a timeout with the partial text when --timeout fires", async () => {
    const stuck = engineOf(
      (req) =>
        new Promise((resolve) => {
          req.signal?.addEventListener("abort", () => resolve(turn({ finishReason: "abort", raw: "```\n[" })), { once: true });
        }),
    );
    const r = await generateRecord(stuck, sample, { ...options, timeoutMs: 5 });
    expect(r).toMatchObject({ error: { kind: "timeout", message: "no answer within 5 ms" }, partial_output: "```\n[" });
    expect(r).not.toHaveProperty("output");
  });

  it("an answer cut by the run's own stop is not recorded (the sample is redone on resume)", async () => {
    const stop = new AbortController();
    const stopped = engineOf(async () => {
      stop.abort();
      throw new Error("aborted");
    });
    expect(await generateRecord(stopped, sample, { ...options, signal: stop.signal })).toBeNull();
  });

  it("a sample that cannot be turned into a request is an `input` error, not a crash", async () => {
    const bad: EvalSample = { kind: "bfcl", sample: { ...(sample.sample as BfclSample), question: [[{ role: "robot", content: "x" }]] } };
    const r = await generateRecord(engineOf(async () => turn({})), bad, options);
    expect(r).toMatchObject({ error: { kind: "input" } });
    expect(r?.error?.message).toMatch(/unsupported role "robot"/);
  });
});
