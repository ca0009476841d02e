import { pyStr, setNumber } from "../json/index.js";
import { pyJsonNumber } from "../json/index.js";

/** Python `str()` of a value whose integral-float status is `float` (`5.0` vs `5`). */
export function pyStrOf(value: unknown, float: boolean): string {
  if (typeof value === "string") return value;
  // str() of a finite int or float is its JSON text (JSON input has no inf/nan)
  if (typeof value === "number" && Number.isFinite(value)) return pyJsonNumber(value, float);
  return pyStr(value);
}

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
