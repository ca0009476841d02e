import type { LlamaContextSequence, LlamaGrammar, Token, TokenBias } from "node-llama-cpp";
import { LoopSteer } from "../steer/LoopSteer.js";
import type { LoopBias } from "./LoopBias.js";
import { nodeLlamaCpp } from "./nodeLlamaCpp.js";
import type { TokenVocabulary } from "./readVocabulary.js";
import { StopMatcher } from "./StopMatcher.js";
import type { Utf8TokenGuard } from "./Utf8TokenGuard.js";

export interface PassInput {
  sequence: LlamaContextSequence;
  /** The whole prompt, BOS included when the model wants one. */
  tokens: Token[];
  grammar: LlamaGrammar;
  guard: Utf8TokenGuard<TokenBias>;
  vocab: TokenVocabulary;
  eog: ReadonlySet<number>;
  temperature: number;
  topP: number;
  topK: number;
  seed: number;
  maxTokens: number;
  /** Text stop strings (plain-text passes only). */
  stop: readonly string[];
  signal: AbortSignal;
  onText: (delta: string) => void;
  /**
   * Loop-aware decoding (structured passes): steer a degenerate repetition towards closing its
   * value; `callList` when the outermost array is the list of calls; `requestText` what the prompt
   * was rendered from (for invented values). null: off.
   */
  loops: { bias: LoopBias<TokenBias>; callList: boolean; requestText: string | undefined } | null;
}

export interface PassResult {
  text: string;
  finish: "stop" | "length" | "abort";
  /** Tokens sampled, end-of-generation excluded. */
  completionTokens: number;
  /** Tokens sampled while steering out of a loop. */
  steered: number;
}

/**
 * One generation on a sequence, token by token: the prompt's cached prefix is reused, the
 * grammar and the UTF-8 guard constrain sampling, text is decoded from the token bytes (so a
 * character split across tokens arrives whole), stop strings are matched on the text, and the
 * loop ends on end-of-generation, a stop string, `maxTokens` or the signal. With `loops`, the
 * tokens that close a value caught in a degenerate repetition are raised (LoopSteer).
 */
export async function runPass(p: PassInput): Promise<PassResult> {
  const { sequence } = p;
  if (p.signal.aborted) return { text: "", finish: "abort", completionTokens: 0, steered: 0 };
  const input = p.tokens.slice();
  if (input.length === 1 && sequence.nextTokenIndex !== 0) {
    await sequence.eraseContextTokenRanges([{ start: 0, end: sequence.nextTokenIndex }]);
  } else {
    // Keep the longest cached prefix but always evaluate at least the last token (it yields the logits).
    const last = input.pop() as Token;
    await sequence.adaptStateToTokens(input, false);
    input.push(last);
    input.splice(0, sequence.nextTokenIndex);
  }

  const guard = p.guard.track();
  const loops = p.loops;
  const steer = loops ? new LoopSteer({ callList: loops.callList, requestText: loops.requestText }) : null;
  const bias = (): TokenBias => {
    const exit = steer?.exit();
    return exit && loops ? loops.bias.bias(guard.bias(), exit) : guard.bias();
  };
  const decoder = new TextDecoder("utf-8");
  const stops = new StopMatcher(p.stop);
  let text = "";
  let count = 0;
  let finish: PassResult["finish"] | null = null;
  const out = (delta: string): void => {
    if (delta === "") return;
    text += delta;
    p.onText(delta);
  };

  const tokens = sequence.evaluate(input, {
    temperature: p.temperature,
    topP: p.topP,
    topK: p.topK,
    seed: p.seed,
    grammarEvaluationState: new (nodeLlamaCpp().LlamaGrammarEvaluationState)({ model: sequence.model, grammar: p.grammar }),
    tokenBias: bias,
    yieldEogToken: true,
  });
  for await (const token of tokens) {
    if (p.eog.has(token)) {
      finish = "stop";
      break;
    }
    count++;
    guard.push(token);
    const bytes = p.vocab.bytes[token];
    const piece = bytes ? decoder.decode(bytes, { stream: true }) : "";
    steer?.push(piece);
    const { emit, stopped } = stops.push(piece);
    out(emit);
    if (stopped) {
      finish = "stop";
      return { text, finish, completionTokens: count, steered: steer?.steered ?? 0 };
    }
    if (p.signal.aborted) {
      finish = "abort";
      break;
    }
    if (count >= p.maxTokens) {
      finish = "length";
      break;
    }
  }
  // Text held back as a possible stop string was not one. Bytes of a sequence still open at a
  // cut (length, abort) are dropped rather than shown as U+FFFD.
  out(stops.flush());
  return { text, finish: finish ?? "stop", completionTokens: count, steered: steer?.steered ?? 0 };
}
