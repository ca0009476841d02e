import type { FastifyReply } from "fastify";
import type { AssistantTurn, GenerateRequest } from "../../engine/index.js";
import { ApiError } from "../errors/ApiError.js";
import { toApiError } from "../errors/toApiError.js";
import type { ResponsesRequest } from "../protocol/responsesRequest.js";
import { ClientClosedError, type RequestContext } from "../RequestContext.js";
import type { ReadyState, ServerState } from "../ServerState.js";
import { EngineRun } from "./EngineRun.js";
import { ResponseEventStream } from "./ResponseEventStream.js";
import { itemId, nowSeconds } from "./responseId.js";
import { abortReason } from "./ServingChat.js";
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
    const events = new ResponseEventStream(sse, meta);
    let opened = false;
    try {
      for await (const ev of run.events(() => ready.engine.stream(request))) {
        if (ev.type === "done" && ev.turn.finishReason === "abort") throw abortReason(ctx);
        if (!opened) {
          // Headers wait for the first event, so a request the engine rejects still gets a JSON error status.
          reply.hijack();
          sse.open();
          opened = true;
          await events.start();
        }
        const turn = await events.event(ev);
        if (turn) this.account(ctx, turn);
      }
      if (!sse.closed) throw new ApiError(500, "the engine's stream ended without a final event", { hammerCode: "INTERNAL" });
    } catch (e) {
      if (!opened) throw e;
      if (e instanceof ClientClosedError || ctx.abortCause === "client_closed") return;
      const err = toApiError(e, ready.limits);
      ctx.error = err;
      await events.fail(err);
    }
  }

  private account(ctx: RequestContext, turn: AssistantTurn): void {
    ctx.setUsage(turn.usage.promptTokens, turn.usage.completionTokens);
    this.state.metrics.addTokens(turn.usage.promptTokens, turn.usage.completionTokens);
  }
}
