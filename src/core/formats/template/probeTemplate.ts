import type { ToolCall, ToolDef } from "../../types.js";
import type { CallSyntax } from "../types.js";
import type { JinjaChatTemplate } from "./renderJinja.js";

/** What probing a chat template found out. */
export interface TemplateProbe {
  /** The template lists tools itself when given `tools`. */
  toolsAware: boolean;
  /** The tool-call syntax the template writes, when it is one the grammar and parser support. */
  callSyntax: CallSyntax | null;
  /** Text that ends an assistant turn (e.g. `<|im_end|>`), when found. */
  endOfTurn: string | null;
  /** Why `callSyntax` is null, for the engine's log line. */
  reason: string;
}

const USER = "PROBE_USER_Q7";
const ANSWER = "PROBE_ANSWER_Q7";
const probeTool = (name: string): ToolDef => ({ name, description: "probe", parameters: { type: "object", properties: { probe_arg: { type: "string" } } } });
const TOOL_A = probeTool("probe_fn_a");
const TOOL_B = probeTool("probe_fn_b");
const call = (name: string): ToolCall => ({ name, arguments: { probe_arg: "probe_value" } });

/**
 * Learn a chat template's tool-call layout by rendering probe conversations (one call, two calls)
 * and reading the text around the calls' JSON: `callOpen` before each `{"name": …, "arguments": …}`,
 * `callClose` after it, `separator` between calls. Only that "tagged" shape with `name`/`arguments`
 * keys is accepted (Qwen2.5, Hermes and similar templates); anything else gets `callSyntax: null`.
 */
export function probeTemplate(template: JinjaChatTemplate, tokens: { bosToken: string; eosToken: string }): TemplateProbe {
  const render = (messages: Parameters<JinjaChatTemplate["render"]>[0]["messages"], tools: readonly ToolDef[], addGenerationPrompt: boolean): string | null => {
    try {
      return template.render({ messages, tools, addGenerationPrompt, ...tokens });
    } catch {
      return null;
    }
  };
  const user = [{ role: "user" as const, content: USER }];
  const plain = render(user, [], false);
  const withTools = render(user, [TOOL_A, TOOL_B], false);
  const toolsAware = withTools !== null && withTools !== plain && withTools.includes(TOOL_A.name);
  const answered = render([...user, { role: "assistant", content: ANSWER }], [], false);
  const endOfTurn = answered ? endOfTurnAfter(answered, ANSWER) : null;
  if (!toolsAware) return { toolsAware, callSyntax: null, endOfTurn, reason: "the chat template does not list tools" };

  const base = render(user, [TOOL_A, TOOL_B], true);
  const one = render([...user, { role: "assistant", content: null, toolCalls: [call(TOOL_A.name)] }], [TOOL_A, TOOL_B], false);
  const two = render([...user, { role: "assistant", content: null, toolCalls: [call(TOOL_A.name), call(TOOL_B.name)] }], [TOOL_A, TOOL_B], false);
  if (base === null || one === null || two === null) return { toolsAware, callSyntax: null, endOfTurn, reason: "the chat template cannot render tool calls" };
  const start = commonPrefix(base, one).length;
  const first = findCallJson(one, start, TOOL_A.name);
  const second = first && findCallJson(two, first.start, TOOL_B.name);
  const firstInTwo = first && findCallJson(two, start, TOOL_A.name);
  if (!first || !second || !firstInTwo) return { toolsAware, callSyntax: null, endOfTurn, reason: 'the chat template does not write calls as {"name": …, "arguments": …} objects' };
  const callOpen = one.slice(start, first.start);
  const afterOne = one.slice(first.end);
  const between = two.slice(firstInTwo.end, second.start);
  if (!between.endsWith(callOpen)) return { toolsAware, callSyntax: null, endOfTurn, reason: "the chat template's calls are not each wrapped in the same markers" };
  const closeAndSeparator = between.slice(0, between.length - callOpen.length);
  const callClose = commonPrefix(afterOne, closeAndSeparator);
  const separator = closeAndSeparator.slice(callClose.length);
  if (callOpen.trim() === "" || callClose.trim() === "") return { toolsAware, callSyntax: null, endOfTurn, reason: "the chat template writes calls without opening and closing markers" };
  return { toolsAware, callSyntax: { kind: "tagged", callOpen: callOpen.trimStart(), callClose, separator }, endOfTurn, reason: "the chat template's own tool-call markers" };
}

/** The first marker after `text`'s answer: the rest of its line, trailing space dropped (`<|im_end|>`). */
function endOfTurnAfter(rendered: string, answer: string): string | null {
  const at = rendered.indexOf(answer);
  if (at < 0) return null;
  const rest = rendered.slice(at + answer.length).split("\n")[0]?.trim() ?? "";
  return rest === "" ? null : rest;
}

function commonPrefix(a: string, b: string): string {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return a.slice(0, i);
}

/** The `{…}` object holding `"name": "<name>"` and the probe arguments, found at or after `from`. */
function findCallJson(text: string, from: number, name: string): { start: number; end: number } | null {
  const at = text.indexOf(`"${name}"`, from);
  if (at < 0) return null;
  const start = text.lastIndexOf("{", at);
  if (start < from) return null;
  const end = matchingBrace(text, start);
  if (end < 0) return null;
  try {
    const parsed = JSON.parse(text.slice(start, end)) as Record<string, unknown>;
    const keys = Object.keys(parsed);
    const args = parsed.arguments as Record<string, unknown> | undefined;
    if (keys.length !== 2 || parsed.name !== name || args?.probe_arg !== "probe_value") return null;
  } catch {
    return null;
  }
  return { start, end };
}

/** Index just past the `}` that closes the `{` at `start` (strings and escapes respected), or -1. */
function matchingBrace(text: string, start: number): number {
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === "\\") i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === "{") depth++;
    else if (c === "}" && --depth === 0) return i + 1;
  }
  return -1;
}
