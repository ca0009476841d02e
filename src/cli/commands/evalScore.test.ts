import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { pyJsonDumps } from "../../core/python/index.js";
import { groundTruthCalls, loadBfclCategory, loadHammerSet } from "../../eval/index.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../../../test/support/sharedData.js";
import { register as registerDatasets } from "./datasets.js";
import { register as registerEval } from "./eval.js";

/** Run `hammer …` in-process with the eval and datasets groups; returns output and exit code. */
async function hammer(args: string[]): Promise<{ stdout: string; stderr: string; exitCode: number }> {
  const program = new Command().exitOverride();
  registerEval(program);
  registerDatasets(program);
  let stdout = "";
  let stderr = "";
  const out = vi.spyOn(process.stdout, "write").mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  const before = process.exitCode;
  process.exitCode = undefined;
  try {
    await program.parseAsync(args, { from: "user" });
    return { stdout, stderr, exitCode: Number(process.exitCode ?? 0) };
  } finally {
    process.exitCode = before;
    out.mockRestore();
    err.mockRestore();
  }
}

describe.skipIf(!HAS_SHARED_DATA)(`hammer eval score (${HAS_SHARED_DATA ? SHARED_DATA : SKIP_SHARED_REASON})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), "hammer-cli-eval-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("scores raw-text and tool_calls lines, reports missing and malformed ones, --json", async () => {
    const samples = loadBfclCategory(SHARED_DATA, "parallel")?.samples ?? [];
    const lines = samples.slice(0, 150).map((s, i) => {
      const calls = groundTruthCalls(s);
      if (i % 2 === 0) return pyJsonDumps({ id: s.id, output: "```\n" + pyJsonDumps(calls) + "\n```" });
      return pyJsonDumps({ id: s.id, tool_calls: calls.map((c) => ({ name: c.name, arguments: pyJsonDumps(c.arguments) })) });
    });
    lines.push('{"id": "parallel_150", "output": "not a call"}', "garbage", '{"id": "no_such_id", "output": "[]"}');
    const file = path.join(dir, "pred.jsonl");
    writeFileSync(file, lines.join("\n") + "\n");

    const json = await hammer(["eval", "score", "--bench", "bfcl:parallel", "--data", SHARED_DATA, "--predictions", file, "--json"]);
    expect(json.exitCode).toBe(0);
    const doc = JSON.parse(json.stdout) as { bench: string; metrics: Record<string, number>; samples: Array<{ id: string; correct: boolean; error_type: string | null }> };
    expect(doc.bench).toBe("bfcl:parallel");
    expect(doc.metrics).toEqual({ accuracy: 150 / 200, correct: 150, total: 200, missing: 49 });
    expect(doc.samples.find((s) => s.id === "parallel_150")?.error_type).toBe("ast_decoder:decoder_failed");
    expect(doc.samples.find((s) => s.id === "parallel_199")?.error_type).toBe("hammer_fc:missing_prediction");
    expect(json.stderr).toMatch(/pred\.jsonl:152: not valid JSON/);
    expect(json.stderr).toMatch(/pred\.jsonl:153: id no_such_id is not a sample of bfcl:parallel/);
    expect(json.stderr).toMatch(/49 sample\(s\) had no prediction/);

    const text = await hammer(["eval", "score", "--bench", "bfcl:parallel", "--data", SHARED_DATA, "--predictions", file]);
    expect(text.stdout).toMatch(/parallel\s+150\s+200\s+75\.00%\s+49/);
    expect(text.stdout).toMatch(/hammer_fc:missing_prediction\s+49/);
  });

  it("scores a Hammer set", async () => {
    const samples = loadHammerSet(SHARED_DATA, "toolalpaca")?.samples ?? [];
    const file = path.join(dir, "ta.jsonl");
    writeFileSync(file, samples.map((s) => pyJsonDumps({ id: s.id, output: "```\n" + pyJsonDumps(s.answers) + "\n```" })).join("\n"));
    const r = await hammer(["eval", "score", "--bench", "hammer:toolalpaca", "--data", SHARED_DATA, "--predictions", file, "--json"]);
    const m = JSON.parse(r.stdout).metrics as Record<string, number>;
    expect(Math.round((m.f1_param ?? 0) * 10000) / 10000).toBe(1.0704);
    expect(m.f1_api).toBe(1);
    expect(m.f1_param_corrected).toBe(1);
    expect(Object.keys(m)).toEqual(expect.arrayContaining(["precision_api", "recall_api", "precision_param", "recall_param", "recall_param_corrected"]));
  });

  it("scores multi-turn predictions ({id, turns}) with the same --json shape; turn counts are checked first", async () => {
    const file = path.join(dir, "mt.jsonl");
    // Two turns where the ground truth has more: force-terminated whatever the simulated APIs say.
    const turns = [[[{ name: "cd", arguments: { folder: "document" } }]], []];
    writeFileSync(file, [pyJsonDumps({ id: "multi_turn_base_0", turns }), pyJsonDumps({ id: "multi_turn_base_1", turns: ["oops"] })].join("\n"));
    const r = await hammer(["eval", "score", "--bench", "bfcl:multi_turn_base", "--data", SHARED_DATA, "--predictions", file, "--json"]);
    expect(r.exitCode).toBe(0);
    const doc = JSON.parse(r.stdout) as { bench: string; metrics: Record<string, number>; samples: Array<{ id: string; correct: boolean; error_type: string | null }> };
    expect(doc.bench).toBe("bfcl:multi_turn_base");
    expect(doc.metrics).toEqual({ accuracy: 0, correct: 0, total: 200, missing: 198 });
    expect(doc.samples.slice(0, 3)).toEqual([
      { id: "multi_turn_base_0", correct: false, error_type: "multi_turn:force_terminated" },
      { id: "multi_turn_base_1", correct: false, error_type: "multi_turn:inference_error" },
      { id: "multi_turn_base_2", correct: false, error_type: "hammer_fc:missing_prediction" },
    ]);
    const text = await hammer(["eval", "score", "--bench", "bfcl:multi_turn_base", "--data", SHARED_DATA, "--predictions", file]);
    expect(text.stdout).toMatch(/multi_turn_base\s+0\s+200\s+0\.00%\s+198/);
    expect(text.stdout).toMatch(/multi_turn:force_terminated\s+1/);
  });

  it("a bad --bench is a usage error (exit 2), a missing predictions file bad input (exit 3): one line each", async () => {
    const r = await hammer(["eval", "score", "--bench", "bfcl:nope", "--data", SHARED_DATA, "--predictions", "/nonexistent.jsonl"]);
    expect(r.exitCode).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(/^hammer: unknown benchmark "bfcl:nope"/);
    const m = await hammer(["eval", "score", "--bench", "bfcl:simple", "--data", SHARED_DATA, "--predictions", "/nonexistent.jsonl"]);
    expect(m.exitCode).toBe(3);
    expect(m.stderr).toMatch(/^hammer: \/nonexistent\.jsonl: predictions file not found\n$/);
  });
});

describe.skipIf(!HAS_SHARED_DATA)("hammer datasets", () => {
  it("fetch --from the shared mirror, then list shows every copied file verified", async () => {
    const to = mkdtempSync(path.join(tmpdir(), "hammer-cli-ds-"));
    try {
      const f = await hammer(["datasets", "fetch", "--from", SHARED_DATA, "--to", to]);
      expect(f.exitCode).toBe(0);
      expect(f.stderr).toMatch(/53 fetched, 0 already present, 5 not in the mirror, 0 failed/);
      const l = await hammer(["datasets", "list", "--dir", to, "--json"]);
      const rows = JSON.parse(l.stdout) as Array<{ path: string; status: string }>;
      expect(rows.filter((r) => r.status === "ok")).toHaveLength(53);
      expect(rows.filter((r) => r.status !== "ok").every((r) => r.status === "missing")).toBe(true);
      writeFileSync(path.join(to, "bfcl_v3", "BFCL_v3_java.json"), "tampered");
      const bad = await hammer(["datasets", "list", "--dir", to]);
      expect(bad.stdout).toMatch(/size mismatch\s+bfcl_v3\/BFCL_v3_java\.json/);
      expect(bad.exitCode).toBe(1);
    } finally {
      rmSync(to, { recursive: true, force: true });
    }
  });
});
