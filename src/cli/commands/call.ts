import { readFile } from "node:fs/promises";
import { InvalidArgumentError, type Command } from "commander";
import { HammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { toolsFromAny } from "../../core/tools/index.js";
import type { ToolChoice, ToolDef } from "../../core/types.js";
import { assertValidTools, toolChoiceProblem } from "../../core/validate/index.js";
import { DEFAULT_MODEL, prepareEngine, type AssistantTurn } from "../../engine/index.js";
import { engineOptions, type EngineChoice } from "../engineOptions.js";
import { action } from "../run.js";

interface CallFlags {
  tools: string;
  toolChoice: string;
  parallelToolCalls: boolean;
  seed?: number;
  maxTokens?: number;
  temperature?: number;
  textFallback?: boolean;
}

/** `hammer call`: one query → one assistant turn, printed as an OpenAI message. */
export function register(program: Command): void {
  const command = program
    .command("call")
    .description("Answer one query with tool calls and print the assistant message as OpenAI JSON")
    .argument("<query>", "the user's message")
    .requiredOption("--tools <file>", "tools JSON: OpenAI tools, or any format toolsFromAny reads (xLAM, BFCL, …); a list or {tools: [...]}")
    .option("--tool-choice <choice>", "auto | none | required | a tool name", "auto")
    .option("--no-parallel-tool-calls", "at most one call")
    .option("--seed <n>", "sampling seed", parseInteger(0, Number.MAX_SAFE_INTEGER))
    .option("--max-tokens <n>", "most tokens to generate", parseInteger(1, 1_000_000))
    .option("--temperature <t>", "sampling temperature (0 = greedy, the default)", parseTemperature)
    .option("--text-fallback", "Hammer 2.1: when the model makes no call, answer in text with a second pass");
  const engine = engineOptions(command, { endpointMode: "chat", defaultModel: true, aliases: { "--api-key": "--endpoint-api-key" } });
  command.addHelpText("after", `\n${DEFAULT_MODEL.notice}`).action(action((query: string, flags: CallFlags, cmd: Command) => callCommand(query, flags, engine.read(cmd))));
}

async function callCommand(query: string, flags: CallFlags, choice: EngineChoice): Promise<void> {
  const tools = await readTools(flags.tools);
  const toolChoice = parseChoice(flags.toolChoice, tools);
  const engine = await (await prepareEngine(choice.spec, choice.prepare)).load();
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

/** `--tool-choice` as a ToolChoice, checked by the engine's rules now (before a model loads). */
function parseChoice(flag: string, tools: readonly ToolDef[]): ToolChoice {
  const choice: ToolChoice = flag === "auto" || flag === "none" || flag === "required" ? flag : { type: "function", function: { name: flag } };
  const problem = toolChoiceProblem(choice, tools);
  if (problem?.reason === "unknown_function") {
    const names = tools.map((t) => t.name);
    throw new HammerError("USAGE", `--tool-choice ${JSON.stringify(flag)} is not a tool name (tools: ${names.slice(0, 10).join(", ") || "none"})`, { location: "--tool-choice" });
  }
  if (problem) throw new HammerError("INPUT_INVALID", `--tool-choice ${flag}: ${problem.message}`, { location: "--tool-choice" });
  return choice;
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
