import { afterEach, describe, expect, it } from "vitest";
import { ScriptedEngine } from "./support/ScriptedEngine.js";
import { readSse, startServer, type RunningServer } from "./support/startServer.js";

/** Browser clients: preflights and CORS headers for the origins of `corsOrigins` (`--cors`) only, none by default. */
const APP = "http://localhost:5173";
const chat = JSON.stringify({ model: "m", messages: [{ role: "user", content: "hi" }] });
let srv: RunningServer | undefined;
afterEach(async () => {
  await srv?.close();
  srv = undefined;
});

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(url, {
    method: "OPTIONS",
    headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type, x-stainless-os" },
  });
}

describe("CORS", () => {
  it("an allowed origin's preflight gets 204 allowing POST and Authorization without the API key; its requests carry the CORS headers, errors and streams included", async () => {
    srv = await startServer(new ScriptedEngine(() => ({ text: ["hi", "!"] })), { apiKey: "k", corsOrigins: [APP, "https://other.example"] });
    const pre = await preflight(`${srv.baseURL}/chat/completions`, APP);
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe(APP);
    expect(pre.headers.get("access-control-allow-methods")).toContain("POST");
    expect(pre.headers.get("access-control-allow-headers")?.toLowerCase().split(/\s*,\s*/)).toEqual(expect.arrayContaining(["authorization", "content-type", "x-stainless-os"]));
    expect(pre.headers.get("vary")).toContain("Origin");

    const ok = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", headers: { origin: APP, authorization: "Bearer k" }, body: chat });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("access-control-allow-origin")).toBe(APP);
    expect(ok.headers.get("access-control-expose-headers")).toContain("retry-after");

    const denied = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", headers: { origin: APP }, body: chat });
    expect(denied.status).toBe(401);
    expect(denied.headers.get("access-control-allow-origin")).toBe(APP);

    const stream = await fetch(`${srv.baseURL}/chat/completions`, {
      method: "POST",
      headers: { origin: APP, authorization: "Bearer k" },
      body: JSON.stringify({ ...JSON.parse(chat), stream: true }),
    });
    expect(stream.headers.get("access-control-allow-origin")).toBe(APP);
    expect((await readSse(stream)).at(-1)).toBe("[DONE]");
  });

  it("another origin gets no CORS headers: its preflight is refused, its requests are answered without them", async () => {
    srv = await startServer(new ScriptedEngine(() => ({ text: ["hi"] })), { corsOrigins: [APP] });
    const pre = await preflight(`${srv.baseURL}/chat/completions`, "https://evil.example");
    expect(pre.status).toBe(403);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    expect(((await pre.json()) as { error: unknown }).error).toMatchObject({ code: "origin_not_allowed", message: expect.stringContaining("--cors") });
    const r = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", headers: { origin: "https://evil.example" }, body: chat });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("`*` allows any origin", async () => {
    srv = await startServer(new ScriptedEngine(() => ({ text: ["hi"] })), { corsOrigins: ["*"] });
    const pre = await preflight(`${srv.baseURL}/chat/completions`, "https://anywhere.example");
    expect(pre.status).toBe(204);
    expect(pre.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("is off by default: a preflight is a 404 without CORS headers", async () => {
    srv = await startServer(new ScriptedEngine(() => ({ text: ["hi"] })));
    const pre = await preflight(`${srv.baseURL}/chat/completions`, APP);
    expect(pre.status).toBe(404);
    expect(pre.headers.get("access-control-allow-origin")).toBeNull();
    const r = await fetch(`${srv.baseURL}/chat/completions`, { method: "POST", headers: { origin: APP }, body: chat });
    expect(r.status).toBe(200);
    expect(r.headers.get("access-control-allow-origin")).toBeNull();
  });
});
