import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HammerError, OutputParseError, ToolSchemaError } from "../../src/core/errors.js";
import type { GenerateRequest } from "../../src/engine/types.js";
import { ScriptedEngine, type Script } from "./support/ScriptedEngine.js";
import { postJson, startServer, type RunningServer } from "./support/startServer.js";

/** Hostile and malformed requests: each gets the right status and an OpenAI-shaped error, and the server stays up. */
const KEY = "test-key-123";
const auth = { authorization: `Bearer ${KEY}` };
const tool = { type: "function", function: { name: "get_weather", parameters: { type: "object", properties: { city: { type: "string" } } } } };
const ok = { model: "m", messages: [{ role: "user", content: "hi" }] };

function scriptFor(request: GenerateRequest): Script {
  const last = request.messages.at(-1)?.content;
  if (last === "engine-schema") return { error: new ToolSchemaError("get_weather", "/parameters/properties/city", "pattern is not supported", "SCHEMA_UNSUPPORTED") };
  if (last === "engine-parse") return { error: new OutputParseError("no call block", 3) };
  if (last === "engine-network") return { error: new HammerError("NETWORK", "connect ECONNREFUSED 127.0.0.1:1") };
  if (last === "engine-bug") return { error: new TypeError("x is undefined") };
  return { text: ["fine"] };
}

let srv: RunningServer;
const MAX_BODY = 64 * 1024;
beforeAll(async () => {
  srv = await startServer(new ScriptedEngine(scriptFor), { apiKey: KEY, limits: { maxBodyBytes: MAX_BODY, maxTools: 8 } });
});
afterAll(() => srv.close());

async function expectAlive(): Promise<void> {
  const r = await postJson(`${srv.baseURL}/chat/completions`, ok, auth);
  expect(r.status).toBe(200);
  expect(r.json.choices[0].message.content).toBe("fine");
}

function expectErrorShape(json: any): void {
  expect(Object.keys(json)).toEqual(["error"]);
  expect(Object.keys(json.error)).toEqual(["message", "type", "param", "code"]);
  expect(typeof json.error.message).toBe("string");
  expect(json.error.message.length).toBeGreaterThan(10);
}

const many = (n: number) => Array.from({ length: n }, (_, i) => ({ type: "function", function: { name: `f${i}` } }));

