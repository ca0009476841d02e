/** Python identifiers (PEP 3131): ASCII fast path, Unicode ID_Start/ID_Continue otherwise. */
const ID_START = /[\p{ID_Start}_]/u;
const ID_CONTINUE = /[\p{ID_Continue}]/u;

function isIdStart(c: number, ch: string): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
  return ID_START.test(ch);
}

function isIdContinue(c: number, ch: string): boolean {
  if (c < 128) return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95 || (c >= 48 && c <= 57);
  return ID_CONTINUE.test(ch);
}

/** Length of the identifier starting at `i` (0 when none). Handles astral letters. */
export function identifierLength(src: string, i: number): number {
  let j = i;
  const n = src.length;
  while (j < n) {
    const c = src.charCodeAt(j);
    if (c < 128) {
      if (!(j === i ? isIdStart(c, "") : isIdContinue(c, ""))) break;
      j++;
      continue;
    }
    const cp = src.codePointAt(j) as number;
    const ch = String.fromCodePoint(cp);
    if (!(j === i ? isIdStart(cp, ch) : isIdContinue(cp, ch))) break;
    j += ch.length;
  }
  return j - i;
}

