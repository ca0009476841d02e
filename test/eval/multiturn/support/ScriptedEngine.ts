import type { ChatMessage, ToolCall } from "../../../../src/core/types.js";
import type { AssistantTurn, CompletionRequest, CompletionResult, Engine, EngineEvent, EngineInfo, GenerateRequest } from "../../../../src/engine/types.js";

/**
 * A model whose replies a script decides from the request (the conversation so far and the tools
 * offered). Every request is kept for inspection.
 */
export class ScriptedEngine implements Engine {
  readonly info: EngineInfo = { backend: "llama", model: "scripted", format: "hammer2.1", parallel: 1 };
  readonly requests: GenerateRequest[] = [];

  constructor(private readonly script: (messages: readonly ChatMessage[], toolNames: string[]) => ToolCall[]) {}

  async generate(request: GenerateRequest): Promise<AssistantTurn> {
    this.requests.push({ ...request, messages: structuredClone(request.messages) });
    await new Promise((r) => setImmediate(r));
    if (request.signal?.aborted) return { content: null, toolCalls: [], finishReason: "abort", usage: { promptTokens: 1, completionTokens: 0 }, raw: "" };
    const calls = this.script(request.messages, (request.tools ?? []).map((t) => t.name));
    return {
      content: calls.length === 0 ? "Done." : null,
      toolCalls: calls.map((c, i) => ({ id: `c${i}`, name: c.name, arguments: c.arguments, argumentsText: JSON.stringify(c.arguments) })),
      finishReason: calls.length > 0 ? "tool_calls" : "stop",
      usage: { promptTokens: 10, completionTokens: 2 },
      raw: calls.length === 0 ? "Done." : JSON.stringify(calls),
    };
  }

  async *stream(): AsyncIterable<EngineEvent> {
    throw new Error("ScriptedEngine: stream is not used by eval run");
  }

  async complete(_request: CompletionRequest): Promise<CompletionResult> {
    throw new Error("ScriptedEngine: complete is not used by eval run");
  }

  async countTokens(text: string): Promise<number> {
    return text.length;
  }

  async close(): Promise<void> {}
}
