import { isFloatAt } from "../json/index.js";
import { PLAIN_ASCII, StringSink, type TextSink } from "../json/TextSink.js";
import { pyFloatRepr, pyJsonNumber } from "./pyFloatRepr.js";

/**
 * Python `json.dumps` of JSON values. Hammer's data was produced by Python, and byte-exact
 * parity (training files, prompts) needs the same output here.
 */

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

/**
 * Python `json.dumps(value, ensure_ascii=…, indent=…)` of a value from parseJson. Keys come in
 * Object.keys order, which is Python's insertion order except that JS objects put array-index
 * keys (`"1"`) first.
 */
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
      if (st === COMPACT_STYLE) {
        const fixed = constantTexts.get(v);
        if (fixed !== undefined) return sink.text(fixed);
      }
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

/** Compact texts of values fixed for good by {@link pyJsonConstant}. */
const constantTexts = new WeakMap<object, string>();

/**
 * Freeze `value` deeply and keep its compact `json.dumps` text, so that a later compact dump
 * holding this very object (a simulator's long-context data, returned call after call) copies
 * the text instead of writing it again. Returns `value`.
 */
export function pyJsonConstant<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  deepFreeze(value);
  constantTexts.set(value, pyJsonDumps(value));
  return value;
}

function deepFreeze(v: object): void {
  Object.freeze(v);
  for (const x of Object.values(v)) if (x !== null && typeof x === "object" && !Object.isFrozen(x)) deepFreeze(x);
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

/**
 * The key `json.dumps` writes for a Python dict key (`{1: …}` → `"1"`, `{True: …}` → `"true"`,
 * `{None: …}` → `"null"`, `{2.0: …}` → `"2.0"`); `undefined` for a key it cannot write (a
 * tuple). `float`: an integral number is a Python float.
 */
export function pyJsonDictKey(key: unknown, float: boolean): string | undefined {
  if (typeof key === "string") return key;
  if (typeof key === "boolean") return key ? "true" : "false";
  if (key === null) return "null";
  if (typeof key !== "number") return undefined;
  if (!float && Number.isInteger(key)) return Number.isSafeInteger(key) ? String(key) : BigInt(key).toString();
  return Number.isFinite(key) ? pyFloatRepr(key) : Number.isNaN(key) ? "NaN" : key > 0 ? "Infinity" : "-Infinity";
}
