import { InvalidArgumentError, Option, type Command } from "commander";
import { HammerError } from "../../core/errors.js";
import { DECODINGS, type Decoding, type Engine } from "../../engine/index.js";
import { DEFAULT_SERVER_LIMITS, parseByteSize, parseCorsOrigins, parseDuration, type LogFormat } from "../../server/options.js";
import { engineOptions, type EngineChoice } from "../engineOptions.js";
import { action } from "../run.js";

interface ServeFlags {
  host: string;
  port: number;
  apiKey?: string;
  queue?: number;
  modelName?: string;
  maxBody: number;
  requestTimeout: number;
  shutdownGrace: number;
  headerTimeout: number;
  bodyTimeout: number;
  maxConnections: number;
  cors?: string[];
  textFallback: boolean;
  decoding: Decoding;
  logFormat: LogFormat;
}

/** `hammer serve`: the OpenAI-compatible server. */
export function register(program: Command): void {
  const command = program
    .command("serve")
    .description(
      "Serve a function-calling model over an OpenAI-compatible HTTP API (/v1/chat/completions, /v1/responses, /v1/completions, /v1/models, /health, /metrics); " +
        "with --endpoint, a gateway that renders Hammer prompts for another OpenAI-compatible server (vLLM, llama-server)",
    );
  const engine = engineOptions(command, {
    endpointMode: "completions",
    defaultModel: true,
    aliases: { "--upstream": "--endpoint", "--upstream-model": "--endpoint-model", "--upstream-api-key": "--endpoint-api-key", "--upstream-grammar": "--endpoint-grammar" },
    parallelHelp: "requests decoded concurrently (default: 1 for a local model, 4 for an endpoint)",
    lora: true,
  });
  command
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--port <n>", "port (0 = any free port)", parsePort, 8080)
    .option("--api-key <key>", "require 'Authorization: Bearer <key>' on every route but /health (default $HAMMER_API_KEY)")
    .option("--queue <n>", "requests that may wait for a free sequence before 429 (default 4 × parallel)", parseCount)
    .option("--model-name <name>", "model id reported to clients (default: the file name or upstream model); the model field of requests is not checked, but for --lora names")
    .addOption(new Option("--max-body <size>", "largest request body").argParser(parseSize).default(DEFAULT_SERVER_LIMITS.maxBodyBytes, "4mb"))
    .addOption(new Option("--request-timeout <duration>", "abort requests running longer (0 = never); they get 504").argParser(parseTime).default(120_000, "120s"))
    .addOption(
      new Option("--shutdown-grace <duration>", "on SIGINT/SIGTERM, how long running requests may finish before they are aborted").argParser(parseTime).default(10_000, "10s"),
    )
    .addOption(
      new Option("--header-timeout <duration>", "close a connection whose request headers have not arrived in this time, with 408 (0 = never)")
        .argParser(parseTime)
        .default(DEFAULT_SERVER_LIMITS.headerTimeoutMs, "10s"),
    )
    .addOption(
      new Option("--body-timeout <duration>", "close a connection whose whole request (headers and body) has not arrived in this time, with 408 (0 = never)")
        .argParser(parseTime)
        .default(DEFAULT_SERVER_LIMITS.bodyTimeoutMs, "30s"),
    )
    .addOption(
      new Option("--max-connections <n>", "open connections; more are answered 503 and closed (0 = no cap)").argParser(parseCount).default(DEFAULT_SERVER_LIMITS.maxConnections),
    )
    .addOption(new Option("--cors <origins>", "allow browsers from these origins (comma-separated, or *) to call the API (default: no CORS)").argParser(parseCors))
    .option("--no-text-fallback", "with tool_choice auto, return an empty answer instead of a second, text-only pass when the model makes no call")
    .addOption(new Option("--decoding <mode>", "constrained: tool calls under the grammar; free: no grammar, calls parsed from the text unchecked (for comparisons)").choices(DECODINGS).default("constrained"))
    .addOption(new Option("--log-format <format>", "request log lines").choices(["pretty", "json"]).default("pretty"))
    .action(action((flags: ServeFlags, cmd: Command) => serveCommand(flags, engine.read(cmd))));
}

async function serveCommand(flags: ServeFlags, choice: EngineChoice): Promise<void> {
  const apiKey = flags.apiKey ?? process.env.HAMMER_API_KEY;
  if (apiKey !== undefined && apiKey.trim() === "") throw new HammerError("USAGE", "the API key is empty (--api-key or HAMMER_API_KEY)");
  if (choice.spec.backend === "llama" && choice.spec.adapters?.some((a) => a.name === flags.modelName)) {
    throw new HammerError("USAGE", `--model-name: ${flags.modelName} is also a --lora name; requests could not tell them apart`, { location: "--model-name" });
  }
  // Loaded here, not at the top: other commands should not pay for fastify and llama.cpp.
  const { runServer } = await import("../../server/index.js");
  const code = await runServer({
    prepare: () => prepareEngine(choice),
    host: flags.host,
    port: flags.port,
    shutdownGraceMs: flags.shutdownGrace,
    logFormat: flags.logFormat,
    modelName: flags.modelName,
    apiKey,
    queueSize: flags.queue,
    requestTimeoutMs: flags.requestTimeout,
    limits: { maxBodyBytes: flags.maxBody, headerTimeoutMs: flags.headerTimeout, bodyTimeoutMs: flags.bodyTimeout, maxConnections: flags.maxConnections },
    corsOrigins: flags.cors,
    textFallback: flags.textFallback,
    decoding: flags.decoding,
  });
  process.exit(code);
}

/** Check the model reference (download it if needed), or find the endpoint's model, and return what loads the engine. */
async function prepareEngine(choice: EngineChoice): Promise<() => Promise<Engine>> {
  const { prepareEngine: prepare } = await import("../../engine/index.js");
  const prepared = await prepare(choice.spec, choice.prepare);
  return () => prepared.load();
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535");
  return n;
}

function parseCount(value: string): number {
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(Number(value))) throw new InvalidArgumentError("expected a non-negative integer");
  return Number(value);
}

function parseSize(value: string): number {
  try {
    return parseByteSize(value);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }
}

function parseCors(value: string): string[] {
  try {
    return parseCorsOrigins(value);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }
}

function parseTime(value: string): number {
  try {
    return parseDuration(value);
  } catch (e) {
    throw new InvalidArgumentError(e instanceof Error ? e.message : String(e));
  }
}
