import { randomInt } from "node:crypto";
import type { LlamaContext, LlamaContextSequence, LlamaGrammar, LlamaModel, Token, TokenBias } from "node-llama-cpp";
import { HammerError } from "../../core/errors.js";
import { TrackedEngine } from "../EngineLifecycle.js";
import type { PromptFormat } from "../../core/formats/index.js";
import { compileToolGrammar, type CompiledGrammar } from "../../core/grammar/index.js";
import { jsonAnswerGrammar } from "../turn/jsonAnswerGrammar.js";
import { checkJsonAnswer } from "../turn/checkCall.js";
import { checkSampling, checkStops, planRequest, type Sampling } from "../turn/planRequest.js";
import { TurnAssembler, type AssembledTurn } from "../turn/TurnAssembler.js";
import type { AssistantTurn, CompletionRequest, CompletionResult, EngineEvent, EngineInfo, GenerateRequest, Usage } from "../types.js";
import { FREE_TEXT_GBNF, type GrammarStore } from "./GrammarStore.js";
import type { TokenVocabulary } from "./readVocabulary.js";
import { runPass, type PassResult } from "./runPass.js";
import type { LeasePool } from "../LeasePool.js";
import type { Utf8TokenGuard } from "./Utf8TokenGuard.js";

/** Everything a LlamaEngine runs on; built by createLlamaEngine. */
export interface LlamaEngineParts {
  info: EngineInfo;
  format: PromptFormat;
  model: LlamaModel;
  context: LlamaContext;
  pool: LeasePool<LlamaContextSequence>;
  grammars: GrammarStore;
  guard: Utf8TokenGuard<TokenBias>;
  vocab: TokenVocabulary;
  eog: ReadonlySet<number>;
  temperature: number;
  topK: number;
}

type Emit = (event: EngineEvent) => void;

/** The in-process backend: one llama.cpp context whose sequences serve requests concurrently. */
export class LlamaEngine extends TrackedEngine {
  readonly info: EngineInfo;

  constructor(private readonly parts: LlamaEngineParts) {
    super();
    this.info = Object.freeze({ ...parts.info });
  }

  async countTokens(text: string): Promise<number> {
    this.life.ensureOpen();
    return this.parts.model.tokenize(text, true).length;
  }

  close(): Promise<void> {
    return this.life.close(
      () => this.parts.pool.close(),
      async () => {
        await this.parts.context.dispose();
        await this.parts.model.dispose();
      },
    );
  }

  protected async run(request: GenerateRequest, emit?: Emit): Promise<AssistantTurn> {
    this.life.ensureOpen();
    const { format } = this.parts;
    const plan = planRequest(request, { temperature: this.parts.temperature });
    // Compile before queueing, so a bad schema fails at once.
    const toolGrammar = plan.toolsActive
      ? (compileToolGrammar({ syntax: format.callSyntax, tools: plan.tools, choice: plan.choice, parallel: plan.parallel }) as CompiledGrammar)
      : null;
    const textGrammar = plan.json ? jsonAnswerGrammar(plan.json) : null;
    const signal = this.life.signalFor(request.signal);
    const seed = plan.sampling.seed ?? randomInt(0x7fffffff);
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const toolPrompt = toolGrammar ? this.tokenize(format.render(plan.messages, plan.tools)) : null;
    const textPrompt = (): Token[] => this.tokenize(format.render(plan.messages, []));
    const firstPrompt = toolPrompt ?? textPrompt();

    let sequence;
    try {
      sequence = await this.parts.pool.acquire(signal, (s) => cachedPrefix(s, firstPrompt));
    } catch (e) {
      if (signal.aborted) return { content: null, toolCalls: [], finishReason: "abort", usage, raw: "" };
      throw e;
    }
    try {
      let raw: string | null = null;
      if (toolGrammar && toolPrompt) {
        const assembler = new TurnAssembler({ syntax: format.callSyntax, tools: plan.tools, constraint: "grammar", warnings: toolGrammar.warnings, emit });
        const pass = await this.pass(sequence.item, toolPrompt, toolGrammar, plan.sampling, seed, [], signal, usage, (d) => assembler.push(d));
        const turn = assembler.end(pass.finish);
        raw = pass.text;
        if (turn.toolCalls.length > 0) return { ...turn, finishReason: "tool_calls", usage, raw };
        if (!(pass.finish === "stop" && plan.textFallback)) return { ...turn, finishReason: pass.finish, usage, raw };
      }
      // The text pass: no tools offered (tool_choice none), or Hammer 2.1's fallback after `[]`.
      const assembler = new TurnAssembler({ syntax: null, tools: [], constraint: "grammar", warnings: [], emit });
      const prompt = toolPrompt ? textPrompt() : firstPrompt;
      const stops = textGrammar ? [] : [...format.stopStrings, ...plan.stop];
      const pass = await this.pass(sequence.item, prompt, textGrammar, plan.sampling, seed, stops, signal, usage, (d) => assembler.push(d));
      const turn: AssembledTurn = assembler.end(pass.finish);
      if (plan.json && textGrammar && pass.finish === "stop") {
        checkJsonAnswer(pass.text, plan.json.schema, plan.json.name, "grammar", textGrammar.warnings);
      }
      return { ...turn, finishReason: pass.finish, usage, raw: raw ?? pass.text };
    } finally {
      sequence.release();
    }
  }

