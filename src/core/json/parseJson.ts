import { JsonSyntaxError } from "../errors.js";
import { FLOAT_KEYS, markFloat, unmarkFloat } from "./floatMarks.js";

/** Plain JSON value as produced by {@link parseJson}. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

// An integral float lexeme (`5.0`, `2.50e1`, `1e3`) needs the slow, mark-keeping parser; text
// without one parses identically with the native parser, which is many times faster.
// (Long mantissas can round to an integer too: `0.99999999999999999999`, `12345678901234567.5`.)
// (Every branch starts at a digit, so the regex is one alternation behind a \d: ~25% faster.)
const MAY_HAVE_INTEGRAL_FLOAT = /\d(?:\.(?:\d*0(?!\d)|\d{16})|[eE]|\d{15}\.)/;

export interface ParseJsonOptions {
  /** Where the text came from (file:line), used in error messages. */
  source?: string;
  /** Reject nesting deeper than this (hostile input). Default 512. */
  maxDepth?: number;
  /** Keep float marks (default true); false: plain values, as JSON.parse gives them, but faster. */
  floatMarks?: boolean;
  /**
   * {@link mayHaveIntegralFloat} of the text, when the caller already knows it (a text read
   * again): that test is skipped. A wrong `false` loses float marks; a wrong `true` only costs time.
   */
  integralFloats?: boolean;
  /** The text is known to nest no deeper than `maxDepth` (an earlier parse checked): the fast parser's result is not walked again. */
  nestingChecked?: boolean;
}

/** Whether `text` may hold an integral number written as a float, whose float mark the fast parser would lose. */
export function mayHaveIntegralFloat(text: string): boolean {
  return MAY_HAVE_INTEGRAL_FLOAT.test(text);
}

/**
 * Parse JSON text, keeping the Python int/float distinction of integral numbers as hidden float
 * marks (see floatMarks.ts). Errors are {@link JsonSyntaxError} with line and column.
 */
export function parseJson(text: string, options: ParseJsonOptions = {}): JsonValue {
  const maxDepth = options.maxDepth ?? 512;
  if (options.floatMarks === false || !(options.integralFloats ?? MAY_HAVE_INTEGRAL_FLOAT.test(text))) {
    try {
      const v = JSON.parse(text) as JsonValue;
      // Nesting deeper than maxDepth needs at least 2·maxDepth characters; skip the walk otherwise.
      if (options.nestingChecked === true || text.length < 2 * maxDepth || !deeperThan(v, maxDepth)) return v;
    } catch {
      // fall through: the slow parser produces a precise error position
    }
  }
  return new Parser(text, options).parseDocument();
}

/**
 * Whether `v` nests deeper than `max` levels. Recursion stops one level past `max`, so hostile
 * input cannot overflow the stack; no allocation (this runs on every large document).
 */
function deeperThan(v: JsonValue, max: number): boolean {
  if (v === null || typeof v !== "object") return false;
  if (max === 0) return true;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) if (deeperThan(v[i] as JsonValue, max - 1)) return true;
  } else {
    for (const k in v) if (deeperThan(v[k] as JsonValue, max - 1)) return true;
  }
  return false;
}

class Parser {
  private i = 0;
  private depth = 0;
  /** Whether the value just parsed was an integral number written as a float (no result object per value). */
  private intFloat = false;
  private readonly maxDepth: number;

  constructor(
    private readonly s: string,
    private readonly options: ParseJsonOptions,
  ) {
    this.maxDepth = options.maxDepth ?? 512;
  }

  parseDocument(): JsonValue {
    this.ws();
    const value = this.value();
    this.ws();
    if (this.i < this.s.length) this.fail("unexpected text after the JSON value");
    return value;
  }

  private fail(msg: string, at = this.i): never {
    let line = 1;
    let col = 1;
    for (let k = 0; k < at && k < this.s.length; k++) {
      if (this.s.charCodeAt(k) === 10) {
        line++;
        col = 1;
      } else col++;
    }
    throw new JsonSyntaxError(msg, at, line, col, this.options.source);
  }

