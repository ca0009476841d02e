import { InvalidArgumentError, Option, type Command } from "commander";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import {
  DEVICES,
  exportTasks,
  HAMMER_RECIPE,
  mergeRun,
  PRECISIONS,
  resumeTraining,
  SAMPLERS,
  SCHEDULERS,
  setupVenv,
  trainModel,
  TRAIN_METHODS,
  type TrainOptions,
  type TrainResult,
} from "../../train/index.js";
import { action } from "../run.js";
import { TrainProgress } from "./trainProgress.js";

function integer(min: number, max = Number.MAX_SAFE_INTEGER): (v: string) => number {
  return (v) => {
    const x = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(x) || x < min || x > max) throw new InvalidArgumentError(`expected an integer in ${min}..${max}`);
    return x;
  };
}

function positive(v: string): number {
  const x = Number(v);
  if (v.trim() === "" || !Number.isFinite(x) || x <= 0) throw new InvalidArgumentError("expected a positive number");
  return x;
}

function fraction(v: string): number {
  const x = Number(v);
  if (v.trim() === "" || !(x >= 0 && x < 1)) throw new InvalidArgumentError("expected a number in [0, 1)");
  return x;
}

function nonNegative(v: string): number {
  const x = Number(v);
  if (v.trim() === "" || !(x >= 0) || !Number.isFinite(x)) throw new InvalidArgumentError("expected a non-negative number");
  return x;
}

interface TrainFlags extends Omit<TrainOptions, "data" | "out" | "addSpecialTokens" | "deepspeed" | "targetModules"> {
  data?: string;
  out?: string;
  resume?: string;
  addSpecialTokens?: string[] | boolean;
  deepspeed?: string;
  targetModules?: string;
  verbose?: boolean;
}

const HELP = `
Run folder (--out): config.json (every setting, resolved), metrics.jsonl (one line per step), train.log (the
engine's log), checkpoints/step-N/ (every --save-steps and at a stop), then adapter/ (LoRA, CGC-LoRA: a PEFT
adapter with its tokenizer) or model/ (full fine-tuning). Ctrl-C stops after the running step with a
checkpoint; continue with: hammer train --resume RUN_DIR. A second Ctrl-C stops at once.

Defaults are Hammer's recipe: LoRA r 32, alpha 64, dropout 0 on all linear layers, lr 5e-5 cosine, warm-up
ratio 0.00833, weight decay 0.01, 1 epoch, max length 2048, batch 4 per device, accumulation 2, bf16 on GPUs
that support it, rows in file order (Hammer's data is shuffled per copy).

Examples:
  hammer train setup
  hammer data build --xlam xlam.json --irrelevance irr.json --format messages --out train.jsonl
  hammer train --model Qwen2.5-1.5B-Instruct/ --data train.jsonl --out runs/hammer --gpus 8 --deepspeed 2
  hammer train --model SmolLM2-135M-Instruct.Q4_1.gguf --data train.jsonl --out runs/small --max-steps 200
  hammer train --resume runs/small
  hammer train merge --run runs/small --out merged/
  hammer data build --xlam xlam.json --irrelevance irr.json --task-from source --out mt.jsonl
  hammer train --model m/ --data mt.jsonl --method cgc-lora --task-field task --out runs/cgc
  hammer train export-tasks --run runs/cgc --out adapters/
`;

