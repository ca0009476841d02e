import { isFloatAt, markFloat, pyRepr, pyStr } from "../../core/json/index.js";

/**
 * Python's view of a JSON value, as BFCL's checker sees it after `json.loads`. Numbers need their
 * container: `5` and `5.0` are `int` and `float` to Python, and only the container's float marks
 * (core/json) remember which one a JSON number was.
 */
export type PyType = "str" | "int" | "float" | "bool" | "list" | "dict" | "NoneType";

/** `type(container[key]).__name__`. */
export function pyTypeAt(container: object, key: string | number): PyType {
  const v = (container as Record<string | number, unknown>)[key];
  if (typeof v === "number") return isFloatAt(container, key) ? "float" : "int";
  return pyTypeOfNonNumber(v);
}

function pyTypeOfNonNumber(v: unknown): PyType {
  if (typeof v === "string") return "str";
  if (typeof v === "boolean") return "bool";
  if (v === null || v === undefined) return "NoneType";
  if (Array.isArray(v)) return "list";
  return "dict";
}

/** A value together with where it lives, so its Python type is known. */
export interface Slot {
  readonly container: object;
  readonly key: string | number;
}

export function slotValue(s: Slot): unknown {
  return (s.container as Record<string | number, unknown>)[s.key];
}

/** A fresh one-element holder for a computed value (`float(x)`, a converted Java string…). */
export function boxed(value: unknown, asFloat = false): Slot {
  const box = [value];
  if (asFloat && typeof value === "number") markFloat(box, 0);
  return { container: box, key: 0 };
}

/** Python `a == b` on JSON-loaded values: `1 == 1.0 == True`, dicts ignore key order. */
export function pyEquals(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const ta = typeof a;
  const tb = typeof b;
  if ((ta === "number" || ta === "boolean") && (tb === "number" || tb === "boolean")) return Number(a) === Number(b);
  if (a === null || b === null || ta !== "object" || tb !== "object") return false;
  const aArr = Array.isArray(a);
  if (aArr !== Array.isArray(b)) return false;
  if (aArr) {
    const x = a as unknown[];
    const y = b as unknown[];
    if (x.length !== y.length) return false;
    for (let i = 0; i < x.length; i++) if (!pyEquals(x[i], y[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const kx = Object.keys(x);
  if (kx.length !== Object.keys(y).length) return false;
  for (const k of kx) {
    if (!Object.prototype.hasOwnProperty.call(y, k) || !pyEquals(x[k], y[k])) return false;
  }
  return true;
}

/** Python `item in items` for a list. */
export function pyInList(item: unknown, items: readonly unknown[]): boolean {
  for (const x of items) if (pyEquals(item, x)) return true;
  return false;
}

/**
 * Python `item in container` for whatever the container is: key membership for a dict,
 * element membership for a list, substring for a str. Python raises TypeError for other
 * containers (or a non-str item in a str); that is reported as `undefined`.
 */
export function pyContains(container: unknown, item: unknown): boolean | undefined {
  if (Array.isArray(container)) return pyInList(item, container);
  if (typeof container === "string") return typeof item === "string" ? container.includes(item) : undefined;
  if (container !== null && typeof container === "object") {
    return typeof item === "string" && Object.prototype.hasOwnProperty.call(container, item);
  }
  return undefined;
}

/**
 * What `for i in range(len(x)): x[i]` yields: list elements, the characters of a str, nothing
 * for an empty dict. Python raises for anything else (numbers, non-empty dicts): `undefined`.
 */
export function pyIndexable(x: unknown): unknown[] | undefined {
  if (Array.isArray(x)) return x;
  if (typeof x === "string") return Array.from(x);
  if (x !== null && typeof x === "object" && Object.keys(x).length === 0) return [];
  return undefined;
}

/** `len(x)` where Python defines it (str, list, dict); `undefined` where it raises. */
export function pyLen(x: unknown): number | undefined {
  if (Array.isArray(x)) return x.length;
  if (typeof x === "string") return Array.from(x).length;
  if (x !== null && typeof x === "object") return Object.keys(x).length;
  return undefined;
}

/** `repr()` for error messages. */
export function reprAt(s: Slot): string {
  const v = slotValue(s);
  // str() and repr() agree on numbers, and pyStr can read the container's float mark.
  return typeof v === "number" ? pyStr(v, s.container, s.key) : pyRepr(v);
}

/** A converted value and whether Python holds it as a float (before it is placed in a container). */
export interface PyVal {
  v: unknown;
  float: boolean;
}

export const pyValStr = (v: string): PyVal => ({ v, float: false });
export const pyValInt = (v: number): PyVal => ({ v, float: false });
export const pyValFloat = (v: number): PyVal => ({ v, float: true });

/** The values as a list, float marks kept. */
export function pyValList(items: readonly PyVal[]): unknown[] {
  const out = items.map((x) => x.v);
  items.forEach((x, i) => {
    if (x.float && typeof x.v === "number") markFloat(out, i);
  });
  return out;
}

/** The `u`-flagged RegExp BFCL's Python patterns translate to. */
export const pyRegExp = (body: string, flags = ""): RegExp => new RegExp(body, `u${flags}`);
