import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { HammerError } from "../core/index.js";

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

/** A stage in the experiment's graph: what it waits for and how many cores it keeps busy. */
export interface GraphStage {
  spec: StageSpec;
  upstream: string[];
  /** Cores the stage's command uses (torch or llama.cpp threads); stages run together while they fit. */
  threads: number;
}

export interface StageGraphOptions {
  /** Cores the stages may use together (a stage that wants more runs alone). */
  cores: number;
  /** Aborted by the caller (Ctrl-C) or here on the first failure: running commands stop resumably. */
  stop: AbortController;
  log: (line: string) => void;
  /** Label suffix count: the report is the graph's last step. */
  total: number;
}

/**
 * Run stages in list order as soon as their upstream stages are done and their threads fit in
 * `cores` beside the running ones (two 1-thread evaluations share 2 cores; a 2-thread training
 * runs alone). Each stage's inputs get its upstream stages' hashes, so a change anywhere reruns
 * everything after it. The first failure stops the others (they resume on a rerun) and is thrown.
 */
export async function runStageGraph(stages: readonly GraphStage[], o: StageGraphOptions): Promise<Map<string, string>> {
  const hashes = new Map<string, string>();
  const pending = stages.map((s, i) => ({ ...s, index: i }));
  const running = new Map<string, Promise<void>>();
  let used = 0;
  let failure: unknown = null;
  const fits = (threads: number) => running.size === 0 || used + Math.min(threads, o.cores) <= o.cores;
  while ((pending.length > 0 && failure === null) || running.size > 0) {
    if (failure === null && !o.stop.signal.aborted) {
      for (let i = 0; i < pending.length; ) {
        const s = pending[i]!;
        if (!s.upstream.every((u) => hashes.has(u)) || !fits(s.threads)) {
          i++;
          continue;
        }
        pending.splice(i, 1);
        const cost = Math.min(s.threads, o.cores);
        used += cost;
        s.spec.inputs = { ...(s.spec.inputs as Record<string, unknown>), upstream: s.upstream.map((u) => hashes.get(u) ?? null) };
        const label = `[${s.index + 1}/${o.total}] ${s.spec.name}`;
        o.log(`${label}: …`);
        const started = performance.now();
        const done = runStage(s.spec).then(
          (r) => {
            hashes.set(s.spec.name, r.hash);
            o.log(r.outcome === "skipped" ? `${label}: skipped (its outputs match its inputs)` : `${label}: done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
          },
          (e: unknown) => {
            failure ??= e;
            o.stop.abort();
          },
        );
        running.set(s.spec.name, done.finally(() => {
          running.delete(s.spec.name);
          used -= cost;
        }));
      }
    }
    if (running.size === 0) break;
    await Promise.race(running.values());
  }
  if (failure !== null) throw failure;
  if (pending.length > 0) {
    const first = pending[0]!;
    if (o.stop.signal.aborted) throw new HammerError("ABORTED", `stopped before ${first.spec.name}; rerun the same command to resume`);
    throw new HammerError("INTERNAL", `stage ${first.spec.name} waits for ${first.upstream.filter((u) => !hashes.has(u)).join(", ")}, which no stage provides`);
  }
  return hashes;
}
