/**
 * Python `re` pieces as JavaScript regex source, for ports of Python code whose patterns must
 * match the same text (BFCL's Java/JavaScript converters, `str.strip()`).
 */

/** Characters `str.strip()` / `\s` treat as whitespace (str.isspace), as a regex class body. */
export const PY_WS = "\\t\\n\\x0b\\x0c\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
/** Python `\s`. */
export const PY_S = `[${PY_WS}]`;
/** Python `\w` (str.isalnum() or "_"). */
export const PY_W = "[\\p{L}\\p{N}_]";
/** Python `.` without DOTALL: anything but "\n" (JavaScript's `.` also stops at \r, U+2028, U+2029). */
export const PY_DOT = "[^\\n]";
/** Python `$` without MULTILINE: end of text, or just before a final "\n". */
export const PY_END = "(?=\\n?$)";

/** The `u`-flagged RegExp a Python pattern built from the pieces above translates to. */
export const pyRegExp = (body: string, flags = ""): RegExp => new RegExp(body, `u${flags}`);
