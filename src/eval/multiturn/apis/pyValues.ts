import { isFloatAt, setNumber, unmarkFloat, type JsonValue } from "../../../core/json/index.js";
import { pyEquals, pyFloat, pyHashKey, pyJsonDumps, pyJsonNumber, pyJsonString, pyStrOf, pyStrRepr, pyTypeOf, type PyType } from "../../../core/python/index.js";
import { compareCodePoints } from "./pyValueOps.js";
import { PyException } from "./SimulatedApi.js";

/**
 * Python operators on the values a simulated method receives or keeps, with CPython's results and
 * error texts, so a port can write `price <= 0` or `balance += amount` and behave like the official
 * code for whatever a model passes (`"5"`, `None`, a list, …).
 *
 * A JSON number alone cannot say whether Python holds `5` or `5.0`, so values travel as {@link PyVal}:
 * the value and its float-ness, read from and written back to a container's float marks.
 */
export interface PyVal {
  readonly v: JsonValue;
  /** An integral number that Python holds as a float (`5.0`). */
  readonly float: boolean;
}

/** `container[key]` as a Python value (undefined keys read as None). */
export function pyAt(container: object, key: string | number): PyVal {
  const v = (container as Record<string | number, JsonValue | undefined>)[key];
  return { v: v ?? null, float: typeof v === "number" && isFloatAt(container, key) };
}

/** A Python value from a JS number that is a float when `float` says so (or when not integral). */
export function pyNum(n: number, float: boolean): PyVal {
  return { v: n, float: float || !Number.isInteger(n) };
}

/** Python float. */
export function pyF(n: number): PyVal {
  return { v: n, float: true };
}

/** Any non-number JSON value as a PyVal. */
export function pyV(v: JsonValue): PyVal {
  return { v, float: false };
}

/** `container[key] = value`, keeping or clearing the float mark. */
export function pySet(container: object, key: string | number, value: PyVal): void {
  if (typeof value.v === "number") setNumber(container, key, value.v, value.float);
  else {
    (container as Record<string | number, JsonValue>)[key] = value.v;
    unmarkFloat(container, key);
  }
}

/** `type(x).__name__`. */
export function pyTypeName(x: PyVal): PyType {
  return pyTypeOf(x.v, x.float);
}

/** `str(x)` (as f-strings and `+ str(...)` print it). */
export function pyStrVal(x: PyVal): string {
  return pyStrOf(x.v, x.float);
}

function isNumeric(x: PyVal): x is { v: number | boolean; float: boolean } {
  return typeof x.v === "number" || typeof x.v === "boolean";
}

function numberOf(x: { v: number | boolean }): number {
  return typeof x.v === "boolean" ? Number(x.v) : x.v;
}

function isFloat(x: PyVal): boolean {
  return typeof x.v === "number" && (x.float || !Number.isInteger(x.v));
}

/** `bool(x)`. */
export function pyTruthy(x: PyVal): boolean {
  const v = x.v;
  if (v === null || v === false || v === 0 || v === "") return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === "object") return Object.keys(v).length > 0;
  return !Number.isNaN(v);
}

export type PyOrder = "<" | "<=" | ">" | ">=";

/** `a op b` for `<`, `<=`, `>`, `>=`; TypeError between unordered types, as CPython words it. */
export function pyCompare(op: PyOrder, a: PyVal, b: PyVal): boolean {
  const c = order(op, a, b);
  switch (op) {
    case "<":
      return c < 0;
    case "<=":
      return c <= 0;
    case ">":
      return c > 0;
    default:
      return c >= 0;
  }
}

