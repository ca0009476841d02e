import { PY_S } from "./pyRegex.js";

/**
 * Python `str` methods whose results differ from their nearest JavaScript ones: Python's
 * whitespace set, code points rather than UTF-16 units, `capitalize`'s lower-casing.
 */

const STRIP_RE = new RegExp(`^${PY_S}+|${PY_S}+$`, "gu");

/** `s.strip()`. */
export function pyStrip(s: string): string {
  return s.replace(STRIP_RE, "");
}

/** `s.strip(chars)`. */
export function pyStripChars(s: string, chars: string): string {
  const cps = Array.from(s);
  let a = 0;
  let b = cps.length;
  while (a < b && chars.includes(cps[a] as string)) a++;
  while (b > a && chars.includes(cps[b - 1] as string)) b--;
  return cps.slice(a, b).join("");
}

/** `s[start:end]` on code points (JavaScript slices UTF-16 units). */
export function pySlice(s: string, start: number, end?: number): string {
  // Fast path: no surrogates, code units are code points.
  if (!/[\ud800-\udfff]/.test(s)) return s.slice(start, end);
  return Array.from(s).slice(start, end).join("");
}

/**
 * `s.capitalize()`: first character upper-cased, the rest lower-cased. (CPython title-cases the
 * first character, which differs for a few letters: `ǆ` → `ǅ`, `ß` → `Ss`, ligatures.)
 */
export function pyCapitalize(s: string): string {
  if (s.length === 0) return s;
  const first = String.fromCodePoint(s.codePointAt(0) as number);
  return first.toUpperCase() + s.slice(first.length).toLowerCase();
}

/** `text.replace(old, new)`: all occurrences, left to right, non-overlapping; an empty `old` matches between every two code points. */
export function pyReplace(text: string, from: string, to: string): string {
  if (from.length > 0) return text.split(from).join(to);
  let out = to;
  for (const ch of text) out += ch + to;
  return out;
}
