import type { PromptFormat } from "../../core/formats/index.js";
import type { LeasePool } from "../LeasePool.js";
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

  private async pass(p: TurnPass<string>): Promise<PassResult> {
    const url = `${this.parts.baseUrl}/completions`;
    const body: Record<string, unknown> = {
      model: this.parts.model,
      prompt: p.prompt,
      max_tokens: p.sampling.maxTokens ?? this.defaultMaxTokens(p.prompt),
      temperature: p.sampling.temperature,
      top_p: p.sampling.topP,
    };
    if (p.sampling.seed !== undefined) body.seed = p.sampling.seed;
    if (p.stop.length > 0) body.stop = [...p.stop];
    if (p.grammar) body[this.parts.grammar === "vllm" ? "guided_grammar" : "grammar"] = p.grammar.gbnf;
    if (p.stream) {
      body.stream = true;
      body.stream_options = { include_usage: true };
    }
    const open = await this.parts.http.post(url, body, p.signal);
    let text = "";
    const finish = await readChoices(open, url, p.stream, p.signal, p.usage, (choice) => {
      if (typeof choice.text === "string" && choice.text !== "") {
        text += choice.text;
        p.onText(choice.text);
      }
    });
    return { text, finish: p.signal.aborted ? "abort" : finish === "length" ? "length" : "stop" };
  }
}
