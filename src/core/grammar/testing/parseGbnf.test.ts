import { describe, expect, it } from "vitest";
import { Rng } from "../../rng.js";
import { GbnfRecognizer, decodeUtf8 } from "./GbnfRecognizer.js";
import { GbnfSampler } from "./GbnfSampler.js";
import { GbnfSyntaxError, parseGbnf } from "./parseGbnf.js";

const lang = (gbnf: string): GbnfRecognizer => new GbnfRecognizer(parseGbnf(gbnf));

describe("parseGbnf follows llama.cpp's syntax", () => {
  it("parses literals, classes, groups, comments and multi-line alternatives", () => {
    const r = lang(`# a comment
root ::= "a" x | ( "b" | [c-e] )+ "\\n"
x ::= [^a-z] |
  "\\x41\\u00e9\\U0001F600" # trailing comment
`);
    expect(r.accepts("a!")).toBe(true);
    expect(r.accepts("a")).toBe(false);
    expect(r.accepts("aAé😀")).toBe(true);
    expect(r.accepts("bcdb\n")).toBe(true);
    expect(r.accepts("\n")).toBe(false);
    expect(r.accepts("ab")).toBe(false);
  });

  it("expands bounded repetition exactly", () => {
    const r = lang('root ::= "a"{2,4} "b"{3} [0-9]{0,2} "c"{1,}');
    expect(r.accepts("aabbbc")).toBe(true);
    expect(r.accepts("aaaabbb12ccc")).toBe(true);
    expect(r.accepts("abbbc")).toBe(false);
    expect(r.accepts("aaaaabbbc")).toBe(false);
    expect(r.accepts("aabbb123c")).toBe(false);
    expect(r.accepts("aabbb")).toBe(false);
  });

  it("rejects what llama.cpp rejects", () => {
    const bad = [
      "root ::= missing", // undefined rule
      'root ::= root "a" | "b"', // left recursion
      'root ::= x\nx ::= y "a"\ny ::= x | "b"', // indirect left recursion
      'root ::= "a"{2001}', // repetition over the threshold
      'root ::= ( "a"{0,50} ){0,50}', // nested repetition past the rule budget
      "root ::= [\\^a]", // llama.cpp has no \\^ escape
      'root ::= "unterminated',
      'root := "a"',
      "x ::= \"a\"", // no root
    ];
    for (const g of bad) expect(() => parseGbnf(g), g).toThrow(GbnfSyntaxError);
  });

  it("treats an over-large repetition maximum as unbounded, like llama.cpp", () => {
    const r = lang('root ::= "a"{0,2001}');
    expect(r.accepts("a".repeat(2500))).toBe(true);
  });

  it("accepts an empty alternative and right recursion", () => {
    const r = lang('root ::= "[" items "]"\nitems ::= | "x" more\nmore ::= "," "x" more |');
    expect(r.accepts("[]")).toBe(true);
    expect(r.accepts("[x,x,x]")).toBe(true);
    expect(r.accepts("[x,]")).toBe(false);
  });
});

describe("GbnfRecognizer", () => {
  it("reports the viable prefix", () => {
    const r = lang('root ::= "abc" | "abd"');
    expect(r.viablePrefixLength("abx")).toBe(2);
    expect(r.viablePrefixLength("abd")).toBe(3);
  });

  it("works on code points, not UTF-16 units", () => {
    const r = lang("root ::= [\\U0001F600-\\U0001F64F]");
    expect(r.accepts("😀")).toBe(true);
    expect(r.accepts("\ud83d")).toBe(false);
  });
});

describe("decodeUtf8 mirrors llama.cpp's quirks", () => {
  const bytes = (...b: number[]): Uint8Array => Uint8Array.from(b);
  it("decodes complete sequences and carries a partial one", () => {
    const a = decodeUtf8(bytes(0x41, 0xe2, 0x82), { value: 0, nRemain: 0 });
    expect(a.codePoints).toEqual([0x41]);
    expect(a.partial.nRemain).toBe(1);
    const b = decodeUtf8(bytes(0xac), a.partial);
    expect(b.codePoints).toEqual([0x20ac]);
    expect(b.partial.nRemain).toBe(0);
  });

  it("marks a stray continuation byte and a broken continuation invalid", () => {
    expect(decodeUtf8(bytes(0x80), { value: 0, nRemain: 0 }).partial.nRemain).toBe(-1);
    expect(decodeUtf8(bytes(0x41), { value: 2, nRemain: 1 }).partial.nRemain).toBe(-1);
  });

  it("does not check continuation bits inside one piece (the documented quirk)", () => {
    expect(decodeUtf8(bytes(0xc3, 0x28), { value: 0, nRemain: 0 }).codePoints).toEqual([0xe8]);
  });
});

describe("GbnfSampler", () => {
  it("only produces members of the language", () => {
    const g = parseGbnf('root ::= "{" kv ( ", " kv )* "}"\nkv ::= [a-c]{1,3} ": " ( [0-9]+ | root )');
    const s = new GbnfSampler(g);
    const r = new GbnfRecognizer(g);
    const rng = new Rng(3);
    for (let i = 0; i < 200; i++) expect(r.accepts(s.sample(rng, { maxDepth: 12 }))).toBe(true);
  });

  it("refuses a grammar with no finite string", () => {
    expect(() => new GbnfSampler(parseGbnf('root ::= "a" root'))).toThrow(/no finite string/);
  });
});
