import type { AssistantTurn, CompletionRequest, CompletionResult, Engine, EngineEvent, EngineInfo, GenerateRequest, TurnToolCall } from "../../../src/engine/types.js";

/** What a scripted turn produces: text pieces and/or calls whose argument text is split into fragments. */
export interface Script {
  text?: string[];
  calls?: Array<{ name: string; fragments: string[] }>;
  finishReason?: AssistantTurn["finishReason"];
  /** Milliseconds between events (the signal is honoured while waiting). */
  delayMs?: number;
  /** Throw this from generate/stream before any event. */
  error?: Error;
}

/**
 * A deterministic Engine for protocol-level tests: it replays a script per request, emits the
 * same events as a real engine (text, call start/fragments/end, done) and stops at once when the
 * request's signal aborts. Model-backed behaviour is tested against the llama engine.
 */
export class ScriptedEngine implements Engine {
  readonly info: EngineInfo;
  readonly requests: GenerateRequest[] = [];
  readonly completions: CompletionRequest[] = [];
  running = 0;
  maxRunning = 0;
  closed = false;

  constructor(
    private readonly script: (request: GenerateRequest) => Script,
    info: Partial<EngineInfo> = {},
    /** Text pieces `complete` produces for a prompt (default "Hello", ",", " world"). */
    private readonly completion: (request: CompletionRequest) => string[] = () => ["Hello", ",", " world"],
  ) {
    this.info = { backend: "llama", model: "scripted", format: "hammer2.1", parallel: 1, contextSize: 4096, ...info };
  }

  async generate(request: GenerateRequest): Promise<AssistantTurn> {
    let turn: AssistantTurn | undefined;
    for await (const ev of this.stream(request)) if (ev.type === "done") turn = ev.turn;
    if (!turn) throw new Error("no done event");
    return turn;
  }

  async *stream(request: GenerateRequest): AsyncIterable<EngineEvent> {
    this.requests.push(request);
    const s = this.script(request);
    if (s.error) throw s.error;
    this.running++;
    this.maxRunning = Math.max(this.maxRunning, this.running);
    try {
      let completion = 0;
      const aborted = () => request.signal?.aborted === true;
      const text: string[] = [];
      for (const t of s.text ?? []) {
        if (!(await this.wait(s.delayMs, request.signal))) return yield this.done("abort", text.join(""), [], completion);
        text.push(t);
        completion++;
        yield { type: "text", delta: t };
      }
      const calls: TurnToolCall[] = [];
      for (const [index, c] of (s.calls ?? []).entries()) {
        const id = `call_${index}_${c.name}`;
        yield { type: "tool_call_start", index, id, name: c.name };
        for (const f of c.fragments) {
          if (!(await this.wait(s.delayMs, request.signal))) return yield this.done("abort", text.join(""), [], completion);
          completion++;
          yield { type: "tool_call_arguments", index, delta: f };
        }
        yield { type: "tool_call_end", index };
        const argumentsText = c.fragments.join("");
        if (s.finishReason === undefined) calls.push({ id, name: c.name, arguments: JSON.parse(argumentsText) as Record<string, unknown>, argumentsText });
      }
      const reason = s.finishReason ?? (calls.length > 0 ? "tool_calls" : "stop");
      if (aborted()) return yield this.done("abort", text.join(""), [], completion);
      yield this.done(reason, text.length > 0 ? text.join("") : null, reason === "tool_calls" ? calls : [], completion);
    } finally {
      this.running--;
    }
  }

  private done(finishReason: AssistantTurn["finishReason"], content: string | null, toolCalls: TurnToolCall[], completionTokens: number): EngineEvent {
    return { type: "done", turn: { content, toolCalls, finishReason, usage: { promptTokens: 10, completionTokens }, raw: content ?? "" } };
  }

  private wait(ms: number | undefined, signal: AbortSignal | undefined): Promise<boolean> {
    if (signal?.aborted) return Promise.resolve(false);
    if (!ms) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        signal?.removeEventListener("abort", onAbort);
        resolve(true);
      }, ms);
      const onAbort = () => {
        clearTimeout(t);
        resolve(false);
      };
      signal?.addEventListener("abort", onAbort, { once: true });
    });
  }

  async complete(request: CompletionRequest): Promise<CompletionResult> {
    this.completions.push(request);
    const pieces = this.completion(request);
    for (const p of pieces) request.onText?.(p);
    return { text: pieces.join(""), finishReason: "stop", usage: { promptTokens: 3, completionTokens: pieces.length } };
  }

  async countTokens(text: string): Promise<number> {
    return text.length;
  }

  async close(): Promise<void> {
    this.closed = true;
  }
}
