import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSyntheticXlam } from "../../src/data/index.js";
import { startCli } from "../support/runCli.js";

// `hammer data build` stopped by a signal in mid-build: it removes its temp files, leaves an
// earlier output untouched and exits 128 + the signal's number.

let dir: string;
let xlam: string;
beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), "hammer-build-signal-"));
  xlam = path.join(dir, "xlam.jsonl");
  // Large enough that the build runs for seconds: the signal lands while batches are written.
  writeSyntheticXlam(xlam, { rows: 30_000, seed: 3, layout: "jsonl" });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const temps = (): string[] => readdirSync(dir).filter((f) => f.endsWith(".tmp"));

/** Start a build, wait until its temp output holds data, send `signal`, and return how it ended. */
async function interrupt(signal: NodeJS.Signals, out: string, workers: string) {
  const run = startCli(["data", "build", "--xlam", xlam, "--out", out, "--workers", workers]);
  let ended = false;
  void run.done.then(() => (ended = true));
  const temp = `.${path.basename(out)}.`;
  let midBuild = false;
  while (!ended && !midBuild) {
    midBuild = readdirSync(dir).some((f) => f.startsWith(temp) && f.endsWith(".tmp") && statSync(path.join(dir, f), { throwIfNoEntry: false })?.size);
    if (!midBuild) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(midBuild).toBe(true); // the build was still running when the signal was sent
  run.child.kill(signal);
  return run.done;
}

describe("hammer data build, interrupted", () => {
  it("SIGINT: removes the temp files, keeps the old output, exits 130", async () => {
    const out = path.join(dir, "int.jsonl");
    writeFileSync(out, "old");
    const r = await interrupt("SIGINT", out, "0");
    expect(temps()).toEqual([]);
    expect(r.code).toBe(130);
    expect(r.stderr).toContain("hammer: SIGINT, stopping");
    expect(r.stderr).toMatch(/^hammer: the build was cancelled \(SIGINT\)$/m);
    expect(statSync(out).size).toBe(3);
    expect(existsSync(`${out}.rejects.jsonl`)).toBe(false);
  });

  it("SIGTERM with a worker thread: removes the temp files, exits 143", async () => {
    const out = path.join(dir, "term.json");
    const r = await interrupt("SIGTERM", out, "1");
    expect(temps()).toEqual([]);
    expect(r.code).toBe(143);
    expect(r.stderr).toMatch(/^hammer: the build was cancelled \(SIGTERM\)$/m);
    expect(existsSync(out)).toBe(false);
  });
});
