import { cloneJson, renameKey } from "../../core/json/index.js";
import { maskSample, replaceTokens, type MaskMapping } from "../../core/masking/index.js";
import { Rng } from "../../core/rng.js";
import type { ChatMessage, ToolCall } from "../../core/types.js";
import type { EvalItem } from "./toEvalItem.js";
import type { MaskSelection } from "./types.js";

// Joins the user messages into the one query text masking rewrites; no token contains it.
const SEP = "\u0000";

/**
 * Robustness mode for one sample: Hammer's masks (`fixed` mode) on its tools, gold and user
 * text, seeded by the run seed and the sample id, so every run masks a sample the same way.
 * The conversation follows the masked tools: earlier assistant calls use the masked function
 * and parameter names, and whole-token mentions of a masked function name in tool results
 * (API-Bank's ToolSearcher answers name the tool to call) are renamed too. Returns the masked
 * item and the mapping that `unmaskCalls` uses to map predictions back.
 */
export function maskEvalItem(item: EvalItem, mask: MaskSelection, seed: number): { item: EvalItem; mapping: MaskMapping } {
  const rng = new Rng(seed).fork(`mask:${item.id}`);
  const userTexts = item.messages.filter((m) => m.role === "user").map((m) => m.content);
  const r = maskSample({ query: userTexts.join(SEP), tools: item.tools, calls: item.gold }, { ...mask, mode: "fixed" }, rng);
  const mapping = r.mapping;
  let masked = r.sample.query.split(SEP);
  if (masked.length !== userTexts.length) masked = userTexts; // cannot happen: SEP is never a token
  if (mapping.query) mapping.query = { original: mapping.query.original.split(SEP).join("\n\n"), masked: mapping.query.masked.split(SEP).join("\n\n") };

  const names = mapping.functions.map((f) => [f.original, f.masked] as const);
  let u = 0;
  const messages: ChatMessage[] = item.messages.map((m) => {
    if (m.role === "user") return { role: "user", content: masked[u++] ?? m.content };
    if (m.role === "assistant" && m.toolCalls && m.toolCalls.length > 0) return { ...m, toolCalls: m.toolCalls.map((c) => maskCall(c, mapping)) };
    if (m.role === "tool" && names.length > 0) return { ...m, content: replaceTokens(m.content, names) };
    return m;
  });
  return { item: { ...item, messages, tools: r.sample.tools, gold: r.sample.calls }, mapping };
}

/** A call written against the original tools, renamed to the masked ones (the inverse of unmaskCalls' renaming). */
function maskCall(call: ToolCall, mapping: MaskMapping): ToolCall {
  const name = mapping.functions.find((f) => f.original === call.name)?.masked ?? call.name;
  let args = cloneJson(call.arguments);
  for (const p of mapping.params) if (p.function === call.name) args = renameKey(args, p.original, p.masked);
  return { ...call, name, arguments: args };
}
