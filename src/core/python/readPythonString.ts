import type { Fail, ReadReach } from "./PyParseFailure.js";

const ESCAPES: Record<string, string> = {
  "\\": "\\", "'": "'", '"': '"', a: "\x07", b: "\b", f: "\f", n: "\n", r: "\r", t: "\t", v: "\v",
};

/**
 * Read one Python string literal at `start` (prefixes r/b/u, single/double/triple quotes,
 * escapes decoded as CPython does; f-strings refused). Bytes literals read as text.
 */
export function readPythonString(s: string, start: number, fail: Fail, track?: ReadReach): { value: string; end: number } {
  let i = start;
  let raw = false;
  const prefixStart = i;
  while (s.charCodeAt(i) !== 34 && s.charCodeAt(i) !== 39) {
    const p = s.charAt(i).toLowerCase();
    if (p === "f") fail("f-strings are not supported", prefixStart);
    if (p === "r") raw = true;
    i++;
  }
  const q = s.charAt(i);
  const open = i;
  const triple = s.startsWith(q + q + q, i);
  i += triple ? 3 : 1;
  const special = triple ? (q === "'" ? /['\\]/g : /["\\]/g) : q === "'" ? /['\\\n\r]/g : /["\\\n\r]/g;
  let out = "";
  let chunk = i;
  for (;;) {
    special.lastIndex = i;
    const m = special.exec(s);
    if (!m) {
      if (track) track.reach = s.length;
      fail("unterminated string literal", open);
    }
    const at = m.index;
    const ch = m[0];
    if (ch === "\n" || ch === "\r") {
      if (track) track.reach = Math.max(track.reach, at);
      fail("unterminated string literal (newline in a single-quoted string)", open);
    }
    if (ch === q) {
      if (!triple) {
        out += s.slice(chunk, at);
        return { value: out, end: at + 1 };
      }
      if (s.startsWith(q + q + q, at)) {
        out += s.slice(chunk, at);
        return { value: out, end: at + 3 };
      }
      i = at + 1;
      continue;
    }
    // backslash
    out += s.slice(chunk, at);
    if (at + 1 >= s.length) {
      if (track) track.reach = s.length;
      fail("unterminated string literal", open);
    }
    if (raw) {
      // In raw strings a backslash keeps itself and the next character, which cannot end the string.
      out += s.slice(at, at + 2);
      i = chunk = at + 2;
      continue;
    }
    const [text, len] = escape(s, at, fail);
    out += text;
    i = chunk = at + len;
  }
}

/** Decode the escape at `at` (a backslash); returns the text and the escape's length. */
function escape(s: string, at: number, fail: Fail): [string, number] {
  const e = s.charAt(at + 1);
  if (e === "\n") return ["", 2];
  if (e === "\r") return ["", s.charAt(at + 2) === "\n" ? 3 : 2];
  const simple = ESCAPES[e];
  if (simple !== undefined) return [simple, 2];
  if (e >= "0" && e <= "7") {
    const m = /^[0-7]{1,3}/.exec(s.slice(at + 1, at + 4)) as RegExpExecArray;
    return [String.fromCharCode(parseInt(m[0], 8)), 1 + m[0].length];
  }
  const hexLen = e === "x" ? 2 : e === "u" ? 4 : e === "U" ? 8 : 0;
  if (hexLen > 0) {
    const hex = s.slice(at + 2, at + 2 + hexLen);
    if (hex.length !== hexLen || !/^[0-9a-fA-F]+$/.test(hex)) fail(`truncated \\${e} escape`, at);
    const cp = parseInt(hex, 16);
    if (cp > 0x10ffff) fail(`\\${e} escape out of range`, at);
    return [String.fromCodePoint(cp), 2 + hexLen];
  }
  if (e === "N") fail("named unicode escapes (\\N{…}) are not supported", at);
  // Python keeps unknown escapes verbatim (with a warning).
  return [`\\${e}`, 2];
}
