/**
 * The raw, still JSON-escaped, text of top-level string fields of a JSON object — for records
 * already known to be valid JSON. Used to copy an unmasked row's texts into the output without
 * decoding and re-encoding them: the raw text is what JSON.stringify would write for the decoded
 * string unless it holds a `\u` or `\/` escape, in which case the field is left out (the
 * caller then decodes). Returns undefined when the text is not an object it can walk.
 */
export function rawStringFields(text: string, keys: readonly string[]): Map<string, string> | undefined {
  const out = new Map<string, string>();
  let i = skipWs(text, 0);
  if (text.charCodeAt(i) !== LBRACE) return undefined;
  i = skipWs(text, i + 1);
  if (text.charCodeAt(i) === RBRACE) return out;
  for (;;) {
    if (text.charCodeAt(i) !== QUOTE) return undefined;
    const keyEnd = stringEnd(text, i + 1);
    if (keyEnd === -1) return undefined;
    const rawKey = text.slice(i + 1, keyEnd);
    const key = rawKey.includes("\\") ? (JSON.parse(`"${rawKey}"`) as string) : rawKey;
    i = skipWs(text, keyEnd + 1);
    if (text.charCodeAt(i) !== COLON) return undefined;
    i = skipWs(text, i + 1);
    if (text.charCodeAt(i) === QUOTE) {
      const end = stringEnd(text, i + 1);
      if (end === -1) return undefined;
      const raw = text.slice(i + 1, end);
      if (keys.includes(key)) {
        if (raw.includes("\\u") || raw.includes("\\/")) out.delete(key);
        else out.set(key, raw);
      }
      i = end + 1;
    } else {
      if (keys.includes(key)) out.delete(key);
      i = valueEnd(text, i);
      if (i === -1) return undefined;
    }
    i = skipWs(text, i);
    const c = text.charCodeAt(i);
    if (c === RBRACE) return out;
    if (c !== COMMA) return undefined;
    i = skipWs(text, i + 1);
  }
}

const QUOTE = 34, BACKSLASH = 92, LBRACE = 123, RBRACE = 125, LBRACKET = 91, RBRACKET = 93, COMMA = 44, COLON = 58;

function skipWs(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else return i;
  }
}

/** Index of the closing quote of a string whose body starts at `from`, or -1. */
function stringEnd(s: string, from: number): number {
  for (let q = s.indexOf('"', from); q !== -1; q = s.indexOf('"', q + 1)) {
    let k = q - 1;
    while (k >= from && s.charCodeAt(k) === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q;
  }
  return -1;
}

/** End (exclusive) of the non-string JSON value starting at `i`, or -1. */
function valueEnd(s: string, i: number): number {
  let depth = 0;
  for (;;) {
    const c = s.charCodeAt(i);
    if (Number.isNaN(c)) return -1;
    if (c === QUOTE) {
      const e = stringEnd(s, i + 1);
      if (e === -1) return -1;
      i = e + 1;
      if (depth === 0) return i;
      continue;
    }
    if (c === LBRACE || c === LBRACKET) depth++;
    else if (c === RBRACE || c === RBRACKET) {
      if (depth === 0) return i;
      if (--depth === 0) return i + 1;
    } else if (depth === 0 && (c === COMMA || c === 32 || c === 10 || c === 13 || c === 9)) return i;
    i++;
  }
}
