import type { GbnfElement, GbnfGrammar } from "./parseGbnf.js";

/**
 * Decides membership in a GBNF language the way llama.cpp's sampler does: a set of pushdown
 * stacks advanced one code point at a time (llama_grammar_advance_stack / accept_chr), plus the
 * byte-level token path (decode_utf8 with a partial sequence carried between tokens and
 * llama_grammar_match_partial_char for the trailing bytes). Test tooling: not tuned for speed.
 */

/** A position inside a rule alternative, on a persistent (shared-tail) stack. */
interface Frame {
  readonly rule: number;
  readonly alt: number;
  readonly idx: number;
  readonly next: Frame | null;
  readonly key: string;
}

type Stack = Frame | null; // null: the empty stack, i.e. the grammar is complete

/** llama.cpp's `llama_partial_utf8`: bits decoded so far and continuation bytes still expected (−1: invalid). */
export interface PartialUtf8 {
  value: number;
  nRemain: number;
}

export interface RecognizerState {
  readonly stacks: readonly Stack[];
  readonly partial: PartialUtf8;
}

export class GbnfRecognizer {
  constructor(readonly grammar: GbnfGrammar) {}

  /** Is the whole text in the language? */
  accepts(text: string): boolean {
    let state = this.start();
    for (const ch of text) {
      state = this.acceptCodePoint(state, ch.codePointAt(0) as number);
      if (state.stacks.length === 0) return false;
    }
    return this.isComplete(state);
  }

  /** Length (in code points) of the longest prefix of `text` that can still be continued. */
  viablePrefixLength(text: string): number {
    let state = this.start();
    let n = 0;
    for (const ch of text) {
      state = this.acceptCodePoint(state, ch.codePointAt(0) as number);
      if (state.stacks.length === 0) return n;
      n++;
    }
    return n;
  }

  start(): RecognizerState {
    const stacks: Stack[] = [];
    const seen = new Set<string>();
    for (let a = 0; a < (this.grammar.rules[this.grammar.root] as GbnfElement[][]).length; a++) {
      const alt = (this.grammar.rules[this.grammar.root] as GbnfElement[][])[a] as GbnfElement[];
      const s: Stack = alt.length > 0 ? frame(this.grammar.root, a, 0, null) : null;
      this.advance(s, stacks, seen);
    }
    return { stacks, partial: { value: 0, nRemain: 0 } };
  }

  isComplete(state: RecognizerState): boolean {
    return state.stacks.some((s) => s === null);
  }

  acceptCodePoint(state: RecognizerState, cp: number): RecognizerState {
    return { stacks: this.stepAll(state.stacks, cp), partial: state.partial };
  }

  /**
   * Would llama.cpp let the sampler pick a token with these bytes here (llama_grammar_apply_impl
   * and reject_candidates)? Returns the state after accepting it (llama_grammar_accept_token),
   * or null when the token is masked out.
   */
  acceptToken(state: RecognizerState, piece: Uint8Array): RecognizerState | null {
    if (piece.length === 0 || piece[0] === 0) return null;
    const { codePoints, partial } = decodeUtf8(piece, state.partial);
    if (partial.nRemain < 0) return null;
    let allowed = false;
    const survivors: Stack[] = [];
    const seen = new Set<string>();
    for (const s of state.stacks) {
      let cur: Stack[] = [s];
      for (const cp of codePoints) {
        cur = this.stepAll(cur, cp);
        if (cur.length === 0) break;
      }
      for (const t of cur) {
        if (t === null) allowed ||= partial.nRemain === 0;
        else allowed ||= partial.nRemain === 0 || matchPartial(this.element(t), partial);
        const k = t === null ? "" : t.key;
        if (!seen.has(k)) {
          seen.add(k);
          survivors.push(t);
        }
      }
    }
    return allowed ? { stacks: survivors, partial } : null;
  }

  private element(f: Frame): GbnfElement {
    return ((this.grammar.rules[f.rule] as GbnfElement[][])[f.alt] as GbnfElement[])[f.idx] as GbnfElement;
  }

  private altLength(f: Frame): number {
    return ((this.grammar.rules[f.rule] as GbnfElement[][])[f.alt] as GbnfElement[]).length;
  }