/** `hammer train`: fine-tune a model (LoRA, full, CGC-LoRA) with the Python engine in trainer/. */
export function register(program: Command): void {
  // `train` has options of its own (--out, --model…) and subcommands with options of the same names
  // (merge --out): options after a subcommand's name must be that subcommand's.
  program.enablePositionalOptions();
  const train = program
    .command("train")
    .enablePositionalOptions()
    .description("Fine-tune a causal LM on function-calling data: LoRA (Hammer's recipe), full, or multi-task CGC-LoRA; one GPU to many")
    .option("--model <path>", "base model: a Hugging Face causal-LM folder (Qwen2, Llama, …) or a .gguf file (dequantised once, cached)")
    .option("--data <file>", "training data: hammer data build output (alpaca, sharegpt, messages) or OpenAI-style messages + tools rows")
    .option("--out <dir>", "run folder (created)")
    .option("--resume <dir>", "continue a stopped run from its latest checkpoint, with its settings")
    .option("--init-from <dir>", "start from an earlier run's result (a stage before this one)")
    .addOption(new Option("--method <method>", "what to train").choices(TRAIN_METHODS).default(HAMMER_RECIPE.method))
    .option("--lora-r <n>", "LoRA rank (CGC-LoRA: all experts' ranks together)", integer(1, 65536), HAMMER_RECIPE.loraR)
    .option("--lora-alpha <x>", "LoRA alpha", positive, HAMMER_RECIPE.loraAlpha)
    .option("--lora-dropout <p>", "LoRA dropout", fraction, HAMMER_RECIPE.loraDropout)
    .option("--target-modules <names>", 'adapted layers: "all-linear" or comma-separated module names', HAMMER_RECIPE.targetModules)
    .option("--task-field <field>", "record field naming each row's task (cgc-lora; see hammer data build --task-from)")
    .option("--cgc-common-experts <n>", "CGC-LoRA: task-common experts per layer", integer(1, 1024), HAMMER_RECIPE.cgcCommonExperts)
    .option("--cgc-task-experts <n>", "CGC-LoRA: experts per task per layer", integer(1, 1024), HAMMER_RECIPE.cgcTaskExperts)
    .option("--cgc-task-expert-rank <n>", "CGC-LoRA: rank of each task expert (default: half the rank over the task experts)", integer(1, 65536))
    .option("--cgc-task-embedding-dim <n>", "CGC-LoRA: size of the task embedding feeding each gate", integer(1, 65536), HAMMER_RECIPE.cgcTaskEmbeddingDim)
    .option("--lr <x>", "peak learning rate", positive, HAMMER_RECIPE.lr)
    .addOption(new Option("--scheduler <name>", "learning-rate schedule").choices(SCHEDULERS).default(HAMMER_RECIPE.scheduler))
    .option("--warmup-ratio <p>", "warm-up steps as a share of all steps", fraction, HAMMER_RECIPE.warmupRatio)
    .option("--warmup-steps <n>", "warm-up steps (overrides --warmup-ratio)", integer(0))
    .option("--weight-decay <x>", "AdamW weight decay", nonNegative, HAMMER_RECIPE.weightDecay)
    .option("--epochs <x>", "passes over the data (fractions allowed)", positive, HAMMER_RECIPE.epochs)
    .option("--max-steps <n>", "stop after this many optimizer steps (overrides --epochs)", integer(1))
    .option("--batch-size <n>", "rows per device per micro-batch", integer(1), HAMMER_RECIPE.batchSize)
    .option("--grad-accum <n>", "micro-batches per optimizer step", integer(1), HAMMER_RECIPE.gradAccum)
    .option("--max-grad-norm <x>", "gradient clipping (0: none)", nonNegative, HAMMER_RECIPE.maxGradNorm)
    .option("--max-len <n>", "longest sequence in tokens; longer rows are dropped and counted, never truncated", integer(2), HAMMER_RECIPE.maxLen)
    .addOption(new Option("--sampler <order>", "row order: the file's, or shuffled each epoch").choices(SAMPLERS).default(HAMMER_RECIPE.sampler))
    .option("--seed <n>", "random seed", integer(0, 2 ** 32 - 1), HAMMER_RECIPE.seed)
    .option("--chat-template <name|file>", "prompt format: chatml or a Jinja template file (default: the model's own)")
    .option("--system <text>", "system prompt for alpaca rows without one")
    .option("--add-special-tokens [tokens...]", "add tool-call tokens (default <tool_call> </tool_call>), embeddings initialised from the mean")
    .addOption(new Option("--precision <p>", "auto: bf16 on GPUs that support it, else fp32").choices(PRECISIONS).default(HAMMER_RECIPE.precision))
    .addOption(new Option("--device <d>", "where one process trains").choices(DEVICES).default(HAMMER_RECIPE.device))
    .option("--gradient-checkpointing", "recompute activations in the backward pass (less memory, ~30% slower)")
    .option("--save-steps <n>", "checkpoint every n steps (and at the end)", integer(1), HAMMER_RECIPE.saveSteps)
    .option("--save-total-limit <n>", "checkpoints kept", integer(1), HAMMER_RECIPE.saveTotalLimit)
    .option("--gpus <n>", "GPUs on this machine, one process each (data-parallel through accelerate)", integer(0, 1024))
    .option("--nodes <n>", "machines in the run (run the same command on each with its --machine-rank)", integer(1))
    .option("--machine-rank <n>", "this machine's rank", integer(0))
    .option("--main-process-ip <ip>", "address of machine rank 0")
    .option("--main-process-port <n>", "port of machine rank 0", integer(1, 65535))
    .addOption(new Option("--deepspeed <stage>", "DeepSpeed ZeRO stage (the config is written into the run folder; needs `pip install deepspeed` in the venv)").choices(["2", "3"]))
    .option("--threads <n>", "torch threads per process (default: the CPUs shared among this machine's processes)", integer(1, 1024))
    .option("--verbose", "also show the engine's log (always in RUN_DIR/train.log)")
    .addHelpText("after", HELP)
    .action(action(trainCommand));

  train
    .command("setup")
    .description("Create (or reuse) the trainer's Python virtualenv, cached outside the clone and keyed by trainer/requirements.txt")
    .option("--python <path>", "the Python 3.10+ that creates it", process.platform === "win32" ? "python" : "python3")
    .option("--force", "rebuild even if it is complete")
    .action(
      action(async (flags: { python: string; force?: boolean }) => {
        const r = await setupVenv({ python: flags.python, force: flags.force });
        const v = Object.entries(r.versions).map(([k, x]) => `${k} ${x}`).join(", ");
        process.stderr.write(`hammer train setup: ${r.action} ${r.location.dir} (${v})\n`);
      }),
    );

  train
    .command("merge")
    .description("Merge a finished run's adapter into its base model and write a complete Hugging Face model folder")
    .requiredOption("--run <dir>", "the run folder")
    .requiredOption("--out <dir>", "output model folder")
    .option("--task <name>", "cgc-lora runs: the task whose adapter to merge")
    .addOption(new Option("--dtype <t>", "weight type of the merged model").choices(["fp32", "bf16", "fp16"]).default("fp32"))
    .option("--verbose", "also show the engine's log")
    .action(
      action(async (flags: { run: string; out: string; task?: string; dtype: "fp32" | "bf16" | "fp16"; verbose?: boolean }) => {
        const progress = new TrainProgress();
        const out = await mergeRun(flags.run, flags.out, { task: flags.task, dtype: flags.dtype, verbose: flags.verbose, onEvent: (e) => progress.onEvent(e) });
        process.stderr.write(`hammer train merge: wrote ${out}\n`);
      }),
    );

  train
    .command("export-tasks")
    .description("Write one standard PEFT LoRA adapter per task of a CGC-LoRA run (each task's gated mixture collapses to one LoRA)")
    .requiredOption("--run <dir>", "the cgc-lora run folder")
    .requiredOption("--out <dir>", "output folder (one subfolder per task)")
    .option("--verbose", "also show the engine's log")
    .action(
      action(async (flags: { run: string; out: string; verbose?: boolean }) => {
        const progress = new TrainProgress();
        const tasks = await exportTasks(flags.run, flags.out, { verbose: flags.verbose, onEvent: (e) => progress.onEvent(e) });
        for (const [task, dir] of Object.entries(tasks)) process.stderr.write(`hammer train export-tasks: ${task} → ${dir}\n`);
      }),
    );
}

