import { mkdir } from "node:fs/promises";
import path from "node:path";
import { Option, type Command } from "commander";
import { fromSystemError } from "../../core/fromSystemError.js";
import { EXPORT_TYPES, exportGguf, exportLora, LORA_EXPORT_TYPES, type ExportType, type LoraExportType } from "../../export/index.js";
import { action } from "../run.js";
import { writeWithProgress } from "../writeWithProgress.js";

interface GgufFlags {
  model: string;
  adapter?: string;
  out: string;
  type: ExportType;
  name?: string;
}

interface LoraFlags {
  adapter: string;
  base: string;
  out: string;
  type: LoraExportType;
  name?: string;
}

/** `hammer export …`: Hugging Face models and PEFT adapters to GGUF. */
export function register(program: Command): void {
  const cmd = program.command("export").description("Convert Hugging Face models and LoRA adapters to GGUF for llama.cpp");

  cmd
    .command("gguf")
    .description("Write a qwen2 / llama Hugging Face model folder (safetensors, tokenizer, chat template) as a GGUF model, optionally with a PEFT LoRA adapter merged in")
    .requiredOption("--model <dir>", "Hugging Face model folder (config.json, *.safetensors, tokenizer.json, tokenizer_config.json)")
    .option("--adapter <dir>", "PEFT LoRA adapter folder to merge into the weights")
    .requiredOption("--out <file>", "output GGUF file (written atomically)")
    .addOption(new Option("--type <type>", "weight type (norms and biases stay f32)").choices(EXPORT_TYPES).default("f16"))
    .option("--name <name>", "general.name (default: the model's name or folder)")
    .action(action(ggufCommand));

  cmd
    .command("lora")
    .description("Write a PEFT LoRA adapter as a GGUF LoRA adapter that llama.cpp applies at run time (hammer serve --lora NAME=FILE)")
    .requiredOption("--adapter <dir>", "PEFT LoRA adapter folder (adapter_config.json, adapter_model.safetensors)")
    .requiredOption("--base <dir>", "Hugging Face folder of the base model (its config.json is read)")
    .requiredOption("--out <file>", "output GGUF file (written atomically)")
    .addOption(new Option("--type <type>", "type of the LoRA matrices").choices(LORA_EXPORT_TYPES).default("f32"))
    .option("--name <name>", "general.name (default: the adapter folder's name)")
    .action(action(loraCommand));
}

async function ggufCommand(flags: GgufFlags): Promise<void> {
  await outputFolder(flags.out);
  await writeWithProgress("exporting", true, (onProgress) => exportGguf({ ...flags, onProgress }));
}

async function loraCommand(flags: LoraFlags): Promise<void> {
  await outputFolder(flags.out);
  const result = await exportLora(flags);
  process.stdout.write(`${JSON.stringify({ ...result, seconds: Number(result.seconds.toFixed(3)) })}\n`);
}

/** The folder `--out` goes in; a file in the way is bad input naming the path, not a crash. */
async function outputFolder(out: string): Promise<void> {
  const dir = path.dirname(path.resolve(out));
  await mkdir(dir, { recursive: true }).catch((e: unknown) => {
    throw fromSystemError(e, `cannot create the folder ${dir}`, out);
  });
}
