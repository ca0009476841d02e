import { ParseFailure, type Reach } from "./ParseFailure.js";

/** Nesting limit shared by every parser here (matches parseJson's default). */
export const MAX_DEPTH = 512;

/** Characters allowed between tokens and in numbers/literals (1), by char code. */
const OUTSIDE_STRING = new Uint8Array(128);
for (const ch of " \t\n\r,:0123456789-+.eEtruefalsn") OUTSIDE_STRING[ch.charCodeAt(0)] = 1;

/**
 * End (exclusive) of the JSON container or string starting at `start`, found by bracket and
 * string matching only; the caller validates the text with parseJson. Linear and iterative, so
 * hostile input (10 MB of `[`) fails fast instead of overflowing the stack.
 */
export function scanJsonValueEnd(src: string, start: number, track?: Reach): number {
  const stack: number[] = [];
  let i = start;
  const n = src.length;
  while (i < n) {
    const c = src.charCodeAt(i);
    if (c === 34) {
      i = stringEnd(src, i, track);
      if (stack.length === 0) return i;
      continue;
    }
    if (c === 91 || c === 123) {
      if (stack.length >= MAX_DEPTH) fail(`nesting deeper than ${MAX_DEPTH}`, i, track, true);
      stack.push(c === 91 ? 93 : 125);
    } else if (c === 93 || c === 125) {
      const want = stack.pop();
      if (want !== c) {
        fail(want === undefined ? `unexpected ${String.fromCharCode(c)}` : `expected ${String.fromCharCode(want)} but found ${String.fromCharCode(c)}`, i, track);
      }
      if (stack.length === 0) {
        if (track) track.reach = Math.max(track.reach, i + 1);
        return i + 1;
      }
    } else if (stack.length === 0) {
      fail("expected a JSON list or object", i, track);
    } else if (c >= 128 || OUTSIDE_STRING[c] !== 1) {
      // Stop at the first character JSON cannot have here (a closing ``` after a missing `]`).
      fail(`unexpected character ${JSON.stringify(src.charAt(i))}`, i, track);
    }
    i++;
  }
  const want = stack[stack.length - 1];
  fail(`unexpected end of input: expected ${want === undefined ? "a JSON value" : String.fromCharCode(want)}`, n, track);
}

/** Index just past the closing quote of the JSON string opening at `q`. */
function stringEnd(src: string, q: number, track?: Reach): number {
  const re = /["\\]/g;
  re.lastIndex = q + 1;
  for (;;) {
    const m = re.exec(src);
    if (!m) {
      if (track) track.reach = src.length;
      fail("unterminated string", q, track);
    }
    if (m[0] === '"') return m.index + 1;
    re.lastIndex = m.index + 2;
  }
}

function fail(message: string, at: number, track?: Reach, tooDeep = false): never {
  if (track) track.reach = Math.max(track.reach, at);
  const f = new ParseFailure(tooDeep ? message : `invalid JSON: ${message}`, at);
  f.tooDeep = tooDeep;
  throw f;
}

/** Index of the first character at or after `i` that is not JSON whitespace. */
export function skipJsonWs(src: string, i: number): number {
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** End of any valid JSON value (container, string or scalar) starting at `i`. */
function skipJsonValue(src: string, i: number): number {
  const c = src.charCodeAt(i);
  if (c === 34 || c === 91 || c === 123) return scanJsonValueEnd(src, i);
  while (i < src.length && !/[\s,\]}]/.test(src.charAt(i))) i++;
  return i;
}

/**
 * Offset of the value at `path` inside the valid JSON text `src` (for error positions; parseJson
 * gives values, not offsets). Falls back to the deepest container found when the path is absent.
 */
export function jsonPathOffset(src: string, path: ReadonlyArray<string | number>): number {
  let p = skipJsonWs(src, 0);
  for (const seg of path) {
    const c = src.charCodeAt(p);
    let q = skipJsonWs(src, p + 1);
    let found = -1;
    if (c === 91 && typeof seg === "number") {
      for (let idx = 0; src.charCodeAt(q) !== 93 && q < src.length; idx++) {
        if (idx === seg) {
          found = q;
          break;
        }
        q = skipJsonWs(src, skipJsonValue(src, q));
        if (src.charCodeAt(q) === 44) q = skipJsonWs(src, q + 1);
      }
    } else if (c === 123 && typeof seg === "string") {
      while (src.charCodeAt(q) === 34) {
        const keyEnd = skipJsonValue(src, q);
        const key = JSON.parse(src.slice(q, keyEnd)) as string;
        q = skipJsonWs(src, skipJsonWs(src, keyEnd) + 1);
        if (key === seg) found = q; // last duplicate wins, as in JSON.parse
        q = skipJsonWs(src, skipJsonValue(src, q));
        if (src.charCodeAt(q) === 44) q = skipJsonWs(src, q + 1);
      }
    }
    if (found < 0) return p;
    p = found;
  }
  return p;
}
