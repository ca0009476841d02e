import { describeError } from "../../core/errors.js";
import { cloneJson, type JsonValue } from "../../core/json/index.js";
import type { ChatMessage, ToolCall } from "../../core/types.js";
import type { AssistantTurn, Engine } from "../../engine/index.js";
import { ApiSession, type ApiClasses } from "../multiturn/execution/ApiSession.js";
import { ADDED_FUNCTIONS_PROMPT, MAXIMUM_STEP_LIMIT } from "../multiturn/funcDocFiles.js";
import type { MultiTurnEntry } from "../multiturn/types.js";
import { errorKind, type GenerateRecordOptions } from "./generateRecord.js";
import { MultiTurnTools } from "./multiTurnTools.js";
import type { PredictionRecord } from "./types.js";

type LoggedCall = { name: string; arguments: Record<string, JsonValue> };

/**
 * Drive one multi-turn conversation as BFCL's FC inference does: per question turn, the user's
 * messages (at a miss_func turn, the held-out functions join the tools and BFCL's "updated some
 * more functions" message is sent), then model steps until a reply holds no call; each step's
 * calls run on this entry's simulated APIs and their result texts go back as tool messages. More
 * than MAXIMUM_STEP_LIMIT steps in a turn force-quits the conversation (the entry then has fewer
 * turns than its ground truth, and scores as force-terminated). The record's `turns` holds every
 * step's calls; a step that ended a turn without calls is `[]`. Failures are recorded, never thrown;
 * a conversation cut by the run's own signal gives null (resume redoes it).
 */
export async function generateMultiTurnRecord(engine: Engine, entry: MultiTurnEntry, options: GenerateRecordOptions, classes?: ApiClasses): Promise<PredictionRecord | null> {
  const started = performance.now();
  const turns: LoggedCall[][][] = [];
  const usage = { prompt_tokens: 0, completion_tokens: 0 };
  let finishReason: string | null = null;
  const record = (): PredictionRecord => ({ id: entry.id, turns, finish_reason: finishReason, latency_ms: Math.round(performance.now() - started), usage });
  const failed = (kind: NonNullable<PredictionRecord["error"]>["kind"], message: string): PredictionRecord => ({ ...record(), error: { kind, message } });

  let tools: MultiTurnTools;
  let session: ApiSession;
  try {
    tools = new MultiTurnTools(entry);
    session = new ApiSession(entry, classes);
  } catch (e) {
    return failed("input", describeError(e));
  }
  const timeout = options.timeoutMs > 0 ? AbortSignal.timeout(options.timeoutMs) : undefined;
  const signals = [options.signal, timeout].filter((x): x is AbortSignal => x !== undefined);
  const signal = signals.length === 0 ? undefined : signals.length === 1 ? signals[0] : AbortSignal.any(signals);
  const messages: ChatMessage[] = [];

  for (let t = 0; t < entry.question.length; t++) {
    if (tools.addsFunctions(t)) {
      tools.reveal(t);
      messages.push({ role: "user", content: ADDED_FUNCTIONS_PROMPT });
    } else {
      for (const m of entry.question[t] ?? []) {
        if (m.role === "user" || m.role === "system") messages.push({ role: m.role, content: m.content });
        else if (m.role === "assistant") messages.push({ role: "assistant", content: m.content });
        else return failed("input", `${entry.id}/question/${t}: unsupported role ${JSON.stringify(m.role)}`);
      }
    }
    const steps: LoggedCall[][] = [];
    turns.push(steps);
    for (let step = 0; ; step++) {
      let reply: AssistantTurn;
      try {
        reply = await engine.generate({
          messages,
          tools: tools.tools,
          toolChoice: "auto",
          temperature: options.temperature,
          seed: options.seed,
          maxTokens: options.maxTokens,
          // Free decoding: a reply whose text holds no readable call ends the turn, as an undecodable step does in BFCL.
          ...(options.decoding ? { decoding: options.decoding } : {}),
          ...(signal ? { signal } : {}),
        });
      } catch (e) {
        if (options.signal?.aborted) return null;
        if (timeout?.aborted) return failed("timeout", `no answer within ${options.timeoutMs} ms`);
        return failed(errorKind(e), describeError(e));
      }
      if (options.signal?.aborted) return null;
      usage.prompt_tokens += reply.usage.promptTokens;
      usage.completion_tokens += reply.usage.completionTokens;
      finishReason = reply.finishReason;
      if (reply.finishReason === "abort") return failed(timeout?.aborted ? "timeout" : "engine", timeout?.aborted ? `no answer within ${options.timeoutMs} ms` : "the engine aborted the generation");
      // A reply cut by the token limit holds no call: the turn ends there, as an undecodable step does in BFCL.
      const calls: ToolCall[] = reply.finishReason === "length" ? [] : reply.toolCalls.map((c, i) => ({ name: c.name, arguments: cloneJson(c.arguments), id: `call_${t}_${step}_${i}` }));
      steps.push(calls.map((c) => ({ name: c.name, arguments: c.arguments as Record<string, JsonValue> })));
      if (calls.length === 0) {
        messages.push({ role: "assistant", content: reply.raw });
        break;
      }
      messages.push({ role: "assistant", content: null, toolCalls: calls });
      for (const c of calls) {
        const result = session.execute({ name: c.name, arguments: c.arguments as Record<string, JsonValue> });
        messages.push({ role: "tool", content: result, toolCallId: c.id as string, name: c.name });
      }
      if (step + 1 > MAXIMUM_STEP_LIMIT) return record();
    }
  }
  return record();
}
