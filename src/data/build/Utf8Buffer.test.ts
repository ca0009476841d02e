import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { pyJsonDumps, writePyJson } from "../../core/python/index.js";
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

  it("text() encodes short and long pieces, ASCII or not, as write() does", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 100 }), fc.string({ maxLength: 100 }), fc.constantFrom("é", "€", "🙂", "\ud800", "a".repeat(64), "a".repeat(65))), { maxLength: 20 }), (pieces) => {
        const b = new Utf8Buffer(16);
        for (const p of pieces) b.text(p);
        expect([...b.take()]).toEqual([...utf8(pieces.join(""))]);
      }),
      { numRuns: 300, seed: 3 },
    );
  });

  it("plainQuoted() appends quote + s + quote only for printable ASCII without quote or backslash", () => {
    const b = new Utf8Buffer(4);
    b.text("<");
    expect(b.plainQuoted("plain text 123 ~!", '\\"')).toBe(true);
    for (const bad of ['a"b', "a\\b", "tab\t", "\u007f", "é", "🙂", "\u0000"]) {
      const before = b.length;
      expect(b.plainQuoted(`${"x".repeat(40)}${bad}`, '"')).toBe(false);
      expect(b.length).toBe(before);
    }
    expect(b.plainQuoted("", "'")).toBe(true);
    b.text(">");
    expect(Buffer.from(b.take()).toString()).toBe('<\\"plain text 123 ~!\\"\'\'>');
  });

  it("jsonBody() writes JSON.stringify's escaping without the quotes", () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string({ unit: "binary", maxLength: 40 }), fc.string({ maxLength: 40 })), { maxLength: 8 }), (pieces) => {
        const b = new Utf8Buffer(8);
        for (const p of pieces) b.jsonBody(p);
        expect(Buffer.from(b.take()).toString("hex")).toBe(Buffer.from(utf8(pieces.map((p) => JSON.stringify(p).slice(1, -1)).join(""))).toString("hex"));
      }),
      { numRuns: 300, seed: 4 },
    );
  });

  it("as a TextSink, receives pyJsonDumps's text in every option set", () => {
    fc.assert(
      fc.property(
        fc.jsonValue(),
        fc.boolean(),
        fc.boolean(),
        fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }),
        fc.option(fc.tuple(fc.string({ maxLength: 3 }), fc.string({ maxLength: 3 })), { nil: undefined }),
        (v, ensureAscii, embedded, indent, separators) => {
          const options = { ensureAscii, embedded, indent, separators };
          const b = new Utf8Buffer(8);
          writePyJson(b, v, options);
          expect([...b.take()]).toEqual([...utf8(pyJsonDumps(v, options))]);
        },
      ),
      { numRuns: 300, seed: 6 },
    );
  });
});

describe("Utf8Buffer memory reuse", () => {
  it("writes into memory handed back by give(), never into memory still held by taken bytes", () => {
    const b = new Utf8Buffer(64);
    b.text("a".repeat(40));
    const first = b.take();
    b.text("second");
    const second = b.take();
    expect(second.buffer).not.toBe(first.buffer);
    b.give(first.buffer as ArrayBuffer);
    b.text("third");
    const third = b.take();
    expect(third.buffer).toBe(first.buffer);
    expect(Buffer.from(third).toString()).toBe("third");
    expect(Buffer.from(second).toString()).toBe("second");
  });

  it("drops memory smaller than the capacity reached, and takes nothing as fresh empty bytes", () => {
    const b = new Utf8Buffer(16);
    b.text("x".repeat(100)); // capacity grows to 128
    b.take();
    b.give(new ArrayBuffer(32));
    b.text("y".repeat(100));
    expect(b.take().buffer.byteLength).toBeGreaterThanOrEqual(128);
    const empty = b.take();
    expect(empty.length).toBe(0);
    expect(b.take().buffer).not.toBe(empty.buffer);
  });
});
