import { describe, expect, it } from "vitest";
import { Rng } from "../rng.js";
import { compileSchemaGrammar } from "./compileSchemaGrammar.js";
import { compileToolGrammar } from "./compileToolGrammar.js";
import { GbnfRecognizer, type RecognizerState } from "./testing/GbnfRecognizer.js";
import { parseGbnf } from "./testing/parseGbnf.js";

/**
 * What llama.cpp lets a sampler emit, token by token, inside our strings (replaying its
 * decode_utf8 + partial-sequence check, see testing/GbnfRecognizer.ts), and which invalid UTF-8
 * still gets through. README.md ("UTF-8") documents the holes these tests pin down.
 */

const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
const enc = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true });

function feed(r: GbnfRecognizer, tokens: Uint8Array[]): RecognizerState | null {
  let s: RecognizerState | null = r.start();
  for (const t of tokens) {
    s = r.acceptToken(s, t);
    if (!s) return null;
  }
  return s;
}

/**
 * Overlong 3- and 4-byte forms of U+0080 and above: the one class of invalid UTF-8 the grammar
 * cannot stop (overlong ASCII, E0 80–81 and F0 80 80–81, is refused by llama.cpp itself).
 */
const OVERLONG = /\xE0[\x82-\x9F]|\xF0\x80[\x82-\xBF]|\xF0[\x81-\x8F]/;
const latin1 = (b: Uint8Array): string => String.fromCharCode(...b);

describe("UTF-8 inside JSON strings, under llama.cpp's token semantics", () => {
  const r = new GbnfRecognizer(parseGbnf(compileSchemaGrammar({ type: "string" }).gbnf));
  const q = bytes(0x22);

  it("accepts valid multi-byte characters split across tokens", () => {
    const euro = enc.encode("€😀");
    const s = feed(r, [q, euro.slice(0, 1), euro.slice(1, 2), euro.slice(2, 5), euro.slice(5), q]);
    expect(s && r.isComplete(s)).toBe(true);
  });

  it.each([
    ["an encoded surrogate (ED A0 80)", [q, bytes(0xed), bytes(0xa0), bytes(0x80)]],
    ["a code point above U+10FFFF (F4 90 …)", [q, bytes(0xf4), bytes(0x90)]],
    ["lead byte F5", [q, bytes(0xf5)]],
    ["lead byte F8 (llama.cpp reads it as a 4-byte lead)", [q, bytes(0xf8)]],
    ["overlong 2-byte C0 80", [q, bytes(0xc0)]],
    ["overlong 2-byte C1 81", [q, bytes(0xc1)]],
    ["overlong 3-byte ASCII (E0 80 A0)", [q, bytes(0xe0), bytes(0x80)]],
    ["overlong 4-byte ASCII (F0 80 80 A0)", [q, bytes(0xf0, 0x80), bytes(0x80)]],
    ["a stray continuation byte", [q, bytes(0x80)]],
    ["a sequence cut short by the closing quote", [q, bytes(0xe2, 0x82), q]],
    ["a sequence broken by an ASCII byte in the next token", [q, bytes(0xe2), bytes(0x41)]],
  ])("rejects %s", (_label, tokens) => {
    expect(feed(r, tokens as Uint8Array[])).toBeNull();
  });

  it("HOLE 1: overlong 3- and 4-byte forms of U+0080 and above pass", () => {
    const s3 = feed(r, [q, bytes(0xe0), bytes(0x9f), bytes(0xbf), q]);
    expect(s3 && r.isComplete(s3)).toBe(true); // E0 9F BF = overlong U+07FF
    const s4 = feed(r, [q, bytes(0xf0), bytes(0x80, 0x82), bytes(0x80), q]);
    expect(s4 && r.isComplete(s4)).toBe(true); // F0 80 82 80 = overlong U+0080
    const s5 = feed(r, [q, bytes(0xf0, 0x8f, 0xbf, 0xbf), q]);
    expect(s5 && r.isComplete(s5)).toBe(true); // F0 8F BF BF = overlong U+FFFF
  });

  it("HOLE 2: a token that is itself invalid UTF-8 is decoded leniently", () => {
    const s = feed(r, [q, bytes(0xc3, 0x28), q]); // C3 28 read as U+00E8
    expect(s && r.isComplete(s)).toBe(true);
  });

  it("random token walks end in valid UTF-8 or in an overlong form, nothing else", () => {
    const rng = new Rng("utf8-walk");
    const pool: Uint8Array[] = [];
    for (let b = 1; b < 256; b++) pool.push(bytes(b));
    // Multi-byte tokens cut from valid text, as BPE vocabularies are.
    for (const text of ["€😀é", "日本語", "\u{10FFFF}\uD7FF\uE000", "a\"b\\c", "\u0080\u07FF\u0800\uFFFF"]) {
      const e = enc.encode(text);
      for (let i = 0; i < e.length; i++) for (let j = i + 1; j <= Math.min(e.length, i + 4); j++) pool.push(e.slice(i, j));
    }
    let completed = 0;
    let overlong = 0;
    for (let walk = 0; walk < 600; walk++) {
      let s = r.start();
      const out: number[] = [];
      for (let step = 0; step < 24; step++) {
        let next: RecognizerState | null = null;
        let tok: Uint8Array | null = null;
        for (let tries = 0; tries < 60 && !next; tries++) {
          // bias towards lead and continuation bytes, where the interesting failures live
          const roll = rng.next();
          tok = roll < 0.2 ? q : roll < 0.7 ? rng.pick(pool.slice(0x7f)) : rng.pick(pool);
          next = r.acceptToken(s, tok);
        }
        if (!next || !tok) break;
        s = next;
        out.push(...tok);
        if (r.isComplete(s) && s.partial.nRemain === 0) break;
      }
      if (!(r.isComplete(s) && s.partial.nRemain === 0)) continue;
      completed++;
      const b = Uint8Array.from(out);
      try {
        const text = strict.decode(b);
        expect(JSON.parse(text)).toBeTypeOf("string");
      } catch {
        expect(OVERLONG.test(latin1(b)), `invalid UTF-8 that is not overlong: ${[...b].map((x) => x.toString(16)).join(" ")}`).toBe(true);
        overlong++;
      }
    }
    expect(completed).toBeGreaterThan(100);
    expect(overlong).toBeLessThan(completed);
  });
});

describe("free text of the tagged syntax (tool_choice auto)", () => {
  it("HOLE 3: the turn may end while a multi-byte sequence is still open", () => {
    const g = compileToolGrammar({
      syntax: { kind: "tagged", callOpen: "<tool_call>\n", callClose: "\n</tool_call>", separator: "\n" },
      tools: [{ name: "f", description: "", parameters: { type: "object", properties: {} } }],
      choice: "auto",
      parallel: true,
    });
    const r = new GbnfRecognizer(parseGbnf(g?.gbnf ?? ""));
    const s = feed(r, [enc.encode("Hi "), bytes(0xe2)]);
    expect(s).not.toBeNull();
    // llama.cpp allows end-of-generation whenever some stack is empty, whatever the partial bytes.
    expect(s && r.isComplete(s) && s.partial.nRemain > 0).toBe(true);
  });
});
