import { describe, expect, it } from "vitest";
import { Rng } from "../../core/rng.js";
import { isUtf8Fragment, Utf8Tail } from "./Utf8Tail.js";

const b = (...x: number[]): Uint8Array => Uint8Array.from(x);
const enc = new TextEncoder();

describe("isUtf8Fragment", () => {
  it.each([
    ["ASCII", b(0x61, 0x62)],
    ["a whole character", enc.encode("€")],
    ["a lead byte at the end", b(0x61, 0xe2)],
    ["a cut sequence at the end", b(0xf0, 0x9f, 0x98)],
    ["continuation bytes at the start", b(0x82, 0xac, 0x61)],
    ["three continuation bytes", b(0x9f, 0x98, 0x80)],
    ["E0 with its valid second byte", b(0xe0, 0xa0)],
    ["F4 up to U+10FFFF", b(0xf4, 0x8f, 0xbf, 0xbf)],
  ])("accepts %s", (_l, bytes) => expect(isUtf8Fragment(bytes)).toBe(true));

  it.each([
    ["C3 28 (a lead then ASCII)", b(0xc3, 0x28)],
    ["overlong E0 9F", b(0xe0, 0x9f)],
    ["overlong F0 8F", b(0xf0, 0x8f)],
    ["an encoded surrogate ED A0", b(0xed, 0xa0)],
    ["above U+10FFFF (F4 90)", b(0xf4, 0x90)],
    ["lead byte C0", b(0xc0)],
    ["lead byte F5", b(0xf5)],
    ["four leading continuation bytes", b(0x80, 0x80, 0x80, 0x80)],
    ["a continuation byte after a complete character", b(0x61, 0x80)],
  ])("rejects %s", (_l, bytes) => expect(isUtf8Fragment(bytes)).toBe(false));

  it("agrees with a strict decoder on every substring of random valid text", () => {
    const rng = new Rng("fragments");
    const strict = new TextDecoder("utf-8", { fatal: true });
    for (let i = 0; i < 300; i++) {
      const text = Array.from({ length: 6 }, () => String.fromCodePoint(rng.pick([0x41, 0xe9, 0x20ac, 0x1f600, 0x10ffff, 0x800, 0x7ff]))).join("");
      const all = enc.encode(text);
      const s = rng.int(0, all.length - 1);
      const piece = all.slice(s, rng.int(s + 1, all.length));
      expect(isUtf8Fragment(piece)).toBe(true);
      expect(() => strict.decode(all)).not.toThrow();
    }
  });
});

describe("Utf8Tail", () => {
  it("tracks the open sequence across pushes", () => {
    const t = new Utf8Tail();
    t.push(enc.encode("ab"));
    expect(t.pending).toEqual([]);
    t.push(b(0xf0));
    expect(t.pending).toEqual([0xf0]);
    t.push(b(0x9f, 0x98));
    expect(t.pending).toEqual([0xf0, 0x9f, 0x98]);
    t.push(b(0x80, 0x41));
    expect(t.pending).toEqual([]);
    t.push(b(0x41, 0xe0));
    expect(t.pending).toEqual([0xe0]);
  });

  it("restarts after a broken sequence", () => {
    const t = new Utf8Tail();
    t.push(b(0xe2, 0x41, 0xc3));
    expect(t.pending).toEqual([0xc3]);
  });
});
