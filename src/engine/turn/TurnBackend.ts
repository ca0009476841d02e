import type { CompiledGrammar } from "../../core/grammar/index.js";
import type { PromptFormat } from "../../core/formats/index.js";
import type { Usage } from "../types.js";
import type { Constraint } from "./checkCall.js";
import type { Sampling } from "./planRequest.js";

/** One generation a slot runs: a prompt, an optional grammar, stop strings and sampling. */
export interface TurnPass<P> {
  prompt: P;
  /** The grammar the output must follow; null for free text (or a backend that takes none). */
  grammar: CompiledGrammar | null;
  /** What the output is: tool calls or a JSON answer (where loop-aware decoding applies), or null for free text. */
  structure: "calls" | "json" | null;
  /** The text the prompt was rendered from (messages, tools): loop-aware decoding judges invented values against it. */
  requestText?: string;
  /** Text stop strings (the stop string is not part of the text). */
  stop: readonly string[];
  sampling: Sampling;
  signal: AbortSignal;
  /** The pass adds its prompt and completion tokens here. */
  usage: Usage;
  /** The caller consumes text as it arrives (a remote backend asks its server to stream). */
  stream: boolean;
  onText(delta: string): void;
}

export interface PassResult {
  text: string;
  finish: "stop" | "length" | "abort";
}

/** A borrowed unit of capacity (a llama.cpp sequence, a slot for an upstream request). */
export interface TurnSlot<P> {
  pass(pass: TurnPass<P>): Promise<PassResult>;
  /** Return the slot; idempotent. */
  release(): void;
}

/**
 * What a backend supplies to the one turn algorithm (runTurn, runCompletion): prompts in its own
 * form, and slots that run one pass each. Everything else (planning, the tool pass, the text
 * fallback, checks, abort handling) is shared.
 */
export interface TurnBackend<P> {
  /** How chats are rendered to prompts and calls are written. */
  readonly format: PromptFormat;
  /**
   * `grammar`: the backend enforces the grammars it is given, so output that breaks one is a bug
   * and structured passes need no stop strings; `none`: output is only checked afterwards.
   */
  readonly constraint: Constraint;
  /** Whether passes take compiled grammars (llama: always; a remote server: when it accepts them). */
  readonly takesGrammar: boolean;
  /**
   * The backend's form of a prompt text. Throws CONTEXT_LENGTH_EXCEEDED when the prompt plus
   * `maxTokens` cannot fit the context (as far as the backend knows it); `where` names the field
   * for the error (`messages`, `prompt`).
   */
  prompt(text: string, maxTokens: number | undefined, where: string): P;
  /**
   * Wait for a free slot (FIFO); `first` is the prompt about to run, for prefix-cache affinity.
   * `adapter` selects one of the backend's LoRA adapters (selectAdapter: an unknown name is
   * INPUT_INVALID, before any wait); undefined is the base model. Rejects when the signal aborts.
   */
  acquire(signal: AbortSignal, first: P | null, adapter: string | undefined): Promise<TurnSlot<P>>;
}