/** Negative, zero or positive; NaN (never true under any order) when a number is NaN. */
function order(op: PyOrder, a: PyVal, b: PyVal): number {
  if (isNumeric(a) && isNumeric(b)) {
    const x = numberOf(a);
    const y = numberOf(b);
    return x < y ? -1 : x > y ? 1 : x === y ? 0 : NaN;
  }
  if (typeof a.v === "string" && typeof b.v === "string") return compareCodePoints(a.v, b.v);
  if (Array.isArray(a.v) && Array.isArray(b.v)) {
    const xs = a.v;
    const ys = b.v;
    for (let i = 0; i < xs.length && i < ys.length; i++) {
      const x = pyAt(xs, i);
      const y = pyAt(ys, i);
      if (!pyEquals(x.v, y.v)) return order(op, x, y);
    }
    return xs.length - ys.length;
  }
  throw new PyException(`'${op}' not supported between instances of '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

export type PyArith = "+" | "-" | "*" | "/" | "%";

/**
 * `a op b` for numbers, and `+` / `*` for str and list as Python defines them; TypeError otherwise.
 * The augmented forms (`+=`, `-=`) compute the same and name themselves in the TypeError. (`str % x`,
 * printf-style formatting, is not modelled: no simulated API applies `%` to a str.)
 */
export function pyArith(written: PyArith | "+=" | "-=", a: PyVal, b: PyVal): PyVal {
  const op = written.slice(0, 1) as PyArith;
  if (isNumeric(a) && isNumeric(b)) return numeric(op, a, b);
  if (op === "+") {
    if (typeof a.v === "string") {
      if (typeof b.v === "string") return pyV(a.v + b.v);
      throw new PyException(`can only concatenate str (not "${pyTypeName(b)}") to str`);
    }
    if (Array.isArray(a.v)) {
      if (Array.isArray(b.v)) return pyV(joinLists([a.v, b.v]));
      throw new PyException(`can only concatenate list (not "${pyTypeName(b)}") to list`);
    }
  }
  if (op === "*") {
    const seq = typeof a.v === "string" || Array.isArray(a.v) ? a : typeof b.v === "string" || Array.isArray(b.v) ? b : undefined;
    const times = seq === a ? b : a;
    if (seq !== undefined) {
      if (typeof times.v === "boolean" || (typeof times.v === "number" && !isFloat(times))) {
        const n = Math.max(0, numberOf(times as { v: number | boolean }));
        if (typeof seq.v === "string") return pyV(seq.v.repeat(n));
        return pyV(joinLists(Array.from({ length: n }, () => seq.v as JsonValue[])));
      }
      throw new PyException(`can't multiply sequence by non-int of type '${pyTypeName(times)}'`);
    }
  }
  throw new PyException(`unsupported operand type(s) for ${written}: '${pyTypeName(a)}' and '${pyTypeName(b)}'`);
}

/** The lists one after another, items' float marks kept. */
function joinLists(lists: readonly JsonValue[][]): JsonValue[] {
  const out: JsonValue[] = [];
  for (const list of lists) list.forEach((_, i) => pySet(out, out.length, pyAt(list, i)));
  return out;
}

function numeric(op: PyArith, a: { v: number | boolean; float: boolean }, b: { v: number | boolean; float: boolean }): PyVal {
  const x = numberOf(a);
  const y = numberOf(b);
  const float = isFloat(a) || isFloat(b);
  switch (op) {
    case "+":
      return pyNum(x + y, float);
    case "-":
      return pyNum(x - y, float);
    case "*":
      return pyNum(x * y, float);
    case "/":
      if (y === 0) throw new PyException(float ? "float division by zero" : "division by zero");
      return pyF(x / y);
    default: {
      if (y === 0) throw new PyException(float ? "float modulo" : "integer modulo by zero");
      let r = x % y;
      if (r !== 0 && r < 0 !== y < 0) r += y;
      if (r === 0) r = y < 0 ? -0 : 0;
      return pyNum(r, float);
    }
  }
}

/** `abs(x)`. */
export function pyAbs(x: PyVal): PyVal {
  if (isNumeric(x)) return pyNum(Math.abs(numberOf(x)), isFloat(x));
  throw new PyException(`bad operand type for abs(): '${pyTypeName(x)}'`);
}

/** `float(x)`. */
export function pyToFloat(x: PyVal): PyVal {
  if (isNumeric(x)) return pyF(numberOf(x));
  if (typeof x.v === "string") {
    const f = pyFloat(x.v);
    if (f === undefined) throw new PyException(`could not convert string to float: ${pyStrRepr(x.v)}`);
    return pyF(f);
  }
  throw new PyException(`float() argument must be a string or a real number, not '${pyTypeName(x)}'`);
}

