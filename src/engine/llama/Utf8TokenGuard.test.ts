import { describe, expect, it } from "vitest";
import { compileSchemaGrammar, compileToolGrammar } from "../../core/grammar/index.js";
import { GbnfRecognizer, parseGbnf, type RecognizerState } from "../../core/grammar/testing/index.js";
import { Rng } from "../../core/rng.js";
import { TOKEN_TYPE, type TokenVocabulary } from "./readVocabulary.js";
import { utf8GuardSets, Utf8TokenGuard } from "./Utf8TokenGuard.js";

/**
 * The token-level UTF-8 guard (core/grammar/README.md, "UTF-8"), replayed on llama.cpp's token
 * path (GbnfRecognizer): the grammar decides what is allowed, the guard bans more. Biases here are
 * plain id sets; in the engine they are node-llama-cpp TokenBias objects.
 */

const enc = new TextEncoder();
const strict = new TextDecoder("utf-8", { fatal: true });

/** Every single byte, fragments of valid text, a few tokens that are invalid UTF-8, EOG and a control token. */
function craftedVocab(): { vocab: TokenVocabulary; eog: number; imStart: number; invalid: number[] } {
  const bytes: Uint8Array[] = [];
  const types: number[] = [];
  const add = (piece: Uint8Array, type: number = TOKEN_TYPE.normal): number => {
    bytes.push(piece);
    types.push(type);
    return bytes.length - 1;
  };
  for (let x = 1; x < 256; x++) add(Uint8Array.of(x));
  for (const text of ["€😀é", "日本語", "\u{10FFFF}\uD7FF\uE000", "a\"b", "\u0080\u07FF\u0800\uFFFF", "ok\u00e9"]) {
    const e = enc.encode(text);
    for (let i = 0; i < e.length; i++) for (let j = i + 2; j <= Math.min(e.length, i + 4); j++) add(e.slice(i, j));
  }
  const invalid = [add(Uint8Array.of(0xc3, 0x28)), add(Uint8Array.of(0xe0, 0x9f, 0xbf)), add(Uint8Array.of(0x41, 0xf0, 0x8f))];
  const eog = add(enc.encode("<|im_end|>"), TOKEN_TYPE.control);
  const imStart = add(enc.encode("<|im_start|>"), TOKEN_TYPE.control);
  return { vocab: { bytes, types }, eog, imStart, invalid };
}

const { vocab, eog, imStart, invalid } = craftedVocab();
const QUOTE = 0x22 - 1; // the token of `"` (single bytes come first, from 0x01)
const sets = utf8GuardSets(vocab, (id) => id === eog);
const guard = new Utf8TokenGuard(sets, vocab, (ids) => new Set(ids));

describe("utf8GuardSets (the one-time vocabulary scan)", () => {
  it("bans tokens that are not fragments of valid UTF-8, and control tokens that do not end generation", () => {
    for (const id of invalid) expect(sets.always).toContain(id);
    expect(sets.always).toContain(imStart);
    expect(sets.always).not.toContain(eog);
    expect(sets.eog).toEqual([eog]);
    // Single bytes C0, C1 and F5–FF can never occur in UTF-8.
    for (const x of [0xc0, 0xc1, 0xf5, 0xff]) expect(sets.always).toContain(x - 1);
  });

  it("keeps control tokens the format writes", () => {
    const kept = utf8GuardSets(vocab, (id) => id === eog, ["<|im_start|>assistant\n"]);
    expect(kept.always).not.toContain(imStart);
  });
});

