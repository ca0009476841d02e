import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { getFormat } from "../../src/core/formats/index.js";
import { compileToolGrammar } from "../../src/core/grammar/index.js";
import { fromBfclFunctions, fromOpenAITool } from "../../src/core/tools/index.js";
import type { ToolDef } from "../../src/core/types.js";
import { createOpenAIEngine, type AssistantTurn, type EngineEvent, type GenerateRequest, type OpenAIEngineOptions } from "../../src/engine/index.js";

// The openai backend against a real HTTP server speaking recorded OpenAI-style responses.

interface Recorded {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: Record<string, unknown>;
}
type Handler = (req: Recorded, res: ServerResponse, n: number) => void;

const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
});

/** A server answering each request with `handler`; it records the requests. */
async function serve(handler: Handler): Promise<{ url: string; requests: Recorded[] }> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString("utf8")));
    req.on("end", () => {
      const r: Recorded = { method: req.method ?? "", url: req.url ?? "", headers: req.headers, body: text ? (JSON.parse(text) as Record<string, unknown>) : {} };
      requests.push(r);
      handler(r, res, requests.length);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`, requests };
}

/** A local port nothing listens on (connections are refused). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

const json = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
};
const sse = (res: ServerResponse, events: unknown[]): void => {
  res.writeHead(200, { "content-type": "text/event-stream" });
  for (const e of events) res.write(`data: ${JSON.stringify(e)}\n\n`);
  res.end("data: [DONE]\n\n");
};

const { tools: bfcl } = fromBfclFunctions([
  { name: "math.factorial", description: "Factorial.", parameters: { type: "dict", properties: { number: { type: "integer", description: "n" } }, required: ["number"] } },
]);
const weather = fromOpenAITool({
  type: "function",
  function: { name: "get_weather", description: "Weather.", parameters: { type: "object", properties: { city: { type: "string" }, temp: { type: "number" } }, required: ["city"] } },
});
const tools: ToolDef[] = [...bfcl, weather];
const request = (r: Partial<GenerateRequest> = {}): GenerateRequest => ({ messages: [{ role: "user", content: "5!?" }], tools, ...r });
const engineFor = (url: string, o: Partial<OpenAIEngineOptions> = {}) => createOpenAIEngine({ baseUrl: url, model: "up-model", backoffMs: 1, maxBackoffMs: 5, ...o });

async function collect(events: AsyncIterable<EngineEvent>): Promise<{ events: EngineEvent[]; turn: AssistantTurn }> {
  const all: EngineEvent[] = [];
  for await (const e of events) all.push(e);
  const done = all.at(-1);
  if (done?.type !== "done") throw new Error("no done event");
  return { events: all, turn: done.turn };
}

describe("chat mode", () => {
  it("sends OpenAI tools with safe names and maps the returned calls back, validated", async () => {
    const { url, requests } = await serve((_r, res) =>
      json(res, 200, {
        choices: [
          {
            finish_reason: "tool_calls",
            message: { role: "assistant", content: null, tool_calls: [{ id: "call_up1", type: "function", function: { name: "math_factorial", arguments: '{"number": 5}' } }] },
          },
        ],
        usage: { prompt_tokens: 42, completion_tokens: 7 },
      }),
    );
    const engine = engineFor(url, { apiKey: "sk-test" });
    const turn = await engine.generate(request({ toolChoice: { type: "function", function: { name: "math.factorial" } }, parallelToolCalls: false, seed: 3, maxTokens: 50 }));
    expect(turn).toMatchObject({ finishReason: "tool_calls", content: null, usage: { promptTokens: 42, completionTokens: 7 } });
    expect(turn.toolCalls).toEqual([{ id: "call_up1", name: "math.factorial", arguments: { number: 5 }, argumentsText: '{"number": 5}' }]);
    const body = requests[0]?.body as Record<string, unknown>;
    expect(requests[0]).toMatchObject({ method: "POST", url: "/v1/chat/completions", headers: { authorization: "Bearer sk-test" } });
    expect(body).toMatchObject({
      model: "up-model",
      tool_choice: { type: "function", function: { name: "math_factorial" } },
      parallel_tool_calls: false,
      seed: 3,
      max_tokens: 50,
      temperature: 0,
    });
    expect((body.tools as Array<{ function: { name: string } }>).map((t) => t.function.name)).toEqual(["math_factorial", "get_weather"]);
  });

  it("an upstream call that breaks its schema is CALL_INVALID", async () => {
    const { url } = await serve((_r, res) =>
      json(res, 200, { choices: [{ finish_reason: "tool_calls", message: { tool_calls: [{ id: "c", function: { name: "get_weather", arguments: '{"temp": 3}' } }] } }] }),
    );
    await expect(engineFor(url).generate(request())).rejects.toMatchObject({ code: "CALL_INVALID" });
  });

  it("streams SSE chunks as engine events that reassemble to the turn", async () => {
    const chunk = (delta: unknown, finish: string | null = null) => ({ choices: [{ index: 0, delta, finish_reason: finish }] });
    const { url, requests } = await serve((_r, res) =>
      sse(res, [
        chunk({ role: "assistant", content: "Checking" }),
        chunk({ content: " now." }),
        chunk({ tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: '{"city": "Par' } }] }),
        chunk({ tool_calls: [{ index: 0, function: { arguments: 'is", "temp": 5.0}' } }] }),
        chunk({ tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "math_factorial", arguments: '{"number": 3}' } }] }),
        chunk({}, "tool_calls"),
        { choices: [], usage: { prompt_tokens: 10, completion_tokens: 20 } },
      ]),
    );
    const { events, turn } = await collect(engineFor(url).stream(request()));
    expect(requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });
    expect(events.filter((e) => e.type === "text").map((e) => (e as { delta: string }).delta).join("")).toBe(turn.content);
    expect(turn).toMatchObject({ content: "Checking now.", finishReason: "tool_calls", usage: { promptTokens: 10, completionTokens: 20 } });
    expect(turn.toolCalls.map((c) => [c.id, c.name, c.argumentsText])).toEqual([
      ["call_a", "get_weather", '{"city": "Paris", "temp": 5.0}'],
      ["call_b", "math.factorial", '{"number": 3}'],
    ]);
    expect(events.map((e) => e.type)).toEqual([
      "text", "text", "tool_call_start", "tool_call_arguments", "tool_call_arguments", "tool_call_end", "tool_call_start", "tool_call_arguments", "tool_call_end", "done",
    ]);
  });

  it("a length cut reports no calls", async () => {
    const { url } = await serve((_r, res) =>
      json(res, 200, { choices: [{ finish_reason: "length", message: { tool_calls: [{ id: "c", function: { name: "get_weather", arguments: '{"ci' } }] } }] }),
    );
    expect(await engineFor(url).generate(request())).toMatchObject({ finishReason: "length", toolCalls: [] });
  });
});

describe("completions mode (the engine renders Hammer prompts and parses the output)", () => {
  const hammer = getFormat("hammer2.1");

  it("sends the rendered prompt to /completions and validates the parsed calls", async () => {
    const { url, requests } = await serve((_r, res) =>
      json(res, 200, { choices: [{ text: '```\n[{"name": "math.factorial", "arguments": {"number": 5}}]\n```', finish_reason: "stop" }], usage: { prompt_tokens: 300, completion_tokens: 20 } }),
    );
    const turn = await engineFor(url, { mode: "completions" }).generate(request({ seed: 9 }));
    expect(turn).toMatchObject({ finishReason: "tool_calls", content: null, usage: { promptTokens: 300, completionTokens: 20 } });
    expect(turn.toolCalls.map((c) => [c.name, c.argumentsText])).toEqual([["math.factorial", '{"number": 5}']]);
    expect(requests[0]?.url).toBe("/v1/completions");
    expect(requests[0]?.body).toEqual({
      model: "up-model",
      prompt: hammer.render(request().messages, tools),
      max_tokens: 1024,
      temperature: 0,
      top_p: 1,
      seed: 9,
      stop: [...hammer.stopStrings],
      // Loop-aware decoding (default on) watches the tool pass as it streams; a JSON answer is read as well.
      stream: true,
      stream_options: { include_usage: true },
    });
  });

  it("loop-aware decoding: a looping array is cut where the loop shows, closed, and resumed without the grammar", async () => {
    const looping = '```\n[{"name": "get_weather", "arguments": {"city": "Oslo", "days": ["mon", "tue", "tue", "tue", "tue", "tue", "tue"';
    const { url, requests } = await serve((_r, res, n) =>
      n === 1
        ? sse(res, looping.match(/.{1,3}/gs)!.map((t) => ({ choices: [{ text: t, finish_reason: null }] })))
        : json(res, 200, { choices: [{ text: '}}]\n```', finish_reason: "stop" }], usage: { prompt_tokens: 400, completion_tokens: 4 } }),
    );
    const daysTools = fromBfclFunctions([
      { name: "get_weather", description: "Weather.", parameters: { type: "dict", properties: { city: { type: "string" }, days: { type: "array", items: { type: "string" } } }, required: ["city"] } },
    ]).tools;
    const turn = await engineFor(url, { mode: "completions", grammar: "llama-server" }).generate({ ...request({ toolChoice: "required", maxTokens: 200 }), tools: daysTools });
    expect(turn.finishReason).toBe("tool_calls");
    expect(turn.toolCalls[0]?.arguments).toEqual({ city: "Oslo", days: ["mon", "tue", "tue", "tue"] });
    expect(requests).toHaveLength(2);
    const kept = '```\n[{"name": "get_weather", "arguments": {"city": "Oslo", "days": ["mon", "tue", "tue", "tue"]';
    expect(requests[1]?.body.prompt).toBe(String(requests[0]?.body.prompt) + kept);
    expect(requests[1]?.body.grammar).toBeUndefined();
    expect(requests[1]?.body.max_tokens).toBeLessThan(200);
    // Off (request extension): the stream is read to its end and the cut call is `length`.
    const { url: url2, requests: requests2 } = await serve((_r, res) => json(res, 200, { choices: [{ text: looping, finish_reason: "length" }] }));
    const off = await engineFor(url2, { mode: "completions" }).generate({ ...request({ toolChoice: "required", loopSteering: false }), tools: daysTools });
    expect(off).toMatchObject({ finishReason: "length", toolCalls: [] });
    expect(requests2).toHaveLength(1);
    expect(requests2[0]?.body.stream).toBeUndefined();
  });

  it("loop-aware decoding: a list of values the request never gave is cut at the element being written", async () => {
    // BFCL parallel_multiple_0: SmolLM2 lists multiples it invents, never repeating, to the token limit.
    const invented = [1, 3, 5, 15, 21, 25, 27, 33, 35, 39, 45, 51, 55, 57, 63, 65, 69, 75, 81, 85, 87, 93];
    const head = '```\n[{"name": "sum_of_multiples", "arguments": {"lower_limit": 1, "upper_limit": 1000, "multiples": [';
    const looping = head + invented.join(", ");
    const { url, requests } = await serve((_r, res, n) =>
      n === 1
        ? sse(res, looping.match(/.{1,3}/gs)!.map((t) => ({ choices: [{ text: t, finish_reason: null }] })))
        : json(res, 200, { choices: [{ text: '}}]\n```', finish_reason: "stop" }], usage: { prompt_tokens: 400, completion_tokens: 4 } }),
    );
    const sumTools = fromBfclFunctions([
      {
        name: "sum_of_multiples",
        description: "Find the sum of all multiples of specified numbers within a specified range.",
        parameters: { type: "dict", properties: { lower_limit: { type: "integer" }, upper_limit: { type: "integer" }, multiples: { type: "array", items: { type: "integer" } } }, required: ["lower_limit", "upper_limit", "multiples"] },
      },
    ]).tools;
    const messages = [{ role: "user" as const, content: "Find the sum of all the multiples of 3 and 5 between 1 and 1000." }];
    const turn = await engineFor(url, { mode: "completions" }).generate({ messages, tools: sumTools, toolChoice: "required", maxTokens: 300 });
    expect(turn.finishReason).toBe("tool_calls");
    // 16 finished elements, the last 8 invented (only 1, 3, 5 and 1000 are the request's): the 17th (`6`, cut at its first character) is the last.
    expect(turn.toolCalls[0]?.arguments).toEqual({ lower_limit: 1, upper_limit: 1000, multiples: [...invented.slice(0, 16), 6] });
    expect(requests).toHaveLength(2);
  });

  it("passes our grammar upstream when asked (llama-server `grammar`, vLLM `guided_grammar`)", async () => {
    const { url, requests } = await serve((_r, res) => json(res, 200, { choices: [{ text: "```\n[]\n```", finish_reason: "stop" }] }));
    await engineFor(url, { mode: "completions", grammar: "llama-server" }).generate(request({ toolChoice: "required" }));
    await engineFor(url, { mode: "completions", grammar: "vllm" }).generate(request({ toolChoice: "required" }));
    const gbnf = compileToolGrammar({ syntax: hammer.callSyntax, tools, choice: "required", parallel: true })?.gbnf;
    expect(requests[0]?.body.grammar).toBe(gbnf);
    expect(requests[1]?.body.guided_grammar).toBe(gbnf);
  });

  it("Hammer 2.1's textFallback: after [] a second request without tools gives the answer", async () => {
    const { url, requests } = await serve((_r, res, n) => json(res, 200, { choices: [{ text: n === 1 ? "```\n[]\n```" : "Hello there!", finish_reason: "stop" }] }));
    const turn = await engineFor(url, { mode: "completions" }).generate(request({ textFallback: true }));
    expect(turn).toMatchObject({ content: "Hello there!", toolCalls: [], finishReason: "stop", raw: "```\n[]\n```" });
    expect(requests[1]?.body.prompt).toBe(hammer.render(request().messages, []));
  });

  it("streams /completions text through the format's call parser", async () => {
    const text = '```\n[{"name": "get_weather", "arguments": {"city": "Oslo"}}]\n```';
    const { url } = await serve((_r, res) => sse(res, [...text].map((c, i) => ({ choices: [{ text: c, finish_reason: i === text.length - 1 ? "stop" : null }] }))));
    const { events, turn } = await collect(engineFor(url, { mode: "completions" }).stream(request()));
    expect(turn.toolCalls.map((c) => [c.name, c.argumentsText])).toEqual([["get_weather", '{"city": "Oslo"}']]);
    const start = events.find((e) => e.type === "tool_call_start") as { id: string } | undefined;
    expect(start?.id).toBe(turn.toolCalls[0]?.id);
    expect(events.filter((e) => e.type === "tool_call_arguments").length).toBeGreaterThan(5);
  });

  it("unparseable model text is the answer, not an error (as Hammer's client does)", async () => {
    const { url } = await serve((_r, res) => json(res, 200, { choices: [{ text: "I cannot do that.", finish_reason: "stop" }] }));
    expect(await engineFor(url, { mode: "completions" }).generate(request())).toMatchObject({ content: "I cannot do that.", toolCalls: [], finishReason: "stop" });
  });

  it("complete() is a raw /completions call", async () => {
    const { url, requests } = await serve((_r, res) => json(res, 200, { choices: [{ text: " world", finish_reason: "length" }], usage: { prompt_tokens: 1, completion_tokens: 1 } }));
    expect(await engineFor(url).complete({ prompt: "hello", maxTokens: 1 })).toEqual({ text: " world", finishReason: "length", usage: { promptTokens: 1, completionTokens: 1 } });
    expect(requests[0]?.body).toMatchObject({ prompt: "hello", max_tokens: 1 });
  });
});

describe("context length", () => {
  it("a known upstream context refuses max_tokens that cannot fit before sending, and bounds the default max_tokens", async () => {
    const { url, requests } = await serve((_r, res) => json(res, 200, { choices: [{ text: "ok", finish_reason: "stop" }] }));
    const engine = engineFor(url, { mode: "completions", contextSize: 600 });
    expect(engine.info.contextSize).toBe(600);
    await expect(engine.generate(request({ maxTokens: 600 }))).rejects.toMatchObject({ code: "CONTEXT_LENGTH_EXCEEDED", location: "messages" });
    await expect(engine.complete({ prompt: "hi", maxTokens: 601 })).rejects.toThrow(/maximum context length is 600 tokens, and max_tokens is 601/);
    await expect(engineFor(url, { contextSize: 600 }).generate(request({ maxTokens: 700 }))).rejects.toMatchObject({ code: "CONTEXT_LENGTH_EXCEEDED" }); // chat mode
    expect(requests).toHaveLength(0);
    // Without max_tokens: the default (1024) bounded by the context less the prompt (estimated at 4 characters a token).
    await engine.generate(request());
    const prompt = getFormat("hammer2.1").render(request().messages, tools);
    expect(requests[0]?.body.max_tokens).toBe(600 - Math.ceil(prompt.length / 4));
    expect(requests[0]?.body.max_tokens).toBeLessThan(600);
  });

  it.each([
    ["vLLM", { object: "error", message: "This model's maximum context length is 2048 tokens. However, you requested 3000 tokens (2000 in the messages, 1000 in the completion).", type: "BadRequestError", code: 400 }],
    ["llama-server", { error: { code: 400, message: "the request exceeds the available context size, try increasing it", type: "exceed_context_size_error" } }],
    ["OpenAI", { error: { message: "too long", type: "invalid_request_error", param: "messages", code: "context_length_exceeded" } }],
  ])("an upstream's context-length 400 (%s) is CONTEXT_LENGTH_EXCEEDED, not a NETWORK failure, and is not retried", async (_name, body) => {
    const { url, requests } = await serve((_r, res) => json(res, 400, body));
    for (const mode of ["chat", "completions"] as const) {
      await expect(engineFor(url, { mode }).generate(request())).rejects.toMatchObject({ code: "CONTEXT_LENGTH_EXCEEDED", message: expect.stringMatching(/HTTP 400: /) });
    }
    expect(requests).toHaveLength(2);
  });

  it("other 400s stay NETWORK", async () => {
    const { url } = await serve((_r, res) => json(res, 400, { error: { message: "bad tools", code: "invalid_value" } }));
    await expect(engineFor(url).generate(request())).rejects.toMatchObject({ code: "NETWORK" });
  });
});

describe("retries, timeouts and abort", () => {
  const ok = { choices: [{ finish_reason: "stop", message: { content: "fine" } }] };

  it("retries a 429 (honouring Retry-After) and succeeds", async () => {
    const { url, requests } = await serve((_r, res, n) => (n === 1 ? json(res, 429, { error: { message: "slow down" } }, { "retry-after": "0" }) : json(res, 200, ok)));
    expect((await engineFor(url).generate(request())).content).toBe("fine");
    expect(requests).toHaveLength(2);
  });

  it("gives up after the retries with NETWORK, the status and the upstream message", async () => {
    const { url, requests } = await serve((_r, res) => json(res, 500, { error: { message: "model crashed" } }));
    const failure = engineFor(url, { retries: 2 }).generate(request());
    await expect(failure).rejects.toMatchObject({ code: "NETWORK" });
    await expect(failure).rejects.toThrow(/HTTP 500: model crashed \(after 3 attempts\)/);
    expect(requests).toHaveLength(3);
  });

  it("does not retry a 400", async () => {
    const { url, requests } = await serve((_r, res) => json(res, 400, { error: { message: "bad tools" } }));
    await expect(engineFor(url).generate(request())).rejects.toThrow(/HTTP 400: bad tools/);
    expect(requests).toHaveLength(1);
  });

  it("times out a silent server (per attempt) and reports NETWORK", async () => {
    const { url, requests } = await serve(() => undefined); // never answers
    await expect(engineFor(url, { timeoutMs: 150, retries: 1 }).generate(request())).rejects.toThrow(/no response within 150 ms \(after 2 attempts\)/);
    expect(requests).toHaveLength(2);
  });

  it("a network error (connection refused) is retried, then NETWORK", async () => {
    const engine = createOpenAIEngine({ baseUrl: `http://127.0.0.1:${await closedPort()}/v1`, model: "m", retries: 1, backoffMs: 1 });
    await expect(engine.generate(request())).rejects.toMatchObject({ code: "NETWORK", message: expect.stringMatching(/ECONNREFUSED/) });
  });

  it("abort stops the request and is never retried", async () => {
    const { url, requests } = await serve(() => undefined);
    const controller = new AbortController();
    const pending = engineFor(url).generate(request({ signal: controller.signal }));
    while (requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    expect(await pending).toMatchObject({ finishReason: "abort", toolCalls: [] });
    expect(requests).toHaveLength(1);
  });

  it("close() aborts in-flight requests and rejects later ones", async () => {
    const { url, requests } = await serve(() => undefined);
    const engine = engineFor(url);
    const pending = engine.generate(request());
    while (requests.length === 0) await new Promise((r) => setTimeout(r, 5));
    await engine.close();
    expect((await pending).finishReason).toBe("abort");
    await expect(engine.generate(request())).rejects.toMatchObject({ code: "ABORTED" });
  });

  it("a hostile upstream cannot exhaust memory: oversized bodies are LIMIT_EXCEEDED", async () => {
    const { url } = await serve((_r, res) => {
      res.writeHead(200, { "content-type": "application/json" });
      const chunk = Buffer.alloc(1 << 20, 0x20);
      for (let i = 0; i < 33; i++) res.write(chunk);
      res.end("{}");
    });
    await expect(engineFor(url).generate(request())).rejects.toMatchObject({ code: "LIMIT_EXCEEDED" });
  });

  it("checks its options", () => {
    expect(() => createOpenAIEngine({ baseUrl: "nope", model: "m" })).toThrow(/baseUrl/);
    expect(() => createOpenAIEngine({ baseUrl: "http://x", model: "" })).toThrow(/model/);
    expect(() => createOpenAIEngine({ baseUrl: "http://x", model: "m", retries: -1 })).toThrow(/retries/);
    expect(() => createOpenAIEngine({ baseUrl: "http://x", model: "m", format: "template" })).toThrow(/format: template renders through a local GGUF/);
    expect(createOpenAIEngine({ baseUrl: "http://x:1", model: "m" }).info).toEqual({ backend: "openai", model: "m", format: "hammer2.1", parallel: 4 });
  });
});