  protected async runCompletion(request: CompletionRequest): Promise<CompletionResult> {
    this.life.ensureOpen();
    if (typeof request?.prompt !== "string") throw new HammerError("INPUT_INVALID", "prompt: must be a string", { location: "prompt" });
    const sampling = checkSampling(request, { temperature: this.parts.temperature });
    const stops = checkStops(request.stop);
    const signal = this.life.signalFor(request.signal);
    const usage: Usage = { promptTokens: 0, completionTokens: 0 };
    const prompt = this.tokenize(request.prompt);
    let sequence;
    try {
      sequence = await this.parts.pool.acquire(signal, (s) => cachedPrefix(s, prompt));
    } catch (e) {
      if (signal.aborted) return { text: "", finishReason: "abort", usage };
      throw e;
    }
    try {
      const seed = sampling.seed ?? randomInt(0x7fffffff);
      const pass = await this.pass(sequence.item, prompt, null, sampling, seed, stops, signal, usage, (d) => request.onText?.(d));
      return { text: pass.text, finishReason: pass.finish, usage };
    } finally {
      sequence.release();
    }
  }

  /** Prompt tokens: special-token text becomes special tokens; BOS first when the model wants one. */
  private tokenize(prompt: string): Token[] {
    const { model } = this.parts;
    const tokens: Token[] = model.tokenize(prompt, true);
    const bos = model.tokens.bos;
    if (model.tokens.shouldPrependBosToken && bos !== null && tokens[0] !== bos) tokens.unshift(bos);
    if (tokens.length === 0) throw new HammerError("INPUT_INVALID", "prompt: empty (no tokens)", { location: "prompt" });
    return tokens;
  }

  /** Fit into the context, generate under a grammar (free text when null), count usage. */
  private async pass(
    sequence: LlamaContextSequence,
    tokens: Token[],
    compiled: CompiledGrammar | null,
    sampling: Sampling,
    seed: number,
    stop: readonly string[],
    signal: AbortSignal,
    usage: Usage,
    onText: (delta: string) => void,
  ): Promise<PassResult> {
    const room = sequence.contextSize - tokens.length - 1;
    if (room < 1) {
      throw new HammerError("LIMIT_EXCEEDED", `the prompt has ${tokens.length} tokens; the context holds ${sequence.contextSize} per sequence (engine contextSize)`, {
        location: "messages",
      });
    }
    const grammar: LlamaGrammar = compiled
      ? await this.parts.grammars.get(compiled.key, compiled.gbnf)
      : await this.parts.grammars.get("free-text", FREE_TEXT_GBNF);
    usage.promptTokens += tokens.length;
    const result = await runPass({
      sequence,
      tokens,
      grammar,
      guard: this.parts.guard,
      vocab: this.parts.vocab,
      eog: this.parts.eog,
      temperature: sampling.temperature,
      topP: sampling.topP,
      topK: this.parts.topK,
      seed,
      maxTokens: Math.min(sampling.maxTokens ?? Infinity, room),
      stop,
      signal,
      onText,
    });
    usage.completionTokens += result.completionTokens;
    return result;
  }

}

/** How many leading prompt tokens a sequence already holds (they need no prefill). */
function cachedPrefix(sequence: LlamaContextSequence, tokens: readonly Token[]): number {
  const held = sequence.contextTokens;
  const n = Math.min(held.length, tokens.length);
  let i = 0;
  while (i < n && held[i] === tokens[i]) i++;
  return i;
}

