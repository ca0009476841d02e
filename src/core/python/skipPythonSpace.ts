/** Offset of the first character at or after `i` that is not whitespace, a `#` comment or a backslash line continuation. */
export function skipPythonSpace(s: string, i: number): number {
  for (;;) {
    const c = s.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 12) i++;
    else if (c === 35) {
      const nl = s.indexOf("\n", i);
      i = nl < 0 ? s.length : nl + 1;
    } else if (c === 92 && (s.charCodeAt(i + 1) === 10 || s.charCodeAt(i + 1) === 13)) i += 2;
    else return i;
  }
}
