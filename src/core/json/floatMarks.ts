/**
 * JSON does not distinguish `5` from `5.0`, but Python does, and so do the tools we must match
 * (BFCL's type checker, Hammer's `str()`-based metric, `json.dumps` byte-exact rendering).
 * JavaScript numbers cannot carry the difference, so a container remembers which of its
 * integral-valued numbers were written as floats, in a hidden (non-enumerable, symbol-keyed)
 * set. Everything else — ajv, JSON.stringify, Object.keys — never sees it.
 */
export const FLOAT_KEYS: unique symbol = Symbol.for("hammer-fc.floatKeys");

type Marked = { [FLOAT_KEYS]?: Set<string | number> };

/** Remember that `container[key]` is a float even though its value is integral. */
export function markFloat(container: object, key: string | number): void {
  const c = container as Marked;
  let set = c[FLOAT_KEYS];
  if (!set) {
    set = new Set();
    Object.defineProperty(container, FLOAT_KEYS, { value: set, enumerable: false, writable: true, configurable: true });
  }
  set.add(Array.isArray(container) ? Number(key) : String(key));
}

/** Forget any float mark on `container[key]` (call when the slot gets a new value). */
export function unmarkFloat(container: object, key: string | number): void {
  (container as Marked)[FLOAT_KEYS]?.delete(Array.isArray(container) ? Number(key) : String(key));
}

/**
 * Is the number at `container[key]` a float in Python's sense? Non-integral numbers always
 * are; integral ones only when they were written as floats (`5.0`, `1e3`) or marked.
 */
export function isFloatAt(container: object, key: string | number): boolean {
  const v = (container as Record<string | number, unknown>)[key];
  if (typeof v !== "number") return false;
  if (!Number.isInteger(v)) return true;
  return (container as Marked)[FLOAT_KEYS]?.has(Array.isArray(container) ? Number(key) : String(key)) ?? false;
}

/** Set `container[key] = value`, marking it as a float when `asFloat` is true. */
export function setNumber(container: object, key: string | number, value: number, asFloat: boolean): void {
  (container as Record<string | number, unknown>)[key] = value;
  if (asFloat && Number.isInteger(value)) markFloat(container, key);
  else unmarkFloat(container, key);
}

/** Deep copy of a JSON value that keeps float marks. */
export function cloneJson<T>(value: T): T {
  if (value === null || typeof value !== "object") return value;
  let out: unknown[] | Record<string, unknown>;
  if (Array.isArray(value)) {
    const n = value.length;
    const list: unknown[] = new Array(n);
    for (let i = 0; i < n; i++) list[i] = cloneJson(value[i]);
    out = list;
  } else {
    const record: Record<string, unknown> = {};
    for (const k of Object.keys(value)) {
      if (k === "__proto__") Object.defineProperty(record, k, { value: cloneJson((value as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
      else record[k] = cloneJson((value as Record<string, unknown>)[k]);
    }
    out = record;
  }
  const marks = (value as Marked)[FLOAT_KEYS];
  // the marks' keys are already normalised (numbers for a list): one copy of the set does
  if (marks && marks.size > 0) Object.defineProperty(out, FLOAT_KEYS, { value: new Set(marks), enumerable: false, writable: true, configurable: true });
  return out as T;
}

/**
 * Rename a key of a plain object, keeping its position in key order and its float mark.
 * Returns a new object (key order cannot be changed in place).
 */
export function renameKey<T extends Record<string, unknown>>(obj: T, from: string, to: string): T {
  if (from === to || !Object.prototype.hasOwnProperty.call(obj, from)) return obj;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) {
    const nk = k === from ? to : k;
    out[nk] = obj[k];
    if (isFloatAt(obj, k) && Number.isInteger(obj[k])) markFloat(out, nk);
  }
  return out as T;
}
