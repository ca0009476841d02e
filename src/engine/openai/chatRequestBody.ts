import { pyJsonDumps } from "../../core/python/index.js";
import { toOpenAITool } from "../../core/tools/index.js";
import type { ChatMessage } from "../../core/types.js";
import type { RequestPlan } from "../turn/planRequest.js";
import type { ToolNameMap } from "./ToolNameMap.js";

type WireMessage =
  | { role: "system" | "user"; content: string }
  | { role: "assistant"; content: string | null; tool_calls?: WireToolCall[] }
  | { role: "tool"; content: string; tool_call_id: string };

interface WireToolCall {
  id: string;
  type: "function";
  function: { name: string; arguments: string };
}

/**
 * The body of an OpenAI `/chat/completions` request for a checked plan: tools in OpenAI's
 * wrapped form with wire-safe names, `tool_choice`, `parallel_tool_calls` (only with tools, as
 * OpenAI requires), `response_format`, sampling and streaming fields.
 */
export function chatRequestBody(model: string, plan: RequestPlan, names: ToolNameMap, stream: boolean, seed: number | undefined): Record<string, unknown> {
  const body: Record<string, unknown> = { model, messages: toWireMessages(plan.messages, names) };
  if (plan.tools.length > 0) {
    body.tools = plan.tools.map((t) => {
      const tool = toOpenAITool(t);
      tool.function.name = names.toWire(t.name);
      return tool;
    });
    body.tool_choice = typeof plan.choice === "object" ? { type: "function", function: { name: names.toWire(plan.choice.function.name) } } : plan.choice;
    body.parallel_tool_calls = plan.parallel;
  }
  if (plan.json?.kind === "json_object") body.response_format = { type: "json_object" };
  if (plan.json?.kind === "json_schema") body.response_format = { type: "json_schema", json_schema: { name: plan.json.name, schema: plan.json.schema } };
  body.temperature = plan.sampling.temperature;
  body.top_p = plan.sampling.topP;
  if (seed !== undefined) body.seed = seed;
  if (plan.sampling.maxTokens !== undefined) body.max_tokens = plan.sampling.maxTokens;
  if (plan.stop.length > 0) body.stop = plan.stop;
  if (stream) {
    body.stream = true;
    body.stream_options = { include_usage: true };
  }
  return body;
}

/**
 * Internal messages → OpenAI messages. Calls without ids get `call_<message>_<k>`, and tool
 * results without `toolCallId` answer the pending calls of the last assistant turn in order.
 */
export function toWireMessages(messages: readonly ChatMessage[], names: ToolNameMap): WireMessage[] {
  const pending: string[] = [];
  return messages.map((m, i): WireMessage => {
    switch (m.role) {
      case "system":
      case "user":
        return { role: m.role, content: m.content };
      case "assistant": {
        const calls = m.toolCalls ?? [];
        pending.length = 0;
        if (calls.length === 0) return { role: "assistant", content: m.content };
        const wire = calls.map((c, k): WireToolCall => {
          const id = c.id ?? `call_${i}_${k}`;
          pending.push(id);
          const text = (c as { argumentsText?: unknown }).argumentsText;
          return {
            id,
            type: "function",
            function: { name: names.toWire(c.name), arguments: typeof text === "string" ? text : pyJsonDumps(c.arguments ?? {}, { ensureAscii: false }) },
          };
        });
        return { role: "assistant", content: m.content, tool_calls: wire };
      }
      case "tool": {
        const id = m.toolCallId ?? pending.shift() ?? `call_${i}`;
        return { role: "tool", content: m.content, tool_call_id: id };
      }
    }
  });
}
