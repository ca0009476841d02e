import { cloneJson, isFloatAt, setNumber } from "../../../src/core/json/index.js";
import { pyStr } from "../../../src/core/python/index.js";
import type { ToolCall, ToolDef } from "../../../src/core/types.js";
import type { AssistantTurn, CompletionRequest, CompletionResult, Engine, EngineEvent, EngineInfo, GenerateRequest } from "../../../src/engine/types.js";
import type { EvalItem } from "../../../src/eval/run/index.js";

/**
 * A perfect model for robustness tests. It recognises a sample by its tools' descriptions (no
 * mask changes a tool's description), and answers the sample's gold calls:
 * - `masked`: written against the tools it was shown — each gold tool found by description,
 *   parameters by position (fixed-mode masking keeps key order), and a gold value equal to the
 *   original default replaced by the default it was shown;
 * - `original`: the gold calls as they are, original names whatever it was shown.
 * `answers` overrides the calls for given sample ids (e.g. a call to an unknown tool).
 */
export class GoldEngine implements Engine {
  readonly info: EngineInfo;
  readonly requests: GenerateRequest[] = [];
  private readonly byKey = new Map<string, EvalItem>();

  constructor(
    items: readonly EvalItem[],
    private readonly mode: "masked" | "original",
    private readonly answers: Record<string, ToolCall[]> = {},
    /** Ids whose request throws this error. */
    private readonly failures: Record<string, Error> = {},
  ) {
    this.info = { backend: "llama", model: "gold", format: "hammer2.1", parallel: 2 };
    for (const item of items) this.byKey.set(descriptionKey(item.tools), item);
  }

  async generate(request: GenerateRequest): Promise<AssistantTurn> {
    this.requests.push(request);
    await new Promise((r) => setImmediate(r));
    const item = this.byKey.get(descriptionKey(request.tools ?? []));
    if (!item) throw new Error(`GoldEngine: no sample has these tools: ${(request.tools ?? []).map((t) => t.name).join(", ")}`);
    const failure = this.failures[item.id];
    if (failure) throw failure;
    const gold = this.answers[item.id] ?? item.gold;
    const calls = this.mode === "original" ? gold.map((c) => cloneJson(c)) : gold.map((c) => translate(c, item.tools, request.tools ?? []));
    const turnCalls = calls.map((c, i) => ({ id: `call_${i}`, name: c.name, arguments: c.arguments, argumentsText: JSON.stringify(c.arguments) }));
    return {
      content: null,
      toolCalls: turnCalls,
      finishReason: calls.length > 0 ? "tool_calls" : "stop",
      usage: { promptTokens: 100, completionTokens: 10 },
      raw: "```\n" + JSON.stringify(calls.map((c) => ({ name: c.name, arguments: c.arguments }))) + "\n```",
    };
  }

  async *stream(): AsyncIterable<EngineEvent> {
    throw new Error("GoldEngine: stream is not used by eval run");
  }

  async complete(_request: CompletionRequest): Promise<CompletionResult> {
    throw new Error("GoldEngine: complete is not used by eval run");
  }

  async countTokens(text: string): Promise<number> {
    return text.length;
  }

  async close(): Promise<void> {}
}

function descriptionKey(tools: readonly ToolDef[]): string {
  return [...new Set(tools.map((t) => t.description))].sort().join("\u0001");
}

type Props = Record<string, Record<string, unknown>>;

function translate(call: ToolCall, original: readonly ToolDef[], shown: readonly ToolDef[]): ToolCall {
  const from = original.find((t) => t.name === call.name);
  const to = from && shown.find((t) => t.description === from.description);
  if (!from || !to) return cloneJson(call);
  const fromProps = from.parameters.properties as Props;
  const toProps = to.parameters.properties as Props;
  const fromKeys = Object.keys(fromProps);
  const toKeys = Object.keys(toProps);
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(call.arguments)) {
    const key = toKeys[fromKeys.indexOf(k)] ?? k;
    const before = fromProps[k];
    const after = toProps[key];
    const followsDefault = before && after && "default" in before && pyStr(v) === pyStr(before.default) && pyStr(after.default) !== pyStr(before.default);
    if (followsDefault && typeof after.default === "number") setNumber(args, key, after.default, isFloatAt(after, "default"));
    else if (followsDefault) args[key] = cloneJson(after.default);
    else if (typeof v === "number") setNumber(args, key, v, isFloatAt(call.arguments, k));
    else args[key] = cloneJson(v);
  }
  return { name: to.name, arguments: args };
}
