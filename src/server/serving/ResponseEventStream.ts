import type { AssistantTurn, EngineEvent } from "../../engine/index.js";
import type { ApiError } from "../errors/ApiError.js";
import type { FunctionCallItem, OutputItem, OutputMessage, ResponseEventBody } from "../protocol/response.js";
import { itemId } from "./responseId.js";
import type { SseWriter } from "./SseWriter.js";
import { functionCallItem, outputMessage, responseObject, statusOf, toResponsesUsage, type ResponsesMeta } from "./toResponseObject.js";

interface OpenText {
  index: number;
  item: OutputMessage;
  text: string;
}

/**
 * Engine events → the Responses API's stream: `response.created`, `response.in_progress`; per
 * text run an assistant message (`output_item.added`, `content_part.added`, `output_text.delta`s,
 * then `.done`s); per call a `function_call` item whose `function_call_arguments.delta`s are the
 * argument text as generated; `response.completed` (or `response.incomplete` when cut by
 * `max_output_tokens`). A call is only declared done (`function_call_arguments.done`,
 * `output_item.done` completed) once the turn is final, since the engine drops every call of a
 * cut turn: those end as `incomplete` items. Every event carries `sequence_number`.
 */
export class ResponseEventStream {
  private seq = 0;
  private readonly output: OutputItem[] = [];
  private text: OpenText | undefined;
  private readonly calls: FunctionCallItem[] = [];

  constructor(
    private readonly sse: SseWriter,
    private readonly meta: ResponsesMeta,
  ) {}

  private send(body: ResponseEventBody): Promise<void> {
    return this.sse.sendEvent(body.type, { ...body, sequence_number: this.seq++ });
  }

  async start(): Promise<void> {
    const response = responseObject(this.meta, "in_progress", [], null);
    await this.send({ type: "response.created", response });
    await this.send({ type: "response.in_progress", response });
  }

  /** Send one engine event; returns the finished turn on `done`. */
  async event(ev: EngineEvent): Promise<AssistantTurn | undefined> {
    switch (ev.type) {
      case "text":
        if (ev.delta === "") return undefined;
        await this.appendText(ev.delta);
        return undefined;
      case "tool_call_start": {
        await this.closeText("completed");
        const item = functionCallItem(itemId("fc"), ev.id, ev.name, "", "in_progress");
        this.calls[ev.index] = item;
        this.output.push(item);
        await this.send({ type: "response.output_item.added", output_index: this.output.length - 1, item });
        return undefined;
      }
      case "tool_call_arguments": {
        const item = this.calls[ev.index];
        if (!item || ev.delta === "") return undefined;
        item.arguments += ev.delta;
        await this.send({ type: "response.function_call_arguments.delta", item_id: item.id, output_index: this.output.indexOf(item), delta: ev.delta });
        return undefined;
      }
      case "tool_call_end":
        return undefined;
      case "done":
        await this.finish(ev.turn);
        return ev.turn;
    }
  }

  /** After the stream started: the error as an `error` event, then `response.failed`; the stream ends. */
  async fail(e: ApiError): Promise<void> {
    await this.send({ type: "error", code: e.apiCode, message: e.message, param: e.param });
    const response = responseObject(this.meta, "failed", this.output, null, { code: "server_error", message: e.message });
    await this.send({ type: "response.failed", response });
    this.sse.end();
  }

  private async appendText(delta: string): Promise<void> {
    const open = this.text ?? (await this.openText());
    open.text += delta;
    await this.send({ type: "response.output_text.delta", item_id: open.item.id, output_index: open.index, content_index: 0, delta, logprobs: [] });
  }

  private async openText(): Promise<OpenText> {
    const item = outputMessage(itemId("msg"), "", "in_progress");
    this.output.push(item);
    const open: OpenText = { index: this.output.length - 1, item, text: "" };
    this.text = open;
    await this.send({ type: "response.output_item.added", output_index: open.index, item: { ...item, content: [] } });
    await this.send({ type: "response.content_part.added", item_id: item.id, output_index: open.index, content_index: 0, part: { type: "output_text", text: "", annotations: [], logprobs: [] } });
    return open;
  }

  private async closeText(status: "completed" | "incomplete"): Promise<void> {
    const open = this.text;
    if (!open) return;
    this.text = undefined;
    const item = outputMessage(open.item.id, open.text, status);
    this.output[open.index] = item;
    const where = { item_id: item.id, output_index: open.index, content_index: 0 };
    await this.send({ type: "response.output_text.done", ...where, text: open.text, logprobs: [] });
    await this.send({ type: "response.content_part.done", ...where, part: item.content[0]! });
    await this.send({ type: "response.output_item.done", output_index: open.index, item });
  }

  private async finish(turn: AssistantTurn): Promise<void> {
    const status = statusOf(turn);
    // A turn with neither text nor calls still answers with one (empty) message, as the full path does.
    if (this.output.length === 0) await this.openText();
    await this.closeText(status);
    for (const item of this.calls) {
      if (!item) continue;
      const index = this.output.indexOf(item);
      const final = turn.toolCalls.find((c) => c.id === item.call_id);
      if (final) {
        item.arguments = final.argumentsText;
        item.status = "completed";
        await this.send({ type: "response.function_call_arguments.done", item_id: item.id, output_index: index, name: item.name, arguments: item.arguments });
      } else item.status = "incomplete";
      await this.send({ type: "response.output_item.done", output_index: index, item });
    }
    const response = responseObject(this.meta, status, this.output, toResponsesUsage(turn));
    await this.send({ type: status === "completed" ? "response.completed" : "response.incomplete", response });
    this.sse.end();
  }
}
