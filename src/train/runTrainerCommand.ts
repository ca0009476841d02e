import { existsSync } from "node:fs";
import path from "node:path";
import { HammerError } from "../core/errors.js";
import { errorFromEvent, runTrainerProcess } from "./runTrainerProcess.js";
import { trainerChildEnv } from "./trainerChildEnv.js";
import type { DoneEvent, TrainerEvent } from "./trainerEvents.js";
import { trainerRoot } from "./trainerRoot.js";
import { trainerPython, venvLocation } from "./trainerVenv.js";

export interface TrainerCommandOptions {
  onEvent?: (e: TrainerEvent) => void;
  verbose?: boolean;
  python?: string;
  threads?: number;
}

/** A short engine command on a finished run (merge, export-tasks): its `done` event, or its error. */
export async function runTrainerCommand(runDir: string, args: string[], o: TrainerCommandOptions = {}): Promise<DoneEvent> {
  const dir = path.resolve(runDir);
  if (!existsSync(path.join(dir, "config.json"))) throw new HammerError("NOT_FOUND", "not a training run (no config.json)", { location: dir });
  const python = o.python ?? trainerPython(venvLocation(trainerRoot()));
  let done: DoneEvent | undefined;
  const outcome = await runTrainerProcess({
    command: python,
    args: ["-m", "hammer_trainer", ...args],
    env: trainerChildEnv(trainerRoot(), o.threads ?? 1),
    cwd: dir,
    logFile: path.join(dir, "train.log"),
    verbose: o.verbose,
    onEvent: (e) => {
      if (e.event === "done") done = e;
      o.onEvent?.(e);
    },
  });
  if (outcome.error) throw errorFromEvent(outcome.error);
  if (!done) throw new HammerError("INTERNAL", "the trainer exited without a result", { location: path.join(dir, "train.log") });
  return done;
}

/** `hammer train merge`: the run's adapter merged into its base, as a Hugging Face model folder. */
export async function mergeRun(runDir: string, out: string, options: TrainerCommandOptions & { task?: string; dtype?: "fp32" | "bf16" | "fp16" } = {}): Promise<string> {
  const args = ["merge", "--run", path.resolve(runDir), "--out", path.resolve(out), "--dtype", options.dtype ?? "fp32"];
  if (options.task !== undefined) args.push("--task", options.task);
  return (await runTrainerCommand(runDir, args, options)).output;
}

/** `hammer train export-tasks`: one standard PEFT LoRA adapter per task of a CGC-LoRA run. */
export async function exportTasks(runDir: string, out: string, options: TrainerCommandOptions = {}): Promise<Record<string, string>> {
  const done = await runTrainerCommand(runDir, ["export-tasks", "--run", path.resolve(runDir), "--out", path.resolve(out)], options);
  return done.tasks ?? {};
}
