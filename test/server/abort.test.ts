import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Engine } from "../../src/engine/index.js";
import { recordingEngine, type Outcome } from "./support/recordingEngine.js";
import { postJson, startServer, type RunningServer } from "./support/startServer.js";
import { tinyEngine, writeTinyModel } from "./support/tinyModel.js";

/**
 * A client that drops a request mid-call frees its sequence at once, on the real llama engine
 * with one sequence. The call is forced long (6 strings of ≥ 400 characters, ~2 000 tokens), so
 * if the server did not abort it, it would end as `tool_calls`, not `abort`, and the next
 * request would have waited for it.
 */
const essay = {
  type: "function",
  function: {
    name: "write_essays",
    description: "Write six long essays",
    parameters: {
      type: "object",
      properties: { essays: { type: "array", minItems: 6, maxItems: 6, items: { type: "string", minLength: 400, maxLength: 450 } } },
      required: ["essays"],
    },
  },
};
const longCall = { model: "m", messages: [{ role: "user", content: "Write." }], tools: [essay], tool_choice: "required", max_tokens: 3000 };
const quick = { model: "m", messages: [{ role: "user", content: "Hi" }], max_tokens: 4 };

let model: { file: string; cleanup: () => void };
let engine: Engine;
let srv: RunningServer;
const outcomes: Outcome[] = [];
beforeAll(async () => {
  model = await writeTinyModel();
  engine = await tinyEngine(model.file, 1);
  srv = await startServer(recordingEngine(engine, outcomes));
});
afterAll(async () => {
  await srv?.close();
  await engine?.close();
  model?.cleanup();
});

/** Start the long call and drop it: a stream after its first argument fragment, a plain request once it runs. */
async function dropMidCall(stream: boolean): Promise<void> {
  const ac = new AbortController();
  const pending = fetch(`${srv.baseURL}/chat/completions`, { method: "POST", body: JSON.stringify({ ...longCall, stream }), signal: ac.signal });
  if (stream) {
    const reader = (await pending).body!.getReader();
    let seen = "";
    while (!seen.includes('"arguments":"{')) seen += new TextDecoder().decode((await reader.read()).value);
  } else {
    await expect.poll(() => srv.server.hammer.load.running).toBe(1);
  }
  ac.abort();
  await pending.catch(() => undefined);
}

describe("client disconnect on the llama engine (parallel 1)", () => {
  it.each([true, false])("stream=%s: the dropped call is aborted and the next request served", async (stream) => {
    outcomes.length = 0;
    const started = performance.now();
    await dropMidCall(stream);
    const next = await postJson(`${srv.baseURL}/chat/completions`, quick);
    expect(next.status).toBe(200);
    const ms = performance.now() - started;
    // The dropped generation ended early (never `tool_calls`, its natural end), before the next one ran.
    expect(outcomes).toHaveLength(2);
    expect(["abort", "stopped"]).toContain(outcomes[0]!.finishReason);
    expect(outcomes[1]!.finishReason).toBe(next.json.choices[0].finish_reason);
    if (outcomes[0]!.completionTokens !== undefined) expect(outcomes[0]!.completionTokens).toBeLessThan(800);
    await expect.poll(() => srv.logs.find((l) => l.status === 499 && l.stream === stream)).toMatchObject({ aborted: "client_closed" });
    console.log(`stream=${stream}: dropped call ${outcomes[0]!.finishReason} after ${outcomes[0]!.completionTokens ?? "?"} tokens; next answer ${ms.toFixed(0)} ms after the first request was sent`);
  });
});
