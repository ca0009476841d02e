import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** What a stage records beside its outputs once they are complete. */
export interface StageRecord {
  stage: string;
  hash: string;
  inputs: unknown;
  finished_at: string;
  seconds: number;
}

export interface StageSpec {
  name: string;
  /** The stage's folder; everything it writes goes there. */
  dir: string;
  /** Everything the outputs depend on (options, input hashes, upstream stages' hashes); hashed. */
  inputs: unknown;
  /** Files (relative to dir) that must exist for the stage to count as done. */
  outputs: string[];
  /**
   * Keep what an interrupted run of the same inputs left (the stage continues it: `hammer train
   * --resume`, `hammer eval run --resume`); otherwise a stage without a record starts from an empty folder.
   */
  resumable?: boolean;
  run: () => Promise<void>;
}

export const STAGE_RECORD = "stage.json";
const PENDING = "stage.pending.json";

/** sha256 of a JSON value with sorted keys (so key order never changes a hash). */
export function hashInputs(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("hex");
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const o = value as Record<string, unknown>;
    return `{${Object.keys(o).sort().filter((k) => o[k] !== undefined).map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}

/** sha256 of a file's bytes. */
export function hashFile(file: string): string {
  return createHash("sha256").update(readFileSync(file)).digest("hex");
}

/** The record of a finished stage, or null. */
export function readStageRecord(dir: string): StageRecord | null {
  const file = path.join(dir, STAGE_RECORD);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf8")) as StageRecord;
  } catch {
    return null;
  }
}

export type StageOutcome = "ran" | "skipped";

/**
 * Run a stage unless its outputs exist and were made from the same inputs. A finished stage
 * records its inputs' hash in stage.json (written last); a stage that was started records it in
 * stage.pending.json first, so an interrupted run of the same inputs is continued (resumable
 * stages) and one of other inputs is cleared away.
 */
export async function runStage(spec: StageSpec): Promise<{ outcome: StageOutcome; hash: string }> {
  const hash = hashInputs(spec.inputs);
  const done = readStageRecord(spec.dir);
  if (done?.hash === hash && spec.outputs.every((o) => existsSync(path.join(spec.dir, o)))) return { outcome: "skipped", hash };
  const pendingFile = path.join(spec.dir, PENDING);
  let pendingHash: string | null = null;
  try {
    pendingHash = (JSON.parse(readFileSync(pendingFile, "utf8")) as { hash?: string }).hash ?? null;
  } catch {
    pendingHash = null;
  }
  if (done !== null || !spec.resumable || pendingHash !== hash) rmSync(spec.dir, { recursive: true, force: true });
  mkdirSync(spec.dir, { recursive: true });
  writeFileSync(pendingFile, `${JSON.stringify({ stage: spec.name, hash })}\n`);
  const started = performance.now();
  await spec.run();
  const record: StageRecord = { stage: spec.name, hash, inputs: spec.inputs, finished_at: new Date().toISOString(), seconds: Math.round((performance.now() - started) / 100) / 10 };
  writeFileSync(path.join(spec.dir, STAGE_RECORD), `${JSON.stringify(record, null, 2)}\n`);
  rmSync(pendingFile, { force: true });
  return { outcome: "ran", hash };
}
