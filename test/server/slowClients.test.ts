import { afterEach, describe, expect, it } from "vitest";
import { ScriptedEngine } from "./support/ScriptedEngine.js";
import { parseRawResponse, rawConnect, type RawExchange } from "./support/rawHttp.js";
import { postJson, startServer, type RunningServer } from "./support/startServer.js";

/**
 * Slow and excess connections, with raw sockets: a request whose headers or body trickle in is
 * cut with a 408 in OpenAI's error shape while normal requests are served; over the connection
 * cap, new connections get a complete 503 and are closed. Nothing here depends on how fast the
 * machine is: a trickling client would take minutes to finish, so only the server can end it.
 */
const chat = { model: "m", messages: [{ role: "user", content: "hi" }] };
let srv: RunningServer | undefined;
const sockets: RawExchange[] = [];
afterEach(async () => {
  for (const s of sockets.splice(0)) s.socket.destroy();
  await srv?.close();
  srv = undefined;
});

async function connect(url: string): Promise<RawExchange> {
  const s = await rawConnect(url);
  sockets.push(s);
  return s;
}

describe("slow clients", () => {
  it("trickled headers, no request at all, and a trickled body each get a 408 and a closed socket; normal requests are answered meanwhile", async () => {
    srv = await startServer(new ScriptedEngine(() => ({ text: ["hello"] })), { limits: { headerTimeoutMs: 1_000, bodyTimeoutMs: 2_000 } });
    const headers = await connect(srv.url);
    headers.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\n");
    headers.trickle("X-Slow: 1\r\n", 300); // never ends its headers
    const silent = await connect(srv.url);
    const body = await connect(srv.url);
    const declared = 10_000;
    body.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${declared}\r\n\r\n{`);
    body.trickle(" ", 200); // 1 byte per 200 ms: half an hour to finish

    // The server is not held up by them.
    for (let i = 0; i < 3; i++) {
      const r = await postJson(`${srv.baseURL}/chat/completions`, chat);
      expect(r.status).toBe(200);
      expect(r.json.choices[0].message.content).toBe("hello");
    }

    for (const [s, flag] of [
      [headers, "--header-timeout"],
      [silent, "--header-timeout"],
      [body, "--body-timeout"],
    ] as const) {
      const res = parseRawResponse(await s.closed);
      expect(res.status).toBe(408);
      expect(res.headers.connection).toBe("close");
      const err = JSON.parse(res.body) as { error: { message: string; type: string; code: string } };
      expect(err.error).toMatchObject({ type: "invalid_request_error", code: "client_timeout" });
      expect(err.error.message).toContain(flag);
    }
    expect(body.sent()).toBeLessThan(declared); // cut while still sending

    // The request whose body never arrived is logged (and counted) as a 408; the two that never sent headers as rejected connections.
    await expect.poll(() => srv!.logs.filter((l) => l.status === 408).length).toBe(3);
    expect(srv.logs.find((l) => l.path === "/v1/chat/completions" && l.status === 408)).toMatchObject({ method: "POST", error: expect.stringContaining("--body-timeout") });
    expect(srv.logs.filter((l) => l.path === "-" && l.status === 408)).toHaveLength(2);
    const metrics = await (await fetch(`${srv.url}/metrics`)).text();
    expect(metrics).toContain('hammer_requests_total{route="/v1/chat/completions",status="408"} 1');
    expect(metrics).toContain('hammer_connections_rejected_total{reason="client_timeout"} 2');
  });

  it("a body slower than --body-timeout on a request already refused (429) is only cut, nothing is written over the 429", async () => {
    const engine = new ScriptedEngine(() => ({ text: ["slow"], delayMs: 60_000 }));
    srv = await startServer(engine, { queueSize: 0, limits: { headerTimeoutMs: 1_000, bodyTimeoutMs: 1_500 } });
    const running = fetch(`${srv.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify(chat) }).catch(() => undefined);
    await expect.poll(() => srv!.server.hammer.load.running).toBe(1);
    const s = await connect(srv.url);
    s.write("POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{");
    s.trickle(" ", 200);
    const text = await s.closed;
    expect(parseRawResponse(text).status).toBe(429);
    expect(text.match(/HTTP\/1\.1/g)).toHaveLength(1);
    await srv.server.hammer.shutdown(0);
    await running;
  });

  it("rejects a --header-timeout longer than --body-timeout", async () => {
    await expect(startServer(new ScriptedEngine(() => ({})), { limits: { headerTimeoutMs: 5_000, bodyTimeoutMs: 1_000 } })).rejects.toThrow(/--header-timeout .* must not exceed --body-timeout/);
  });
});

describe("connection cap", () => {
  it("over --max-connections a new connection gets a complete 503 and is closed; a freed slot admits the next", async () => {
    srv = await startServer(new ScriptedEngine(() => ({ text: ["ok"] })), { limits: { maxConnections: 3, headerTimeoutMs: 60_000, bodyTimeoutMs: 60_000 } });
    const held = [await connect(srv.url), await connect(srv.url), await connect(srv.url)];
    await expect.poll(async () => (await postJson(`${srv!.baseURL}/chat/completions`, chat).catch(() => ({ status: 0 }))).status).toBe(503);

    const over = await connect(srv.url);
    over.write(`POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${JSON.stringify(chat).length}\r\n\r\n${JSON.stringify(chat)}`);
    const res = parseRawResponse(await over.closed);
    expect(res.status).toBe(503);
    expect(res.headers["retry-after"]).toBe("1");
    expect(res.headers.connection).toBe("close");
    expect(JSON.parse(res.body).error).toMatchObject({ type: "server_error", code: "too_many_connections", message: expect.stringContaining("--max-connections") });

    held[0]!.socket.destroy();
    await expect.poll(async () => (await postJson(`${srv!.baseURL}/chat/completions`, chat).catch(() => ({ status: 0 }))).status).toBe(200);
    expect(srv.logs.some((l) => l.path === "-" && l.status === 503 && l.error?.includes("--max-connections"))).toBe(true);
    for (const h of held) h.socket.destroy();
    await expect.poll(async () => (await fetch(`${srv!.url}/metrics`)).status).toBe(200);
    const metrics = await (await fetch(`${srv.url}/metrics`)).text();
    expect(metrics).toMatch(/hammer_connections_rejected_total\{reason="too_many_connections"\} [1-9]/);
    expect(metrics).toMatch(/hammer_connections_open [1-3]\n/);
  });
});
