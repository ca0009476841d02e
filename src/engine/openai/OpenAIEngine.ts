import type { LeasePool } from "../LeasePool.js";
import { TrackedEngine } from "../TrackedEngine.js";
import { checkContextFit } from "../turn/checkContextFit.js";
import type { RequestPlan } from "../turn/planRequest.js";
import { withSlot } from "../turn/withSlot.js";
import type { AssistantTurn, EngineEvent, EngineInfo, Usage } from "../types.js";
import { chatRequestBody } from "./chatRequestBody.js";
import { ChatStreamAssembler } from "./ChatStreamAssembler.js";
import type { CompletionsTurnBackend } from "./CompletionsTurnBackend.js";
import type { HttpClient } from "./HttpClient.js";
import { readChoices } from "./readResponse.js";
import { ToolNameMap } from "./ToolNameMap.js";

export type { UpstreamGrammar } from "./CompletionsTurnBackend.js";

export interface OpenAIEngineParts {
  info: EngineInfo;
  baseUrl: string;
  mode: "chat" | "completions";
  http: HttpClient;
  pool: LeasePool<number>;
  /** Slots and `/completions` passes (also raw completions in chat mode). */
  backend: CompletionsTurnBackend;
  temperature: number;
}

/**
 * The remote backend: any OpenAI-compatible server. `chat` mode forwards chats with OpenAI tools
 * and validates the returned calls; `completions` mode runs the shared turn (runTurn) with the
 * format's prompt rendered here and each pass one `/completions` call, the output parsed and
 * validated with the format (how a Hammer model served by vLLM must be used: vLLM's tool parsers
 * do not read Hammer's output).
 */
export class OpenAIEngine extends TrackedEngine {
  readonly info: EngineInfo;
  protected readonly backend: CompletionsTurnBackend;
  protected readonly temperature: number;

  constructor(private readonly parts: OpenAIEngineParts) {
    super();
    this.info = Object.freeze({ ...parts.info });
    this.backend = parts.backend;
    this.temperature = parts.temperature;
  }

  /** Approximate: about 4 characters per token (OpenAI's rule of thumb); remote tokenizers are not at hand. */
  async countTokens(text: string): Promise<number> {
    return Math.ceil(text.length / 4);
  }

  close(): Promise<void> {
    return this.life.close(() => this.parts.pool.close());
  }

  protected override turn(plan: RequestPlan, signal: AbortSignal, emit?: (event: EngineEvent) => void): Promise<AssistantTurn> {
    if (this.parts.mode === "completions") return super.turn(plan, signal, emit);
    // Chat mode: the upstream renders and parses; only max_tokens alone can be judged against a known context here.
    const { contextSize } = this.info;
    if (contextSize !== undefined) checkContextFit({ promptTokens: null, maxTokens: plan.sampling.maxTokens, contextSize, where: "messages" });
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const aborted = (): AssistantTurn => ({ content: null, toolCalls: [], finishReason: "abort", usage, raw: "" });
    return withSlot(() => this.backend.acquire(signal, null, plan.adapter), signal, aborted, () => this.chatTurn(plan, signal, usage, emit));
  }

  private async chatTurn(plan: RequestPlan, signal: AbortSignal, usage: Usage, emit: ((event: EngineEvent) => void) | undefined): Promise<AssistantTurn> {
    const historyNames = plan.messages.flatMap((m) => (m.role === "assistant" ? (m.toolCalls ?? []).map((c) => c.name) : []));
    const names = new ToolNameMap([...plan.tools.map((t) => t.name), ...historyNames]);
    const stream = emit !== undefined;
    const url = `${this.parts.baseUrl}/chat/completions`;
    const open = await this.parts.http.post(url, chatRequestBody(this.info.model, plan, names, stream, plan.sampling.seed), signal);
    const assembler = new ChatStreamAssembler(plan.tools, names, emit);
    const deltas: unknown[] = [];
    let message: unknown;
    const finish = await readChoices(open, url, stream, signal, usage, (choice) => {
      if (!stream) {
        message = choice.message;
        assembler.push((choice.message as Record<string, unknown> | undefined) ?? {});
      } else if (choice.delta) {
        assembler.push(choice.delta as Record<string, unknown>);
        deltas.push(choice.delta);
      }
    });
    const reason = signal.aborted ? "abort" : finish === "length" ? "length" : "stop";
    const turn = assembler.end(reason === "stop");
    return { ...turn, finishReason: turn.toolCalls.length > 0 ? "tool_calls" : reason, usage, raw: JSON.stringify((stream ? deltas : message) ?? null) };
  }
}
