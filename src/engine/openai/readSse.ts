import { HammerError } from "../../core/errors.js";

/** Cap on one SSE event's size: a hostile or broken upstream cannot grow memory without bound. */
export const MAX_SSE_EVENT_CHARS = 8 * 1024 * 1024;

/**
 * The `data:` payloads of a server-sent-event stream, one per event (multi-line data joined by
 * "\n"), until `[DONE]` or the end of the body. Comments and other fields are skipped; `\r\n`,
 * `\r` and `\n` line ends all work. `onChunk` is called per network chunk (timeout keep-alive).
 */
export async function* readSse(body: ReadableStream<Uint8Array>, onChunk?: () => void): AsyncIterable<string> {
  const decoder = new TextDecoder();
  let buffer = "";
  let data: string[] = [];
  const reader = body.getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      onChunk?.();
      buffer += decoder.decode(value, { stream: true });
      let nl: number;
      while ((nl = buffer.search(/\r\n|\r|\n/)) >= 0) {
        if (buffer[nl] === "\r" && nl === buffer.length - 1) break; // maybe "\r\n" split across chunks
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + (buffer.startsWith("\r\n", nl) ? 2 : 1));
        if (line === "") {
          if (data.length > 0) {
            const payload = data.join("\n");
            data = [];
            if (payload.trim() === "[DONE]") return;
            yield payload;
          }
        } else if (line.startsWith("data:")) {
          data.push(line.slice(line.startsWith("data: ") ? 6 : 5));
        }
      }
      if (buffer.length + data.reduce((n, d) => n + d.length, 0) > MAX_SSE_EVENT_CHARS) {
        throw new HammerError("LIMIT_EXCEEDED", `a server-sent event exceeds ${MAX_SSE_EVENT_CHARS} characters`);
      }
    }
    const tail = buffer.startsWith("data:") ? buffer.slice(buffer.startsWith("data: ") ? 6 : 5) : null;
    if (tail !== null) data.push(tail);
    if (data.length > 0 && data.join("\n").trim() !== "[DONE]") yield data.join("\n");
  } finally {
    reader.releaseLock();
    await body.cancel().catch(() => undefined);
  }
}