describe("bad input corpus", () => {
  const cases: Array<[string, unknown, number, string | null, RegExp]> = [
    ["malformed JSON", '{"model": "m", "messages": [', 400, null, /could not parse the JSON body.*line 1, column 29/],
    ["a JSON array body", "[1,2]", 400, null, /expected an object/],
    ["empty body", "", 400, null, /body is empty/],
    ["missing messages", { model: "m" }, 400, "messages", /Missing required parameter: 'messages'/],
    ["empty messages", { model: "m", messages: [] }, 400, "messages", /at least 1 item/],
    ["messages not an array", { model: "m", messages: "hi" }, 400, "messages", /expected an array/],
    ["unknown role", { model: "m", messages: [{ role: "robot", content: "x" }] }, 400, "messages[0].role", /one of "system"/],
    ["content of the wrong type", { model: "m", messages: [{ role: "user", content: 5 }] }, 400, "messages[0].content", /expected a string or an array or null/],
    ["temperature a string", { ...ok, temperature: "hot" }, 400, "temperature", /expected a number or null/],
    ["temperature out of range", { ...ok, temperature: 3 }, 400, "temperature", /must be <= 2/],
    ["max_tokens zero", { ...ok, max_tokens: 0 }, 400, "max_tokens", /must be >= 1/],
    ["max_tokens above the context", { ...ok, max_tokens: 100000 }, 400, "max_tokens", /limit of 4096 tokens/],
    ["n = 2", { ...ok, n: 2 }, 400, "n", /'n' must be 1/],
    ["logprobs", { ...ok, logprobs: true }, 400, "logprobs", /not supported/],
    ["audio", { ...ok, audio: { voice: "alloy", format: "mp3" } }, 400, "audio", /not supported/],
    ["unknown tool_choice string", { ...ok, tools: [tool], tool_choice: "sometimes" }, 400, "tool_choice", /one of "none", "auto", "required"/],
    ["tool_choice naming no tool", { ...ok, tools: [tool], tool_choice: { type: "function", function: { name: "nope" } } }, 400, "tool_choice", /"nope", which is not among the tools \(get_weather\)/],
    ["tool_choice required without tools", { ...ok, tool_choice: "required" }, 400, "tool_choice", /needs 'tools'/],
    ["invalid tool schema", { ...ok, tools: [{ type: "function", function: { name: "f", parameters: { type: "object", properties: { a: { type: "float" } } } } }] }, 400, "tools[0]", /tool "f" at \/function\/parameters\/properties\/a\/type/],
    ["tool without a function", { ...ok, tools: [{ type: "function" }] }, 400, "tools[0].function", /'function' object/],
    ["too many tools", { ...ok, tools: many(9) }, 400, "tools", /Too many tools: 9 \(the server's limit is 8\)/],
    ["image content", { model: "m", messages: [{ role: "user", content: [{ type: "image_url", image_url: { url: "x" } }] }] }, 400, "messages[0].content[0].type", /text-only/],
    ["deeply nested body", `{"messages":[{"role":"user","content":"x"}],"metadata":${"[".repeat(300)}${"]".repeat(300)}}`, 400, null, /nesting deeper than 256/],
  ];
  it.each(cases)("%s → %i", async (_name, body, status, param, message) => {
    const r = await postJson(`${srv.baseURL}/chat/completions`, body, auth);
    expect(r.status).toBe(status);
    expectErrorShape(r.json);
    expect(r.json.error.param).toBe(param);
    expect(r.json.error.type).toBe("invalid_request_error");
    expect(r.json.error.message).toMatch(message);
    await expectAlive();
  });

  it("an oversized body → 413 naming --max-body", async () => {
    const r = await postJson(`${srv.baseURL}/chat/completions`, { ...ok, messages: [{ role: "user", content: "x".repeat(MAX_BODY) }] }, auth);
    expect(r.status).toBe(413);
    expectErrorShape(r.json);
    expect(r.json.error.message).toContain(`${MAX_BODY} bytes (--max-body)`);
    expect(r.json.error.code).toBe("request_too_large");
    await expectAlive();
  });

  it("a body without a JSON content type is still parsed as JSON (curl -d)", async () => {
    const r = await postJson(`${srv.baseURL}/chat/completions`, JSON.stringify(ok), { ...auth, "content-type": "application/x-www-form-urlencoded" });
    expect(r.status).toBe(200);
  });

  it.each([
    ["no Authorization header", {}],
    ["a wrong key", { authorization: "Bearer wrong" }],
    ["a key prefix", { authorization: `Bearer ${KEY.slice(0, -1)}` }],
    ["another scheme", { authorization: `Basic ${KEY}` }],
  ])("%s → 401", async (_name, headers) => {
    const r = await postJson(`${srv.baseURL}/chat/completions`, ok, headers);
    expect(r.status).toBe(401);
    expectErrorShape(r.json);
    expect(r.json.error.code).toBe("invalid_api_key");
    const models = await fetch(`${srv.baseURL}/models`, { headers });
    expect(models.status).toBe(401);
    const metrics = await fetch(`${srv.url}/metrics`, { headers });
    expect(metrics.status).toBe(401);
  });

  it("/health needs no key", async () => {
    const r = await fetch(`${srv.url}/health`);
    expect(r.status).toBe(200);
    expect(await r.json()).toEqual({ status: "ok" });
  });

  it("unknown URLs and models → 404", async () => {
    const r = await fetch(`${srv.baseURL}/embeddings`, { method: "POST", headers: auth, body: "{}" });
    expect(r.status).toBe(404);
    expectErrorShape(await r.json());
    const m = await fetch(`${srv.baseURL}/models/gpt-4o`, { headers: auth });
    expect(m.status).toBe(404);
    expect(((await m.json()) as { error: { code: string } }).error.code).toBe("model_not_found");
    const list = await (await fetch(`${srv.baseURL}/models`, { headers: auth })).json();
    expect(list).toMatchObject({ object: "list", data: [{ id: "scripted", object: "model", owned_by: "hammer-fc" }] });
    expect((await fetch(`${srv.baseURL}/models/scripted`, { headers: auth })).status).toBe(200);
    expect((await fetch(`${srv.baseURL}/models/org/scripted`, { headers: auth })).status).toBe(404);
  });

  it.each([
    ["engine-schema", 400, "invalid_request_error", /pattern is not supported/],
    ["engine-parse", 422, "model_output_error", /could not be turned into a valid answer/],
    ["engine-network", 502, "upstream_error", /ECONNREFUSED/],
    ["engine-bug", 500, "server_error", /x is undefined/],
  ] as const)("engine failure %s → %i %s, streaming or not", async (content, status, type, message) => {
    for (const stream of [false, true]) {
      const r = await postJson(`${srv.baseURL}/chat/completions`, { ...ok, stream, messages: [{ role: "user", content }] }, auth);
      expect(r.status).toBe(status);
      expectErrorShape(r.json);
      expect(r.json.error.type).toBe(type);
      expect(r.json.error.message).toMatch(message);
    }
    await expectAlive();
  });

  it("/v1/completions: batch prompts, echo and n are refused", async () => {
    for (const [body, param] of [
      [{ prompt: ["a", "b"] }, "prompt"],
      [{ prompt: "a", echo: true }, "echo"],
      [{ prompt: "a", n: 3 }, "n"],
      [{ prompt: 5 }, "prompt"],
      [{ prompt: "a", grammar: 'root ::= "x"' }, "grammar"],
      [{}, "prompt"],
    ] as const) {
      const r = await postJson(`${srv.baseURL}/completions`, body, auth);
      expect(r.status).toBe(400);
      expect(r.json.error.param).toBe(param);
    }
  });
});

describe("errors surface as the openai SDK's typed errors", () => {
  it("400, 401, 404, 422 and 500", async () => {
    const client = new OpenAI({ baseURL: srv.baseURL, apiKey: KEY, maxRetries: 0 });
    const bad = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }], n: 2 }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(OpenAI.BadRequestError);
    expect((bad as InstanceType<typeof OpenAI.BadRequestError>).param).toBe("n");
    const unauth = await new OpenAI({ baseURL: srv.baseURL, apiKey: "nope", maxRetries: 0 }).models.list().catch((e: unknown) => e);
    expect(unauth).toBeInstanceOf(OpenAI.AuthenticationError);
    const missing = await client.models.retrieve("gpt-4o").catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(OpenAI.NotFoundError);
    const parse = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "engine-parse" }] }).catch((e: unknown) => e);
    expect(parse).toBeInstanceOf(OpenAI.UnprocessableEntityError);
    const bug = await client.chat.completions.create({ model: "m", messages: [{ role: "user", content: "engine-bug" }] }).catch((e: unknown) => e);
    expect(bug).toBeInstanceOf(OpenAI.InternalServerError);
  });
});
