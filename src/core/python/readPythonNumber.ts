import type { Fail } from "./PyParseFailure.js";

const NUMBER_RE = /(\d(?:_?\d)*)?(\.(?:\d(?:_?\d)*)?)?([eE][+-]?\d(?:_?\d)*)?/y;
const RADIX_RE = /0(?:[xX](?:_?[0-9a-fA-F])+|[oO](?:_?[0-7])+|[bB](?:_?[01])+)/y;

export interface PythonNumber {
  value: number;
  /** An integral number written as a float (`5.0`, `1e3`). */
  integralFloat: boolean;
  /** Offset just past the number. */
  end: number;
}

/**
 * Read one unsigned Python number literal at `start`: decimal ints (no leading zeros), floats
 * (`.5`, `5.`, `1e3`), `0x`/`0o`/`0b` ints, single underscores between digits. What may follow
 * it (not `j`, a letter or a digit) is the caller's to check.
 */
export function readPythonNumber(s: string, start: number, fail: Fail): PythonNumber {
  RADIX_RE.lastIndex = start;
  const radix = RADIX_RE.exec(s);
  let value: number;
  let isFloat = false;
  let end: number;
  if (radix) {
    value = Number(radix[0].replace(/_/g, "")); // Number() understands 0x/0o/0b
    end = RADIX_RE.lastIndex;
  } else {
    NUMBER_RE.lastIndex = start;
    const m = NUMBER_RE.exec(s) as RegExpExecArray;
    const [text, intPart, frac, exp] = m;
    end = NUMBER_RE.lastIndex;
    if (!intPart && (!frac || frac.length < 2)) fail("invalid number", start);
    if (!frac && !exp && intPart && intPart.length > 1 && intPart.startsWith("0") && /[1-9]/.test(intPart)) {
      fail("leading zeros in decimal integer literals are not permitted", start);
    }
    isFloat = frac !== undefined || exp !== undefined;
    value = Number(text.replace(/_/g, ""));
  }
  return { value, integralFloat: isFloat && Number.isInteger(value), end };
}
