import { HammerError } from "../../core/errors.js";

export interface UpstreamModel {
  id: string;
  /** The model's context size when the server says (vLLM's `max_model_len`). */
  contextSize?: number;
}

/**
 * The first model an OpenAI-compatible server lists at `/models` (llama-server and vLLM serve
 * one), with its context size when listed. `hint` ends the error message (what to pass instead);
 * the message names the URL, so the error carries no separate location.
 */
export async function listUpstreamModel(baseUrl: string, apiKey: string | undefined, hint: string, timeoutMs = 10_000): Promise<UpstreamModel> {
  let body: unknown;
  try {
    const res = await fetch(`${baseUrl}/models`, { headers: apiKey ? { authorization: `Bearer ${apiKey}` } : {}, signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    body = await res.json();
  } catch (e) {
    throw new HammerError("NETWORK", `cannot list the models of ${baseUrl} (${e instanceof Error ? e.message : String(e)}); ${hint}`, { cause: e });
  }
  const first = (body as { data?: Array<{ id?: unknown; max_model_len?: unknown }> } | null)?.data?.[0];
  const id = first?.id;
  if (typeof id !== "string" || id === "") throw new HammerError("NETWORK", `${baseUrl}/models lists no model; ${hint}`);
  const len = first?.max_model_len;
  return Number.isSafeInteger(len) && (len as number) > 0 ? { id, contextSize: len as number } : { id };
}
