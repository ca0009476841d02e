import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { HammerError } from "../../src/core/errors.js";
import type { Engine } from "../../src/engine/types.js";
import { runServer, type RunServerOptions } from "../../src/server/index.js";
import { ScriptedEngine } from "./support/ScriptedEngine.js";
import { postJson } from "./support/startServer.js";

/**
 * The server stage's start-up and shutdown (what `hammer serve` runs), in-process: signals come
 * from an EventEmitter, lines are collected, the forced exit is recorded.
 */
function harness(engine: () => Promise<Engine>, extra: Partial<RunServerOptions> = {}) {
  const signals = new EventEmitter();
  const lines: string[] = [];
  const errors: string[] = [];
  const exits: number[] = [];
  let resolveUrl!: (url: string) => void;
  const url = new Promise<string>((r) => (resolveUrl = r));
  const done = runServer({
    prepare: async () => engine,
    host: "127.0.0.1",
    port: 0,
    shutdownGraceMs: 10_000,
    print: (l) => lines.push(l),
    printError: (l) => errors.push(l),
    signals,
    forceExit: (code) => void exits.push(code),
    stopWithLauncher: false,
    onListening: resolveUrl,
    ...extra,
  });
  done.catch(() => undefined);
  return { signals, lines, errors, exits, url, done };
}

const chat = (content: string) => ({ model: "m", messages: [{ role: "user", content }] });
const scripted = () =>
  new ScriptedEngine((r) => {
    const last = r.messages.at(-1)?.content;
    if (last === "medium") return { text: ["one", " two", " three"], delayMs: 150 };
    if (last === "slow") return { text: Array.from({ length: 10_000 }, () => "a"), delayMs: 20 };
    return { text: ["quick"] };
  });

describe("runServer", () => {
  it("listens, loads, serves, and on SIGTERM lets the running request finish, frees the engine and resolves 0", async () => {
    const engine = scripted();
    const h = harness(async () => engine);
    const url = await h.url;
    await expect.poll(async () => (await fetch(`${url}/health`)).status).toBe(200);
    expect(h.lines[0]).toMatch(/^hammer serve: listening on http:\/\/127\.0\.0\.1:\d+ \(loading the model…\)$/);
    expect(h.lines[1]).toMatch(/^hammer serve: ready in [\d.]+ s — model scripted \(llama, format hammer2\.1, parallel 1, context 4096\)$/);
    const inflight = postJson(`${url}/v1/chat/completions`, chat("medium"));
    await expect.poll(() => engine.running).toBe(1);
    h.signals.emit("SIGTERM");
    expect((await inflight).status).toBe(200);
    expect(await h.done).toBe(0);
    expect(engine.closed).toBe(true);
    expect(h.lines).toContain("hammer serve: SIGTERM, stopping (running requests have 10 s to finish)");
    expect(h.lines.at(-1)).toBe("hammer serve: stopped");
    expect(h.lines.some((l) => / POST \/v1\/chat\/completions 200 /.test(l))).toBe(true);
    await expect(fetch(`${url}/health`)).rejects.toThrow();
    expect(h.exits).toEqual([]);
  });

  it("a second signal while stopping exits at once, as interrupted (130)", async () => {
    const engine = scripted();
    const h = harness(async () => engine, { shutdownGraceMs: 1_000 });
    const url = await h.url;
    await expect.poll(async () => (await fetch(`${url}/health`)).status).toBe(200);
    const slow = fetch(`${url}/v1/chat/completions`, { method: "POST", body: JSON.stringify({ ...chat("slow"), stream: true }) }).then((r) => r.text()).catch(() => "");
    await expect.poll(() => engine.running).toBe(1);
    h.signals.emit("SIGINT");
    await expect.poll(() => h.lines.some((l) => l.startsWith("hammer serve: SIGINT, stopping"))).toBe(true);
    h.signals.emit("SIGINT");
    expect(h.exits).toEqual([130]);
    expect(h.errors).toEqual(["hammer serve: stopped without waiting"]);
    expect(await h.done).toBe(0); // the fake exit returned: the grace period ran out
    await slow;
  });

  it("a signal before the model is resolved stops without listening", async () => {
    const signals = new EventEmitter();
    const lines: string[] = [];
    const done = runServer({ prepare: () => new Promise(() => undefined), host: "127.0.0.1", port: 0, shutdownGraceMs: 1_000, print: (l) => lines.push(l), signals, stopWithLauncher: false });
    signals.emit("SIGTERM");
    expect(await done).toBe(0);
    expect(lines).toEqual(["hammer serve: stopped before the model was ready (a partial download resumes next time)"]);
  });

  it("a model that fails to load rejects with its error after closing the port", async () => {
    let listening = "";
    const h = harness(() => Promise.reject(new HammerError("MODEL_INVALID", "tiny.gguf: truncated tensor data")), { onListening: (u) => (listening = u) });
    await expect(h.done).rejects.toThrow("truncated tensor data");
    expect(listening).toMatch(/^http:/);
    await expect(fetch(`${listening}/health`)).rejects.toThrow();
  });

  it("bad options fail before the model is resolved", async () => {
    let prepared = false;
    const done = runServer({
      prepare: async () => {
        prepared = true;
        return async () => scripted();
      },
      host: "127.0.0.1",
      port: 0,
      shutdownGraceMs: 1_000,
      limits: { headerTimeoutMs: 60_000, bodyTimeoutMs: 1_000 },
      print: () => undefined,
      signals: new EventEmitter(),
      stopWithLauncher: false,
    });
    await expect(done).rejects.toThrow(/--header-timeout/);
    expect(prepared).toBe(false);
  });

  it("a burst of 429s is summarised: a few lines whose counts add up to every rejection", async () => {
    const engine = scripted();
    const h = harness(async () => engine, { queueSize: 0, shutdownGraceMs: 0 });
    const url = await h.url;
    await expect.poll(async () => (await fetch(`${url}/health`)).status).toBe(200);
    const slow = postJson(`${url}/v1/chat/completions`, chat("slow")).catch(() => undefined);
    await expect.poll(() => engine.running).toBe(1);
    const burst = await Promise.all(Array.from({ length: 60 }, () => postJson(`${url}/v1/chat/completions`, chat("quick"))));
    expect(burst.every((r) => r.status === 429)).toBe(true);
    h.signals.emit("SIGTERM");
    await h.done;
    await slow;
    const rejected = h.lines.filter((l) => / POST \/v1\/chat\/completions 429 /.test(l));
    const total = rejected.reduce((n, l) => n + Number(/ ×(\d+) in /.exec(l)?.[1] ?? 1), 0);
    expect(total).toBe(60);
    expect(rejected.length).toBeLessThan(10);
    expect(rejected.some((l) => / 429 ×\d+ in 1\.0 s — last: The server is at capacity/.test(l))).toBe(true);
  });
});
