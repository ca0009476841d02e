import { describe, expect, it } from "vitest";
import { Utf8Buffer } from "./Utf8Buffer.js";

const utf8 = (s: string) => new TextEncoder().encode(s);

describe("Utf8Buffer", () => {
  it("encodes strings and copies bytes in order, as TextEncoder would encode their concatenation", () => {
    const b = new Utf8Buffer();
    const pieces = ["plain ", "café ", "東京 ", "🙂", " \u0000\n\"\\"];
    for (const p of pieces) b.write(p);
    b.writeBytes(utf8(" tail ✓"));
    expect(b.length).toBe(utf8(pieces.join("") + " tail ✓").length);
    expect(Buffer.from(b.take()).toString("utf8")).toBe(pieces.join("") + " tail ✓");
  });

  it("grows past its capacity without losing what it holds", () => {
    const b = new Utf8Buffer(16);
    let expected = "";
    for (let i = 0; i < 500; i++) {
      const s = i % 3 === 0 ? `é${i}` : i % 3 === 1 ? "x".repeat(i) : "🙂";
      b.write(s);
      expected += s;
    }
    b.writeBytes(new Uint8Array(100_000).fill(97));
    expected += "a".repeat(100_000);
    expect(Buffer.from(b.take()).toString("utf8")).toBe(expected);
  });

  it("take() hands over the bytes on a buffer of their own and starts empty", () => {
    const b = new Utf8Buffer(64);
    b.write("first");
    const first = b.take();
    expect(first.byteOffset).toBe(0);
    expect(b.length).toBe(0);
    b.write("second batch");
    const second = b.take();
    expect(first.buffer).not.toBe(second.buffer);
    expect(Buffer.from(first).toString()).toBe("first");
    expect(Buffer.from(second).toString()).toBe("second batch");
  });

  it("writes a lone surrogate as U+FFFD, like TextEncoder", () => {
    const b = new Utf8Buffer();
    b.write("a\ud800b");
    expect([...b.take()]).toEqual([...utf8("a\ud800b")]);
  });
});
