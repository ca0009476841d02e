import { appendFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeRandomModel } from "../../src/export/index.js";
import type { RunResults } from "../../src/eval/index.js";
import { writeFixtureData } from "./support/fixtureData.js";
import { runCli, startCli } from "./support/runCli.js";

// `hammer eval run` killed halfway (SIGKILL, as a crash or an OOM kill would) and resumed gives
// the results of an uninterrupted run with the same seed.

const SAMPLES = 48; // bfcl:simple 46, multiple 1, irrelevance 1: long enough to be caught halfway
let data: { dir: string; cleanup: () => void };
let out: string;
let model: string;
beforeAll(async () => {
  data = writeFixtureData(44);
  out = mkdtempSync(path.join(os.tmpdir(), "hammer-eval-resume-"));
  model = (await writeRandomModel({ shape: "tiny", quant: "q8_0", seed: 5, out: path.join(out, "tiny.gguf") })).path;
});
afterAll(() => {
  data?.cleanup();
  if (out) rmSync(out, { recursive: true, force: true });
});

const args = (dir: string) => [
  "eval",
  "run",
  "--bench",
  "bfcl:simple,bfcl:multiple,bfcl:irrelevance",
  "--data",
  data.dir,
  "--model",
  model,
  "--threads",
  "1",
  "--context-size",
  "2048",
  "--max-tokens",
  "40",
  "--seed",
  "7",
  "--quiet",
  "--out",
  dir,
];
const lines = (file: string) => (existsSync(file) ? readFileSync(file, "utf8").split("\n").filter((l) => l.trim() !== "") : []);
/** results.json without what legitimately differs between two runs: timings. */
function stable(dir: string): unknown {
  const r = JSON.parse(readFileSync(path.join(dir, "results.json"), "utf8")) as RunResults;
  return { ...r, timing: null, samples: r.samples.map((s) => ({ ...s, latency_ms: null })) };
}

describe("eval run: kill and resume", () => {
  it("continues a killed run without redoing logged samples and ends with the uninterrupted results", async () => {
    const whole = path.join(out, "whole");
    const a = await runCli(args(whole));
    expect(a.stderr).toBe("");
    expect(a.code).toBe(0);
    expect(lines(path.join(whole, "predictions.jsonl"))).toHaveLength(SAMPLES);

    // Kill the second run once a few answers are on disk.
    const killed = path.join(out, "killed");
    const log = path.join(killed, "predictions.jsonl");
    const run = startCli(args(killed));
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (lines(log).length >= 5) {
          clearInterval(poll);
          run.child.kill("SIGKILL");
          resolve();
        }
      }, 10);
      void run.done.then((r) => {
        clearInterval(poll);
        reject(new Error(`the run ended before it could be killed (code ${r.code}): ${r.stderr}`));
      });
    });
    const k = await run.done;
    expect(k.signal).toBe("SIGKILL");
    const before = lines(log);
    expect(before.length).toBeGreaterThanOrEqual(5);
    expect(before.length).toBeLessThan(SAMPLES);
    expect(existsSync(path.join(killed, "results.json"))).toBe(false);
    appendFileSync(log, '{"id": "simple_4', "utf8"); // as if killed in mid-write

    const resumed = await runCli([...args(killed), "--resume"]);
    expect(resumed.code).toBe(0);
    expect(resumed.stderr).toMatch(/dropped a torn last line \(16 bytes\)/);
    const after = lines(log);
    expect(after).toHaveLength(SAMPLES);
    expect(after.slice(0, before.length)).toEqual(before); // nothing logged twice or rewritten
    expect(new Set(after.map((l) => (JSON.parse(l) as { id: string }).id)).size).toBe(SAMPLES);
    expect(stable(killed)).toEqual(stable(whole));
    expect((JSON.parse(readFileSync(path.join(killed, "results.json"), "utf8")) as RunResults).timing.sessions).toBe(2);

    // The same folder with another seed is refused.
    const other = await runCli([...args(killed).map((x) => (x === "7" ? "8" : x)), "--resume"]);
    expect(other.code).toBe(3); // the folder holds another run: bad input
    expect(other.stderr).toMatch(/^hammer: .*cannot resume the run in .*killed: its config differs \(seed 7 → 8\)\n$/);
  });
});
