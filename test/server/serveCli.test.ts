import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { postJson, readSse } from "./support/startServer.js";
import { runServeExpectingFailure, spawnServe, type ServeProcess } from "./support/spawnServe.js";
import { writeTinyModel } from "./support/tinyModel.js";

/**
 * `hammer serve` as a process: start-up, request logging, gateway mode against a second
 * process, graceful SIGTERM with a request in flight (exit 0), and one-line failures with their
 * exit codes (2 usage, 3 bad input, 5 network).
 */
const essay = {
  type: "function",
  function: {
    name: "write_essays",
    description: "Write six long essays",
    parameters: { type: "object", properties: { essays: { type: "array", minItems: 6, maxItems: 6, items: { type: "string", minLength: 300, maxLength: 350 } } }, required: ["essays"] },
  },
};

let model: { file: string; cleanup: () => void };
const running: ServeProcess[] = [];
beforeAll(async () => {
  model = await writeTinyModel();
});
afterAll(() => {
  for (const p of running) if (p.child.exitCode === null) p.child.kill("SIGKILL");
  model?.cleanup();
});

describe("hammer serve (process)", () => {
  it("serves, logs one line per request, runs as a gateway for a second server, stops on SIGTERM letting the in-flight request finish", async () => {
    const upstream = await spawnServe(["--model", model.file, "--threads", "1", "--model-name", "tiny-up", "--api-key", "k-up", "--log-format", "json"]);
    running.push(upstream);
    const auth = { authorization: "Bearer k-up" };
    expect((await fetch(`${upstream.url}/health`)).status).toBe(200);
    expect((await postJson(`${upstream.url}/v1/chat/completions`, { messages: [{ role: "user", content: "hi" }], max_tokens: 4 })).status).toBe(401);

    // Gateway: renders Hammer prompts, sends them to the upstream's /v1/completions.
    const gateway = await spawnServe(["--upstream", upstream.url, "--upstream-api-key", "k-up"]);
    running.push(gateway);
    const viaGateway = await postJson(`${gateway.url}/v1/chat/completions`, { messages: [{ role: "user", content: "Say hi." }], max_tokens: 8 });
    expect(viaGateway.status).toBe(200);
    expect(viaGateway.json.model).toBe("tiny-up"); // the upstream's model, found through its /v1/models
    expect(typeof viaGateway.json.choices[0].message.content).toBe("string");
    gateway.child.kill("SIGTERM");
    expect(await gateway.exited).toBe(0);
    expect(gateway.stdout()).toMatch(/POST \/v1\/chat\/completions 200 \d+\+\d+ tok/);
    const upstreamLog = upstream.stdout().split("\n").filter((l) => l.startsWith("{")).map((l) => JSON.parse(l) as { path: string; status: number });
    expect(upstreamLog.some((l) => l.path === "/v1/completions" && l.status === 200)).toBe(true);

    // SIGTERM while a long call streams: it completes (grace 10 s), then the process exits 0.
    const res = await fetch(`${upstream.url}/v1/chat/completions`, {
      method: "POST",
      headers: auth,
      body: JSON.stringify({ messages: [{ role: "user", content: "Write." }], tools: [essay], tool_choice: "required", parallel_tool_calls: false, max_tokens: 2500, stream: true }),
    });
    expect(res.status).toBe(200);
    const events = readSse(res);
    await expect.poll(async () => (await (await fetch(`${upstream.url}/metrics`, { headers: auth })).text()).includes("hammer_requests_in_flight 1")).toBe(true);
    upstream.child.kill("SIGTERM");
    const all = await events;
    expect(all.at(-1)).toBe("[DONE]");
    expect(all.at(-2).choices[0].finish_reason).toBe("tool_calls");
    expect(await upstream.exited).toBe(0);
    expect(upstream.stdout()).toContain("SIGTERM, stopping");
    expect(upstream.stdout()).toContain("hammer serve: stopped");
  });

  it("fails with one line and its exit code: a missing model file (3), an unreachable upstream (5), bad timeouts, a bad size or origin (2)", async () => {
    const cases = [
      [["--model", "/nonexistent/model.gguf"], /^hammer: \/nonexistent\/model\.gguf: model file not found$/, 3],
      [["--upstream", "http://127.0.0.1:9"], /^hammer: cannot list the models of http:\/\/127\.0\.0\.1:9\/v1 .*; pass --upstream-model NAME$/, 5],
      [["--model", "/nonexistent/model.gguf", "--header-timeout", "60s", "--body-timeout", "10s"], /^hammer: --header-timeout \(60 s\) must not exceed --body-timeout \(10 s\)/, 2],
    ] as const;
    const [usage, cors, ...results] = await Promise.all([
      runServeExpectingFailure(["--max-body", "lots"]),
      runServeExpectingFailure(["--cors", "https://app.example.com/"]),
      ...cases.map(([args]) => runServeExpectingFailure([...args])),
    ]);
    results.forEach((r, i) => {
      expect(r.code).toBe(cases[i]![2]);
      expect(r.stderr.trim()).toMatch(cases[i]![1]); // one line
      expect(r.stdout).not.toContain("listening");
    });
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain("invalid size \"lots\"");
    expect(cors.code).toBe(2);
    expect(cors.stderr).toContain('invalid --cors origin "https://app.example.com/"');
  });
});
