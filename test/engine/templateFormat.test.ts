import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateModelFile } from "../../src/core/gguf/index.js";
import { parseJson } from "../../src/core/json/index.js";
import type { ToolDef } from "../../src/core/types.js";
import { chooseFormat, createEngine, MEASURED_GENERIC_FORMAT, type Engine } from "../../src/engine/index.js";
import { writeRandomModel } from "../../src/export/index.js";
import { createServer } from "../../src/server/index.js";
import { HAS_REAL_MODEL, REAL_MODEL_PATH, SKIP_REAL_MODEL_REASON } from "../support/realModel.js";
import { runCli } from "../support/runCli.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../support/sharedData.js";

// The `template` format: the GGUF's own chat template, chosen from the metadata and constrained by
// the grammar of the call syntax probed from it, for a qwen2 model (a random-weight one whose name
// does not mark it as hammer-fc's, so its Qwen-style template decides) and a llama one (SmolLM2).

const WEATHER: ToolDef = {
  name: "get_weather",
  description: "Get the current weather in a city",
  parameters: { type: "object", properties: { city: { type: "string", description: "City name" } }, required: ["city"] },
};
/** For random weights, which never close a free-text string: the grammar bounds the value. */
const WEATHER_ENUM: ToolDef = { ...WEATHER, parameters: { type: "object", properties: { city: { type: "string", enum: ["Paris", "Rome"] } }, required: ["city"] } };
const ENGINE = { backend: "llama", threads: 1, gpu: false, contextSize: 2048 } as const;

let dir: string;
let qwen2: string;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "hammer-template-"));
  qwen2 = (await writeRandomModel({ shape: "tiny", seed: 3, name: "tiny-qwen2-chat", out: path.join(dir, "tiny-qwen2-chat.gguf") })).path;
}, 120_000);
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("template format, qwen2 (random weights, Qwen-style template that lists tools)", () => {
  it("is chosen from the GGUF's template, in native mode", async () => {
    const summary = await validateModelFile(qwen2);
    expect(chooseFormat(summary)).toMatchObject({ format: "template", reason: expect.stringContaining("native") });
    // The same file under hammer-fc's random-model name keeps the project's fixed test format.
    expect(chooseFormat({ ...summary, name: "random-qwen2-tiny" }).format).toBe("hammer2.1");
  });

  it("the engine renders through the template and the grammar forces its <tool_call> syntax", async () => {
    const engine = await createEngine({ ...ENGINE, model: qwen2 });
    try {
      expect(engine.info.format).toBe("template");
      const turn = await engine.generate({ messages: [{ role: "user", content: "Weather in Paris?" }], tools: [WEATHER_ENUM], toolChoice: "required", parallelToolCalls: false, maxTokens: 200 });
      expect(turn.finishReason).toBe("tool_calls");
      expect(turn.toolCalls[0]?.name).toBe("get_weather");
      expect(typeof turn.toolCalls[0]?.arguments.city).toBe("string");
      expect(turn.raw.trimStart().startsWith("<tool_call>")).toBe(true);
    } finally {
      await engine.close();
    }
  }, 120_000);

  it("hammer call --format template", async () => {
    const tools = path.join(dir, "tools.json");
    writeFileSync(tools, JSON.stringify([{ type: "function", function: { name: WEATHER.name, description: WEATHER.description, parameters: WEATHER_ENUM.parameters } }]));
    const cli = await runCli(["call", "--model", qwen2, "--threads", "1", "--format", "template", "--tools", tools, "--tool-choice", "required", "--no-parallel-tool-calls", "--max-tokens", "200", "Weather in Paris?"]);
    expect(cli.code, cli.stderr).toBe(0);
    const message = parseJson(cli.stdout) as { tool_calls?: Array<{ function: { name: string; arguments: string } }> };
    expect(message.tool_calls?.[0]?.function.name).toBe("get_weather");
    expect(parseJson(message.tool_calls?.[0]?.function.arguments ?? "")).toMatchObject({ city: expect.any(String) });
  }, 180_000);

  it("serve with the template format answers an OpenAI tool request", async () => {
    const engine = await createEngine({ ...ENGINE, model: qwen2, format: "template" });
    const server = createServer(engine, { textFallback: false });
    await server.listen({ host: "127.0.0.1", port: 0 });
    try {
      const { port } = server.server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/v1/chat/completions`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          model: "tiny",
          messages: [{ role: "user", content: "Weather in Paris?" }],
          tools: [{ type: "function", function: { name: WEATHER.name, parameters: WEATHER_ENUM.parameters } }],
          tool_choice: "required",
          parallel_tool_calls: false,
          max_tokens: 200,
        }),
      });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { system_fingerprint: string; choices: Array<{ finish_reason: string; message: { tool_calls: Array<{ function: { name: string } }> } }> };
      expect(body.system_fingerprint).toContain("template");
      expect(body.choices[0]?.finish_reason).toBe("tool_calls");
      expect(body.choices[0]?.message.tool_calls[0]?.function.name).toBe("get_weather");
    } finally {
      await server.hammer.shutdown(1000);
      await engine.close();
    }
  }, 180_000);

  it.skipIf(!HAS_SHARED_DATA)(`hammer eval run --format template scores BFCL samples${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, async () => {
    const out = path.join(dir, "eval-template");
    const cli = await runCli(["eval", "run", "--model", qwen2, "--threads", "1", "--format", "template", "--bench", "bfcl:simple", "--data", SHARED_DATA, "--limit", "2", "--max-tokens", "64", "--quiet", "--out", out]);
    expect(cli.code, cli.stderr).toBe(0);
    const results = parseJson(readFileSync(path.join(out, "results.json"), "utf8")) as { run: { format: string; requested_format: string }; counts: { samples: number; errors: number } };
    expect(results.run).toMatchObject({ format: "template", requested_format: "template" });
    expect(results.counts).toMatchObject({ samples: 2, errors: 0 });
  }, 240_000);
});

describe.skipIf(!HAS_REAL_MODEL)(`template format, llama (SmolLM2-135M-Instruct)${HAS_REAL_MODEL ? "" : ` (skipped: ${SKIP_REAL_MODEL_REASON})`}`, () => {
  let engine: Engine | undefined;
  afterAll(async () => {
    await engine?.close();
  });

  it("its template knows no tools: the measured generic format is chosen, template renders in generic mode", async () => {
    const summary = await validateModelFile(REAL_MODEL_PATH);
    expect(summary.architecture).toBe("llama");
    const chosen = chooseFormat(summary);
    expect(chosen.format).toBe(MEASURED_GENERIC_FORMAT.format);
    expect(chosen.reason).toContain("knows no tools");
  });

  it("--format template: a weather call whose city is a real string", async () => {
    engine = await createEngine({ ...ENGINE, model: REAL_MODEL_PATH, format: "template" });
    expect(engine.info.format).toBe("template");
    const turn = await engine.generate({ messages: [{ role: "user", content: "What is the weather in Paris?" }], tools: [WEATHER], toolChoice: "required", parallelToolCalls: false, maxTokens: 60 });
    expect(turn.finishReason).toBe("tool_calls");
    expect(turn.raw).toContain("<tool_call>");
    expect(turn.toolCalls[0]).toMatchObject({ name: "get_weather", arguments: { city: expect.stringMatching(/paris/i) } });
  }, 180_000);
});
