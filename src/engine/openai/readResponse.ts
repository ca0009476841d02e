import { HammerError } from "../../core/errors.js";
import type { Usage } from "../types.js";
import type { OpenResponse } from "./HttpClient.js";
import { readSse } from "./readSse.js";

// Reading OpenAI-style responses: bodies, stream events, choices and usage, with clear NETWORK
// errors for whatever an upstream gets wrong.

/** Cap on a non-streamed response body: a broken or hostile upstream cannot exhaust memory. */
export const MAX_RESPONSE_BYTES = 32 * 1024 * 1024;

export async function readJson(open: OpenResponse, url: string): Promise<Record<string, unknown>> {
  let text = "";
  try {
    const body = bodyOf(open, url);
    const reader = body.getReader();
    const decoder = new TextDecoder();
    let bytes = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      open.alive();
      bytes += value.byteLength;
      if (bytes > MAX_RESPONSE_BYTES) {
        await reader.cancel();
        throw new HammerError("LIMIT_EXCEEDED", `${url} answered with more than ${MAX_RESPONSE_BYTES} bytes`, { location: url });
      }
      text += decoder.decode(value, { stream: true });
    }
    text += decoder.decode();
  } finally {
    open.done();
  }
  try {
    const body = JSON.parse(text) as unknown;
    if (body !== null && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new HammerError("NETWORK", `${url} answered with a body that is not a JSON object: ${JSON.stringify(text.slice(0, 200))}`, { location: url });
}

export function bodyOf(open: OpenResponse, url: string): ReadableStream<Uint8Array> {
  const body = open.response.body;
  if (!body) throw new HammerError("NETWORK", `${url} answered with an empty body`, { location: url });
  return body;
}

export function parseChunk(data: string, url: string): Record<string, unknown> {
  let chunk: unknown;
  try {
    chunk = JSON.parse(data);
  } catch {
    throw new HammerError("NETWORK", `${url} streamed an event that is not JSON: ${JSON.stringify(data.slice(0, 200))}`, { location: url });
  }
  if (chunk === null || typeof chunk !== "object") throw new HammerError("NETWORK", `${url} streamed an event that is not a JSON object`, { location: url });
  const error = (chunk as { error?: unknown }).error;
  if (error) {
    const message = typeof error === "string" ? error : typeof (error as { message?: unknown }).message === "string" ? (error as { message: string }).message : JSON.stringify(error);
    throw new HammerError("NETWORK", `${url} streamed an error: ${message}`, { location: url });
  }
  return chunk as Record<string, unknown>;
}

export function firstChoice(body: Record<string, unknown>, url: string): Record<string, unknown> & { message?: Record<string, unknown> } {
  const choice = Array.isArray(body.choices) ? (body.choices[0] as unknown) : undefined;
  if (choice === null || typeof choice !== "object") {
    throw new HammerError("NETWORK", `${url} answered without choices: ${JSON.stringify(body).slice(0, 200)}`, { location: url });
  }
  return choice as Record<string, unknown>;
}

/** Add a response's `usage` (streams: the last chunk that has one; some servers repeat running totals). */
export function addUsage(usage: Usage, body: Record<string, unknown>): void {
  const u = body.usage as { prompt_tokens?: unknown; completion_tokens?: unknown } | undefined | null;
  if (!u || typeof u !== "object") return;
  if (typeof u.prompt_tokens === "number") usage.promptTokens += u.prompt_tokens;
  if (typeof u.completion_tokens === "number") usage.completionTokens += u.completion_tokens;
}

/**
 * The choices of an OpenAI-style response, whole (JSON) or streamed (SSE chunks): `onChoice` sees
 * the one choice, or each chunk's first choice as it arrives; usage is added (a stream's last
 * chunk that has it); returns the upstream's finish_reason. A stream is left once the signal aborts.
 * An upstream that answers a stream request with one JSON body is read as such.
 */
export async function readChoices(
  open: OpenResponse,
  url: string,
  stream: boolean,
  signal: AbortSignal,
  usage: Usage,
  onChoice: (choice: Record<string, unknown>) => void,
): Promise<unknown> {
  if (!stream || /^application\/json\b/i.test(open.response.headers.get("content-type") ?? "")) {
    const body = await readJson(open, url);
    const choice = firstChoice(body, url);
    onChoice(choice);
    addUsage(usage, body);
    return choice.finish_reason;
  }
  let finish: unknown = null;
  let last: Record<string, unknown> = {};
  for await (const data of readSse(bodyOf(open, url), open.alive)) {
    const chunk = parseChunk(data, url);
    const choice = (chunk.choices as Array<Record<string, unknown>> | undefined)?.[0];
    if (choice) onChoice(choice);
    if (choice?.finish_reason) finish = choice.finish_reason;
    if (chunk.usage) last = chunk;
    if (signal.aborted) break;
  }
  open.done();
  addUsage(usage, last);
  return finish;
}
