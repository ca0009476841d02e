import { existsSync, readFileSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { availableParallelism } from "node:os";
import path from "node:path";
import { HammerError } from "../core/errors.js";
import { buildRunConfig, type RunConfig } from "./buildRunConfig.js";
import { checkTrainData, type TrainDataSummary } from "./checkTrainData.js";
import { deepspeedConfig } from "./deepspeedConfig.js";
import { launchCommand } from "./launchCommand.js";
import { MetricsFile } from "./MetricsFile.js";
import { errorFromEvent, runTrainerProcess } from "./runTrainerProcess.js";
import { trainerChildEnv } from "./trainerChildEnv.js";
import type { DataEvent, StartEvent, TrainerEvent } from "./trainerEvents.js";
import { trainerRoot } from "./trainerRoot.js";
import { trainerPython, venvLocation } from "./trainerVenv.js";
import type { TrainOptions } from "./trainOptions.js";

export interface TrainRunOptions {
  /** Called with every engine event (progress bars, logs). */
  onEvent?: (e: TrainerEvent) => void;
  /** Called after the data file checked out, before any Python starts. */
  onDataChecked?: (summary: TrainDataSummary) => void;
  onStopRequested?: (hard: boolean) => void;
  /** Copy the engine's stderr to ours (it always goes to RUN_DIR/train.log). */
  verbose?: boolean;
  /** Handle SIGINT/SIGTERM: the first stops after a checkpoint, a second kills (the CLI sets this). */
  handleSignals?: boolean;
  /** Aborting stops the run gracefully, like a first Ctrl-C. */
  signal?: AbortSignal;
  /** The Python to run (default: the venv `hammer train setup` made). */
  python?: string;
}

export interface TrainResult {
  status: "done" | "stopped";
  runDir: string;
  /** Steps trained in total (over every resume). */
  step: number;
  /** RUN_DIR/adapter (LoRA, CGC-LoRA) or RUN_DIR/model (full) when done. */
  output?: string;
  /** The latest checkpoint written (a stopped run resumes from it). */
  checkpoint?: string;
  data?: DataEvent;
  start?: StartEvent;
  lastLoss?: number | null;
}

export const CONFIG_FILE = "config.json";

/** Start a new run: check flags and data, write RUN_DIR/config.json, train. */
export async function trainModel(options: TrainOptions, run: TrainRunOptions = {}): Promise<TrainResult> {
  const cfg = await buildRunConfig(options);
  const dir = cfg.run_dir;
  if (existsSync(path.join(dir, CONFIG_FILE))) {
    throw new HammerError("USAGE", "this folder already holds a run: continue it with --resume, or choose another --out", { location: dir });
  }
  const summary = checkTrainData(cfg.data.path, cfg.data.task_field ?? undefined);
  if (cfg.method === "cgc-lora" && Object.keys(summary.tasks).length < 2) {
    throw new HammerError("INPUT_INVALID", `cgc-lora needs rows of at least two tasks in "${cfg.data.task_field}" (found ${Object.keys(summary.tasks).join(", ") || "none"})`, {
      location: cfg.data.path,
    });
  }
  run.onDataChecked?.(summary);
  const python = run.python ?? trainerPython(venvLocation(trainerRoot()));
  await mkdir(dir, { recursive: true });
  if (cfg.distributed.deepspeed !== null) {
    cfg.distributed.deepspeed_config = path.join(dir, "deepspeed.json");
    await writeFile(cfg.distributed.deepspeed_config, `${JSON.stringify(deepspeedConfig(cfg), null, 2)}\n`);
  }
  await writeFile(path.join(dir, CONFIG_FILE), `${JSON.stringify(cfg, null, 2)}\n`);
  return launch(cfg, false, python, run, options.threads);
}

/** Continue a run from its latest checkpoint, with the settings it started with. */
export async function resumeTraining(runDir: string, run: TrainRunOptions = {}, threads?: number): Promise<TrainResult> {
  const file = path.join(path.resolve(runDir), CONFIG_FILE);
  let cfg: RunConfig;
  try {
    cfg = JSON.parse(readFileSync(file, "utf8")) as RunConfig;
  } catch {
    throw new HammerError("NOT_FOUND", "not a training run (no readable config.json)", { location: file });
  }
  const python = run.python ?? trainerPython(venvLocation(trainerRoot()));
  return launch(cfg, true, python, run, threads);
}

async function launch(cfg: RunConfig, resume: boolean, python: string, run: TrainRunOptions, threads?: number): Promise<TrainResult> {
  const dir = cfg.run_dir;
  const cmd = launchCommand(cfg, python, path.join(dir, CONFIG_FILE), resume);
  const perProcess = threads ?? Math.max(1, Math.floor(availableParallelism() / cmd.localProcesses));
  const metrics = new MetricsFile(path.join(dir, "metrics.jsonl"));
  if (!resume && existsSync(metrics.file)) metrics.resumeFrom(0);
  const result: TrainResult = { status: "done", runDir: dir, step: 0 };
  const outcome = await runTrainerProcess({
    command: cmd.command,
    args: cmd.args,
    env: trainerChildEnv(trainerRoot(), perProcess),
    cwd: dir,
    logFile: path.join(dir, "train.log"),
    verbose: run.verbose,
    gracefulStop: run.handleSignals,
    onStopRequested: run.onStopRequested,
    signal: run.signal,
    onEvent: (e) => {
      switch (e.event) {
        case "data":
          result.data = e;
          break;
        case "start":
          result.start = e;
          result.step = e.start_step;
          metrics.resumeFrom(e.start_step);
          break;
        case "step":
          result.step = e.step;
          result.lastLoss = e.loss;
          metrics.append(e);
          break;
        case "checkpoint":
          result.checkpoint = e.path;
          break;
        case "stopped":
          result.status = "stopped";
          result.checkpoint = e.checkpoint;
          break;
        case "done":
          result.output = e.output;
          break;
      }
      run.onEvent?.(e);
    },
  });
  if (outcome.error) throw errorFromEvent(outcome.error);
  if (result.status === "stopped" || (outcome.stopRequested && result.output === undefined)) {
    result.status = "stopped";
    if (result.checkpoint === undefined) {
      throw new HammerError("ABORTED", "stopped before a checkpoint was written: nothing to resume yet", { location: dir });
    }
    return result;
  }
  if (result.output === undefined) throw new HammerError("INTERNAL", "the trainer exited without finishing or reporting an error", { location: path.join(dir, "train.log") });
  return result;
}
