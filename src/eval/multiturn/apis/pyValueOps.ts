import { isFloatAt, markFloat, type JsonValue } from "../../../core/json/index.js";
import { PY_S, pyEquals, pyHashKey, pyStr, pyTypeAt, pyTypeOf, type PyType } from "../../../core/python/index.js";
import { PyException } from "./SimulatedApi.js";

/**
 * What the official simulated APIs do with a value of any type: a model may pass an int where the
 * Python method expects a str, and the method then fails (or not) the way CPython does. These
 * helpers raise the same messages CPython 3.11 does, so `Error during execution: …` texts match.
 * A value is addressed by its container and key: only the container's float marks tell `5.0` from `5`.
 */

/** `type(container[key]).__name__`. */
export function typeAt(container: object, key: string | number): PyType {
  return pyTypeAt(container, key);
}

/** `str(container[key])`, as an f-string prints it. */
export function strAt(container: object, key: string | number): string {
  return pyStr((container as Record<string | number, unknown>)[key], container, key);
}

/** Python truthiness of a JSON-like value. */
export function pyTruthy(v: unknown): boolean {
  if (v === null || v === undefined || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return true;
}

/** The AttributeError CPython raises for `x.attr` on a type without it. */
export function noAttribute(type: string, attr: string): PyException {
  return new PyException(`'${type}' object has no attribute '${attr}'`);
}

/** `container[key]` as a str, or the AttributeError calling str method `attr` on it raises. */
export function strFor(container: object, key: string | number, attr: string): string {
  const v = (container as Record<string | number, unknown>)[key];
  if (typeof v === "string") return v;
  throw noAttribute(typeAt(container, key), attr);
}

/** Raise CPython's TypeError when `container[key]` cannot be a dict key or set member. */
export function requireHashable(container: object, key: string | number): void {
  const v = (container as Record<string | number, unknown>)[key];
  if (typeof v === "object" && v !== null) throw new PyException(`unhashable type: '${typeAt(container, key)}'`);
}

/** `item in container[key]` where item is any value: str (substring), list (==), dict (key); others raise. */
export function pyIn(item: unknown, container: object, key: string | number): boolean {
  const hay = (container as Record<string | number, unknown>)[key];
  if (typeof hay === "string") {
    if (typeof item !== "string") throw new PyException(`'in <string>' requires string as left operand, not ${pyTypeOf(item, false)}`);
    return hay.includes(item);
  }
  if (Array.isArray(hay)) return hay.some((x) => pyEquals(item, x));
  if (typeof hay === "object" && hay !== null) return typeof item === "string" && Object.prototype.hasOwnProperty.call(hay, item);
  throw new PyException(`argument of type '${typeAt(container, key)}' is not iterable`);
}

/** `container[key] in text`: the left operand must be a str. */
export function inStr(container: object, key: string | number, text: string): boolean {
  const v = (container as Record<string | number, unknown>)[key];
  if (typeof v !== "string") throw new PyException(`'in <string>' requires string as left operand, not ${typeAt(container, key)}`);
  return text.includes(v);
}

/** The KeyError CPython raises for a missing dict key (its message is the key's repr). */
export function keyError(key: string): PyException {
  return new PyException(`'${key}'`);
}

/** `d[key]` of a JSON dict, raising KeyError when absent. */
export function itemOf(d: Record<string, JsonValue>, key: string): JsonValue {
  if (!Object.prototype.hasOwnProperty.call(d, key)) throw keyError(key);
  return d[key] as JsonValue;
}

/** `d[key]` used as a str (calling its method `attr`): KeyError when absent, AttributeError when not a str. */
export function strItem(d: Record<string, JsonValue>, key: string, attr: string): string {
  itemOf(d, key);
  return strFor(d, key, attr);
}

/** Copy `from[fromKey]` into `to[toKey]`, keeping its float mark (Python keeps `5.0` a float). */
export function copySlot(to: object, toKey: string | number, from: object, fromKey: string | number): void {
  const v = (from as Record<string | number, unknown>)[fromKey];
  (to as Record<string | number, unknown>)[toKey] = v;
  if (typeof v === "number" && Number.isInteger(v) && isFloatAt(from, fromKey)) markFloat(to, toKey);
}

/**
 * A Python dict whose keys need not be strings (`{1: …}`, `{"1": …}`, `{1.0: …}`): keys that
 * Python's `==` makes one key share a slot, which keeps the key it was first stored with.
 */
export class PyDict<V> {
  private readonly slots = new Map<string, { key: JsonValue; float: boolean; value: V }>();

  /** The slot key of `holder[at]`, or the TypeError CPython raises for an unhashable key. */
  private hashOf(holder: object, at: string | number): string {
    requireHashable(holder, at);
    return pyHashKey((holder as Record<string | number, unknown>)[at]) as string;
  }

  /** `holder[at] in d`. */
  has(holder: object, at: string | number): boolean {
    return this.slots.has(this.hashOf(holder, at));
  }

  /** `d.get(holder[at])`. */
  get(holder: object, at: string | number): V | undefined {
    return this.slots.get(this.hashOf(holder, at))?.value;
  }

  /** `d[holder[at]] = value`. */
  set(holder: object, at: string | number, value: V): void {
    const hash = this.hashOf(holder, at);
    const slot = this.slots.get(hash);
    if (slot) slot.value = value;
    else {
      const key = (holder as Record<string | number, JsonValue>)[at] as JsonValue;
      this.slots.set(hash, { key, float: typeof key === "number" && isFloatAt(holder, at), value });
    }
  }

  values(): V[] {
    return [...this.slots.values()].map((s) => s.value);
  }

  /** The dict as JSON data for `publicState`: each key written canonically ({@link pyKeyText}). */
  toState(valueState: (v: V) => JsonValue): Record<string, JsonValue> {
    const out: Record<string, JsonValue> = {};
    for (const s of this.slots.values()) out[pyKeyText(s.key)] = valueState(s.value);
    return out;
  }
}

/**
 * One text per Python dict key such that keys equal under `==` (1, 1.0, True) share it and others
 * (1 vs "1") do not: numbers by their value, strings quoted, None as `None`.
 */
export function pyKeyText(key: JsonValue): string {
  if (typeof key === "string") return JSON.stringify(key);
  if (typeof key === "number" || typeof key === "boolean") return String(Number(key));
  return "None";
}

// `str` methods the simulated APIs use, on code points and Python's line and space sets.

const LINE_BREAK = /\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]/;
const WHITESPACE_RUN = new RegExp(`${PY_S}+`, "u");

