import { HammerError } from "../../core/errors.js";
import { TrackedEngine } from "../EngineLifecycle.js";
import type { PromptFormat } from "../../core/formats/index.js";
import { compileToolGrammar, type CompiledGrammar } from "../../core/grammar/index.js";
import { jsonAnswerGrammar } from "../turn/jsonAnswerGrammar.js";
import type { LeasePool } from "../LeasePool.js";
import { checkJsonAnswer } from "../turn/checkCall.js";
import { checkSampling, checkStops, planRequest, type RequestPlan, type Sampling } from "../turn/planRequest.js";
import { TurnAssembler } from "../turn/TurnAssembler.js";
import type { AssistantTurn, CompletionRequest, CompletionResult, EngineEvent, EngineInfo, GenerateRequest, Usage } from "../types.js";
import { chatRequestBody } from "./chatRequestBody.js";
import { ChatStreamAssembler } from "./ChatStreamAssembler.js";
import { CallerAbort, type HttpClient } from "./HttpClient.js";
import { addUsage, bodyOf, firstChoice, parseChunk, readJson } from "./readResponse.js";
import { readSse } from "./readSse.js";
import { ToolNameMap } from "./ToolNameMap.js";

/** Where upstream servers take a GBNF grammar: llama-server's `grammar`, vLLM's `guided_grammar`. */
export type UpstreamGrammar = "none" | "llama-server" | "vllm";

export interface OpenAIEngineParts {
  info: EngineInfo;
  baseUrl: string;
  mode: "chat" | "completions";
  format: PromptFormat;
  grammar: UpstreamGrammar;
  http: HttpClient;
  pool: LeasePool<number>;
  temperature: number;
  /** max_tokens sent to /completions when a request sets none (servers default to 16). */
  maxTokens: number;
}

type Emit = (event: EngineEvent) => void;
type Finish = "stop" | "length" | "abort";

/**
 * The remote backend: any OpenAI-compatible server. `chat` mode forwards chats with OpenAI tools
 * and validates the returned calls; `completions` mode renders the format's prompt itself, sends
 * it to `/completions` and parses and validates the output with the format (how a Hammer model
 * served by vLLM must be used: vLLM's tool parsers do not read Hammer's output).
 */
export class OpenAIEngine extends TrackedEngine {
  readonly info: EngineInfo;

  constructor(private readonly parts: OpenAIEngineParts) {
    super();
    this.info = Object.freeze({ ...parts.info });
  }

  /** Approximate: about 4 characters per token (OpenAI's rule of thumb); remote tokenizers are not at hand. */
  async countTokens(text: string): Promise<number> {
    return Math.ceil(text.length / 4);
  }

  close(): Promise<void> {
    return this.life.close(() => this.parts.pool.close());
  }

  protected async run(request: GenerateRequest, emit?: Emit): Promise<AssistantTurn> {
    this.life.ensureOpen();
    const plan = planRequest(request, { temperature: this.parts.temperature });
    const signal = this.life.signalFor(request.signal);
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const aborted = (): AssistantTurn => ({ content: null, toolCalls: [], finishReason: "abort", usage, raw: "" });
    let lease;
    try {
      lease = await this.parts.pool.acquire(signal);
    } catch (e) {
      if (signal.aborted) return aborted();
      throw e;
    }
    try {
      return this.parts.mode === "chat" ? await this.chatTurn(plan, signal, usage, emit) : await this.completionsTurn(plan, signal, usage, emit);
    } catch (e) {
      if (e instanceof CallerAbort || (signal.aborted && !(e instanceof HammerError))) return aborted();
      throw e;
    } finally {
      lease.release();
    }
  }

  private async chatTurn(plan: RequestPlan, signal: AbortSignal, usage: Usage, emit: Emit | undefined): Promise<AssistantTurn> {
    const historyNames = plan.messages.flatMap((m) => (m.role === "assistant" ? (m.toolCalls ?? []).map((c) => c.name) : []));
    const names = new ToolNameMap([...plan.tools.map((t) => t.name), ...historyNames]);
    const stream = emit !== undefined;
    const url = `${this.parts.baseUrl}/chat/completions`;
    const open = await this.parts.http.post(url, chatRequestBody(this.info.model, plan, names, stream, plan.sampling.seed), signal);
    const assembler = new ChatStreamAssembler(plan.tools, names, emit);
    let finish: unknown = null;
    let raw: unknown;
    if (!stream) {
      const body = await readJson(open, url);
      const choice = firstChoice(body, url);
      assembler.push(choice.message ?? {});
      finish = choice.finish_reason;
      raw = choice.message;
      addUsage(usage, body);
    } else {
      const deltas: unknown[] = [];
      let last: Record<string, unknown> = {};
      for await (const data of readSse(bodyOf(open, url), open.alive)) {
        const chunk = parseChunk(data, url);
        const choice = (chunk.choices as Array<Record<string, unknown>> | undefined)?.[0];
        if (choice?.delta) {
          assembler.push(choice.delta as Record<string, unknown>);
          deltas.push(choice.delta);
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) last = chunk;
        if (signal.aborted) break;
      }
      open.done();
      addUsage(usage, last);
      raw = deltas;
    }
    const reason: Finish = signal.aborted ? "abort" : finish === "length" ? "length" : "stop";
    const turn = assembler.end(reason === "stop");
    return { ...turn, finishReason: turn.toolCalls.length > 0 ? "tool_calls" : reason, usage, raw: JSON.stringify(raw ?? null) };
  }

