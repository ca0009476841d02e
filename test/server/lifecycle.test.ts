import OpenAI from "openai";
import { afterEach, describe, expect, it } from "vitest";
import type { Engine, GenerateRequest } from "../../src/engine/types.js";
import { ScriptedEngine, type Script } from "./support/ScriptedEngine.js";
import { postJson, readSse, startServer, type RunningServer } from "./support/startServer.js";

/**
 * Admission, aborts, timeouts, loading and shutdown, with a scripted engine whose slow scripts
 * would outlast the test timeout unless the server really stops them.
 */
const tools = [{ type: "function", function: { name: "lookup", parameters: { type: "object", properties: { q: { type: "string" } } } } }];
const SLOW = "slow"; // 10 000 fragments × 20 ms: minutes unless aborted
const outcomes: string[] = [];

function scriptFor(request: GenerateRequest): Script {
  const last = request.messages.at(-1)?.content;
  if (last === SLOW) return { calls: [{ name: "lookup", fragments: ['{"q": "', ...Array.from({ length: 10_000 }, () => "a"), '"}'] }], delayMs: 20 };
  if (last === "medium") return { text: ["one", " two", " three"], delayMs: 80 };
  return { text: ["quick"] };
}

/** A ScriptedEngine that records how each generation ended. */
function engine(parallel = 1): ScriptedEngine {
  const e = new ScriptedEngine(scriptFor, { parallel });
  const stream = e.stream.bind(e);
  e.stream = async function* (request: GenerateRequest) {
    for await (const ev of stream(request)) {
      if (ev.type === "done") outcomes.push(`${String(request.messages.at(-1)?.content)}:${ev.turn.finishReason}`);
      yield ev;
    }
  };
  return e;
}

const chat = (content: string, extra: Record<string, unknown> = {}) => ({ model: "m", messages: [{ role: "user", content }], tools, ...extra });
let srv: RunningServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
  outcomes.length = 0;
});