/** `s.splitlines()`. */
export function pySplitlines(s: string): string[] {
  if (s === "") return [];
  const lines = s.split(LINE_BREAK);
  // A final line break ends the last line rather than starting an empty one.
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** `s.split()`: runs of whitespace separate, none at either end. */
export function pySplitWords(s: string): string[] {
  return s.split(WHITESPACE_RUN).filter((w) => w !== "");
}

/** `len(s)`: code points, not UTF-16 units. */
export function pyLenStr(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // A high surrogate followed by a low one is one code point.
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

/** Python's `<` on str: code point order (JavaScript's sort compares UTF-16 units). */
export function compareCodePoints(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  for (let i = 0; i < x.length && i < y.length; i++) {
    const d = (x[i] as string).codePointAt(0)! - (y[i] as string).codePointAt(0)!;
    if (d !== 0) return d;
  }
  return x.length - y.length;
}

const LONE_SURROGATE = /^[\ud800-\udfff]$/;

/** `len(s.encode("utf-8"))`, or the UnicodeEncodeError Python raises for a lone surrogate. */
export function pyUtf8Length(s: string): number {
  if (!/[\ud800-\udfff]/.test(s)) return Buffer.byteLength(s, "utf8");
  const cps = Array.from(s);
  const start = cps.findIndex((c) => LONE_SURROGATE.test(c));
  if (start < 0) return Buffer.byteLength(s, "utf8");
  let end = start;
  while (end + 1 < cps.length && LONE_SURROGATE.test(cps[end + 1] as string)) end++;
  const what =
    end === start ? `character '\\u${(cps[start] as string).charCodeAt(0).toString(16)}' in position ${start}` : `characters in position ${start}-${end}`;
  throw new PyException(`'utf-8' codec can't encode ${what}: surrogates not allowed`);
}
