import { writeFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { register } from "../../src/cli/commands/call.js";
import { prepareEngine } from "../../src/engine/index.js";
import { runCliInProcess } from "../support/runCliInProcess.js";
import { useTinyModel } from "./support/tinyModel.js";

// prepareEngine (the engine spec → a ready-to-load engine) and the shared CLI engine flags end to end.

const model = useTinyModel(3);
const servers: Array<() => Promise<void>> = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((close) => close()));
  process.exitCode = undefined;
});

/** A fake OpenAI-compatible server: `models` at /v1/models, one scripted chat answer; it records the requests. */
async function fakeUpstream(models: unknown, status = 200): Promise<{ url: string; requests: Array<{ url: string; headers: IncomingMessage["headers"]; body: any }> }> {
  const requests: Array<{ url: string; headers: IncomingMessage["headers"]; body: any }> = [];
  const server = createServer((req, res: ServerResponse) => {
    let text = "";
    req.on("data", (c: Buffer) => (text += c.toString()));
    req.on("end", () => {
      requests.push({ url: req.url ?? "", headers: req.headers, body: text ? JSON.parse(text) : null });
      res.writeHead(status, { "content-type": "application/json" });
      if (req.url === "/v1/models") return res.end(JSON.stringify(models));
      res.end(
        JSON.stringify({
          choices: [{ finish_reason: "tool_calls", message: { role: "assistant", content: null, tool_calls: [{ id: "call_1", type: "function", function: { name: "ping", arguments: "{}" } }] } }],
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  servers.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

describe("prepareEngine", () => {
  it("resolves a local model first and loads it on demand", async () => {
    const prepared = await prepareEngine({ backend: "llama", model: model.file(), threads: 1, contextSize: 512 });
    expect(prepared.target).toEqual({ backend: "llama", path: model.file(), ref: model.file() });
    const engine = await prepared.load();
    try {
      expect(engine.info).toMatchObject({ backend: "llama", contextSize: 512 });
    } finally {
      await engine.close();
    }
    await expect(prepareEngine({ backend: "llama", model: path.join(model.dir(), "none.gguf") })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("discovers an endpoint's model and, when listed, its context size (vLLM's max_model_len)", async () => {
    const { url, requests } = await fakeUpstream({ object: "list", data: [{ id: "served-model", max_model_len: 4096 }, { id: "other" }] });
    const prepared = await prepareEngine({ backend: "openai", baseUrl: url, apiKey: "k" });
    expect(prepared.target).toEqual({ backend: "openai", baseUrl: `${url}/v1`, model: "served-model", contextSize: 4096 });
    expect(requests[0]).toMatchObject({ url: "/v1/models", headers: { authorization: "Bearer k" } });
    const engine = await prepared.load();
    expect(engine.info).toMatchObject({ backend: "openai", model: "served-model", contextSize: 4096 });
    // A given model and context are kept; nothing is asked.
    const given = await prepareEngine({ backend: "openai", baseUrl: url, model: "mine", contextSize: 1000 });
    expect(given.target).toMatchObject({ model: "mine", contextSize: 1000 });
    expect(requests).toHaveLength(1);
  });

  it("fails with one NETWORK line ending in the hint when the models cannot be listed, and checks options before any request", async () => {
    const { url } = await fakeUpstream({ error: "no" }, 500);
    await expect(prepareEngine({ backend: "openai", baseUrl: url }, { modelHint: "pass --endpoint-model NAME" })).rejects.toThrow(
      /^cannot list the models of http:\/\/127\.0\.0\.1:\d+\/v1 \(HTTP 500\); pass --endpoint-model NAME$/,
    );
    const empty = await fakeUpstream({ data: [] });
    await expect(prepareEngine({ backend: "openai", baseUrl: empty.url })).rejects.toThrow(/lists no model; give the model name$/);
    await expect(prepareEngine({ backend: "openai", baseUrl: url, model: "m", parallel: 0 })).rejects.toMatchObject({ code: "INPUT_INVALID", location: "parallel" });
  });
});

describe("hammer call --endpoint (the shared engine flags)", () => {
  it("finds the endpoint's model, sends the key from --endpoint-api-key, prints the call", async () => {
    const { url, requests } = await fakeUpstream({ data: [{ id: "served-model" }] });
    const tools = path.join(model.dir(), "ping.json");
    writeFileSync(tools, JSON.stringify([{ type: "function", function: { name: "ping", description: "Ping.", parameters: { type: "object", properties: {} } } }]));
    const r = await runCliInProcess(register, ["call", "--endpoint", url, "--endpoint-api-key", "sk-1", "--tools", tools, "ping please"]);
    expect(r.stderr).toBe("");
    expect(JSON.parse(r.stdout)).toMatchObject({ role: "assistant", tool_calls: [{ function: { name: "ping", arguments: "{}" } }] });
    expect(requests.map((q) => q.url)).toEqual(["/v1/models", "/v1/chat/completions"]);
    expect(requests[1]).toMatchObject({ headers: { authorization: "Bearer sk-1" }, body: { model: "served-model" } });
  });

  it("flags that do not fit the backend fail in one line before anything loads", async () => {
    const tools = path.join(model.dir(), "ping2.json");
    writeFileSync(tools, JSON.stringify([{ type: "function", function: { name: "ping", parameters: { type: "object", properties: {} } } }]));
    const r = await runCliInProcess(register, ["call", "--endpoint", "http://127.0.0.1:9", "--threads", "2", "--tools", tools, "q"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr).toBe("hammer: --threads: applies to a local model (--model), not to --endpoint\n");
  });
});