describe("client disconnects", () => {
  it("a dropped streaming request frees its sequence at once (parallel 1)", async () => {
    const e = engine();
    srv = await startServer(e);
    const ac = new AbortController();
    const res = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify(chat(SLOW, { stream: true })), signal: ac.signal });
    const reader = res.body!.getReader();
    let seen = "";
    while (!seen.includes('"arguments":"a"')) seen += new TextDecoder().decode((await reader.read()).value);
    ac.abort(); // mid-call
    const next = await postJson(`${srv.baseURL}/chat/completions`, chat("after"));
    expect(next.status).toBe(200);
    expect(outcomes).toEqual([`${SLOW}:abort`, "after:stop"]);
    expect(e.maxRunning).toBe(1);
    await expect.poll(() => srv!.logs.find((l) => l.status === 499)).toMatchObject({ stream: true, aborted: "client_closed" });
  });

  it("a dropped non-streaming request frees its sequence too", async () => {
    srv = await startServer(engine());
    const ac = new AbortController();
    const pending = fetch(`${srv.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify(chat(SLOW)), signal: ac.signal }).catch(() => "dropped");
    await expect.poll(() => srv!.server.hammer.load.running).toBe(1);
    ac.abort();
    expect(await pending).toBe("dropped");
    const next = await postJson(`${srv.baseURL}/chat/completions`, chat("after"));
    expect(next.status).toBe(200);
    expect(outcomes).toEqual([`${SLOW}:abort`, "after:stop"]);
  });
});

describe("admission", () => {
  it("waits in the queue, then refuses with 429 + Retry-After when it is full", async () => {
    srv = await startServer(engine(), { queueSize: 1 });
    const first = postJson(`${srv.baseURL}/chat/completions`, chat("medium"));
    await expect.poll(() => srv!.server.hammer.load.running).toBe(1);
    const second = postJson(`${srv.baseURL}/chat/completions`, chat("quick"));
    await expect.poll(() => srv!.server.hammer.load.waiting).toBe(1);
    const third = await postJson(`${srv.baseURL}/chat/completions`, chat("quick"));
    expect(third.status).toBe(429);
    expect(Number(third.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(third.json.error).toMatchObject({ type: "rate_limit_error", code: "queue_full" });
    const sdk = await new OpenAI({ baseURL: srv.baseURL, apiKey: "x", maxRetries: 0 }).chat.completions.create({ model: "m", messages: [{ role: "user", content: "quick" }] }).catch((e: unknown) => e);
    expect(sdk).toBeInstanceOf(OpenAI.RateLimitError);
    expect((sdk as InstanceType<typeof OpenAI.RateLimitError>).headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await first).status).toBe(200);
    expect((await second).status).toBe(200);
    const metrics = await (await fetch(`${srv.url}/metrics`)).text();
    expect(metrics).toContain('hammer_requests_total{route="/v1/chat/completions",status="429"} 2');
    expect(metrics).toContain('hammer_requests_total{route="/v1/chat/completions",status="200"} 2');
    expect(metrics).toMatch(/hammer_completion_tokens_total 4\n/);
  });

  it("never runs more requests than the engine has sequences", async () => {
    const e = engine(2);
    srv = await startServer(e, { queueSize: 8 });
    const all = await Promise.all(Array.from({ length: 6 }, () => postJson(`${srv!.baseURL}/chat/completions`, chat("medium"))));
    expect(all.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    expect(e.maxRunning).toBe(2);
  });
});

describe("request timeout", () => {
  it("non-streaming → 504 request_timeout, and the sequence is freed", async () => {
    srv = await startServer(engine(), { requestTimeoutMs: 300 });
    const r = await postJson(`${srv.baseURL}/chat/completions`, chat(SLOW));
    expect(r.status).toBe(504);
    expect(r.json.error).toMatchObject({ type: "timeout_error", code: "request_timeout" });
    expect(r.json.error.message).toContain("--request-timeout");
    expect((await postJson(`${srv.baseURL}/chat/completions`, chat("after"))).status).toBe(200);
  });

  it("streaming → an error event after the partial deltas, no [DONE]", async () => {
    srv = await startServer(engine(), { requestTimeoutMs: 300 });
    const res = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify(chat(SLOW, { stream: true })) });
    expect(res.status).toBe(200);
    const events = await readSse(res);
    expect(events[0].choices[0].delta.role).toBe("assistant");
    expect(events.at(-1)).toEqual({ error: expect.objectContaining({ type: "timeout_error", code: "request_timeout" }) });
    expect(events).not.toContain("[DONE]");
    // The openai SDK raises the mid-stream error event as an APIError.
    const client = new OpenAI({ baseURL: srv.baseURL, apiKey: "x", maxRetries: 0 });
    const seen: string[] = [];
    const failure = await (async () => {
      const stream = await client.chat.completions.create({ ...chat(SLOW), stream: true } as OpenAI.ChatCompletionCreateParamsStreaming);
      for await (const chunk of stream) seen.push(chunk.object);
    })().catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(OpenAI.APIError);
    expect(String((failure as Error).message)).toContain("--request-timeout");
    expect(seen.length).toBeGreaterThan(1);
  });
});

describe("loading", () => {
  it("/health is 503 loading until the engine resolves, and the API 503 model_loading", async () => {
    let resolve!: (e: Engine) => void;
    srv = await startServer(new Promise<Engine>((r) => (resolve = r)));
    const h = await fetch(`${srv.url}/health`);
    expect(h.status).toBe(503);
    expect(await h.json()).toEqual({ status: "loading" });
    const r = await postJson(`${srv.baseURL}/chat/completions`, chat("quick"));
    expect(r.status).toBe(503);
    expect(r.json.error.code).toBe("model_loading");
    resolve(engine());
    await srv.server.hammer.loaded;
    expect((await fetch(`${srv.url}/health`)).status).toBe(200);
    expect((await postJson(`${srv.baseURL}/chat/completions`, chat("quick"))).status).toBe(200);
  });

  it("a failed load is reported by /health and the API", async () => {
    srv = await startServer(Promise.reject(new Error("bad gguf")));
    await expect(srv.server.hammer.loaded).rejects.toThrow("bad gguf");
    const h = await fetch(`${srv.url}/health`);
    expect(h.status).toBe(503);
    expect(await h.json()).toEqual({ status: "error", error: "bad gguf" });
    const r = await postJson(`${srv.baseURL}/chat/completions`, chat("quick"));
    expect(r.json.error.code).toBe("model_load_failed");
  });
});

describe("graceful shutdown", () => {
  it("lets an in-flight request finish within the grace period", async () => {
    srv = await startServer(engine());
    const inflight = postJson(`${srv.baseURL}/chat/completions`, chat("medium"));
    await expect.poll(() => srv!.server.hammer.load.running).toBe(1);
    await srv.server.hammer.shutdown(10_000);
    const r = await inflight;
    expect(r.status).toBe(200);
    expect(r.json.choices[0].message.content).toBe("one two three");
    await expect(fetch(`${srv.url}/health`)).rejects.toThrow(); // no longer listening
  });

  it("aborts what is still running after the grace period: streams get an error event, queued requests 503", async () => {
    srv = await startServer(engine());
    const res = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify(chat(SLOW, { stream: true })) });
    const queued = postJson(`${srv.baseURL}/chat/completions`, chat("quick"));
    await expect.poll(() => srv!.server.hammer.load.waiting).toBe(1);
    await srv.server.hammer.shutdown(100);
    const q = await queued;
    expect(q.status).toBe(503);
    expect(q.json.error.code).toBe("shutting_down");
    const events = await readSse(res);
    expect(events.at(-1)).toEqual({ error: expect.objectContaining({ code: "shutting_down" }) });
    expect(outcomes).toEqual([`${SLOW}:abort`]);
  });
});
