import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runEval } from "../../src/eval/index.js";
import { FIXTURE_BENCH, writeFixtureData } from "./support/fixtureData.js";
import { GoldEngine } from "./support/GoldEngine.js";
import { loadItems } from "./support/loadFixtureItems.js";
import { runCli } from "./support/runCli.js";

// The CLI surface of `hammer eval run` and `hammer eval compare` (child processes).

let data: { dir: string; cleanup: () => void };
let out: string;
beforeAll(() => {
  data = writeFixtureData();
  out = mkdtempSync(path.join(os.tmpdir(), "hammer-eval-cli-"));
});
afterAll(() => {
  data?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

async function expectUsageError(args: string[], message: RegExp, code = 2): Promise<void> {
  const r = await runCli(["eval", "run", ...args]);
  expect(r.code).toBe(code);
  expect(r.stdout).toBe("");
  expect(r.stderr.trim().split("\n")).toHaveLength(1);
  expect(r.stderr).toMatch(message);
}

describe("hammer eval run: bad flags give one clear line and exit 2 (3 for a missing folder)", () => {
  const base = () => ["--data", data.dir, "--out", path.join(out, "never")];
  it("--offline with --model", async () => {
    await expectUsageError(["--bench", "bfcl:simple", "--model", "x.gguf", "--offline", ...base()], /^hammer: --offline: applies only without --model/m);
  });
  it("an unknown bench", async () => {
    await expectUsageError(["--bench", "bfcl:simple,bfcl:nope", "--model", "x.gguf", ...base()], /^hammer: unknown benchmark "bfcl:nope"; expected one of: bfcl:all, /);
  });
  it("--mask foo", async () => {
    await expectUsageError(["--bench", "bfcl:simple", "--model", "x.gguf", "--mask", "names,foo", ...base()], /^hammer: --mask: unknown mask "foo"; expected a comma-separated subset of names, params, defaults/);
  });
  it("a data dir that does not exist", async () => {
    await expectUsageError(["--bench", "bfcl:simple", "--model", "x.gguf", "--data", path.join(out, "nowhere"), "--out", path.join(out, "never")], /^hammer: --data: no such folder .*nowhere$/m, 3);
    expect(existsSync(path.join(out, "never"))).toBe(false);
  });
  it("a malformed number (commander's own error, still one line)", async () => {
    await expectUsageError(["--bench", "bfcl:simple", "--model", "x.gguf", "--limit", "abc", ...base()], /--limit <n>' argument 'abc' is invalid\. expected an integer from 1/);
  });
});

describe("hammer eval compare", () => {
  it("writes an HTML page and prints Markdown; needs two finished runs", async () => {
    const items = loadItems(FIXTURE_BENCH, data.dir);
    const a = path.join(out, "a");
    const b = path.join(out, "b");
    await runEval({ bench: FIXTURE_BENCH, dataDir: data.dir, outDir: a, engine: new GoldEngine(items, "original"), model: { name: "gold" } });
    await runEval({ bench: FIXTURE_BENCH, dataDir: data.dir, outDir: b, engine: new GoldEngine(items, "original"), model: { name: "gold" }, mask: { names: true, params: false, defaults: false } });

    const html = path.join(out, "cmp.html");
    const r = await runCli(["eval", "compare", a, b, "--out", html, "--markdown"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("| simple | 100.00% | 0.00% (-100.00 pt) |");
    expect(readFileSync(html, "utf8")).toContain('<span class="badge mask">masked: names</span>');

    const one = await runCli(["eval", "compare", a]);
    expect(one.code).toBe(2);
    expect(one.stderr.trim()).toBe("hammer: compare needs at least two run folders");
    const missing = await runCli(["eval", "compare", a, path.join(out, "none")]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/^hammer: .*\/none: no such run folder\n$/);
  });

  it.skipIf(!existsSync("/dev/full"))("a full disk is the environment's failure (exit 6), named with the path", async () => {
    const r = await runCli(["eval", "compare", path.join(out, "a"), path.join(out, "b"), "--out", "/dev/full"]);
    expect(r.code).toBe(6);
    expect(r.stderr).toBe("hammer: /dev/full: cannot write the report: no space left on device (ENOSPC)\n");
  });
});
