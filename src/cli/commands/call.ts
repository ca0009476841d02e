import { readFile } from "node:fs/promises";
import { InvalidArgumentError, Option, type Command } from "commander";
import { HammerError } from "../../core/errors.js";
import { FORMAT_NAMES, type FormatName } from "../../core/formats/index.js";
import { parseJson } from "../../core/json/index.js";
import { toolsFromAny } from "../../core/tools/index.js";
import type { ToolChoice, ToolDef } from "../../core/types.js";
import { assertValidTools } from "../../core/validate/index.js";
import { createLlamaEngine, createOpenAIEngine, DEFAULT_MODEL, resolveModel, type AssistantTurn, type Engine } from "../../engine/index.js";
import { action } from "../run.js";

interface CallFlags {
  model?: string;
  tools: string;
  toolChoice: string;
  parallelToolCalls: boolean;
  format?: FormatName;
  seed?: number;
  maxTokens?: number;
  temperature?: number;
  textFallback?: boolean;
  threads?: number;
  contextSize?: number;
  endpoint?: string;
  endpointModel?: string;
  endpointMode: "chat" | "completions";
  apiKey?: string;
}

/** `hammer call`: one query → one assistant turn, printed as an OpenAI message. */
export function register(program: Command): void {
  program
    .command("call")
    .description("Answer one query with tool calls and print the assistant message as OpenAI JSON")
    .argument("<query>", "the user's message")
    .requiredOption("--tools <file>", "tools JSON: OpenAI tools, or any format toolsFromAny reads (xLAM, BFCL, …); a list or {tools: [...]}")
    .option("--model <ref>", `GGUF file or hf:<owner>/<repo>/<file>.gguf (default: ${DEFAULT_MODEL.ref}, licence ${DEFAULT_MODEL.license})`)
    .option("--tool-choice <choice>", "auto | none | required | a tool name", "auto")
    .option("--no-parallel-tool-calls", "at most one call")
    .addOption(new Option("--format <name>", "prompt format (default: chosen from the model's metadata; hammer2.1 for endpoints)").choices(FORMAT_NAMES))
    .option("--seed <n>", "sampling seed", parseInteger(0, Number.MAX_SAFE_INTEGER))
    .option("--max-tokens <n>", "most tokens to generate", parseInteger(1, 1_000_000))
    .option("--temperature <t>", "sampling temperature (0 = greedy, the default)", parseTemperature)
    .option("--text-fallback", "Hammer 2.1: when the model makes no call, answer in text with a second pass")
    .option("--threads <n>", "CPU threads (default: all cores)", parseInteger(1, 1024))
    .option("--context-size <n>", "context tokens (default: min(8192, the model's))", parseInteger(64, 1 << 20))
    .option("--endpoint <url>", "use an OpenAI-compatible server instead of a local model (e.g. http://localhost:8000/v1)")
    .option("--endpoint-model <name>", "model name on the endpoint")
    .addOption(new Option("--endpoint-mode <mode>", "chat: OpenAI tools; completions: render the Hammer prompt here").choices(["chat", "completions"]).default("chat"))
    .option("--api-key <key>", "API key for the endpoint (default: $OPENAI_API_KEY)")
    .addHelpText("after", `\n${DEFAULT_MODEL.notice}`)
    .action(action(callCommand));
}

async function callCommand(query: string, flags: CallFlags): Promise<void> {
  const tools = await readTools(flags.tools);
  const toolChoice = parseChoice(flags.toolChoice, tools);
  const engine = await openEngine(flags);
  try {
    const turn = await engine.generate({
      messages: [{ role: "user", content: query }],
      tools,
      toolChoice,
      parallelToolCalls: flags.parallelToolCalls,
      textFallback: flags.textFallback === true,
      ...(flags.seed !== undefined ? { seed: flags.seed } : {}),
      ...(flags.maxTokens !== undefined ? { maxTokens: flags.maxTokens } : {}),
      ...(flags.temperature !== undefined ? { temperature: flags.temperature } : {}),
    });
    process.stdout.write(`${JSON.stringify(openAIMessage(turn), null, 2)}\n`);
    if (turn.finishReason === "length") process.stderr.write("hammer: note: generation stopped at the token limit (finish_reason length); raise --max-tokens\n");
  } finally {
    await engine.close();
  }
}

/** The turn in OpenAI's assistant-message shape; arguments are the generated JSON text (`5.0` stays `5.0`). */
export function openAIMessage(turn: AssistantTurn): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: turn.content };
  if (turn.toolCalls.length > 0) {
    message.tool_calls = turn.toolCalls.map((c) => ({ id: c.id, type: "function", function: { name: c.name, arguments: c.argumentsText } }));
  }
  return message;
}

async function openEngine(flags: CallFlags): Promise<Engine> {
  if (flags.endpoint !== undefined) {
    if (!flags.endpointModel) throw new HammerError("USAGE", "--endpoint needs --endpoint-model NAME", { location: "--endpoint-model" });
    if (flags.model !== undefined) throw new HammerError("USAGE", "--model and --endpoint exclude each other", { location: "--model" });
    const apiKey = flags.apiKey ?? process.env.OPENAI_API_KEY;
    return createOpenAIEngine({
      baseUrl: flags.endpoint,
      model: flags.endpointModel,
      mode: flags.endpointMode,
      ...(apiKey ? { apiKey } : {}),
      ...(flags.format ? { format: flags.format } : {}),
    });
  }
  const model = await resolveModel(flags.model);
  return createLlamaEngine({
    model: model.path,
    ...(flags.format ? { format: flags.format } : {}),
    ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
    ...(flags.contextSize !== undefined ? { contextSize: flags.contextSize } : {}),
  });
}

async function readTools(file: string): Promise<ToolDef[]> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new HammerError(code === "ENOENT" ? "NOT_FOUND" : "INPUT_INVALID", `cannot read the tools file: ${code ?? String(e)}`, { location: file });
  }
  const raw = parseJson(text, { source: file });
  const list = raw !== null && typeof raw === "object" && !Array.isArray(raw) && Array.isArray((raw as { tools?: unknown }).tools) ? (raw as { tools: unknown[] }).tools : raw;
  const tools = toolsFromAny(list);
  assertValidTools(tools);
  return tools;
}

function parseChoice(choice: string, tools: readonly ToolDef[]): ToolChoice {
  if (choice === "auto" || choice === "none" || choice === "required") return choice;
  if (!tools.some((t) => t.name === choice)) {
    const names = tools.map((t) => t.name);
    throw new HammerError("USAGE", `--tool-choice ${JSON.stringify(choice)} is not a tool name (tools: ${names.slice(0, 10).join(", ") || "none"})`, { location: "--tool-choice" });
  }
  return { type: "function", function: { name: choice } };
}

function parseInteger(min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}

function parseTemperature(v: string): number {
  const n = Number(v);
  if (v.trim() === "" || !Number.isFinite(n) || n < 0 || n > 100) throw new InvalidArgumentError("expected a number ≥ 0");
  return n;
}
