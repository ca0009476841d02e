import { pyInList } from "./pyEquals.js";

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