  private ws(): void {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 32 || c === 10 || c === 13 || c === 9) i++;
      else break;
    }
    this.i = i;
  }

  /** The next value; sets `intFloat` (true only for an integral number written as a float). */
  private value(): JsonValue {
    const c = this.s.charCodeAt(this.i);
    if (c === 45 || (c >= 48 && c <= 57)) return this.number();
    const v = this.nonNumber(c);
    this.intFloat = false; // set after: a container's own values set it too
    return v;
  }

  private nonNumber(c: number): JsonValue {
    if (c === 123) return this.object();
    if (c === 91) return this.array();
    if (c === 34) return this.string();
    if (this.s.startsWith("true", this.i)) {
      this.i += 4;
      return true;
    }
    if (this.s.startsWith("false", this.i)) {
      this.i += 5;
      return false;
    }
    if (this.s.startsWith("null", this.i)) {
      this.i += 4;
      return null;
    }
    if (this.i >= this.s.length) this.fail("unexpected end of input");
    this.fail(`unexpected character ${JSON.stringify(this.s[this.i])}`);
  }

  private enter(): void {
    if (++this.depth > this.maxDepth) this.fail(`nesting deeper than ${this.maxDepth}`);
  }

  private object(): Record<string, JsonValue> {
    this.enter();
    const out: Record<string, JsonValue> = {};
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 125) {
      this.i++;
      this.depth--;
      return out;
    }
    for (;;) {
      if (this.s.charCodeAt(this.i) !== 34) this.fail("expected a string key");
      const key = this.string();
      this.ws();
      if (this.s.charCodeAt(this.i) !== 58) this.fail("expected ':'");
      this.i++;
      this.ws();
      const value = this.value();
      const intFloat = this.intFloat;
      if (key === "__proto__") Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      else out[key] = value;
      if (intFloat) markFloat(out, key);
      else if (FLOAT_KEYS in out) unmarkFloat(out, key); // a repeated key: the last value counts, as in Python
      this.ws();
      const c = this.s.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        this.ws();
        continue;
      }
      if (c === 125) {
        this.i++;
        this.depth--;
        return out;
      }
      this.fail("expected ',' or '}'");
    }
  }

  private array(): JsonValue[] {
    this.enter();
    const out: JsonValue[] = [];
    this.i++;
    this.ws();
    if (this.s.charCodeAt(this.i) === 93) {
      this.i++;
      this.depth--;
      return out;
    }
    for (;;) {
      out.push(this.value());
      if (this.intFloat) markFloat(out, out.length - 1);
      this.ws();
      const c = this.s.charCodeAt(this.i);
      if (c === 44) {
        this.i++;
        this.ws();
        continue;
      }
      if (c === 93) {
        this.i++;
        this.depth--;
        return out;
      }
      this.fail("expected ',' or ']'");
    }
  }

  private number(): number {
    const s = this.s;
    const start = this.i;
    let i = start;
    let isFloat = false;
    if (s.charCodeAt(i) === 45) i++;
    const d0 = s.charCodeAt(i);
    if (d0 === 48) i++;
    else if (d0 >= 49 && d0 <= 57) while (isDigit(s.charCodeAt(i))) i++;
    else this.fail("invalid number", i);
    if (s.charCodeAt(i) === 46) {
      isFloat = true;
      i++;
      if (!isDigit(s.charCodeAt(i))) this.fail("invalid number: digit expected after '.'", i);
      while (isDigit(s.charCodeAt(i))) i++;
    }
    const e = s.charCodeAt(i);
    if (e === 101 || e === 69) {
      isFloat = true;
      i++;
      const sign = s.charCodeAt(i);
      if (sign === 43 || sign === 45) i++;
      if (!isDigit(s.charCodeAt(i))) this.fail("invalid number: digit expected in exponent", i);
      while (isDigit(s.charCodeAt(i))) i++;
    }
    this.i = i;
    const value = Number(s.slice(start, i));
    this.intFloat = isFloat && Number.isInteger(value);
    return value;
  }

  private string(): string {
    const s = this.s;
    let i = this.i + 1;
    let out = "";
    let chunkStart = i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 34) {
        out += s.slice(chunkStart, i);
        this.i = i + 1;
        return out;
      }
      if (c === 92) {
        out += s.slice(chunkStart, i);
        const e = s.charCodeAt(i + 1);
        switch (e) {
          case 34: out += '"'; break;
          case 92: out += "\\"; break;
          case 47: out += "/"; break;
          case 98: out += "\b"; break;
          case 102: out += "\f"; break;
          case 110: out += "\n"; break;
          case 114: out += "\r"; break;
          case 116: out += "\t"; break;
          case 117: {
            const hex = s.slice(i + 2, i + 6);
            if (!/^[0-9a-fA-F]{4}$/.test(hex)) this.fail("invalid \\u escape", i);
            out += String.fromCharCode(parseInt(hex, 16));
            i += 4;
            break;
          }
          default:
            this.fail("invalid escape in string", i);
        }
        i += 2;
        chunkStart = i;
        continue;
      }
      if (Number.isNaN(c)) this.fail("unterminated string", this.i);
      if (c < 32) this.fail("control character in string", i);
      i++;
    }
  }
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
