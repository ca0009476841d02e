import { InvalidArgumentError, Option, type Command } from "commander";
import { HammerError } from "../../core/errors.js";
import { FORMAT_NAMES, type FormatName } from "../../core/formats/index.js";
import type { Engine } from "../../engine/types.js";
import type { LogFormat } from "../../server/formatRequestLog.js";
import { parseByteSize } from "../../server/parseByteSize.js";
import { parseCorsOrigins } from "../../server/parseCorsOrigins.js";
import { parseDuration } from "../../server/parseDuration.js";
import { DEFAULT_SERVER_LIMITS } from "../../server/ServerLimits.js";
import { action } from "../run.js";

interface ServeFlags {
  model?: string;
  upstream?: string;
  upstreamModel?: string;
  upstreamApiKey?: string;
  upstreamGrammar: "none" | "llama-server" | "vllm";
  host: string;
  port: number;
  apiKey?: string;
  parallel?: number;
  queue?: number;
  contextSize?: number;
  threads?: number;
  format?: FormatName;
  modelName?: string;
  maxBody: number;
  requestTimeout: number;
  shutdownGrace: number;
  headerTimeout: number;
  bodyTimeout: number;
  maxConnections: number;
  cors?: string[];
  textFallback: boolean;
  logFormat: LogFormat;
}

/** `hammer serve`: the OpenAI-compatible server. */
export function register(program: Command): void {
  program
    .command("serve")
    .description("Serve a function-calling model over an OpenAI-compatible HTTP API (/v1/chat/completions, /v1/responses, /v1/completions, /v1/models, /health, /metrics)")
    .option("--model <file|hf:ref>", "GGUF file or hf: reference (default: Hammer 2.1 1.5B from Hugging Face)")
    .option("--upstream <url>", "gateway mode: render Hammer prompts and send them to this OpenAI-compatible server's /v1/completions")
    .option("--upstream-model <name>", "model name to request from the upstream server (default: the first it lists)")
    .option("--upstream-api-key <key>", "API key for the upstream server")
    .addOption(
      new Option("--upstream-grammar <kind>", "send the tool-call grammar upstream: as llama-server's `grammar` or vLLM's `guided_grammar`")
        .choices(["none", "llama-server", "vllm"])
        .default("none"),
    )
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--port <n>", "port (0 = any free port)", parsePort, 8080)
    .option("--api-key <key>", "require 'Authorization: Bearer <key>' on every route but /health (default $HAMMER_API_KEY)")
    .option("--parallel <n>", "requests decoded concurrently (default 1)", parsePositive)
    .option("--queue <n>", "requests that may wait for a free sequence before 429 (default 4 × parallel)", parseCount)
    .option("--context-size <n>", "tokens per sequence, prompt and output together", parsePositive)
    .option("--threads <n>", "CPU threads for llama.cpp (default: all cores)", parsePositive)
    .addOption(new Option("--format <name>", "prompt format (default: chosen from the model's metadata)").choices(FORMAT_NAMES))
    .option("--model-name <name>", "model id reported to clients (default: the file name or upstream model); the model field of requests is not checked")
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
    .addOption(new Option("--log-format <format>", "request log lines").choices(["pretty", "json"]).default("pretty"))
    .action(action(serveCommand));
}

async function serveCommand(flags: ServeFlags): Promise<void> {
  if (flags.model !== undefined && flags.upstream !== undefined) throw new HammerError("USAGE", "use either --model or --upstream, not both");
  const apiKey = flags.apiKey ?? process.env.HAMMER_API_KEY;
  if (apiKey !== undefined && apiKey.trim() === "") throw new HammerError("USAGE", "the API key is empty (--api-key or HAMMER_API_KEY)");
  // Loaded here, not at the top: other commands should not pay for fastify and llama.cpp.
  const { runServer } = await import("../../server/index.js");
  const code = await runServer({
    prepare: () => prepareEngine(flags),
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
  });
  process.exit(code);
}

/** Check the model reference (download it if needed) and return what loads the engine. */
async function prepareEngine(flags: ServeFlags): Promise<() => Promise<Engine>> {
  const { createEngine, DEFAULT_MODEL, normalizeBaseUrl, resolveModel } = await import("../../engine/index.js");
  if (flags.upstream !== undefined) {
    const baseUrl = normalizeBaseUrl(flags.upstream);
    const model = flags.upstreamModel ?? (await upstreamModel(baseUrl, flags.upstreamApiKey));
    return () =>
      createEngine({
        backend: "openai",
        baseUrl,
        mode: "completions",
        model,
        grammar: flags.upstreamGrammar,
        ...(flags.upstreamApiKey !== undefined ? { apiKey: flags.upstreamApiKey } : {}),
        ...(flags.format !== undefined ? { format: flags.format } : {}),
        ...(flags.parallel !== undefined ? { parallel: flags.parallel } : {}),
      });
  }
  const resolved = await resolveModel(flags.model ?? DEFAULT_MODEL.ref);
  return () =>
    createEngine({
      backend: "llama",
      model: resolved.path,
      ...(flags.format !== undefined ? { format: flags.format } : {}),
      ...(flags.parallel !== undefined ? { parallel: flags.parallel } : {}),
      ...(flags.contextSize !== undefined ? { contextSize: flags.contextSize } : {}),
      ...(flags.threads !== undefined ? { threads: flags.threads } : {}),
    });
}

/** Without --upstream-model: the first model the upstream lists (llama-server and vLLM serve one). */
async function upstreamModel(baseUrl: string, apiKey: string | undefined): Promise<string> {
  const hint = "pass --upstream-model NAME";
  let body: unknown;
  try {
    const res = await fetch(`${baseUrl}/models`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal: AbortSignal.timeout(10_000) });
    if (!res.ok) throw new HammerError("NETWORK", `HTTP ${res.status}`); // worded by the catch below
    body = await res.json();
  } catch (e) {
    throw new HammerError("NETWORK", `cannot list the models of ${baseUrl} (${e instanceof Error ? e.message : String(e)}); ${hint}`, { cause: e });
  }
  const id = (body as { data?: Array<{ id?: unknown }> })?.data?.[0]?.id;
  if (typeof id !== "string" || id === "") throw new HammerError("NETWORK", `${baseUrl}/models lists no model; ${hint}`);
  return id;
}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new InvalidArgumentError("expected a port number from 0 to 65535");
  return n;
}

function parsePositive(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1 || !Number.isSafeInteger(n)) throw new InvalidArgumentError("expected a positive integer");
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
