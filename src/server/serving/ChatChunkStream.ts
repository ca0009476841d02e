import type { AssistantTurn, EngineEvent } from "../../engine/index.js";
import type { ApiError } from "../errors/ApiError.js";
import type { ChatCompletionChunk, ChatFinishReason, ChunkDelta } from "../protocol/chatCompletion.js";
import type { SseWriter } from "./SseWriter.js";
import { toFinishReason, toUsage, type ResponseMeta } from "./toChatCompletion.js";

/**
 * Engine events → OpenAI `chat.completion.chunk`s: the role chunk, text deltas, per tool call
 * one delta with index, id, type and name (arguments "") and then its argument fragments as
 * generated, the finish chunk, the usage chunk when asked for, `[DONE]`. With the legacy
 * `functions`, calls stream as `function_call` deltas instead.
 */
export class ChatChunkStream {
  constructor(
    private readonly sse: SseWriter,
    private readonly meta: ResponseMeta,
    private readonly includeUsage: boolean,
    private readonly legacy: boolean,
  ) {}

  private chunk(delta: ChunkDelta, finishReason: ChatFinishReason | null = null): ChatCompletionChunk {
    const c: ChatCompletionChunk = {
      id: this.meta.id,
      object: "chat.completion.chunk",
      created: this.meta.created,
      model: this.meta.model,
      system_fingerprint: this.meta.fingerprint,
      choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    };
    if (this.includeUsage) c.usage = null;
    return c;
  }

  async start(): Promise<void> {
    await this.sse.send(this.chunk({ role: "assistant", content: "" }));
  }

  /** After the stream started: the error as OpenAI sends it mid-stream (the SDKs raise it), then the end. */
  async fail(err: ApiError): Promise<void> {
    await this.sse.send(err.toResponse());
    this.sse.end();
  }

  /** Send one event; returns the finished turn on `done`. */
  async event(ev: EngineEvent): Promise<AssistantTurn | undefined> {
    switch (ev.type) {
      case "text":
        if (ev.delta !== "") await this.sse.send(this.chunk({ content: ev.delta }));
        return undefined;
      case "tool_call_start":
        if (this.legacy) await this.sse.send(this.chunk({ function_call: { name: ev.name, arguments: "" } }));
        else await this.sse.send(this.chunk({ tool_calls: [{ index: ev.index, id: ev.id, type: "function", function: { name: ev.name, arguments: "" } }] }));
        return undefined;
      case "tool_call_arguments":
        if (ev.delta === "") return undefined;
        if (this.legacy) await this.sse.send(this.chunk({ function_call: { arguments: ev.delta } }));
        else await this.sse.send(this.chunk({ tool_calls: [{ index: ev.index, function: { arguments: ev.delta } }] }));
        return undefined;
      case "tool_call_end":
        return undefined;
      case "done":
        await this.finish(ev.turn);
        return ev.turn;
    }
  }

  private async finish(turn: AssistantTurn): Promise<void> {
    await this.sse.send(this.chunk({}, toFinishReason(turn.finishReason, this.legacy)));
    if (this.includeUsage) {
      await this.sse.send({
        id: this.meta.id,
        object: "chat.completion.chunk",
        created: this.meta.created,
        model: this.meta.model,
        system_fingerprint: this.meta.fingerprint,
        choices: [],
        usage: toUsage(turn),
      } satisfies ChatCompletionChunk);
    }
    await this.sse.done();
  }
}
