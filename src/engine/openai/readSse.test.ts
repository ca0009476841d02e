import { describe, expect, it } from "vitest";
import { readSse } from "./readSse.js";

function body(chunks: string[]): ReadableStream<Uint8Array> {
  const enc = new TextEncoder();
  return new ReadableStream({
    start(c) {
      for (const x of chunks) c.enqueue(enc.encode(x));
      c.close();
    },
  });
}

async function collect(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const d of readSse(body(chunks))) out.push(d);
  return out;
}

describe("readSse", () => {
  it("yields data payloads, however the bytes are split, until [DONE]", async () => {
    const text = ': comment\r\ndata: {"a":1}\r\n\r\nevent: x\ndata: {"b":\ndata: 2}\n\ndata: [DONE]\n\ndata: {"after":1}\n\n';
    const whole = await collect([text]);
    expect(whole).toEqual(['{"a":1}', '{"b":\n2}']);
    for (const size of [1, 2, 3, 7]) {
      const pieces: string[] = [];
      for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
      expect(await collect(pieces)).toEqual(whole);
    }
  });

  it("keeps a last event without its blank line", async () => {
    expect(await collect(["data: 1\n\ndata: 2"])).toEqual(["1", "2"]);
  });
});
