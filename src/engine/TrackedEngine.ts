import { EngineLifecycle } from "./EngineLifecycle.js";
import { planRequest, type RequestPlan } from "./turn/planRequest.js";
import { runCompletion } from "./turn/runCompletion.js";
import { runTurn } from "./turn/runTurn.js";
import { streamTurn } from "./turn/streamTurn.js";
import type { TurnBackend } from "./turn/TurnBackend.js";
import type { AssistantTurn, CompletionRequest, CompletionResult, Engine, EngineEvent, EngineInfo, GenerateRequest } from "./types.js";

/**
 * The request methods every backend shares: each request is checked and planned, tracked by the
 * lifecycle (so `close()` aborts it), and run by the one turn algorithm on the backend's slots;
 * `stream` is the same run with its events surfaced. A backend supplies `backend` (prompts and
 * slots), `countTokens` and `close`.
 */
export abstract class TrackedEngine implements Engine {
  abstract readonly info: EngineInfo;
  protected readonly life = new EngineLifecycle();
  protected abstract readonly backend: TurnBackend<unknown>;
  /** Temperature of requests that set none. */
  protected abstract readonly temperature: number;

  generate(request: GenerateRequest): Promise<AssistantTurn> {
    return this.life.track(this.run(request));
  }

  stream(request: GenerateRequest): AsyncIterable<EngineEvent> {
    return streamTurn(request, (r, emit) => this.life.track(this.run(r, emit)));
  }

  complete(request: CompletionRequest): Promise<CompletionResult> {
    return this.life.track(this.runCompletion(request));
  }

  abstract countTokens(text: string): Promise<number>;
  abstract close(): Promise<void>;

  /** One checked turn; a backend with a turn of its own (a server that renders chats itself) overrides it. */
  protected turn(plan: RequestPlan, signal: AbortSignal, emit?: (event: EngineEvent) => void): Promise<AssistantTurn> {
    return runTurn(plan, this.backend, signal, emit);
  }

  private async run(request: GenerateRequest, emit?: (event: EngineEvent) => void): Promise<AssistantTurn> {
    this.life.ensureOpen();
    const plan = planRequest(request, { temperature: this.temperature });
    return this.turn(plan, this.life.signalFor(request.signal), emit);
  }

  private async runCompletion(request: CompletionRequest): Promise<CompletionResult> {
    this.life.ensureOpen();
    return runCompletion(request, this.backend, this.life.signalFor(request?.signal), { temperature: this.temperature });
  }
}
