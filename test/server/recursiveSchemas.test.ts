import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine/index.js";
import { HOSTILE_SCHEMAS, TREE_SCHEMA } from "../support/hostileSchemas.js";
import { postJson, startServer, type RunningServer } from "./support/startServer.js";
import { tinyEngine, writeTinyModel } from "./support/tinyModel.js";

/**
 * Recursive and self-referencing schemas against the real engine (tiny random model), on chat
 * completions and /v1/responses: each hostile one is a 400 before generation, streamed or not (no
 * SSE byte is written), naming the cycle or the path; a satisfiable recursive schema (a tree)
 * compiles and its calls validate.
 */
let model: { file: string; cleanup: () => void };
let engine: Engine;
let srv: RunningServer;
beforeAll(async () => {
  model = await writeTinyModel(13);
  engine = await tinyEngine(model.file);
  srv = await startServer(engine, { modelName: "tiny" });
}, 120_000);
afterAll(async () => {
  await srv?.close();
  await engine?.close();
  model?.cleanup();
});

const user = [{ role: "user", content: "go" }];
const toolWith = (parameters: unknown) => ({ type: "function", function: { name: "f", parameters } });

async function expectRefused(body: Record<string, unknown>, message: RegExp, route = "chat/completions"): Promise<void> {
  for (const stream of [false, true]) {
    const res = await fetch(`${srv.baseURL}/${route}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ ...body, stream }),
    });
    const text = await res.text();
    expect(res.status, `stream ${stream}: ${text}`).toBe(400);
    expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    expect(text.startsWith("data:")).toBe(false);
    const json = JSON.parse(text) as { error: { message: string; type: string } };
    expect(json.error.type).toBe("invalid_request_error");
    expect(json.error.message).toMatch(message);
    expect(json.error.message).not.toMatch(/call stack|bug:/i);
  }
}

describe("recursive tool schemas, end to end", () => {
  it.each(HOSTILE_SCHEMAS.map((h) => [h.name, h] as const))("%s → 400 before generation", async (_name, h) => {
    await expectRefused({ model: "tiny", messages: user, tools: [toolWith(h.schema)], tool_choice: "required", max_tokens: 64 }, h.message);
  }, 120_000);

  it.each(HOSTILE_SCHEMAS.map((h) => [h.name, h] as const))("response_format: %s → 400 before generation", async (_name, h) => {
    const schema = { type: "object", ...h.schema };
    await expectRefused({ model: "tiny", messages: user, max_tokens: 64, response_format: { type: "json_schema", json_schema: { name: "answer", schema } } }, h.message);
  }, 120_000);

  it.each(HOSTILE_SCHEMAS.map((h) => [h.name, h] as const))("/v1/responses: %s → 400 before generation", async (_name, h) => {
    const tool = { type: "function", name: "f", parameters: h.schema, strict: false };
    await expectRefused({ model: "tiny", input: "go", tools: [tool], tool_choice: "required", max_output_tokens: 64 }, h.message, "responses");
  }, 120_000);

  it("a tree schema compiles; every call it produces validates", async () => {
    const validate = new Ajv({ strict: false }).compile(TREE_SCHEMA);
    for (const seed of [1, 2, 3]) {
      const r = await postJson(`${srv.baseURL}/chat/completions`, { model: "tiny", messages: user, tools: [toolWith(TREE_SCHEMA)], tool_choice: "required", max_tokens: 160, temperature: 1, seed });
      expect(r.status, JSON.stringify(r.json)).toBe(200);
      const choice = r.json.choices[0];
      if (choice.finish_reason === "length") continue; // a deep tree may not close within the budget
      for (const call of choice.message.tool_calls) {
        expect(validate(JSON.parse(call.function.arguments)), call.function.arguments).toBe(true);
      }
    }
  }, 300_000);
});
