import { randomInt } from "node:crypto";
import type { LlamaContextSequence, LlamaModel, Token, TokenBias } from "node-llama-cpp";
import { HammerError } from "../../core/errors.js";
import type { PromptFormat } from "../../core/formats/index.js";
import type { LeasePool } from "../LeasePool.js";
import { checkContextFit } from "../turn/checkContextFit.js";
import { selectAdapter } from "../turn/selectAdapter.js";
import type { PassResult, TurnBackend, TurnPass, TurnSlot } from "../turn/TurnBackend.js";
import { FREE_TEXT_GBNF, type GrammarStore } from "./GrammarStore.js";
import type { LoopBias } from "./LoopBias.js";
import type { TokenVocabulary } from "./readVocabulary.js";
import { runPass } from "./runPass.js";
import type { Utf8TokenGuard } from "./Utf8TokenGuard.js";

/** Everything the llama backend's passes run on; built by createLlamaEngine. */
export interface LlamaTurnParts {
  format: PromptFormat;
  model: LlamaModel;
  /** Sequences of the base model's context. */
  pool: LeasePool<LlamaContextSequence>;
  /** Sequences of each LoRA adapter's context (the adapter applied), by adapter name. */
  adapterPools: ReadonlyMap<string, LeasePool<LlamaContextSequence>>;
  grammars: GrammarStore;
  guard: Utf8TokenGuard<TokenBias>;
  vocab: TokenVocabulary;
  eog: ReadonlySet<number>;
  topK: number;
  /** Tokens per sequence, prompt and output together. */
  contextSize: number;
  /** Exit biases for loop-aware decoding. */
  loopBias: LoopBias<TokenBias>;
  /** Loop-aware decoding of structured passes when a request does not say. */
  loopSteering: boolean;
}

/**
 * The llama backend's part of a turn: prompts are token arrays (checked against the context
 * before queueing), a slot is one sequence of the base model's context or of the requested LoRA
 * adapter's (each adapter has a context of its own), and a pass generates on it
 * under the grammar and the UTF-8 guard, reusing the sequence's cached prefix.
 */
export class LlamaTurnBackend implements TurnBackend<Token[]> {
  readonly constraint = "grammar";
  readonly takesGrammar = true;
  readonly format: PromptFormat;

  constructor(private readonly parts: LlamaTurnParts) {
    this.format = parts.format;
  }

  /** Special-token text becomes special tokens; BOS first when the model wants one. */
  prompt(text: string, maxTokens: number | undefined, where: string): Token[] {
    const { model } = this.parts;
    const tokens: Token[] = model.tokenize(text, true);
    const bos = model.tokens.bos;
    if (model.tokens.shouldPrependBosToken && bos !== null && tokens[0] !== bos) tokens.unshift(bos);
    if (tokens.length === 0) throw new HammerError("INPUT_INVALID", `${where}: empty (no tokens)`, { location: where });
    checkContextFit({ promptTokens: tokens.length, maxTokens, contextSize: this.parts.contextSize, where });
    return tokens;
  }

  async acquire(signal: AbortSignal, first: Token[] | null, adapter: string | undefined): Promise<TurnSlot<Token[]>> {
    const pool = selectAdapter(adapter, this.parts.pool, this.parts.adapterPools);
    const lease = await pool.acquire(signal, first ? (s) => cachedPrefix(s, first) : undefined);
    // One seed per turn: the fallback pass samples like the tool pass.
    const seed = randomInt(0x7fffffff);
    return { pass: (p) => this.pass(lease.item, p, seed), release: () => lease.release() };
  }

  private async pass(sequence: LlamaContextSequence, p: TurnPass<Token[]>, seed: number): Promise<PassResult> {
    const grammar = p.grammar ? await this.parts.grammars.get(p.grammar.key, p.grammar.gbnf) : await this.parts.grammars.get("free-text", FREE_TEXT_GBNF);
    p.usage.promptTokens += p.prompt.length;
    const result = await runPass({
      sequence,
      tokens: p.prompt,
      grammar,
      guard: this.parts.guard,
      vocab: this.parts.vocab,
      eog: this.parts.eog,
      temperature: p.sampling.temperature,
      topP: p.sampling.topP,
      topK: this.parts.topK,
      seed: p.sampling.seed ?? seed,
      // Without max_tokens, generation is bounded by what the context has left (checked to be ≥ 1).
      maxTokens: Math.min(p.sampling.maxTokens ?? Infinity, sequence.contextSize - p.prompt.length),
      stop: p.stop,
      signal: p.signal,
      onText: p.onText,
      // Only structured passes (tool calls, JSON answers) under their grammar: free text may repeat
      // itself, and free decoding (`decoding: free`) is the model's own output, unsteered.
      loops:
        p.grammar !== null && p.structure !== null && (p.sampling.loopSteering ?? this.parts.loopSteering)
          ? { bias: this.parts.loopBias, callList: p.structure === "calls" && this.format.callSyntax.kind === "json-list", requestText: p.requestText }
          : null,
    });
    p.usage.completionTokens += result.completionTokens;
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
