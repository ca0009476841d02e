import type { FastifyReply } from "fastify";
import type { AssistantTurn, GenerateRequest } from "../../engine/index.js";
import type { ResponsesRequest } from "../protocol/responsesRequest.js";
import { ClientClosedError, type RequestContext } from "../RequestContext.js";
import type { ReadyState, ServerState } from "../ServerState.js";
import { EngineRun } from "./EngineRun.js";
import { ResponseEventStream } from "./ResponseEventStream.js";
import { itemId, nowSeconds } from "./responseId.js";
import { abortReason, pipeEngineStream } from "./pipeEngineStream.js";
import { SseWriter } from "./SseWriter.js";
import { toResponseObject, type ResponsesMeta } from "./toResponseObject.js";
import { toResponsesPlan } from "./toResponsesPlan.js";

/**
 * `POST /v1/responses` (the subset tool calling needs): validate and map the request (400s
 * before queueing), wait for a sequence (429 when the queue is full), then generate on the same
 * engine as chat completions — the full Response, or its event stream.
 */
export class ServingResponses {
  constructor(private readonly state: ServerState) {}

  async handle(body: ResponsesRequest, ctx: RequestContext, reply: FastifyReply): Promise<void> {
    const ready = this.state.ready();
    const plan = toResponsesPlan(body, { limits: ready.limits, textFallback: this.state.textFallback, decoding: this.state.decoding });
    ctx.stream = plan.stream;
    const adapter = ready.adapterFor(body.model);
    const meta: ResponsesMeta = { id: itemId("resp"), createdAt: nowSeconds(), model: adapter ?? ready.modelName, echo: plan.echo };
    const request: GenerateRequest = { ...plan.request, signal: ctx.signal, ...(adapter !== undefined ? { adapter } : {}) };
    try {
      const run = new EngineRun(await ready.scheduler.acquire(ctx.signal), ctx.signal);
      if (plan.stream) await this.stream(ready, run, request, ctx, reply, meta);
      else await this.full(ready, run, request, ctx, reply, meta);
    } catch (e) {
      if (e instanceof ClientClosedError || ctx.abortCause === "client_closed") {
        reply.hijack();
        return;
      }
      throw e;
    }
  }

  private async full(ready: ReadyState, run: EngineRun, request: GenerateRequest, ctx: RequestContext, reply: FastifyReply, meta: ResponsesMeta): Promise<void> {
    const turn = await run.call(() => ready.engine.generate(request));
    if (turn.finishReason === "abort") throw abortReason(ctx);
    this.account(ctx, turn);
    await reply.send(toResponseObject(turn, meta));
  }

  private async stream(ready: ReadyState, run: EngineRun, request: GenerateRequest, ctx: RequestContext, reply: FastifyReply, meta: ResponsesMeta): Promise<void> {
    const sse = new SseWriter(reply.raw);
    await pipeEngineStream(ready, run, request, ctx, reply, sse, new ResponseEventStream(sse, meta), (turn) => this.account(ctx, turn));
  }

  private account(ctx: RequestContext, turn: AssistantTurn): void {
    ctx.setUsage(turn.usage.promptTokens, turn.usage.completionTokens);
    this.state.metrics.addTokens(turn.usage.promptTokens, turn.usage.completionTokens);
  }
}
