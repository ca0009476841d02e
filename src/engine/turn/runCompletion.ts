import { HammerError } from "../../core/errors.js";
import type { CompletionRequest, CompletionResult, Usage } from "../types.js";
import { checkAdapterName, checkSampling, checkStops } from "./planRequest.js";
import type { TurnBackend } from "./TurnBackend.js";
import { withSlot } from "./withSlot.js";

/** A raw text completion on any backend: one free-text pass on the prompt as given (no template, no tools). */
export async function runCompletion<P>(request: CompletionRequest, backend: TurnBackend<P>, signal: AbortSignal, defaults: { temperature: number }): Promise<CompletionResult> {
  if (typeof request?.prompt !== "string") throw new HammerError("INPUT_INVALID", "prompt: must be a string", { location: "prompt" });
  const sampling = checkSampling(request, defaults);
  const stop = checkStops(request.stop);
  const adapter = checkAdapterName(request.adapter);
  const prompt = backend.prompt(request.prompt, sampling.maxTokens, "prompt");
  const usage: Usage = { promptTokens: 0, completionTokens: 0 };
  let text = "";
  const onText = (delta: string): void => {
    text += delta;
    request.onText?.(delta);
  };
  return withSlot(
    () => backend.acquire(signal, prompt, adapter),
    signal,
    (): CompletionResult => ({ text, finishReason: "abort", usage }),
    async (slot) => {
      const pass = await slot.pass({ prompt, grammar: null, structure: null, stop, sampling, signal, usage, stream: request.onText !== undefined, onText });
      return { text: pass.text, finishReason: pass.finish, usage };
    },
  );
}
