import { setNumber } from "../json/index.js";

/** `obj[key] = value`, marking an integral number as a float when `float`; `__proto__` is an ordinary key. */
export function setSlot(obj: Record<string, unknown>, key: string, value: unknown, float: boolean): void {
  if (key === "__proto__" && !hasOwn(obj, key)) {
    Object.defineProperty(obj, key, { value: undefined, enumerable: true, writable: true, configurable: true });
  }
  if (typeof value === "number") setNumber(obj, key, value, float);
  else obj[key] = value;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}