  private stepAll(stacks: readonly Stack[], cp: number): Stack[] {
    const out: Stack[] = [];
    const seen = new Set<string>();
    for (const s of stacks) {
      if (s === null) continue;
      const el = this.element(s);
      if (el.type === "ref" || !matchChar(el, cp)) continue;
      // Pop the matched terminal; continue with the rest of its alternative, if any.
      const rest: Stack = s.idx + 1 < this.altLength(s) ? frame(s.rule, s.alt, s.idx + 1, s.next) : s.next;
      this.advance(rest, out, seen);
    }
    return out;
  }

  /** Expand rule references until every stack has a terminal on top (or is empty). */
  private advance(start: Stack, out: Stack[], outSeen: Set<string>): void {
    const todo: Stack[] = [start];
    const seen = new Set<string>();
    while (todo.length > 0) {
      const s = todo.pop() as Stack;
      const k = s === null ? "" : s.key;
      if (seen.has(k)) continue;
      seen.add(k);
      if (s === null || this.element(s).type !== "ref") {
        if (!outSeen.has(k)) {
          outSeen.add(k);
          out.push(s);
        }
        continue;
      }
      const ref = this.element(s) as { type: "ref"; rule: number };
      const below: Stack = s.idx + 1 < this.altLength(s) ? frame(s.rule, s.alt, s.idx + 1, s.next) : s.next;
      const alts = this.grammar.rules[ref.rule] as GbnfElement[][];
      for (let a = 0; a < alts.length; a++) {
        todo.push((alts[a] as GbnfElement[]).length > 0 ? frame(ref.rule, a, 0, below) : below);
      }
    }
  }
}

function frame(rule: number, alt: number, idx: number, next: Frame | null): Frame {
  return { rule, alt, idx, next, key: `${rule}.${alt}.${idx}/${next === null ? "" : next.key}` };
}

export function matchChar(el: GbnfElement, cp: number): boolean {
  if (el.type === "any") return true;
  if (el.type !== "char") return false;
  const found = el.ranges.some(([lo, hi]) => lo <= cp && cp <= hi);
  return found !== el.negated;
}

/** llama_grammar_match_partial_char: could some completion of the open sequence satisfy `el`? */
export function matchPartial(el: GbnfElement, partial: PartialUtf8): boolean {
  if (el.type === "ref") return false;
  const { value, nRemain } = partial;
  if (nRemain < 0 || (nRemain === 1 && value < 2)) return false;
  if (el.type === "any") return true;
  let low = (value << (nRemain * 6)) >>> 0;
  const high = (low | ((1 << (nRemain * 6)) - 1)) >>> 0;
  if (low === 0) {
    if (nRemain === 2) low = 1 << 11;
    else if (nRemain === 3) low = 1 << 16;
  }
  for (const [lo, hi] of el.ranges) {
    if (lo <= high && low <= hi) return !el.negated;
  }
  return el.negated;
}

/**
 * llama.cpp's decode_utf8 for a token piece, quirks included: the lead byte's high nibble picks
 * the length (F8–FF count as 4-byte leads), continuation bytes inside one piece are not checked,
 * and overlong forms decode to their small value. A continuation byte where a lead is expected,
 * or a non-continuation byte that should finish an earlier piece's sequence, is invalid.
 */
export function decodeUtf8(piece: Uint8Array, start: PartialUtf8): { codePoints: number[]; partial: PartialUtf8 } {
  const lookup = [1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 2, 2, 3, 4];
  const cps: number[] = [];
  let pos = 0;
  const at = (i: number): number => (i < piece.length ? (piece[i] as number) : 0);
  let value = start.value;
  let nRemain = start.nRemain;
  while (at(pos) !== 0 && nRemain > 0) {
    const b = at(pos);
    if (b >> 6 !== 2) return { codePoints: [], partial: { value: 0, nRemain: -1 } };
    value = (value << 6) + (b & 0x3f);
    pos++;
    nRemain--;
  }
  if (start.nRemain > 0 && nRemain === 0) cps.push(value);
  while (at(pos) !== 0) {
    const first = at(pos);
    nRemain = (lookup[first >> 4] as number) - 1;
    if (nRemain < 0) return { codePoints: [], partial: { value: 0, nRemain } };
    const mask = (1 << (7 - nRemain)) - 1;
    value = first & mask;
    pos++;
    while (at(pos) !== 0 && nRemain > 0) {
      value = (value << 6) + (at(pos) & 0x3f);
      pos++;
      nRemain--;
    }
    if (nRemain === 0) cps.push(value);
  }
  return { codePoints: cps, partial: { value, nRemain } };
}
