import { HammerError } from "../../core/errors.js";
import type { ChatMessage, JsonSchema, ToolChoice, ToolDef } from "../../core/types.js";
import { assertToolChoice, assertValidTools } from "../../core/validate/index.js";
import { DECODINGS, type GenerateRequest } from "../types.js";

/** Caps on request fields (hostile sizes fail with LIMIT_EXCEEDED before any work). */
export const REQUEST_LIMITS = Object.freeze({ maxStops: 16, maxStopLength: 512, maxMessages: 10_000 });

/** Sampling settings shared by the passes of one request. */
export interface Sampling {
  temperature: number;
  topP: number;
  seed: number | undefined;
  maxTokens: number | undefined;
  /** Loop-aware decoding of structured passes (engine default when undefined). */
  loopSteering?: boolean;
}

/** A checked request with defaults applied: what each backend executes. */
export interface RequestPlan {
  messages: ChatMessage[];
  tools: ToolDef[];
  choice: ToolChoice;
  parallel: boolean;
  /** A tool pass runs: tools are offered and the choice is not "none". */
  toolsActive: boolean;
  textFallback: boolean;
  /** The JSON constraint of the text pass (`response_format`); null for free text. */
  json: { kind: "json_object" | "json_schema"; schema: JsonSchema; name: string } | null;
  sampling: Sampling;
  stop: string[];
  /** The LoRA adapter the turn runs with (the backend checks it is loaded); undefined for the base model. */
  adapter: string | undefined;
  /** `decoding: "free"`: no grammar, calls parsed but not validated. */
  free: boolean;
}

/**
 * Check a request and apply defaults (tool_choice "auto" with tools, "none" without; parallel
 * calls on). Throws HammerError naming the bad field: INPUT_INVALID, SCHEMA_INVALID (a tool's
 * schema), LIMIT_EXCEEDED.
 */
export function planRequest(request: GenerateRequest, defaults: { temperature: number }): RequestPlan {
  if (request === null || typeof request !== "object") throw invalid("request", "must be an object");
  const { messages } = request;
  if (!Array.isArray(messages) || messages.length === 0) throw invalid("messages", "must be a non-empty array");
  if (messages.length > REQUEST_LIMITS.maxMessages) {
    throw new HammerError("LIMIT_EXCEEDED", `${messages.length} messages exceed the limit of ${REQUEST_LIMITS.maxMessages}`, { location: "messages" });
  }
  messages.forEach(checkMessage);
  const tools = request.tools ?? [];
  if (!Array.isArray(tools)) throw invalid("tools", "must be an array");
  assertValidTools(tools);
  const choice: unknown = request.toolChoice ?? (tools.length > 0 ? "auto" : "none");
  assertToolChoice(choice, tools);
  const parallel = request.parallelToolCalls ?? true;
  if (typeof parallel !== "boolean") throw invalid("parallelToolCalls", "must be a boolean");
  return {
    messages,
    tools,
    choice,
    parallel,
    toolsActive: choice !== "none" && tools.length > 0,
    textFallback: request.textFallback === true,
    json: jsonConstraint(request.responseFormat),
    sampling: checkSampling(request, defaults),
    stop: checkStops(request.stop),
    adapter: checkAdapterName(request.adapter),
    free: checkDecoding(request.decoding) === "free",
  };
}

function checkDecoding(decoding: unknown): string {
  if (decoding === undefined) return "constrained";
  if (typeof decoding !== "string" || !(DECODINGS as readonly string[]).includes(decoding)) {
    throw invalid("decoding", `must be ${DECODINGS.join(" or ")}, got ${JSON.stringify(decoding) ?? String(decoding)}`);
  }
  return decoding;
}

/** A request's `adapter`: a non-empty name, or undefined for the base model (shared with raw completions). */
export function checkAdapterName(adapter: unknown): string | undefined {
  if (adapter === undefined) return undefined;
  if (typeof adapter !== "string" || adapter === "") throw invalid("adapter", `must be a non-empty string, got ${JSON.stringify(adapter) ?? String(adapter)}`);
  return adapter;
}

