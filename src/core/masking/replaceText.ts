import { pyCapitalize, pyReplace } from "../python/index.js";
import type { MaskMode } from "./types.js";

/**
 * Text rewriting of the default mask. Hammer replaces `str(old)` by `str(new)` as a plain
 * substring (so an old default `10` also rewrites `100`) and runs the four casings one after the
 * other (so a new value containing another casing of the old one is rewritten twice). `fixed`
 * mode replaces whole tokens only, in one left-to-right pass.
 *
 * A *token* occurrence of `s` at [i, j) is one where
 * - if `s` starts with a word character (Unicode letter or digit, or `_`), the character before
 *   i is not one; if `s` ends with one, the character at j is not one;
 * - if `s` starts with a digit, it is not the fraction of a decimal (`3.14` holds no token `14`)
 *   nor a negative number (`-5` holds no token `5`; a `-` after a word character, as in
 *   `2021-05`, is a separator);
 * - if `s` ends with a digit, it is not the integer part of a decimal (`10.5` holds no token `10`).
 */

/** The casings Hammer rewrites in the query, in its order: as-is, capitalize, lower, upper. */
export function queryCasings(s: string): string[] {
  return [s, pyCapitalize(s), s.toLowerCase(), s.toUpperCase()];
}

/**
 * Rewrite `old` → `new` in a query, in the four casings ({@link queryCasings}). In `fixed` mode a
 * casing listed in `keep` is not rewritten (it is another gold value that stays, e.g. a second
 * call's `"london"` when the default `"London"` changes).
 */
export function replaceInQuery(query: string, from: string, to: string, mode: MaskMode, keep: ReadonlySet<string> = new Set()): string {
  const olds = queryCasings(from);
  const news = queryCasings(to);
  if (mode === "faithful") {
    let q = query;
    for (let k = 0; k < 4; k++) q = pyReplace(q, olds[k] as string, news[k] as string);
    return q;
  }
  const pairs: Array<[string, string]> = [];
  for (let k = 0; k < 4; k++) {
    const o = olds[k] as string;
    if (o.length > 0 && !keep.has(o) && !pairs.some(([p]) => p === o)) pairs.push([o, news[k] as string]);
  }
  return replaceTokens(query, pairs);
}

/** Rewrite `old` → `new` in a parameter description (Hammer: as-is casing only). */
export function replaceInDescription(description: string, from: string, to: string, mode: MaskMode): string {
  return mode === "faithful" ? pyReplace(description, from, to) : replaceTokens(description, [[from, to]]);
}

const WORD = /^[\p{L}\p{N}_]$/u;
const DIGIT = /^[0-9]$/;

function isWord(ch: string | undefined): boolean {
  return ch !== undefined && WORD.test(ch);
}

/** The code point ending at index `i` (exclusive), or undefined at the start. */
function charBefore(text: string, i: number): string | undefined {
  if (i <= 0) return undefined;
  const c = text.charCodeAt(i - 1);
  if (c >= 0xdc00 && c <= 0xdfff && i >= 2) {
    const h = text.charCodeAt(i - 2);
    if (h >= 0xd800 && h <= 0xdbff) return text.slice(i - 2, i);
  }
  return text[i - 1];
}

function charAt(text: string, i: number): string | undefined {
  if (i >= text.length) return undefined;
  return String.fromCodePoint(text.codePointAt(i) as number);
}

/** Is `text[i, j)` a whole token (see the file comment)? */
export function isTokenAt(text: string, i: number, j: number): boolean {
  const first = charAt(text, i);
  const last = charBefore(text, j);
  const prev = charBefore(text, i);
  const next = charAt(text, j);
  if (isWord(first) && isWord(prev)) return false;
  if (isWord(last) && isWord(next)) return false;
  if (DIGIT.test(first ?? "") && (prev === "." || prev === "-")) {
    const beforePrev = charBefore(text, i - 1);
    if (prev === "." && DIGIT.test(beforePrev ?? "")) return false;
    if (prev === "-" && !isWord(beforePrev)) return false;
  }
  if (DIGIT.test(last ?? "") && next === "." && DIGIT.test(charAt(text, j + 1) ?? "")) return false;
  return true;
}

/** Does `needle` occur in `text` as a whole token? */
export function hasToken(text: string, needle: string): boolean {
  if (needle.length === 0) return false;
  for (let j = text.indexOf(needle); j !== -1; j = text.indexOf(needle, j + 1)) {
    if (isTokenAt(text, j, j + needle.length)) return true;
  }
  return false;
}

/**
 * Replace whole-token occurrences of each `from` by its `to` in one left-to-right pass (a
 * replacement is never rewritten again). At one position the longest `from` wins.
 */
export function replaceTokens(text: string, pairs: ReadonlyArray<readonly [string, string]>): string {
  // next[p]: the next token occurrence of pairs[p] at or after the cursor (-1: none left).
  const next = pairs.map(([from]) => findToken(text, from, 0));
  let out = "";
  let i = 0;
  for (;;) {
    let best = -1;
    let bestLen = 0;
    let bestTo = "";
    for (let p = 0; p < pairs.length; p++) {
      let at = next[p] as number;
      const [from, to] = pairs[p] as readonly [string, string];
      if (at !== -1 && at < i) {
        at = findToken(text, from, i);
        next[p] = at;
      }
      if (at === -1) continue;
      if (best === -1 || at < best || (at === best && from.length > bestLen)) {
        best = at;
        bestLen = from.length;
        bestTo = to;
      }
    }
    if (best === -1) break;
    out += text.slice(i, best) + bestTo;
    i = best + bestLen;
  }
  return out + text.slice(i);
}

function findToken(text: string, needle: string, from: number): number {
  if (needle.length === 0) return -1;
  for (let j = text.indexOf(needle, from); j !== -1; j = text.indexOf(needle, j + 1)) {
    if (isTokenAt(text, j, j + needle.length)) return j;
  }
  return -1;
}
