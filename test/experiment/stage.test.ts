import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashInputs, readStageRecord, runStage, type StageSpec } from "../../src/experiment/index.js";

const root = mkdtempSync(path.join(tmpdir(), "hammer-stage-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A stage that writes out.txt and counts its runs. */
function counting(dir: string, inputs: Record<string, unknown>, resumable = false): { spec: StageSpec; runs: () => number } {
  let runs = 0;
  const spec: StageSpec = {
    name: "t",
    dir,
    inputs,
    outputs: ["out.txt"],
    resumable,
    run: async () => {
      runs++;
      const seen = existsSync(path.join(dir, "partial.txt")) ? "resumed" : "fresh";
      writeFileSync(path.join(dir, "out.txt"), `${JSON.stringify(inputs)} ${seen}`);
      await Promise.resolve();
    },
  };
  return { spec, runs: () => runs };
}

describe("runStage: skipped when its outputs exist and match its inputs", () => {
  it("runs once, then skips; records the inputs' hash", async () => {
    const dir = path.join(root, "a");
    const s = counting(dir, { steps: 2 });
    expect((await runStage(s.spec)).outcome).toBe("ran");
    expect((await runStage(s.spec)).outcome).toBe("skipped");
    expect(s.runs()).toBe(1);
    expect(readStageRecord(dir)!.hash).toBe(hashInputs({ steps: 2 }));
    expect(hashInputs({ a: 1, b: 2 })).toBe(hashInputs({ b: 2, a: 1 }));
  });

  it("reruns from an empty folder when the inputs change or an output is gone", async () => {
    const dir = path.join(root, "b");
    await runStage(counting(dir, { steps: 2 }).spec);
    writeFileSync(path.join(dir, "stale.txt"), "old");
    const changed = counting(dir, { steps: 3 });
    expect((await runStage(changed.spec)).outcome).toBe("ran");
    expect(existsSync(path.join(dir, "stale.txt"))).toBe(false);
    rmSync(path.join(dir, "out.txt"));
    expect((await runStage(changed.spec)).outcome).toBe("ran");
    expect(changed.runs()).toBe(2);
  });

  it("an interrupted resumable stage keeps its partial outputs for the same inputs only", async () => {
    const dir = path.join(root, "c");
    const failing: StageSpec = { ...counting(dir, { steps: 2 }, true).spec, run: () => (writeFileSync(path.join(dir, "partial.txt"), "half"), Promise.reject(new Error("stopped"))) };
    await expect(runStage(failing)).rejects.toThrow("stopped");
    expect(readStageRecord(dir)).toBeNull();
    await runStage(counting(dir, { steps: 2 }, true).spec);
    expect(readFileSync(path.join(dir, "out.txt"), "utf8")).toContain("resumed");

    const other = path.join(root, "d");
    await expect(runStage({ ...failing, dir: other, run: () => (writeFileSync(path.join(other, "partial.txt"), "half"), Promise.reject(new Error("stopped"))) })).rejects.toThrow();
    await runStage(counting(other, { steps: 9 }, true).spec); // other inputs: the partial outputs are cleared away
    expect(readFileSync(path.join(other, "out.txt"), "utf8")).toContain("fresh");
  });
});
