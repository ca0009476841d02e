/**
 * Writing GBNF terminals. Everything outside printable ASCII is written as an escape, so the
 * grammar text is plain ASCII: it survives any transport and never hands llama.cpp's C-string
 * parser a NUL or a stray byte.
 */

/** Highest Unicode scalar value. */
export const MAX_CODE_POINT = 0x10ffff;

function escapeCodePoint(cp: number, special: string): string {
  if (cp >= 0x20 && cp < 0x7f) {
    const ch = String.fromCharCode(cp);
    if (!special.includes(ch)) return ch;
    // llama.cpp knows only these backslash escapes; anything else special goes as hex
    return '\\"[]-'.includes(ch) ? `\\${ch}` : `\\x${cp.toString(16).toUpperCase()}`;
  }
  if (cp === 0x0a) return "\\n";
  if (cp === 0x0d) return "\\r";
  if (cp === 0x09) return "\\t";
  if (cp < 0x100) return `\\x${cp.toString(16).toUpperCase().padStart(2, "0")}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).toUpperCase().padStart(4, "0")}`;
  return `\\U${cp.toString(16).toUpperCase().padStart(8, "0")}`;
}

/** A GBNF string literal matching exactly `text` (code point by code point). */
export function gbnfLiteral(text: string): string {
  let out = '"';
  for (const ch of text) out += escapeCodePoint(ch.codePointAt(0) as number, '"\\');
  return `${out}"`;
}

/** Inclusive code point ranges, sorted and non-overlapping. */
export type CodePointRanges = ReadonlyArray<readonly [number, number]>;

/** A positive GBNF character class over these ranges. */
export function gbnfCharClass(ranges: CodePointRanges): string {
  let out = "[";
  for (const [lo, hi] of ranges) {
    out += escapeCodePoint(lo, "\\]-[^\"");
    if (hi > lo) out += `-${escapeCodePoint(hi, "\\]-[^\"")}`;
  }
  return `${out}]`;
}

/** Sort, merge and drop empty ranges. */
export function normalizeRanges(ranges: Iterable<readonly [number, number]>): Array<[number, number]> {
  const sorted = [...ranges].filter(([lo, hi]) => lo <= hi).sort((a, b) => a[0] - b[0]);
  const out: Array<[number, number]> = [];
  for (const [lo, hi] of sorted) {
    const last = out[out.length - 1];
    if (last && lo <= last[1] + 1) last[1] = Math.max(last[1], hi);
    else out.push([lo, hi]);
  }
  return out;
}

/** `ranges` minus the given code points. */
export function subtractCodePoints(ranges: CodePointRanges, remove: Iterable<number>): Array<[number, number]> {
  let out = normalizeRanges(ranges);
  for (const cp of new Set(remove)) {
    const next: Array<[number, number]> = [];
    for (const [lo, hi] of out) {
      if (cp < lo || cp > hi) next.push([lo, hi]);
      else {
        if (lo <= cp - 1) next.push([lo, cp - 1]);
        if (cp + 1 <= hi) next.push([cp + 1, hi]);
      }
    }
    out = next;
  }
  return out;
}

/** Is this a valid GBNF rule name (llama.cpp: letters, digits, `-`)? */
export function isGbnfName(name: string): boolean {
  return /^[A-Za-z0-9-]+$/.test(name);
}
