import { existsSync, mkdirSync, statSync } from "node:fs";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import { fromSystemError } from "../../core/fromSystemError.js";
import type { Decoding, Engine } from "../../engine/index.js";
import type { LoadedBench } from "../scoring/loadBench.js";
import { buildRunResults } from "./buildRunResults.js";
import { configMismatch } from "./configMismatch.js";
import { generateRecord } from "./generateRecord.js";
import { generateMultiTurnRecord } from "./generateMultiTurnRecord.js";
import type { ApiClasses } from "../multiturn/execution/ApiSession.js";
import { loadRunBenches } from "./loadRunBenches.js";
import { parseBenchList } from "./parseBenchList.js";
import { PredictionLog } from "./PredictionLog.js";
import { readRunFile, writeRunFile, type RunFile } from "./readRunFile.js";
import { RUN_FILES } from "./runFiles.js";
import { runPool } from "./runPool.js";
import { runtimeVersions } from "./runtimeVersions.js";
import { sampleIsCorrect } from "./sampleIsCorrect.js";
import type { EvalSample } from "./toEvalItem.js";
import { RUN_CONFIG_KIND, type MaskSelection, type ModelMeta, type RunConfig, type RunResults, type RunSession } from "./types.js";
import { writeRunOutputs } from "./writeRunOutputs.js";

export interface RunEvalOptions {
  /** Comma-separated bench names (`bfcl:simple,hammer:all`). */
  bench: string;
  /** Folder holding `bfcl_v3/` and/or `hammer_eval/`. */
  dataDir: string;
  /** Run folder: run.json, predictions.jsonl, results.json, summary.md, report.html. */
  outDir: string;
  engine: Engine;
  /** What identifies the engine's model (recorded; compared on resume). */
  model: ModelMeta;
  /** The `--format` asked for, null when the engine chose. */
  requestedFormat?: string | null;
  /** First N samples of each part. Default: all. */
  limit?: number | null;
  /** Requests in flight. Default: the engine's `info.parallel`. */
  concurrency?: number;
  /** `free`: no grammar, the raw text is scored as BFCL decodes it. Default `constrained`. */
  decoding?: Decoding;
  /** Robustness mode: Hammer's masks on every sample. Default: none. */
  mask?: MaskSelection | null;
  /** Sampling seed, also the masking seed. Default 0. */
  seed?: number;
  /** Default 0 (greedy). */
  temperature?: number;
  /** Tokens per answer. Default 512 (as Hammer's eval script). */
  maxTokens?: number;
  /** Per-sample limit in milliseconds; 0 (default) = none. */
  timeoutMs?: number;
  /** Continue the run in `outDir` (its config must match). */
  resume?: boolean;
  /** Stops the run: no new samples start, answers in flight are dropped (resume redoes them). */
  signal?: AbortSignal;
  onProgress?: (p: RunProgress) => void;
  /** Multi-turn: the simulated API classes (default: the registry; tests pass fakes). */
  apiClasses?: ApiClasses;
}

export const RUN_DEFAULTS = Object.freeze({ seed: 0, temperature: 0, maxTokens: 512 });

export interface RunProgress {
  /** Samples with a logged answer (earlier sessions included). */
  done: number;
  total: number;
  /** Answers reused from earlier sessions. */
  reused: number;
  correct: number;
  errors: number;
}

export interface RunOutcome {
  /** null when the run was stopped before every sample was answered. */
  results: RunResults | null;
  dir: string;
  /** Answers reused from earlier sessions. */
  reused: number;
  /** Bytes of a torn last log line that were dropped. */
  cutBytes: number;
}

/**
 * `hammer eval run`: generate an answer for every sample of the benches, logging each to
 * predictions.jsonl as it arrives (so a stopped run continues with `resume`), then score them
 * and write results.json, summary.md and report.html (each atomically).
 */
