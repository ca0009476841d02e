import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseJson } from "../../src/core/json/index.js";
import { createEngine, type Engine } from "../../src/engine/index.js";
import { writeRandomModel } from "../../src/export/index.js";
import { GENERATION_ERROR_TYPE, describeModelFile, runEval, type RunResults } from "../../src/eval/run/index.js";
import { BFCL_ERROR_TYPES, BFCL_PARTS, HAMMER_ERROR_TYPES, HAMMER_SETS } from "../../src/eval/scoring/index.js";
import { createServer, type HammerServer } from "../../src/server/index.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../support/sharedData.js";
import { runCli } from "./support/runCli.js";

// Every shared BFCL category (multi-turn included) and Hammer set, a few samples each, through a real engine on a tiny
// random-weight model: in-process (llama) and through `hammer serve` (openai backend). Scores
// are near zero; what is checked is that the harness holds together.

const LIMIT = 2;
let out: string;
let model: string;
let engine: Engine | undefined;
beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), "hammer-eval-e2e-"));
  model = (await writeRandomModel({ shape: "tiny", quant: "q8_0", seed: 9, out: path.join(out, "tiny.gguf") })).path;
});
afterAll(async () => {
  await engine?.close();
  if (out) rmSync(out, { recursive: true, force: true });
});

const KNOWN_ERROR_TYPES = new Set<string>([...BFCL_ERROR_TYPES, ...HAMMER_ERROR_TYPES, GENERATION_ERROR_TYPE]);

/** What must hold for any finished run folder, whatever the model answered. */
function checkRunFolder(dir: string, results: RunResults, expectedParts: string[]): void {
  expect(results.run.parts).toEqual(expectedParts);
  expect(results.parts.map((p) => p.part)).toEqual(expectedParts);
  for (const p of results.parts) {
    expect(p.total).toBe(LIMIT);
    expect(p.correct).toBeLessThanOrEqual(p.total);
    if (p.kind === "hammer") expect(p.official).toBeDefined();
  }
  expect(results.counts.samples).toBe(expectedParts.length * LIMIT);
  // Every sample got a verdict: correct, or a known error type with a reason.
  for (const s of results.samples) {
    if (s.correct) expect(s.error_type).toBeNull();
    else {
      expect(KNOWN_ERROR_TYPES.has(s.error_type as string), `${s.id}: ${s.error_type}`).toBe(true);
      expect(s.error).toEqual(expect.any(String));
    }
  }
  // The log holds one well-formed line per sample.
  const log = readFileSync(path.join(dir, "predictions.jsonl"), "utf8").trim().split("\n").map((l) => parseJson(l) as Record<string, unknown>);
  expect(log.map((l) => l.id).sort()).toEqual(results.samples.map((s) => s.id).sort());
  for (const l of log) {
    if (l.error !== undefined) expect(l.error).toMatchObject({ kind: expect.any(String), message: expect.any(String) });
    else if (l.turns !== undefined) {
      // A multi-turn conversation: per turn, per step, the calls.
      expect(Array.isArray(l.turns)).toBe(true);
      expect(["stop", "tool_calls", "length"]).toContain(l.finish_reason);
    } else {
      expect(typeof l.output).toBe("string");
      expect(["stop", "tool_calls", "length"]).toContain(l.finish_reason);
      expect(l.usage).toMatchObject({ prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) });
    }
    for (const c of (l.tool_calls as unknown[] | undefined) ?? []) expect(c).toMatchObject({ name: expect.any(String), arguments: expect.anything() });
  }
  expect(readFileSync(path.join(dir, "summary.md"), "utf8")).toContain("# hammer eval run:");
  expect(readFileSync(path.join(dir, "report.html"), "utf8")).toMatch(/^<!doctype html>/);
}

const presentParts = (r: RunResults) => [
  ...BFCL_PARTS.map((c) => `bfcl:${c}`).filter((p) => !r.run.not_present.includes(p)),
  ...HAMMER_SETS.map((s) => `hammer:${s}`).filter((p) => !r.run.not_present.includes(p)),
];

describe.skipIf(!HAS_SHARED_DATA)("eval run end to end on the tiny model", () => {
  it("llama backend: every shared BFCL category and Hammer set", async () => {
    engine = await createEngine({ backend: "llama", model, threads: 1, parallel: 2, gpu: false, contextSize: 4096 });
    const dir = path.join(out, "llama");
    const { results } = await runEval({ bench: "bfcl:all,hammer:all", dataDir: SHARED_DATA, outDir: dir, engine, model: await describeModelFile(model), limit: LIMIT, maxTokens: 48 });
    expect(results).not.toBeNull();
    const r = results as RunResults;
    expect(r.run).toMatchObject({ backend: "llama", format: "hammer2.1", model: { name: "tiny", sha256: expect.stringMatching(/^[0-9a-f]{64}$/) } });
    expect(r.timing.concurrency).toBe(2);
    const parts = presentParts(r);
    expect(parts.length).toBeGreaterThanOrEqual(10);
    checkRunFolder(dir, r, parts);
  });

  it("openai backend against hammer serve (CLI --endpoint)", async () => {
    engine ??= await createEngine({ backend: "llama", model, threads: 1, parallel: 2, gpu: false, contextSize: 4096 });
    const server: HammerServer = createServer(engine, { textFallback: false });
    await server.listen({ host: "127.0.0.1", port: 0 });
    try {
      const { port } = server.server.address() as AddressInfo;
      const dir = path.join(out, "openai");
      const bench = "bfcl:simple,bfcl:parallel,bfcl:irrelevance,bfcl:live_simple,hammer:apibank_l2,hammer:sealtool";
      const cli = await runCli(["eval", "run", "--bench", bench, "--data", SHARED_DATA, "--endpoint", `http://127.0.0.1:${port}`, "--endpoint-model", "tiny", "--limit", String(LIMIT), "--max-tokens", "48", "--quiet", "--out", dir]);
      expect(cli.stderr).toBe("");
      expect(cli.code).toBe(0);
      expect(cli.stdout).toMatch(/^hammer eval: 12 samples, \d+ correct, \d+ generation error\(s\)/);
      const r = JSON.parse(readFileSync(path.join(dir, "results.json"), "utf8")) as RunResults;
      expect(r.run).toMatchObject({ backend: "openai", model: { name: "tiny", endpoint: `http://127.0.0.1:${port}/v1`, endpoint_mode: "chat" } });
      checkRunFolder(dir, r, bench.split(","));
      expect(r.counts.errors).toBe(0);
      expect(existsSync(path.join(dir, "run.json"))).toBe(true);
    } finally {
      await server.hammer.shutdown(1000);
    }
  });
});
if (!HAS_SHARED_DATA) describe("eval run end to end", () => it.skip(SKIP_SHARED_REASON, () => {}));