  private async completionsTurn(plan: RequestPlan, signal: AbortSignal, usage: Usage, emit: Emit | undefined): Promise<AssistantTurn> {
    const { format } = this.parts;
    const upstreamGrammar = this.parts.grammar !== "none";
    let raw: string | null = null;
    if (plan.toolsActive) {
      const grammar = upstreamGrammar ? compileToolGrammar({ syntax: format.callSyntax, tools: plan.tools, choice: plan.choice, parallel: plan.parallel }) : null;
      const assembler = new TurnAssembler({ syntax: format.callSyntax, tools: plan.tools, constraint: "none", warnings: grammar?.warnings ?? [], emit });
      const pass = await this.completion(format.render(plan.messages, plan.tools), plan.sampling, [...format.stopStrings], grammar, signal, usage, (d) => assembler.push(d), emit !== undefined);
      const turn = assembler.end(pass.finish);
      raw = pass.text;
      if (turn.toolCalls.length > 0) return { ...turn, finishReason: "tool_calls", usage, raw };
      if (!(pass.finish === "stop" && plan.textFallback)) return { ...turn, finishReason: pass.finish, usage, raw };
    }
    const grammar = upstreamGrammar && plan.json ? jsonAnswerGrammar(plan.json) : null;
    const assembler = new TurnAssembler({ syntax: null, tools: [], constraint: "none", warnings: [], emit });
    const stops = plan.json ? [...format.stopStrings] : [...format.stopStrings, ...plan.stop];
    const pass = await this.completion(format.render(plan.messages, []), plan.sampling, stops, grammar, signal, usage, (d) => assembler.push(d), emit !== undefined);
    const turn = assembler.end(pass.finish);
    if (plan.json && grammar && pass.finish === "stop") checkJsonAnswer(pass.text, plan.json.schema, plan.json.name, "none", grammar.warnings);
    return { ...turn, finishReason: pass.finish, usage, raw: raw ?? pass.text };
  }

  protected async runCompletion(request: CompletionRequest): Promise<CompletionResult> {
    this.life.ensureOpen();
    if (typeof request?.prompt !== "string") throw new HammerError("INPUT_INVALID", "prompt: must be a string", { location: "prompt" });
    const sampling = checkSampling(request, { temperature: this.parts.temperature });
    const stops = checkStops(request.stop);
    const signal = this.life.signalFor(request.signal);
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    let lease;
    try {
      lease = await this.parts.pool.acquire(signal);
    } catch (e) {
      if (signal.aborted) return { text: "", finishReason: "abort", usage };
      throw e;
    }
    let text = "";
    try {
      const onText = (d: string): void => {
        text += d;
        request.onText?.(d);
      };
      const pass = await this.completion(request.prompt, sampling, stops, null, signal, usage, onText, request.onText !== undefined);
      return { text: pass.text, finishReason: pass.finish, usage };
    } catch (e) {
      if (e instanceof CallerAbort || (signal.aborted && !(e instanceof HammerError))) return { text, finishReason: "abort", usage };
      throw e;
    } finally {
      lease.release();
    }
  }

  /** One `/completions` call (streamed when `stream`), text passed to `onText` as it arrives. */
  private async completion(
    prompt: string,
    sampling: Sampling,
    stop: string[],
    grammar: CompiledGrammar | null,
    signal: AbortSignal,
    usage: Usage,
    onText: (delta: string) => void,
    stream: boolean,
  ): Promise<{ text: string; finish: Finish }> {
    const url = `${this.parts.baseUrl}/completions`;
    const body: Record<string, unknown> = {
      model: this.info.model,
      prompt,
      max_tokens: sampling.maxTokens ?? this.parts.maxTokens,
      temperature: sampling.temperature,
      top_p: sampling.topP,
    };
    if (sampling.seed !== undefined) body.seed = sampling.seed;
    if (stop.length > 0) body.stop = stop;
    if (grammar) body[this.parts.grammar === "vllm" ? "guided_grammar" : "grammar"] = grammar.gbnf;
    if (stream) {
      body.stream = true;
      body.stream_options = { include_usage: true };
    }
    const open = await this.parts.http.post(url, body, signal);
    let text = "";
    let finish: unknown = null;
    if (!stream) {
      const json = await readJson(open, url);
      const choice = firstChoice(json, url);
      text = typeof choice.text === "string" ? choice.text : "";
      finish = choice.finish_reason;
      addUsage(usage, json);
      onText(text);
    } else {
      let last: Record<string, unknown> = {};
      for await (const data of readSse(bodyOf(open, url), open.alive)) {
        const chunk = parseChunk(data, url);
        const choice = (chunk.choices as Array<Record<string, unknown>> | undefined)?.[0];
        if (typeof choice?.text === "string" && choice.text !== "") {
          text += choice.text;
          onText(choice.text);
        }
        if (choice?.finish_reason) finish = choice.finish_reason;
        if (chunk.usage) last = chunk;
        if (signal.aborted) break;
      }
      open.done();
      addUsage(usage, last);
    }
    return { text, finish: signal.aborted ? "abort" : finish === "length" ? "length" : "stop" };
  }
}