/** `round(x, digits)` for a float: the exact binary value rounded half-even, as CPython does. */
export function pyRoundFloat(x: number, digits: number): number {
  if (!Number.isFinite(x) || Math.abs(x) >= 1e15) return x;
  // toFixed rounds the exact value too, but a tie away from zero; Python rounds a tie to even.
  const exact = Math.abs(x).toFixed(100);
  const cut = exact.indexOf(".") + 1 + digits;
  if (/^50*$/.test(exact.slice(cut))) {
    const scale = 10 ** digits;
    const down = Math.trunc(Math.abs(x) * scale);
    return (Math.sign(x) * (down % 2 === 0 ? down : down + 1)) / scale;
  }
  return Number(x.toFixed(digits));
}

/** The key a Python dict files `x` under: equal keys (`1`, `1.0`, `True`) share one; unhashable values raise TypeError. */
export function pyDictKey(x: PyVal): string {
  const key = pyHashKey(x.v);
  if (key === undefined) throw new PyException(`unhashable type: '${pyTypeName(x)}'`);
  return key;
}

/** `KeyError(key)`: its str() is the key's repr. */
export function pyKeyError(key: PyVal): PyException {
  return new PyException(typeof key.v === "string" ? pyStrRepr(key.v) : pyStrVal(key));
}

/**
 * `json.dumps` of a result that may hold {@link Map}s (dicts whose keys JS objects would reorder, such as
 * 7-digit booking ids): Maps print in insertion order, everything else as core/python's pyJsonDumps does.
 */
export function pyJsonDumpsOrdered(value: JsonValue | ReadonlyMap<string, unknown>, float = false): string {
  if (value instanceof Map) {
    const parts: string[] = [];
    for (const [k, v] of value as ReadonlyMap<string, JsonValue>) parts.push(`${pyJsonString(k)}: ${pyJsonDumpsOrdered(v)}`);
    return `{${parts.join(", ")}}`;
  }
  if (typeof value === "number") return pyJsonNumber(value, float);
  if (!holdsMap(value as JsonValue)) return pyJsonDumps(value);
  if (Array.isArray(value)) return `[${value.map((v, i) => pyJsonDumpsOrdered(v, isFloatAt(value, i))).join(", ")}]`;
  const obj = value as Record<string, JsonValue>;
  return `{${Object.keys(obj)
    .map((k) => `${pyJsonString(k)}: ${pyJsonDumpsOrdered(obj[k] as JsonValue, isFloatAt(obj, k))}`)
    .join(", ")}}`;
}

function holdsMap(v: unknown): boolean {
  if (v instanceof Map) return true;
  if (v === null || typeof v !== "object") return false;
  return Object.values(v).some(holdsMap);
}

/** `key in d` for a dict with str keys (a JSON object): only a str can match; unhashable keys raise TypeError. */
export function pyStrKeyIn(dict: object, key: PyVal): boolean {
  pyDictKey(key);
  return typeof key.v === "string" && Object.prototype.hasOwnProperty.call(dict, key.v);
}

/** `for x in value`: list items, str characters, dict keys; TypeError for what is not iterable. */
export function pyIter(value: PyVal): PyVal[] {
  const v = value.v;
  if (Array.isArray(v)) return v.map((_, i) => pyAt(v, i));
  if (typeof v === "string") return Array.from(v, (c) => pyV(c));
  if (v !== null && typeof v === "object") return Object.keys(v).map((k) => pyV(k));
  throw new PyException(`'${pyTypeName(value)}' object is not iterable`);
}

/** `container[key]` on a value that should be a str-keyed dict: KeyError / TypeError as Python raises them. */
export function pyGetItem(container: PyVal, key: PyVal): PyVal {
  const c = container.v;
  if (c !== null && typeof c === "object" && !Array.isArray(c)) {
    if (pyStrKeyIn(c, key)) return pyAt(c, key.v as string);
    throw pyKeyError(key);
  }
  if (typeof c === "string") throw new PyException(`string indices must be integers, not '${pyTypeName(key)}'`);
  if (Array.isArray(c)) {
    if (typeof key.v === "boolean" || (typeof key.v === "number" && !key.float && Number.isInteger(key.v))) {
      const n = Number(key.v);
      const i = n < 0 ? c.length + n : n;
      if (i >= 0 && i < c.length) return pyAt(c, i);
      throw new PyException("list index out of range");
    }
    throw new PyException(`list indices must be integers or slices, not ${pyTypeName(key)}`);
  }
  throw new PyException(`'${pyTypeName(container)}' object is not subscriptable`);
}
