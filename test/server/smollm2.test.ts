import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../src/core/json/index.js";
import { createEngine, type Engine } from "../../src/engine/index.js";
import type { RunResults } from "../../src/eval/run/index.js";
import { HAS_REAL_MODEL, REAL_MODEL_PATH, SKIP_REAL_MODEL_REASON } from "../support/realModel.js";
import { runCli } from "../support/runCli.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../support/sharedData.js";
import { startServer, type RunningServer } from "./support/startServer.js";

/**
 * The real reference model (SmolLM2-135M-Instruct, its default format) behind `hammer serve`:
 * 20 fixed BFCL `simple` samples through `hammer eval run --endpoint` (greedy, grammar), and the
 * official `openai` SDK's chat round trip, streaming and `responses.create`. Free-text strings must
 * close here (random-weight models never close them).
 */

/**
 * Accuracy floor for the first 20 BFCL simple samples. Measured 13/20 (docs/formats.md, hammer2.1,
 * greedy, one thread); the floor sits well below so float differences between machines cannot flip it.
 */
const SIMPLE_FLOOR = 9;

const weather = {
  type: "function" as const,
  function: {
    name: "get_weather",
    description: "Get the current weather in a city",
    parameters: { type: "object", properties: { city: { type: "string", description: "The city name" } }, required: ["city"] },
  },
};

describe.skipIf(!HAS_REAL_MODEL)(`SmolLM2-135M behind hammer serve${HAS_REAL_MODEL ? "" : ` (skipped: ${SKIP_REAL_MODEL_REASON})`}`, () => {
  let engine: Engine;
  let srv: RunningServer;
  let client: OpenAI;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(path.join(os.tmpdir(), "hammer-smollm2-"));
    engine = await createEngine({ backend: "llama", model: REAL_MODEL_PATH, threads: 1, gpu: false, contextSize: 4096 });
    srv = await startServer(engine, { modelName: "smollm2", textFallback: false });
    client = new OpenAI({ baseURL: srv.baseURL, apiKey: "unused", maxRetries: 0, timeout: 300_000 });
  }, 120_000);
  afterAll(async () => {
    await srv?.close();
    await engine?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it.skipIf(!HAS_SHARED_DATA)(`20 BFCL simple samples, greedy: no invalid call, accuracy ≥ ${SIMPLE_FLOOR}/20${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, async () => {
    const out = path.join(dir, "simple");
    const cli = await runCli(["eval", "run", "--endpoint", srv.baseURL, "--bench", "bfcl:simple", "--data", SHARED_DATA, "--limit", "20", "--max-tokens", "256", "--quiet", "--out", out]);
    expect(cli.code, cli.stderr).toBe(0);
    const r = parseJson(readFileSync(path.join(out, "results.json"), "utf8")) as unknown as RunResults;
    expect(r.counts.samples).toBe(20);
    expect(r.counts.errors).toBe(0); // no invalid_call, http or engine errors: every answer was a valid call or none
    // Every answer the token limit did not cut decodes: the grammar allows nothing else.
    for (const s of r.samples) if (s.finish_reason !== "length") expect(s.error_type ?? "", s.id).not.toMatch(/^ast_decoder:/);
    expect(r.counts.correct).toBeGreaterThanOrEqual(SIMPLE_FLOOR);
  }, 600_000);

  it("chat: a weather round trip — the call's city is a real string, the tool result is answered in text", async () => {
    const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [{ role: "user", content: "What is the weather in Paris?" }];
    const first = await client.chat.completions.create({ model: "smollm2", messages, tools: [weather], tool_choice: "required", parallel_tool_calls: false, max_tokens: 64 });
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    const call = choice.message.tool_calls![0]!;
    expect(call.type).toBe("function");
    if (call.type !== "function") return;
    expect(call.function.name).toBe("get_weather");
    const args = JSON.parse(call.function.arguments) as { city: unknown };
    expect(args.city).toEqual(expect.stringMatching(/paris/i));

    messages.push(choice.message, { role: "tool", tool_call_id: call.id, content: JSON.stringify({ city: args.city, temperature_c: 18, sky: "cloudy" }) });
    const second = await client.chat.completions.create({ model: "smollm2", messages, tools: [weather], tool_choice: "none", max_tokens: 48 });
    expect(second.choices[0]!.message.tool_calls ?? []).toEqual([]);
    expect(second.choices[0]!.message.content?.trim()).not.toBe("");
  }, 300_000);

  it("chat, streamed: the argument deltas join into valid JSON with a real city string", async () => {
    const stream = await client.chat.completions.create({
      model: "smollm2",
      messages: [{ role: "user", content: "What is the weather in Rome?" }],
      tools: [weather],
      tool_choice: "required",
      parallel_tool_calls: false,
      max_tokens: 64,
      stream: true,
    });
    let name = "";
    const deltas: string[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      const c = chunk.choices[0];
      for (const t of c?.delta.tool_calls ?? []) {
        if (t.function?.name) name += t.function.name;
        if (t.function?.arguments) deltas.push(t.function.arguments);
      }
      finish = c?.finish_reason ?? finish;
    }
    expect(finish).toBe("tool_calls");
    expect(name).toBe("get_weather");
    expect(deltas.length).toBeGreaterThan(1); // fragments as generated, not one blob
    expect(JSON.parse(deltas.join(""))).toEqual({ city: expect.stringMatching(/rome/i) });
  }, 300_000);

  it("responses.create: a function_call item with a real city string", async () => {
    const r = await client.responses.create({
      model: "smollm2",
      input: "What is the weather in London?",
      tools: [{ type: "function", name: weather.function.name, description: weather.function.description, parameters: weather.function.parameters, strict: true }],
      tool_choice: "required",
      parallel_tool_calls: false,
      max_output_tokens: 64,
    });
    expect(r.status).toBe("completed");
    const calls = r.output.filter((o): o is OpenAI.Responses.ResponseFunctionToolCall => o.type === "function_call");
    expect(calls.map((c) => c.name)).toEqual(["get_weather"]);
    expect(JSON.parse(calls[0]!.arguments)).toEqual({ city: expect.stringMatching(/london/i) });
  }, 300_000);
});
