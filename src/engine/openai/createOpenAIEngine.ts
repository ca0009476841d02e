import { HammerError } from "../../core/errors.js";
import { getFormat, type FormatName } from "../../core/formats/index.js";
import { LeasePool } from "../LeasePool.js";
import type { Engine } from "../types.js";
import { HTTP_DEFAULTS, HttpClient, type HttpOptions } from "./HttpClient.js";
import { CompletionsTurnBackend, type UpstreamGrammar } from "./CompletionsTurnBackend.js";
import { OpenAIEngine } from "./OpenAIEngine.js";

export interface OpenAIEngineOptions extends Partial<HttpOptions> {
  /** The server's OpenAI base URL, e.g. `http://localhost:8000/v1` (a bare `http://host:port` gets `/v1`). */
  baseUrl: string;
  /** Upstream model id, sent as `model`. */
  model: string;
  /** Sent as `Authorization: Bearer …`. */
  apiKey?: string;
  /**
   * `chat` (default): `/chat/completions` with OpenAI tools; the server renders and parses.
   * `completions`: the engine renders `format`'s prompt, calls `/completions` and parses the output itself.
   */
  mode?: "chat" | "completions";
  /** Prompt format of `completions` mode. Defaults to "hammer2.1". */
  format?: FormatName;
  /** `completions` mode: send our GBNF grammar (llama-server `grammar`, vLLM `guided_grammar`). Defaults to "none". */
  grammar?: UpstreamGrammar;
  /**
   * `completions` mode: loop-aware decoding of tool calls and JSON answers. The output is streamed
   * and watched; a value caught in a degenerate repetition is closed here and generation resumes
   * after it. Defaults to true; a request's `loopSteering` overrides it.
   */
  loopSteering?: boolean;
  /** Requests in flight at once; more wait in FIFO order. Defaults to 4. */
  parallel?: number;
  /** Temperature of requests that set none. Defaults to 0. */
  temperature?: number;
  /** max_tokens for `/completions` requests that set none (servers default to 16). Defaults to 1024, bounded by `contextSize` when that is known. */
  maxTokens?: number;
  /**
   * The upstream's context size (tokens per request, prompt and output), when known: requests whose
   * max_tokens cannot fit are refused with CONTEXT_LENGTH_EXCEEDED before any request is sent, and
   * it is reported in `info`. Unknown by default: the upstream judges (its context-length 400 is
   * CONTEXT_LENGTH_EXCEEDED too).
   */
  contextSize?: number;
  /** Extra HTTP headers. */
  headers?: Record<string, string>;
}

/**
 * An Engine backed by an OpenAI-compatible server (vLLM, llama-server, Ollama, OpenAI) over
 * plain fetch, with timeouts and retries (see HttpClient). Creating it makes no request.
 */
export function createOpenAIEngine(options: OpenAIEngineOptions): Engine {
  const baseUrl = normalizeBaseUrl(options?.baseUrl);
  if (typeof options.model !== "string" || options.model === "") throw invalid("model", "the upstream model name is required");
  const mode = options.mode ?? "chat";
  if (mode !== "chat" && mode !== "completions") throw invalid("mode", `must be chat or completions, got ${JSON.stringify(mode)}`);
  const grammar = options.grammar ?? "none";
  if (!["none", "llama-server", "vllm"].includes(grammar)) throw invalid("grammar", `must be none, llama-server or vllm, got ${JSON.stringify(grammar)}`);
  const formatName = options.format ?? "hammer2.1";
  if (formatName === "template") {
    throw invalid("format", "template renders through a local GGUF's own chat template; an endpoint has none here (its server applies its own in chat mode): choose another format");
  }
  const format = getFormat(formatName);
  const parallel = int(options.parallel ?? 4, "parallel", 1, 1024);
  const http: HttpOptions = {
    timeoutMs: int(options.timeoutMs ?? HTTP_DEFAULTS.timeoutMs, "timeoutMs", 1, 86_400_000),
    totalTimeoutMs: int(options.totalTimeoutMs ?? HTTP_DEFAULTS.totalTimeoutMs, "totalTimeoutMs", 1, 86_400_000),
    retries: int(options.retries ?? HTTP_DEFAULTS.retries, "retries", 0, 100),
    backoffMs: int(options.backoffMs ?? HTTP_DEFAULTS.backoffMs, "backoffMs", 0, 3_600_000),
    maxBackoffMs: int(options.maxBackoffMs ?? HTTP_DEFAULTS.maxBackoffMs, "maxBackoffMs", 0, 3_600_000),
  };
  const loopSteering = options.loopSteering ?? true;
  if (typeof loopSteering !== "boolean") throw invalid("loopSteering", `must be a boolean, got ${JSON.stringify(loopSteering)}`);
  const temperature = options.temperature ?? 0;
  if (!Number.isFinite(temperature) || temperature < 0) throw invalid("temperature", `must be ≥ 0, got ${temperature}`);
  const headers: Record<string, string> = { ...(options.headers ?? {}) };
  if (options.apiKey) headers.authorization = `Bearer ${options.apiKey}`;
  const contextSize = options.contextSize === undefined ? undefined : int(options.contextSize, "contextSize", 1, 1 << 24);
  const pool = new LeasePool(Array.from({ length: parallel }, (_, i) => i));
  const client = new HttpClient(headers, http);
  const backend = new CompletionsTurnBackend({
    baseUrl,
    model: options.model,
    format,
    grammar,
    http: client,
    pool,
    maxTokens: int(options.maxTokens ?? 1024, "maxTokens", 1, 10_000_000),
    contextSize,
    loopSteering,
  });
  return new OpenAIEngine({
    info: { backend: "openai", model: options.model, format: formatName, parallel, ...(contextSize !== undefined ? { contextSize } : {}) },
    baseUrl,
    mode,
    http: client,
    pool,
    backend,
    temperature,
  });
}

/** `http://host:port` → `http://host:port/v1`; a URL with a path is kept; trailing slashes dropped. */
export function normalizeBaseUrl(raw: unknown): string {
  if (typeof raw !== "string" || raw === "") throw invalid("baseUrl", "the server URL is required");
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid("baseUrl", `not a URL: ${JSON.stringify(raw)}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw invalid("baseUrl", `must be http(s), got ${url.protocol}`);
  if (url.pathname === "/" || url.pathname === "") url.pathname = "/v1";
  return url.href.replace(/\/+$/, "");
}

function int(value: number, name: string, min: number, max: number): number {
  if (!Number.isSafeInteger(value) || value < min || value > max) throw invalid(name, `must be an integer from ${min} to ${max}, got ${String(value)}`);
  return value;
}

function invalid(where: string, message: string): HammerError {
  return new HammerError("INPUT_INVALID", `${where}: ${message}`, { location: where });
}
