import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine, type Engine } from "../../src/engine/index.js";
import { postJson, readSse, startServer, type RunningServer } from "./support/startServer.js";
import { writeTinyModel } from "./support/tinyModel.js";

/**
 * Requests against the context: one that cannot fit (prompt, or prompt + max_tokens) gets OpenAI's
 * 400 `context_length_exceeded` before any generation, streamed or not; one without max_tokens is
 * bounded by the context left instead of running into the request timeout.
 */
const CONTEXT = 1024;
const essay = {
  type: "function" as const,
  function: {
    name: "write_essay",
    description: "Write a very long essay",
    // ≥ 10,000 characters: more than the context can hold after the prompt, whatever the tokens.
    parameters: { type: "object", properties: { parts: { type: "array", minItems: 20, items: { type: "string", minLength: 500 } } }, required: ["parts"] },
  },
};
const long = [{ role: "user", content: "word ".repeat(3000) }];
const short = [{ role: "user", content: "Write." }];

let model: { file: string; cleanup: () => void };
let engine: Engine;
let srv: RunningServer;
beforeAll(async () => {
  model = await writeTinyModel();
  engine = await createEngine({ backend: "llama", model: model.file, threads: 1, parallel: 1, gpu: false, contextSize: CONTEXT });
  srv = await startServer(engine);
});
afterAll(async () => {
  await srv?.close();
  await engine?.close();
  model?.cleanup();
});

function expectContextError(res: { status: number; json: any }, where: string): void {
  expect(res.status).toBe(400);
  expect(res.json.error).toMatchObject({ type: "invalid_request_error", code: "context_length_exceeded" });
  expect(res.json.error.message).toMatch(new RegExp(`maximum context length is ${CONTEXT} tokens\\. However, you requested \\d+ tokens \\(\\d+ in the ${where}, `));
}

describe("context length", () => {
  it("a chat whose prompt cannot fit is a 400 context_length_exceeded", async () => {
    expectContextError(await postJson(`${srv.url}/v1/chat/completions`, { messages: long }), "messages");
    expectContextError(await postJson(`${srv.url}/v1/chat/completions`, { messages: long, tools: [essay], max_tokens: 10 }), "messages");
  });

  it("a prompt that fits but not with max_tokens is a 400 naming both", async () => {
    const res = await postJson(`${srv.url}/v1/chat/completions`, { messages: short, max_tokens: CONTEXT - 5 });
    expectContextError(res, "messages");
    expect(res.json.error.message).toContain(`${CONTEXT - 5} max_tokens for the completion`);
  });

  it("streamed: the 400 comes as JSON before any SSE bytes", async () => {
    for (const [path, body] of [
      ["/v1/chat/completions", { messages: long, stream: true }],
      ["/v1/completions", { prompt: "word ".repeat(3000), max_tokens: 5, stream: true }],
    ] as const) {
      const res = await fetch(`${srv.url}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
      const text = await res.text();
      expect(text).not.toContain("data:");
      expectContextError({ status: res.status, json: JSON.parse(text) }, path === "/v1/completions" ? "prompt" : "messages");
    }
  });

  it("without max_tokens, generation stops where the context ends (finish_reason length), streamed or not", async () => {
    const body = { messages: short, tools: [essay], tool_choice: "required" }; // the grammar forbids ending the call before 10,000 characters
    const full = await postJson(`${srv.url}/v1/chat/completions`, body);
    expect(full.status, JSON.stringify(full.json)).toBe(200);
    expect(full.json.choices[0].finish_reason).toBe("length");
    expect(full.json.choices[0].message.tool_calls).toBeUndefined(); // a cut call is never reported
    expect(full.json.usage.total_tokens).toBe(CONTEXT);

    const res = await fetch(`${srv.url}/v1/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, stream: true, stream_options: { include_usage: true } }),
    });
    const events = await readSse(res);
    expect(events.at(-1)).toBe("[DONE]");
    expect(events.find((e) => e?.choices?.[0]?.finish_reason)?.choices[0].finish_reason).toBe("length");
    expect(events.at(-2).usage.total_tokens).toBe(CONTEXT);
  });
});
