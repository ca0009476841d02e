import { compileToolGrammar } from "../../core/grammar/index.js";
import type { AssistantTurn, EngineEvent, Usage } from "../types.js";
import { checkJsonAnswer } from "./checkCall.js";
import { jsonAnswerGrammar } from "./jsonAnswerGrammar.js";
import type { RequestPlan } from "./planRequest.js";
import type { TurnBackend } from "./TurnBackend.js";
import { TurnAssembler } from "./TurnAssembler.js";
import { withSlot } from "./withSlot.js";

/**
 * The one turn algorithm of every backend that renders the format's prompt itself (llama, and
 * openai in `completions` mode):
 * 1. grammars are compiled and prompts prepared before queueing, so a bad schema or a prompt that
 *    cannot fit the context fails at once;
 * 2. the tool pass (tools offered, choice not `none`): the prompt with tools, under the tool
 *    grammar; calls are parsed and validated as they close;
 * 3. the text pass, for choice `none` (tools left out of the prompt) and for `textFallback` after
 *    a natural end without calls: free text, or JSON under `responseFormat` (then checked).
 * A turn cut by the signal ends with finish reason `abort`. With `plan.free` no pass has a grammar:
 * the format's stop strings end the passes, calls are parsed but not validated, and text that
 * does not parse as a call block is the answer.
 */
export async function runTurn<P>(plan: RequestPlan, backend: TurnBackend<P>, signal: AbortSignal, emit?: (event: EngineEvent) => void): Promise<AssistantTurn> {
  const { format } = backend;
  const constraint = plan.free ? "none" : backend.constraint;
  const grammars = backend.takesGrammar && !plan.free;
  const maxTokens = plan.sampling.maxTokens;
  const toolGrammar =
    plan.toolsActive && grammars ? compileToolGrammar({ syntax: format.callSyntax, tools: plan.tools, choice: plan.choice, parallel: plan.parallel }) : null;
  const textGrammar = plan.json && grammars ? jsonAnswerGrammar(plan.json) : null;
  const toolText = plan.toolsActive ? format.render(plan.messages, plan.tools) : null;
  const toolPrompt = toolText !== null ? backend.prompt(toolText, maxTokens, "messages") : null;
  const textText = (): string => format.render(plan.messages, []);
  const textPrompt = (): P => backend.prompt(textText(), maxTokens, "messages");
  const first = toolPrompt ?? textPrompt();
  // Calls and JSON answers end where their grammar ends when the backend enforces it; otherwise the format's stop strings end them.
  const structuredStops = constraint === "grammar" ? [] : [...format.stopStrings];
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  const stream = emit !== undefined;
  const aborted = (): AssistantTurn => ({ content: null, toolCalls: [], finishReason: "abort", usage, raw: "" });

  return withSlot(() => backend.acquire(signal, first, plan.adapter), signal, aborted, async (slot) => {
    let raw: string | null = null;
    if (toolPrompt !== null) {
      const assembler = new TurnAssembler({ syntax: format.callSyntax, tools: plan.tools, constraint, warnings: toolGrammar?.warnings ?? [], emit, validate: !plan.free });
      const pass = await slot.pass({
        prompt: toolPrompt,
        grammar: toolGrammar,
        structure: "calls",
        requestText: toolText ?? undefined,
        stop: structuredStops,
        sampling: plan.sampling,
        signal,
        usage,
        stream,
        onText: (d) => assembler.push(d),
      });
      const turn = assembler.end(pass.finish);
      raw = pass.text;
      if (turn.toolCalls.length > 0) return { ...turn, finishReason: "tool_calls", usage, raw };
      if (!(pass.finish === "stop" && plan.textFallback)) return { ...turn, finishReason: pass.finish, usage, raw };
    }
    const assembler = new TurnAssembler({ syntax: null, tools: [], constraint, warnings: [], emit });
    const prompt = toolPrompt !== null ? textPrompt() : first;
    const stop = plan.json ? structuredStops : [...format.stopStrings, ...plan.stop];
    const pass = await slot.pass({
      prompt,
      grammar: textGrammar,
      structure: plan.json ? "json" : null,
      requestText: plan.json ? textText() : undefined,
      stop,
      sampling: plan.sampling,
      signal,
      usage,
      stream,
      onText: (d) => assembler.push(d),
    });
    const turn = assembler.end(pass.finish);
    if (plan.json && textGrammar && pass.finish === "stop") checkJsonAnswer(pass.text, plan.json.schema, plan.json.name, constraint, textGrammar.warnings);
    return { ...turn, finishReason: pass.finish, usage, raw: raw ?? pass.text };
  });
}
