import type { FastifyReply } from "fastify";
import type { AssistantTurn, GenerateRequest } from "../../engine/index.js";
import type { ChatCompletionRequest } from "../protocol/chatCompletionRequest.js";
import { ClientClosedError, type RequestContext } from "../RequestContext.js";
import type { ReadyState, ServerState } from "../ServerState.js";
import { ChatChunkStream } from "./ChatChunkStream.js";
import { EngineRun } from "./EngineRun.js";
import { abortReason, pipeEngineStream } from "./pipeEngineStream.js";
import { nowSeconds, responseId } from "./responseId.js";
import { SseWriter } from "./SseWriter.js";
import { toChatCompletion, type ResponseMeta } from "./toChatCompletion.js";
import { toGenerateRequest } from "./toGenerateRequest.js";

/**
 * `POST /v1/chat/completions`: validate and map the request (400s before queueing), wait for a
 * sequence (429 when the queue is full), then the full or the streaming path.
 */
export class ServingChat {
  constructor(private readonly state: ServerState) {}

  async handle(body: ChatCompletionRequest, ctx: RequestContext, reply: FastifyReply): Promise<void> {
    const ready = this.state.ready();
    const plan = toGenerateRequest(body, { limits: ready.limits, textFallback: this.state.textFallback, decoding: this.state.decoding });
    ctx.stream = plan.stream;
    const adapter = ready.adapterFor(body.model);
    const meta: ResponseMeta = {
      id: responseId("chatcmpl"),
      created: nowSeconds(),
      model: adapter ?? ready.modelName,
      fingerprint: `hammer-${ready.engine.info.backend}-${ready.engine.info.format}`,
    };
    const request: GenerateRequest = { ...plan.request, signal: ctx.signal, ...(adapter !== undefined ? { adapter } : {}) };
    try {
      const run = new EngineRun(await ready.scheduler.acquire(ctx.signal), ctx.signal);
      if (plan.stream) await this.stream(ready, run, request, ctx, reply, meta, plan.includeUsage, plan.legacy);
      else await this.full(ready, run, request, ctx, reply, meta, plan.legacy);
    } catch (e) {
      if (e instanceof ClientClosedError || ctx.abortCause === "client_closed") {
        reply.hijack();
        return;
      }
      throw e;
    }
  }

  private async full(ready: ReadyState, run: EngineRun, request: GenerateRequest, ctx: RequestContext, reply: FastifyReply, meta: ResponseMeta, legacy: boolean): Promise<void> {
    const turn = await run.call(() => ready.engine.generate(request));
    if (turn.finishReason === "abort") throw abortReason(ctx);
    this.account(ctx, turn);
    await reply.send(toChatCompletion(turn, meta, legacy));
  }

  private async stream(
    ready: ReadyState,
    run: EngineRun,
    request: GenerateRequest,
    ctx: RequestContext,
    reply: FastifyReply,
    meta: ResponseMeta,
    includeUsage: boolean,
    legacy: boolean,
  ): Promise<void> {
    const sse = new SseWriter(reply.raw);
    await pipeEngineStream(ready, run, request, ctx, reply, sse, new ChatChunkStream(sse, meta, includeUsage, legacy), (turn) => this.account(ctx, turn));
  }

  private account(ctx: RequestContext, turn: AssistantTurn): void {
    ctx.setUsage(turn.usage.promptTokens, turn.usage.completionTokens);
    this.state.metrics.addTokens(turn.usage.promptTokens, turn.usage.completionTokens);
  }
}