async function trainCommand(flags: TrainFlags): Promise<void> {
  const progress = new TrainProgress();
  const run = {
    handleSignals: true,
    verbose: flags.verbose,
    onEvent: (e: Parameters<TrainProgress["onEvent"]>[0]) => progress.onEvent(e),
    onStopRequested: (hard: boolean) =>
      progress.line(hard ? "hammer train: stopping now (no checkpoint)" : "hammer train: stopping after this step with a checkpoint (Ctrl-C again to stop at once)"),
  };
  let result: TrainResult;
  try {
    if (flags.resume !== undefined) {
      const given = ["model", "data", "out", "initFrom"].filter((k) => flags[k as keyof TrainFlags] !== undefined);
      if (given.length) throw new HammerError("USAGE", `--resume continues a run with its own settings; drop --${given.map(kebab).join(", --")}`);
      result = await resumeTraining(flags.resume, run, flags.threads);
    } else {
      if (flags.data === undefined) throw new HammerError("USAGE", "--data is required (or --resume RUN_DIR)");
      if (flags.out === undefined) throw new HammerError("USAGE", "--out is required (the run folder)");
      const { resume: _r, verbose: _v, addSpecialTokens, deepspeed, ...rest } = flags;
      const options: TrainOptions = {
        ...rest,
        data: flags.data,
        out: flags.out,
        addSpecialTokens: addSpecialTokens === undefined ? undefined : addSpecialTokens === true ? [] : (addSpecialTokens as string[]),
        deepspeed: deepspeed === undefined ? undefined : (Number(deepspeed) as 2 | 3),
      };
      result = await trainModel(options, {
        ...run,
        onDataChecked: (s) =>
          progress.line(`hammer train: ${s.rows.toLocaleString("en-US")} rows checked (${Object.entries(s.layouts).map(([k, v]) => `${v} ${k}`).join(", ")})`),
      });
    }
  } finally {
    progress.stop();
  }
  const loss = result.lastLoss === undefined || result.lastLoss === null ? "" : `, last loss ${result.lastLoss.toFixed(4)}`;
  if (result.status === "stopped") {
    process.stderr.write(`hammer train: stopped at step ${result.step}${loss}; checkpoint ${result.checkpoint}. Continue with: hammer train --resume ${path.relative(process.cwd(), result.runDir) || "."}\n`);
    process.exitCode = 130;
    return;
  }
  process.stderr.write(`hammer train: done, ${result.step} steps${loss}; ${result.output}\n`);
}

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
