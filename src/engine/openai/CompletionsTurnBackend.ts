import type { PromptFormat } from "../../core/formats/index.js";
import type { LeasePool } from "../LeasePool.js";
import { LoopSteer } from "../steer/LoopSteer.js";
import { checkContextFit } from "../turn/checkContextFit.js";
import { selectAdapter } from "../turn/selectAdapter.js";
import type { PassResult, TurnBackend, TurnPass, TurnSlot } from "../turn/TurnBackend.js";
import type { HttpClient } from "./HttpClient.js";
import { readChoices } from "./readResponse.js";

const NO_ADAPTERS: ReadonlyMap<string, LeasePool<number>> = new Map();

/** Where upstream servers take a GBNF grammar: llama-server's `grammar`, vLLM's `guided_grammar`. */
export type UpstreamGrammar = "none" | "llama-server" | "vllm";

export interface CompletionsParts {
  baseUrl: string;
  /** Upstream model id, sent as `model`. */
  model: string;
  format: PromptFormat;
  grammar: UpstreamGrammar;
  http: HttpClient;
  pool: LeasePool<number>;
  /** max_tokens sent when a request sets none (servers default to 16). */
  maxTokens: number;
  /** The upstream's context size, when known (else the upstream alone judges what fits). */
  contextSize: number | undefined;
  /** Loop-aware decoding of structured passes when a request does not say. */
  loopSteering: boolean;
}

/**
 * The remote backend's part of a turn: prompts are rendered text, a slot is one of `parallel`
 * request slots, and a pass is one `/completions` call (streamed when the caller streams), with
 * our GBNF attached when the upstream takes one. Output is only checked, never trusted.
 */
export class CompletionsTurnBackend implements TurnBackend<string> {
  readonly constraint = "none";
  readonly takesGrammar: boolean;
  readonly format: PromptFormat;

  constructor(private readonly parts: CompletionsParts) {
    this.takesGrammar = parts.grammar !== "none";
    this.format = parts.format;
  }

  /** Remote prompts cannot be counted exactly here: only what max_tokens alone rules out is refused. */
  prompt(text: string, maxTokens: number | undefined, where: string): string {
    const { contextSize } = this.parts;
    if (contextSize !== undefined) checkContextFit({ promptTokens: null, maxTokens, contextSize, where });
    return text;
  }

  /** An endpoint serves no LoRA adapters of ours: a named one is refused before any wait. */
  async acquire(signal: AbortSignal, _first: string | null, adapter: string | undefined): Promise<TurnSlot<string>> {
    const pool = selectAdapter(adapter, this.parts.pool, NO_ADAPTERS);
    const lease = await pool.acquire(signal);
    return { pass: (p) => this.pass(p), release: () => lease.release() };
  }

  /** max_tokens when the request sets none: the default, bounded by the context left when it is known (prompt estimated at 4 characters a token). */
  defaultMaxTokens(prompt: string): number {
    const { contextSize, maxTokens } = this.parts;
    if (contextSize === undefined) return maxTokens;
    return Math.max(1, Math.min(maxTokens, contextSize - Math.ceil(prompt.length / 4)));
  }

  /**
   * One pass: a `/completions` call. With loop-aware decoding (structured passes) the upstream
   * streams and the text is watched character by character; once a value is caught in a
   * degenerate repetition the stream is cut there, the closing text is written, and a new call
   * resumes from the prompt plus the text so far (without the grammar, which an upstream can only
   * apply from its start; the result is checked like any output here), within what is left of
   * max_tokens.
   */
  private async pass(p: TurnPass<string>): Promise<PassResult> {
    const steer =
      p.structure !== null && (p.sampling.loopSteering ?? this.parts.loopSteering)
        ? new LoopSteer({ callList: p.structure === "calls" && this.format.callSyntax.kind === "json-list", requestText: p.requestText })
        : null;
    let left = p.sampling.maxTokens ?? this.defaultMaxTokens(p.prompt);
    let text = "";
    for (let resumed = false; ; resumed = true) {
      const cut = new AbortController();
      const signal = steer ? AbortSignal.any([p.signal, cut.signal]) : p.signal;
      let exit: string | null = null;
      let chunks = 0;
      const before = p.usage.completionTokens;
      const url = `${this.parts.baseUrl}/completions`;
      const open = await this.parts.http.post(url, this.body(p, p.prompt + text, left, resumed ? null : p.grammar, p.stream || steer !== null), p.signal);
      const finish = await readChoices(open, url, p.stream || steer !== null, signal, p.usage, (choice) => {
        if (exit !== null || typeof choice.text !== "string" || choice.text === "") return;
        chunks++;
        let piece = choice.text;
        if (steer) {
          // Keep the text up to the character where the loop shows, then close its value.
          for (let i = 0; i < piece.length && exit === null; i++) {
            steer.push(piece[i] as string);
            exit = steer.exit();
            if (exit !== null) piece = piece.slice(0, i + 1) + exit;
          }
          if (exit !== null) {
            steer.push(exit);
            cut.abort();
          }
        }
        text += piece;
        p.onText(piece);
      });
      if (p.signal.aborted) return { text, finish: "abort" };
      if (exit === null) return { text, finish: finish === "length" ? "length" : "stop" };
      // A cut stream sends no usage: its chunks count as its tokens.
      if (p.usage.completionTokens === before) p.usage.completionTokens += chunks;
      left -= p.usage.completionTokens - before;
      if (left <= 0) return { text, finish: "length" };
    }
  }

  private body(p: TurnPass<string>, prompt: string, maxTokens: number, grammar: TurnPass<string>["grammar"], stream: boolean): Record<string, unknown> {
    const body: Record<string, unknown> = {
      model: this.parts.model,
      prompt,
      max_tokens: maxTokens,
      temperature: p.sampling.temperature,
      top_p: p.sampling.topP,
    };
    if (p.sampling.seed !== undefined) body.seed = p.sampling.seed;
    if (p.stop.length > 0) body.stop = [...p.stop];
    if (grammar) body[this.parts.grammar === "vllm" ? "guided_grammar" : "grammar"] = grammar.gbnf;
    if (stream) {
      body.stream = true;
      body.stream_options = { include_usage: true };
    }
    return body;
  }
}
