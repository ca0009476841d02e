import { isFloatAt } from "./floatMarks.js";
import { PLAIN_ASCII, StringSink, type TextSink } from "./TextSink.js";

/**
 * Python-compatible serialisation of JSON values. Hammer's data and metrics were produced by
 * Python (`json.dumps`, `str()`), and byte-exact parity needs the same output here.
 */

/** `repr(float)`: shortest round-trip digits, fixed notation for 1e-4 ≤ |x| < 1e16, else `1e-05`/`1e+16`. */
export function pyFloatRepr(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (x === Infinity) return "inf";
  if (x === -Infinity) return "-inf";
  if (x === 0) return Object.is(x, -0) ? "-0.0" : "0.0";
  // JS and Python agree on the shortest digit string; only the layout differs.
  const [mant, expPart] = x.toExponential().split("e") as [string, string];
  const exp = Number(expPart);
  const neg = mant.startsWith("-");
  const digits = mant.replace("-", "").replace(".", "");
  let body: string;
  if (exp >= -4 && exp < 16) {
    if (exp >= digits.length - 1) body = digits + "0".repeat(exp - digits.length + 1) + ".0";
    else if (exp >= 0) body = `${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
    else body = `0.${"0".repeat(-exp - 1)}${digits}`;
  } else {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const sign = exp < 0 ? "-" : "+";
    const e = Math.abs(exp);
    body = `${m}e${sign}${e < 10 ? `0${e}` : e}`;
  }
  return neg ? `-${body}` : body;
}

function pyNumber(container: object | null, key: string | number | null, n: number, forJson: boolean): string {
  const asFloat = container !== null && key !== null ? isFloatAt(container, key) : !Number.isInteger(n);
  if (!Number.isFinite(n) && !forJson) return pyFloatRepr(n);
  return pyJsonNumber(n, asFloat);
}

/**
 * Python `json.dumps` of a number: `asFloat` says whether Python holds it as a float (so an
 * integral value prints `5.0`). Integers print every digit, never in exponent notation (integers
 * past 2^53 have already lost precision in parsing — a documented limit of JS numbers).
 */
export function pyJsonNumber(n: number, asFloat: boolean): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "NaN" : n > 0 ? "Infinity" : "-Infinity";
  if (asFloat || !Number.isInteger(n)) {
    // In [1e-4, 1e16) JS and Python print the same digits; only integral floats need ".0".
    const a = Math.abs(n);
    if (a >= 1e-4 && a < 1e16) return Number.isInteger(n) ? `${n}.0` : String(n);
    return pyFloatRepr(n);
  }
  // Past 2^53 the digits are already approximate; JS's shortest form (zero-padded up to 1e21)
  // reproduces the usual source lexeme, where BigInt would print the binary value's digits.
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

export interface PyJsonDumpsOptions {
  /** Escape every non-ASCII character as \uXXXX (Python's default). */
  ensureAscii?: boolean;
  /** Pretty-print with this many spaces (Python `indent=`); separators then become "," and ": ". */
  indent?: number;
  /** Item and key separators; default `[", ", ": "]` without indent, `[",", ": "]` with it. */
  separators?: [string, string];
  /**
   * Return the text escaped once more, as the body of a JSON string (what a JSON record that
   * holds the text needs): equal to escaping the plain result, without a second pass over it.
   */
  embedded?: boolean;
}

const NON_ASCII = /[\u007f-\uffff]/g;

/**
 * Python `json.dumps` string encoding. JSON.stringify escapes `"`, `\` and control characters
 * exactly as Python does; with ensure_ascii, DEL and every non-ASCII UTF-16 unit then become
 * \uXXXX. (Without ensure_ascii, Python would leave a lone surrogate raw; JS escapes it.)
 */
export function pyJsonString(s: string, ensureAscii = true): string {
  if (PLAIN_ASCII.test(s)) return `"${s}"`;
  const j = JSON.stringify(s);
  return ensureAscii ? j.replace(NON_ASCII, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`) : j;
}

/**
 * {@link pyJsonString} escaped once more as the body of a JSON string. Only the string tokens of
 * a `json.dumps` text need the second escaping: its other characters are all plain ASCII.
 */
export function pyJsonStringEmbedded(s: string, ensureAscii = true): string {
  if (PLAIN_ASCII.test(s)) return `\\"${s}\\"`;
  const j = JSON.stringify(pyJsonString(s, ensureAscii));
  return j.slice(1, j.length - 1);
}

/** How {@link pyJsonDumps} writes: resolved once per call, shared by the recursion. */
interface DumpStyle {
  ensureAscii: boolean;
  quote: (s: string, ensureAscii: boolean) => string;
  itemSep: string;
  keySep: string;
  indent: number | undefined;
  embedded: boolean;
}

const COMPACT_STYLE: DumpStyle = { ensureAscii: true, quote: pyJsonString, itemSep: ", ", keySep: ": ", indent: undefined, embedded: false };
const EMBEDDED_STYLE: DumpStyle = { ...COMPACT_STYLE, quote: pyJsonStringEmbedded, embedded: true };

/** Layout text (separators, indent newlines) escaped too when the output is embedded. */
function layout(t: string, embedded: boolean): string {
  return embedded ? JSON.stringify(t).slice(1, -1) : t;
}

function dumpStyle(options: PyJsonDumpsOptions): DumpStyle {
  const ensureAscii = options.ensureAscii ?? true;
  const embedded = options.embedded ?? false;
  const { indent, separators } = options;
  // the common case, once per masked tool parameter in a data build: no allocation
  if (ensureAscii && indent === undefined && separators === undefined) return embedded ? EMBEDDED_STYLE : COMPACT_STYLE;
  const [itemSep, keySep] = separators ?? (indent === undefined ? [", ", ": "] : [",", ": "]);
  return {
    ensureAscii,
    quote: embedded ? pyJsonStringEmbedded : pyJsonString,
    itemSep: layout(itemSep, embedded),
    keySep: layout(keySep, embedded),
    indent,
    embedded,
  };
}

/** Python `json.dumps(value, ensure_ascii=…, indent=…)` of a value from {@link parseJson}. */
export function pyJsonDumps(value: unknown, options: PyJsonDumpsOptions = {}): string {
  const style = dumpStyle(options);
  return StringSink.collect((sink) => writeValue(sink, value, null, "", 0, style));
}

/** {@link pyJsonDumps} appended to `sink`. */
export function writePyJson(sink: TextSink, value: unknown, options: PyJsonDumpsOptions = {}): void {
  writeValue(sink, value, null, "", 0, dumpStyle(options));
}

/** {@link pyJsonString} (ensure_ascii; `embedded`: {@link pyJsonStringEmbedded}) appended to `sink`. */
export function writePyJsonString(sink: TextSink, s: string, embedded: boolean): void {
  writeString(sink, s, embedded ? EMBEDDED_STYLE : COMPACT_STYLE);
}

function writeString(sink: TextSink, s: string, st: DumpStyle): void {
  // the common case, plain ASCII, is its own body in both escapings: no escaping pass
  if (st.ensureAscii && sink.plainQuoted(s, st.embedded ? '\\"' : '"')) return;
  sink.text(st.quote(s, st.ensureAscii));
}

function writeValue(sink: TextSink, v: unknown, container: object | null, key: string | number, level: number, st: DumpStyle): void {
  if (v === null || v === undefined) return sink.text("null");
  switch (typeof v) {
    case "string":
      return writeString(sink, v, st);
    case "boolean":
      return sink.text(v ? "true" : "false");
    case "number":
      return sink.text(pyJsonNumber(v, container !== null ? isFloatAt(container, key) : !Number.isInteger(v)));
    case "object": {
      const inner = st.indent === undefined ? "" : layout(`\n${" ".repeat(st.indent * (level + 1))}`, st.embedded);
      if (Array.isArray(v)) {
        if (v.length === 0) return sink.text("[]");
        for (let i = 0; i < v.length; i++) {
          sink.text(i === 0 ? "[" : st.itemSep);
          if (inner !== "") sink.text(inner);
          writeValue(sink, v[i], v, i, level + 1, st);
        }
        if (st.indent !== undefined) sink.text(closing(level, st));
        return sink.text("]");
      }
      let first = true;
      // for…in: own enumerable keys in Object.keys order (JSON values have no inherited ones)
      for (const k in v) {
        sink.text(first ? "{" : st.itemSep);
        if (inner !== "") sink.text(inner);
        sink.text(quoteKey(k, st));
        sink.text(st.keySep);
        writeValue(sink, (v as Record<string, unknown>)[k], v, k, level + 1, st);
        first = false;
      }
      if (first) return sink.text("{}");
      if (st.indent !== undefined) sink.text(closing(level, st));
      return sink.text("}");
    }
    default:
      throw new TypeError(`pyJsonDumps: cannot serialise ${typeof v}`);
  }
}

// Object keys repeat from record to record ("description", "type", …): their quoted forms in
// the two common styles are kept (bounded; cleared when full).
const KEY_CACHE_MAX = 4096;
const compactKeys = new Map<string, string>();
const embeddedKeys = new Map<string, string>();

/** Python `json.dumps` of an object key (ensure_ascii; `embedded`: see PyJsonDumpsOptions), from a cache. */
export function pyJsonKey(k: string, embedded: boolean): string {
  return quoteKey(k, embedded ? EMBEDDED_STYLE : COMPACT_STYLE);
}

function quoteKey(k: string, st: DumpStyle): string {
  const cache = st === COMPACT_STYLE ? compactKeys : st === EMBEDDED_STYLE ? embeddedKeys : undefined;
  if (cache === undefined) return st.quote(k, st.ensureAscii);
  let q = cache.get(k);
  if (q === undefined) {
    if (cache.size >= KEY_CACHE_MAX) cache.clear();
    q = st.quote(k, st.ensureAscii);
    cache.set(k, q);
  }
  return q;
}

function closing(level: number, st: DumpStyle): string {
  return st.indent === undefined ? "" : layout(`\n${" ".repeat(st.indent * level)}`, st.embedded);
}

// Characters Python's str.isprintable() rejects: controls, format, surrogates, private use,
// unassigned, and separators other than the ASCII space.
const NON_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]/u;

/** Python `repr(str)`. */
export function pyStrRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    if (ch === quote || ch === "\\") out += `\\${ch}`;
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (NON_PRINTABLE.test(ch)) {
      const cp = ch.codePointAt(0) as number;
      if (cp < 0x100) out += `\\x${cp.toString(16).padStart(2, "0")}`;
      else if (cp < 0x10000) out += `\\u${cp.toString(16).padStart(4, "0")}`;
      else out += `\\U${cp.toString(16).padStart(8, "0")}`;
    } else out += ch;
  }
  return out + quote;
}

/** Python `repr()` of a JSON-loaded value (strings quoted, `True`, `None`, `1.0`). */
export function pyRepr(value: unknown): string {
  return reprIn(value, null, null);
}

function reprIn(v: unknown, container: object | null, key: string | number | null): string {
  if (v === null || v === undefined) return "None";
  if (v === true) return "True";
  if (v === false) return "False";
  if (typeof v === "number") return pyNumber(container, key, v, false);
  if (typeof v === "string") return pyStrRepr(v);
  if (Array.isArray(v)) return `[${v.map((x, i) => reprIn(x, v, i)).join(", ")}]`;
  if (typeof v === "object") {
    const keys = Object.keys(v);
    return `{${keys.map((k) => `${pyStrRepr(k)}: ${reprIn((v as Record<string, unknown>)[k], v, k)}`).join(", ")}}`;
  }
  throw new TypeError(`pyRepr: cannot represent ${typeof v}`);
}

/**
 * Python `str()` of the value found at `container[key]` (pass the container so a float mark on
 * an integral number prints `5.0`). A bare string prints unquoted, like Python.
 */
export function pyStr(value: unknown, container?: object, key?: string | number): string {
  if (typeof value === "string") return value;
  return reprIn(value, container ?? null, key ?? null);
}
