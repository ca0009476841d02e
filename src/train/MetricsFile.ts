import { appendFileSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import type { StepEvent } from "./trainerEvents.js";

/** `RUN_DIR/metrics.jsonl`: one line per optimizer step (the step event without its tag). */
export class MetricsFile {
  constructor(readonly file: string) {}

  /** A resumed run replays from `startStep`: lines of later steps (trained before the stop, never checkpointed) go. */
  resumeFrom(startStep: number): void {
    if (!existsSync(this.file)) return;
    const kept = readFileSync(this.file, "utf8")
      .split("\n")
      .filter((line) => {
        if (!line.trim()) return false;
        try {
          return (JSON.parse(line) as { step: number }).step <= startStep;
        } catch {
          return false;
        }
      });
    writeFileSync(this.file, kept.map((l) => `${l}\n`).join(""));
  }

  append(e: StepEvent): void {
    const { event: _event, ...fields } = e;
    appendFileSync(this.file, `${JSON.stringify(fields)}\n`);
  }

  read(): Array<Omit<StepEvent, "event">> {
    if (!existsSync(this.file)) return [];
    return readFileSync(this.file, "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as Omit<StepEvent, "event">);
  }
}