/** Temperature, top_p, seed, max_tokens and loop steering, checked (shared with raw completions). */
export function checkSampling(
  r: { temperature?: number; topP?: number; seed?: number; maxTokens?: number; loopSteering?: boolean },
  defaults: { temperature: number },
): Sampling {
  const temperature = r.temperature ?? defaults.temperature;
  if (typeof temperature !== "number" || !Number.isFinite(temperature) || temperature < 0) throw invalid("temperature", `must be a number ≥ 0, got ${String(temperature)}`);
  const topP = r.topP ?? 1;
  if (typeof topP !== "number" || !(topP > 0 && topP <= 1)) throw invalid("topP", `must be in (0, 1], got ${String(topP)}`);
  if (r.seed !== undefined && !Number.isSafeInteger(r.seed)) throw invalid("seed", `must be an integer, got ${String(r.seed)}`);
  const maxTokens = r.maxTokens;
  if (maxTokens !== undefined && (!Number.isSafeInteger(maxTokens) || maxTokens < 1)) throw invalid("maxTokens", `must be a positive integer, got ${String(maxTokens)}`);
  if (r.loopSteering !== undefined && typeof r.loopSteering !== "boolean") throw invalid("loopSteering", `must be a boolean, got ${JSON.stringify(r.loopSteering)}`);
  return { temperature, topP, seed: r.seed, maxTokens, ...(r.loopSteering === undefined ? {} : { loopSteering: r.loopSteering }) };
}

export function checkStops(stop: unknown): string[] {
  if (stop === undefined || stop === null) return [];
  if (!Array.isArray(stop) || !stop.every((s) => typeof s === "string")) throw invalid("stop", "must be an array of strings");
  if (stop.length > REQUEST_LIMITS.maxStops) throw new HammerError("LIMIT_EXCEEDED", `${stop.length} stop strings exceed the limit of ${REQUEST_LIMITS.maxStops}`, { location: "stop" });
  for (const s of stop) {
    if (s.length > REQUEST_LIMITS.maxStopLength) {
      throw new HammerError("LIMIT_EXCEEDED", `a stop string of ${s.length} characters exceeds the limit of ${REQUEST_LIMITS.maxStopLength}`, { location: "stop" });
    }
  }
  return stop.filter((s) => s !== "");
}

function checkMessage(m: unknown, i: number): void {
  const where = `messages/${i}`;
  if (m === null || typeof m !== "object") throw invalid(where, "must be an object");
  const { role, content } = m as { role?: unknown; content?: unknown };
  if (role !== "system" && role !== "user" && role !== "assistant" && role !== "tool") throw invalid(`${where}/role`, `must be system, user, assistant or tool, got ${JSON.stringify(role)}`);
  if (typeof content !== "string" && !(role === "assistant" && content === null)) throw invalid(`${where}/content`, "must be a string");
  if (role === "assistant") {
    const calls = (m as { toolCalls?: unknown }).toolCalls;
    if (calls !== undefined && !(Array.isArray(calls) && calls.every((c) => c !== null && typeof c === "object" && typeof c.name === "string"))) {
      throw invalid(`${where}/toolCalls`, "must be an array of {name, arguments}");
    }
  }
}

function jsonConstraint(format: GenerateRequest["responseFormat"]): RequestPlan["json"] {
  if (format === undefined || format === null) return null;
  switch (format.type) {
    case "text":
      return null;
    case "json_object":
      return { kind: "json_object", schema: { type: "object" }, name: "json_object" };
    case "json_schema":
      if (format.schema === null || typeof format.schema !== "object" || Array.isArray(format.schema)) throw invalid("responseFormat/schema", "must be a JSON Schema object");
      return { kind: "json_schema", schema: format.schema, name: format.name ?? "response_format" };
    default:
      throw invalid("responseFormat/type", `must be text, json_object or json_schema, got ${JSON.stringify((format as { type?: unknown }).type)}`);
  }
}

function invalid(where: string, message: string): HammerError {
  return new HammerError("INPUT_INVALID", `${where}: ${message}`, { location: where });
}
