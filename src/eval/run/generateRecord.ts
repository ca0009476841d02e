import { describeError, isHammerError } from "../../core/errors.js";
import { cloneJson, parseJson } from "../../core/json/index.js";
import type { MaskMapping } from "../../core/masking/index.js";
import type { ToolCall } from "../../core/types.js";
import type { AssistantTurn, Decoding, Engine } from "../../engine/index.js";
import { maskEvalItem } from "./maskEvalItem.js";
import { toEvalItem, type SingleTurnSample } from "./toEvalItem.js";
import { unmaskPrediction } from "./unmaskPrediction.js";
import type { GenerationErrorKind, MaskSelection, PredictionRecord } from "./types.js";

export interface GenerateRecordOptions {
  mask: MaskSelection | null;
  /** `free`: no grammar; a turn without calls is scored from its raw text (BFCL's decoding). Default constrained. */
  decoding?: Decoding;
  seed: number;
  temperature: number;
  maxTokens: number;
  /** Per-sample limit in milliseconds; 0 = none. */
  timeoutMs: number;
  /** The run's stop signal: an answer cut by it is not recorded (the sample is redone on resume). */
  signal?: AbortSignal;
}

/**
 * Ask the engine one sample and make its log line: the conversation and tools (masked in
 * robustness mode, then the calls unmasked with the sample's mapping), `toolChoice: "auto"`,
 * the run's sampling settings. Failures are recorded, never thrown — except that an answer
 * cut short by the run's own signal gives null.
 */
export async function generateRecord(engine: Engine, s: SingleTurnSample, options: GenerateRecordOptions): Promise<PredictionRecord | null> {
  const id = s.sample.id;
  let item;
  let mapping: MaskMapping | undefined;
  try {
    item = toEvalItem(s);
    if (options.mask) ({ item, mapping } = maskEvalItem(item, options.mask, options.seed));
  } catch (e) {
    return failure(id, "input", describeError(e), 0, mapping);
  }

  const timeout = options.timeoutMs > 0 ? AbortSignal.timeout(options.timeoutMs) : undefined;
  const signals = [options.signal, timeout].filter((x): x is AbortSignal => x !== undefined);
  const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
  const started = performance.now();
  let turn: AssistantTurn;
  try {
    turn = await engine.generate({
      messages: item.messages,
      tools: item.tools,
      toolChoice: "auto",
      ...(options.decoding ? { decoding: options.decoding } : {}),
      temperature: options.temperature,
      seed: options.seed,
      maxTokens: options.maxTokens,
      ...(signal ? { signal } : {}),
    });
  } catch (e) {
    if (options.signal?.aborted) return null;
    const latency = performance.now() - started;
    if (timeout?.aborted) return failure(id, "timeout", `no answer within ${options.timeoutMs} ms`, latency, mapping);
    const kind = errorKind(e);
    const record = failure(id, kind, describeError(e), latency, mapping);
    // A remote model's schema-breaking call is still the model's answer: score it.
    if (kind === "invalid_call") record.tool_calls = [invalidCall(e, mapping)];
    return record;
  }
  if (options.signal?.aborted) return null;
  const latency = Math.round(performance.now() - started);
  const usage = { prompt_tokens: turn.usage.promptTokens, completion_tokens: turn.usage.completionTokens };
  if (turn.finishReason === "abort") {
    const r = timeout?.aborted ? failure(id, "timeout", `no answer within ${options.timeoutMs} ms`, latency, mapping) : failure(id, "engine", "the engine aborted the generation", latency, mapping);
    if (turn.raw !== "") r.partial_output = turn.raw;
    r.usage = usage;
    return r;
  }
  const record: PredictionRecord = { id, output: turn.raw, finish_reason: turn.finishReason, latency_ms: latency, usage };
  // A turn cut by the token limit has no calls even if one had started: its raw text is the
  // answer (BFCL decodes it), not an abstention.
  // Free decoding: output that holds no call block is scored as BFCL decodes the raw text (a
  // decode failure is wrong, with its error type), not as a deliberate abstention.
  const undecoded = options.decoding === "free" && turn.toolCalls.length === 0;
  if (turn.finishReason !== "length" && !undecoded) {
    const calls: ToolCall[] = turn.toolCalls.map((c) => ({ name: c.name, arguments: cloneJson(c.arguments) }));
    record.tool_calls = (mapping ? unmaskPrediction(calls, mapping) : calls).map((c) => ({ name: c.name, arguments: c.arguments }));
  }
  if (mapping) record.mask = mapping;
  return record;
}

function failure(id: string, kind: GenerationErrorKind, message: string, latencyMs: number, mapping: MaskMapping | undefined): PredictionRecord {
  const r: PredictionRecord = { id, finish_reason: null, latency_ms: Math.round(latencyMs), usage: null, error: { kind, message } };
  if (mapping) r.mask = mapping;
  return r;
}

export function errorKind(e: unknown): GenerationErrorKind {
  if (!isHammerError(e)) return "engine";
  if (e.code === "CALL_INVALID") return "invalid_call";
  if (e.code === "NETWORK") return "http";
  if (e.code === "LIMIT_EXCEEDED") return "context";
  return "engine";
}

/** The offending call of an InvalidCallError (`target`, arguments `text`), unmasked where its text parses. */
function invalidCall(e: unknown, mapping: MaskMapping | undefined): { name: string; arguments: unknown } {
  const { target, text } = e as { target?: unknown; text?: unknown };
  const name = typeof target === "string" ? target : "";
  const args = typeof text === "string" ? text : "{}";
  if (!mapping) return { name, arguments: args };
  let parsed: unknown;
  try {
    parsed = parseJson(args);
  } catch {
    parsed = undefined;
  }
  const isObject = parsed !== null && typeof parsed === "object" && !Array.isArray(parsed);
  const call = unmaskPrediction([{ name, arguments: isObject ? (parsed as Record<string, unknown>) : {} }], mapping)[0] as ToolCall;
  return { name: call.name, arguments: isObject ? call.arguments : args };
}