export async function runEval(options: RunEvalOptions): Promise<RunOutcome> {
  const dir = path.resolve(options.outDir);
  const limit = options.limit ?? null;
  if (limit !== null && (!Number.isSafeInteger(limit) || limit < 1)) throw invalid("--limit", `must be a positive integer, got ${String(limit)}`);
  const concurrency = options.concurrency ?? options.engine.info.parallel;
  if (!Number.isSafeInteger(concurrency) || concurrency < 1 || concurrency > 1024) throw invalid("--concurrency", `must be an integer from 1 to 1024, got ${String(concurrency)}`);
  const timeoutMs = options.timeoutMs ?? 0;
  if (!Number.isFinite(timeoutMs) || timeoutMs < 0) throw invalid("--timeout", `must be ≥ 0, got ${String(timeoutMs)}`);

  const benches = parseBenchList(options.bench);
  const loaded = loadRunBenches(benches, options.dataDir, limit);
  const config: RunConfig = {
    kind: RUN_CONFIG_KIND,
    bench: benches.map((b) => b.name).join(","),
    backend: options.engine.info.backend,
    model: options.model,
    requestedFormat: options.requestedFormat ?? null,
    mask: options.mask ?? null,
    decoding: options.decoding ?? "constrained",
    seed: options.seed ?? RUN_DEFAULTS.seed,
    temperature: options.temperature ?? RUN_DEFAULTS.temperature,
    maxTokens: options.maxTokens ?? RUN_DEFAULTS.maxTokens,
    limit,
  };
  const run = openRunDir(dir, config, options.resume === true);
  const session: RunSession = { started_at: new Date().toISOString() };
  const started = performance.now();
  run.sessions.push(session);
  writeRunFile(dir, run);

  const log = PredictionLog.open(path.join(dir, RUN_FILES.predictions));
  try {
    const all = evalSamples(loaded);
    const pending = all.filter((s) => !log.records.has(s.sample.id));
    const progress: RunProgress = { done: all.length - pending.length, total: all.length, reused: all.length - pending.length, correct: 0, errors: 0 };
    for (const s of all) {
      const r = log.records.get(s.sample.id);
      if (!r) continue;
      if (r.error) progress.errors++;
      if (sampleIsCorrect(s, r, options.apiClasses)) progress.correct++;
    }
    options.onProgress?.({ ...progress });

    const generate = { mask: config.mask, decoding: config.decoding ?? "constrained", seed: config.seed, temperature: config.temperature, maxTokens: config.maxTokens, timeoutMs, ...(options.signal ? { signal: options.signal } : {}) };
    await runPool(
      pending,
      concurrency,
      async (s) => {
        // Multi-turn conversations run unmasked: masking applies to one request's tools and gold.
        const record = s.kind === "multi_turn" ? await generateMultiTurnRecord(options.engine, s.sample, generate, options.apiClasses) : await generateRecord(options.engine, s, generate);
        if (record === null) return;
        log.append(record);
        progress.done++;
        if (record.error) progress.errors++;
        if (sampleIsCorrect(s, record, options.apiClasses)) progress.correct++;
        options.onProgress?.({ ...progress });
      },
      options.signal,
    );
    session.wall_ms = Math.round(performance.now() - started);
    writeRunFile(dir, run);
    if (all.some((s) => !log.records.has(s.sample.id))) return { results: null, dir, reused: progress.reused, cutBytes: log.cutBytes };

    const results = buildRunResults({
      config,
      loaded,
      records: log.records,
      format: options.engine.info.format,
      dataDir: path.resolve(options.dataDir),
      sessions: run.sessions,
      finishedAt: new Date(),
      concurrency,
      versions: runtimeVersions(),
      ...(options.apiClasses ? { apiClasses: options.apiClasses } : {}),
    });
    writeRunOutputs(dir, results);
    return { results, dir, reused: progress.reused, cutBytes: log.cutBytes };
  } finally {
    log.close();
  }
}

/** Check the folder against `--resume` and an earlier run's config; returns the run file to continue. */
function openRunDir(dir: string, config: RunConfig, resume: boolean): RunFile {
  if (existsSync(dir) && !statSync(dir).isDirectory()) throw invalid("--out", `${dir} is not a folder`);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (e) {
    throw fromSystemError(e, "--out: cannot create the run folder", dir);
  }
  const prev = readRunFile(dir);
  const hasLog = existsSync(path.join(dir, RUN_FILES.predictions));
  if (prev === null) {
    if (hasLog) throw new HammerError("INPUT_INVALID", `${dir} holds ${RUN_FILES.predictions} but no ${RUN_FILES.config}; choose another --out`, { location: dir });
    return { config, sessions: [] };
  }
  if (!resume) {
    throw new HammerError("INPUT_INVALID", `${dir} already holds a run (${prev.config.bench}); pass --resume to continue it, or choose another --out`, { location: dir });
  }
  const why = configMismatch(prev.config, config);
  if (why !== null) throw new HammerError("INPUT_INVALID", `cannot resume the run in ${dir}: its config differs (${why})`, { location: path.join(dir, RUN_FILES.config) });
  return { config, sessions: prev.sessions };
}

function evalSamples(loaded: readonly LoadedBench[]): EvalSample[] {
  const out: EvalSample[] = [];
  for (const b of loaded) {
    for (const p of b.parts) {
      if (p.kind === "bfcl") for (const sample of p.samples) out.push({ kind: "bfcl", sample });
      else if (p.kind === "multi_turn") for (const sample of p.samples) out.push({ kind: "multi_turn", sample });
      else for (const sample of p.samples) out.push({ kind: "hammer", sample });
    }
  }
  return out;
}

function invalid(flag: string, message: string): HammerError {
  return new HammerError("INPUT_INVALID", `${flag}: ${message}`);
}
