import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { MetricsFile } from "./MetricsFile.js";
import { parseTrainerEvent, type StepEvent } from "./trainerEvents.js";

const step = (n: number): StepEvent => ({
  event: "step", step: n, total_steps: 9, epoch: n / 9, loss: 2 - n / 10, lr: 1e-4, grad_norm: 0.5, tokens: 100, label_tokens: 10,
  tokens_per_s: 1000, step_s: 0.1, elapsed_s: n / 10, eta_s: 1,
});

describe("the engine's progress protocol", () => {
  it("parses events and ignores anything else on stdout", () => {
    expect(parseTrainerEvent(JSON.stringify(step(1)))).toEqual(step(1));
    expect(parseTrainerEvent('{"event": "error", "code": "INPUT_INVALID", "message": "bad", "location": "d: row 2"}')).toMatchObject({ code: "INPUT_INVALID" });
    expect(parseTrainerEvent('{"event": "step", "loss": 1}')).toBeUndefined(); // lacks its fields
    expect(parseTrainerEvent('{"event": "party"}')).toBeUndefined();
    expect(parseTrainerEvent("[W socket.cpp] some launcher line")).toBeUndefined();
    expect(parseTrainerEvent("{not json")).toBeUndefined();
    expect(parseTrainerEvent(JSON.stringify({ ...step(2), loss: null }))).toMatchObject({ loss: null });
  });

  it("metrics.jsonl keeps one line per step and forgets steps a resumed run trains again", () => {
    const dir = mkdtempSync(path.join(tmpdir(), "hammer-metrics-"));
    try {
      const m = new MetricsFile(path.join(dir, "metrics.jsonl"));
      for (let i = 1; i <= 5; i++) m.append(step(i));
      expect(m.read().map((r) => r.step)).toEqual([1, 2, 3, 4, 5]);
      expect(readFileSync(m.file, "utf8").split("\n")[0]).not.toContain('"event"');
      m.resumeFrom(3); // stopped after step 5, last checkpoint at 3
      m.append(step(4));
      expect(m.read().map((r) => r.step)).toEqual([1, 2, 3, 4]);
      writeFileSync(m.file, readFileSync(m.file, "utf8") + '{"step": 9, "torn');
      m.resumeFrom(4);
      expect(m.read().map((r) => r.step)).toEqual([1, 2, 3, 4]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
