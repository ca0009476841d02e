import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../src/core/json/index.js";
import type { ToolDef } from "../../src/core/types.js";
import { createEngine, type Engine } from "../../src/engine/index.js";
import { writeRandomModel } from "../../src/export/index.js";
import type { RunResults } from "../../src/eval/run/index.js";
import { runCli } from "../support/runCli.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../support/sharedData.js";

// `--decoding constrained|free` on a tiny random-weight model: free decoding runs without the
// grammar and its raw text is scored as BFCL decodes it; constrained is the default; the choice
// is part of the run config, so --resume refuses to mix them.

let dir: string;
let model: string;
let engine: Engine | undefined;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), "hammer-decoding-"));
  model = (await writeRandomModel({ shape: "tiny", seed: 5, out: path.join(dir, "tiny.gguf") })).path;
}, 120_000);
afterAll(async () => {
  await engine?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const pick: ToolDef = { name: "pick", description: "", parameters: { type: "object", properties: { n: { type: "integer", enum: [1, 2] } }, required: ["n"] } };

describe("engine decoding", () => {
  it("constrained forces a call; free generates the same prompt without the grammar and never throws on what it reads", async () => {
    engine = await createEngine({ backend: "llama", model, threads: 1, gpu: false, contextSize: 2048 });
    const request = { messages: [{ role: "user" as const, content: "Pick one." }], tools: [pick], toolChoice: "required" as const, parallelToolCalls: false, maxTokens: 200, seed: 1 };
    const constrained = await engine.generate(request);
    expect(constrained.finishReason).toBe("tool_calls");
    expect(constrained.toolCalls[0]?.name).toBe("pick");
    const free = await engine.generate({ ...request, decoding: "free" });
    // Random weights do not write a call block without the grammar: the text is the answer.
    expect(free.raw).not.toBe(constrained.raw);
    expect(free.toolCalls).toEqual([]);
    expect(["stop", "length"]).toContain(free.finishReason);
    expect(free.usage.completionTokens).toBeGreaterThan(0);
  }, 120_000);
});

describe.skipIf(!HAS_SHARED_DATA)(`hammer eval run --decoding${HAS_SHARED_DATA ? "" : ` (skipped: ${SKIP_SHARED_REASON})`}`, () => {
  const run = (out: string, ...extra: string[]) =>
    runCli(["eval", "run", "--model", model, "--threads", "1", "--bench", "bfcl:simple,bfcl:irrelevance", "--data", SHARED_DATA, "--limit", "2", "--max-tokens", "24", "--quiet", "--out", out, ...extra]);
  const results = (out: string) => parseJson(readFileSync(path.join(out, "results.json"), "utf8")) as unknown as RunResults;

  it("constrained is the default and recorded", async () => {
    const out = path.join(dir, "constrained");
    const cli = await run(out);
    expect(cli.code, cli.stderr).toBe(0);
    expect(results(out).run.decoding).toBe("constrained");
    expect((parseJson(readFileSync(path.join(out, "run.json"), "utf8")) as { config: { decoding: string } }).config.decoding).toBe("constrained");
  }, 240_000);

  it("free runs and scores every sample from its raw text; --resume refuses another decoding", async () => {
    const out = path.join(dir, "free");
    const cli = await run(out, "--decoding", "free");
    expect(cli.code, cli.stderr).toBe(0);
    const r = results(out);
    expect(r.run.decoding).toBe("free");
    expect(r.counts).toMatchObject({ samples: 4, errors: 0 });
    expect(readFileSync(path.join(out, "summary.md"), "utf8")).toContain("free (no grammar)");
    for (const s of r.samples) {
      expect(typeof s.raw_output).toBe("string");
      // A simple sample without a readable call is wrong with BFCL's error type, not a generation error.
      if (s.part === "bfcl:simple" && !s.correct) expect(s.error_type).toMatch(/^(ast_decoder:|simple_function_checker:|type_error:|value_error:)/);
    }
    const again = await run(out, "--resume");
    expect(again.code).toBe(3);
    expect(again.stderr).toContain('decoding "free" → "constrained"');
  }, 240_000);

  it("--decoding free with a chat-mode endpoint is a usage error (the server decodes)", async () => {
    const cli = await runCli(["eval", "run", "--endpoint", "http://127.0.0.1:9/v1", "--bench", "bfcl:simple", "--data", SHARED_DATA, "--decoding", "free", "--out", path.join(dir, "ep")]);
    expect(cli.code).toBe(2);
    expect(cli.stderr).toContain("hammer serve --decoding free");
  }, 60_000);
});