describe("Utf8TokenGuard on crafted token sequences", () => {
  const stateAfter = (...pieces: number[][]) => {
    const s = guard.track();
    for (const p of pieces) s.push(vocab.bytes.findIndex((t) => t.length === p.length && t.every((x, i) => x === p[i])));
    return s;
  };

  it("bans overlong continuations after a lone E0 or F0, and EOG while a sequence is open", () => {
    const afterE0 = stateAfter([0x61], [0xe0]).bias();
    expect(afterE0.has(0x9f - 1)).toBe(true); // token "9F": E0 9F… is overlong
    expect(afterE0.has(0xa0 - 1)).toBe(false); // E0 A0… is valid
    expect(afterE0.has(eog)).toBe(true);
    const afterF0 = stateAfter([0xf0]).bias();
    expect(afterF0.has(0x8f - 1)).toBe(true);
    expect(afterF0.has(0x90 - 1)).toBe(false);
    const open = stateAfter([0xe2, 0x82]).bias();
    expect(open.has(eog)).toBe(true);
    expect(open.has(0x82 - 1)).toBe(false);
  });

  it("allows EOG again once the character is complete", () => {
    const s = stateAfter([0xe2], [0x82]);
    expect(s.bias().has(eog)).toBe(true);
    s.push(0xac - 1);
    expect(s.pending).toEqual([]);
    expect(s.bias().has(eog)).toBe(false);
  });
});

/**
 * Random walks under a grammar: at each step a random token among those llama.cpp's grammar
 * accepts (EOG only when the grammar is complete), minus what the guard bans. Returns the bytes of
 * walks that ended with EOG.
 */
function walks(gbnf: string, useGuard: boolean, seed: string, count: number): Uint8Array[] {
  const r = new GbnfRecognizer(parseGbnf(gbnf));
  const rng = new Rng(seed);
  const ids = vocab.bytes.map((_, i) => i).filter((i) => i !== eog);
  const highBytes = ids.filter((i) => (vocab.bytes[i]?.[0] ?? 0) >= 0x80 || (vocab.bytes[i]?.length ?? 0) > 1);
  const done: Uint8Array[] = [];
  for (let w = 0; w < count; w++) {
    let s: RecognizerState | null = r.start();
    const state = guard.track();
    const out: number[] = [];
    for (let step = 0; step < 40 && s; step++) {
      const banned = useGuard ? state.bias() : new Set<number>();
      const eogOk = r.isComplete(s) && !banned.has(eog);
      if (eogOk && rng.next() < 0.25) {
        done.push(Uint8Array.from(out));
        break;
      }
      let next: RecognizerState | null = null;
      let tok = -1;
      for (let tries = 0; tries < 80 && !next; tries++) {
        const roll = rng.next();
        tok = roll < 0.1 ? QUOTE : roll < 0.8 ? rng.pick(highBytes) : rng.pick(ids);
        if (banned.has(tok)) continue;
        next = r.acceptToken(s, vocab.bytes[tok] as Uint8Array);
      }
      if (!next) break;
      s = next;
      state.push(tok);
      out.push(...(vocab.bytes[tok] as Uint8Array));
    }
  }
  return done;
}

const isValid = (bytes: Uint8Array): boolean => {
  try {
    strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
};

describe("guarded sampling under llama.cpp's grammar semantics", () => {
  const stringGrammar = compileSchemaGrammar({ type: "string" }).gbnf;
  const taggedAuto = compileToolGrammar({
    syntax: { kind: "tagged", callOpen: "<tool_call>\n", callClose: "\n</tool_call>", separator: "\n" },
    tools: [{ name: "f", description: "", parameters: { type: "object", properties: {} } }],
    choice: "auto",
    parallel: true,
  })?.gbnf as string;

  it("JSON strings: without the guard invalid UTF-8 gets through (holes 1 and 2); with it, never", () => {
    const bare = walks(stringGrammar, false, "json-bare", 1500);
    const guarded = walks(stringGrammar, true, "json-guarded", 1500);
    expect(bare.filter((x) => !isValid(x)).length).toBeGreaterThan(0);
    expect(guarded.length).toBeGreaterThan(300);
    for (const x of guarded) expect(isValid(x), [...x].map((v) => v.toString(16)).join(" ")).toBe(true);
  });

  it("free text of the tagged syntax: without the guard a turn can end mid-character (hole 3); with it, never", () => {
    const bare = walks(taggedAuto, false, "text-bare", 1500);
    const guarded = walks(taggedAuto, true, "text-guarded", 1500);
    expect(bare.filter((x) => !isValid(x)).length).toBeGreaterThan(0);
    expect(guarded.length).toBeGreaterThan(300);
    for (const x of guarded) expect(isValid(x), [...x].map((v) => v.toString(16)).join(" ")).toBe(true);
  });
});
