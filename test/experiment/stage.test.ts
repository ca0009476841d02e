import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hashInputs, readStageRecord, runStage, runStageGraph, type GraphStage, type StageSpec } from "../../src/experiment/index.js";

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

describe("runStageGraph: stages side by side while their threads fit", () => {
  /** A stage that records when it starts and ends; `gate` holds it until released. */
  function timed(name: string, events: string[], o: { fail?: boolean; signal?: () => AbortSignal } = {}): StageSpec {
    const dir = path.join(root, "graph", name.replaceAll(" ", "-"), String(Math.random()).slice(2));
    return {
      name,
      dir,
      inputs: { name },
      outputs: ["out.txt"],
      run: async () => {
        events.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 20));
        if (o.fail) throw new Error(`${name} failed`);
        if (o.signal) {
          const signal = o.signal();
          await new Promise<void>((r) => (signal.aborted ? r() : signal.addEventListener("abort", () => r(), { once: true })));
          events.push(`stopped ${name}`);
        }
        writeFileSync(path.join(dir, "out.txt"), name);
        events.push(`end ${name}`);
      },
    };
  }
  const options = (cores: number, stop = new AbortController()) => ({ cores, stop, log: () => undefined, total: 9 });
  /** The most stages running at once, from the start/end events. */
  const peak = (events: string[]) => {
    let n = 0;
    let max = 0;
    for (const e of events) {
      if (e.startsWith("start")) max = Math.max(max, ++n);
      if (e.startsWith("end")) n--;
    }
    return max;
  };

  it("two 1-thread stages share 2 cores; a 2-thread stage runs alone; upstream stages finish first", async () => {
    const events: string[] = [];
    const graph: GraphStage[] = [
      { spec: timed("a", events), upstream: [], threads: 1 },
      { spec: timed("b", events), upstream: [], threads: 1 },
      { spec: timed("train", events), upstream: ["a", "b"], threads: 2 },
      { spec: timed("c", events), upstream: ["train"], threads: 1 },
      { spec: timed("d", events), upstream: ["train"], threads: 1 },
    ];
    const hashes = await runStageGraph(graph, options(2));
    expect([...hashes.keys()].sort()).toEqual(["a", "b", "c", "d", "train"]);
    expect(events.slice(0, 2).sort()).toEqual(["start a", "start b"]);
    const i = events.indexOf("start train");
    expect(events.slice(i - 2, i).sort()).toEqual(["end a", "end b"]);
    expect(events[i + 1]).toBe("end train");
    expect(events.slice(i + 2, i + 4).sort()).toEqual(["start c", "start d"]);
    expect(peak(events)).toBe(2);
  });

  it("on 1 core, one stage at a time in list order", async () => {
    const events: string[] = [];
    const graph: GraphStage[] = ["a", "b", "c"].map((n) => ({ spec: timed(n, events), upstream: [], threads: 1 }));
    await runStageGraph(graph, options(1));
    expect(events).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("the first failure stops the running stages, starts nothing new, and is thrown", async () => {
    const events: string[] = [];
    const stop = new AbortController();
    const graph: GraphStage[] = [
      { spec: timed("slow", events, { signal: () => stop.signal }), upstream: [], threads: 1 },
      { spec: timed("bad", events, { fail: true }), upstream: [], threads: 1 },
      { spec: timed("later", events), upstream: [], threads: 1 },
    ];
    await expect(runStageGraph(graph, options(2, stop))).rejects.toThrow("bad failed");
    expect(stop.signal.aborted).toBe(true);
    expect(events).toContain("stopped slow");
    expect(events).not.toContain("start later");
  });

  it("stopped from outside: the stages not started are named; a stage waiting for no stage is a bug", async () => {
    const stop = new AbortController();
    stop.abort();
    await expect(runStageGraph([{ spec: timed("x", []), upstream: [], threads: 1 }], options(2, stop))).rejects.toMatchObject({ code: "ABORTED" });
    await expect(runStageGraph([{ spec: timed("y", []), upstream: ["nowhere"], threads: 1 }], options(2))).rejects.toMatchObject({ code: "INTERNAL", message: expect.stringContaining("nowhere") });
  });
});
