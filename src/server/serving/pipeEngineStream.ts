import type { FastifyReply } from "fastify";
import type { AssistantTurn, EngineEvent, GenerateRequest } from "../../engine/index.js";
import { ApiError } from "../errors/ApiError.js";
import { toApiError } from "../errors/toApiError.js";
import { ClientClosedError, type RequestContext } from "../RequestContext.js";
import type { ReadyState } from "../ServerState.js";
import type { EngineRun } from "./EngineRun.js";
import type { SseWriter } from "./SseWriter.js";

/** One streaming API's writer over the SSE connection: chat completion chunks or Responses events. */
export interface EngineStreamWriter {
  start(): Promise<void>;
  /** Writes one engine event; the final turn comes back with the `done` event. */
  event(ev: EngineEvent): Promise<AssistantTurn | undefined>;
  /** Reports an error once the headers are out, the way that API's SDKs read it, and closes. */
  fail(err: ApiError): Promise<void>;
}

/**
 * Streams one engine run to the client. Headers wait for the first event, so a request the engine
 * rejects still gets a JSON error status; after that an error goes out as the API's error event.
 */
export async function pipeEngineStream(
  ready: ReadyState,
  run: EngineRun,
  request: GenerateRequest,
  ctx: RequestContext,
  reply: FastifyReply,
  sse: SseWriter,
  writer: EngineStreamWriter,
  onTurn: (turn: AssistantTurn) => void,
): Promise<void> {
  let opened = false;
  try {
    for await (const ev of run.events(() => ready.engine.stream(request))) {
      if (ev.type === "done" && ev.turn.finishReason === "abort") throw abortReason(ctx);
      if (!opened) {
        reply.hijack();
        sse.open();
        opened = true;
        await writer.start();
      }
      const turn = await writer.event(ev);
      if (turn) onTurn(turn);
    }
    if (!sse.closed) throw new ApiError(500, "the engine's stream ended without a final event", { hammerCode: "INTERNAL" });
  } catch (e) {
    if (!opened) throw e;
    if (e instanceof ClientClosedError || ctx.abortCause === "client_closed") return;
    const err = toApiError(e, ready.limits);
    ctx.error = err;
    await writer.fail(err);
  }
}

/** Why a run ended as `abort`: the request's own abort reason, else a 503. */
export function abortReason(ctx: RequestContext): unknown {
  return ctx.signal.aborted ? ctx.signal.reason : new ApiError(503, "The generation was aborted.", { apiCode: "aborted" });
}
