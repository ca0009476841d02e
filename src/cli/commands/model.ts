import { mkdir } from "node:fs/promises";
import path from "node:path";
import cliProgress from "cli-progress";
import { InvalidArgumentError, Option, type Command } from "commander";
import { validateModelFile, type GgufSummary } from "../../core/gguf/index.js";
import {
  RANDOM_MODEL_QUANTS,
  RANDOM_MODEL_SHAPE_NAMES,
  writeRandomModel,
  type RandomModelQuant,
  type RandomModelShapeName,
} from "../../export/index.js";
import { action } from "../run.js";

interface RandomFlags {
  shape: RandomModelShapeName;
  quant: RandomModelQuant;
  seed: number;
  out: string;
}

interface InspectFlags {
  tensors?: boolean;
  items: number;
}

/** `hammer model …`: create and inspect GGUF model files. */
export function register(program: Command): void {
  const model = program.command("model").description("Create and inspect GGUF model files");

  model
    .command("random")
    .description("Write a random-weight qwen2 GGUF with a real BPE tokenizer and chat template, for tests and benchmarks")
    .addOption(new Option("--shape <shape>", "model shape").choices(RANDOM_MODEL_SHAPE_NAMES).makeOptionMandatory())
    .addOption(new Option("--quant <type>", "weight type").choices(RANDOM_MODEL_QUANTS).makeOptionMandatory())
    .option("--seed <n>", "random seed, 0 to 4294967295 (same seed, same file)", parseSeed, 0)
    .requiredOption("--out <file>", "output GGUF file (written atomically)")
    .action(action(randomCommand));

  model
    .command("inspect")
    .description("Validate a GGUF model file and print its summary as JSON (exit 2 with the problem if it is broken)")
    .argument("<file>", "GGUF model file")
    .option("--tensors", "include every tensor's name, type, shape and offset")
    .option("--items <n>", "array items to show per metadata value", parseCount, 8)
    .action(action(inspectCommand));
}

async function randomCommand(flags: RandomFlags): Promise<void> {
  await mkdir(path.dirname(path.resolve(flags.out)), { recursive: true });
  const bar = process.stderr.isTTY && flags.shape !== "tiny" ? new cliProgress.SingleBar({ format: "writing {bar} {percentage}% {value}/{total} MB" }) : undefined;
  const mb = (n: number) => Math.round(n / 1e6);
  let started = false;
  try {
    const result = await writeRandomModel({
      ...flags,
      onProgress: bar
        ? (written, total) => {
            if (!started) bar.start(mb(total), 0);
            started = true;
            bar.update(mb(written));
          }
        : undefined,
    });
    bar?.stop();
    process.stdout.write(`${JSON.stringify({ ...result, seconds: Number(result.seconds.toFixed(3)) })}\n`);
  } finally {
    bar?.stop();
  }
}

async function inspectCommand(file: string, flags: InspectFlags): Promise<void> {
  const summary = await validateModelFile(file);
  process.stdout.write(`${JSON.stringify(summaryJson(summary, flags), null, 2)}\n`);
}

function summaryJson(s: GgufSummary, flags: InspectFlags): Record<string, unknown> {
  const { metadata, tensors, ...rest } = s;
  return {
    ...rest,
    metadata: metadata.toJSON(flags.items),
    ...(flags.tensors
      ? { tensors: tensors.map((t) => ({ name: t.name, type: t.type.name, dims: t.dims, offset: t.fileOffset, bytes: t.nbytes })) }
      : {}),
  };
}

function parseSeed(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n > 0xffffffff) {
    throw new InvalidArgumentError("the seed must be an integer from 0 to 4294967295");
  }
  return n;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError("expected a non-negative integer");
  return Number(value);
}
