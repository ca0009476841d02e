import { cloneJson, isFloatAt, markFloat } from "../json/index.js";

/** A plain JSON object (not an array, not null). */
export function isJsonObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** `obj[key] = value`, treating `__proto__` as an ordinary key (tool authors may name a parameter so). */
export function setEntry(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === "__proto__") Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Copy `src[srcKey]` into `dst[dstKey]` as a deep copy, keeping the float mark of an integral
 * float (`"default": 5.0` must stay `5.0` when the node is rebuilt).
 */
export function copyEntry(src: Record<string, unknown>, srcKey: string, dst: Record<string, unknown>, dstKey = srcKey): void {
  setEntry(dst, dstKey, cloneJson(src[srcKey]));
  if (isFloatAt(src, srcKey) && Number.isInteger(src[srcKey])) markFloat(dst, dstKey);
}

/** A shallow rebuild of `obj` keeping key order and float marks, with values deep-copied. */
export function copyObject(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(obj)) copyEntry(obj, k, out);
  return out;
}

/** JSON-pointer escaping of one reference token (RFC 6901). */
export function pointerToken(key: string | number): string {
  return String(key).replace(/~/g, "~0").replace(/\//g, "~1");
}

/** Move `src[srcKey]` into `dst[dstKey]` without copying (both objects are the caller's own), keeping its float mark. */
export function moveEntry(src: Record<string, unknown>, srcKey: string, dst: Record<string, unknown>, dstKey = srcKey): void {
  setEntry(dst, dstKey, src[srcKey]);
  if (isFloatAt(src, srcKey) && Number.isInteger(src[srcKey])) markFloat(dst, dstKey);
}

/** `table[key]` when `key` is the table's own key (never an Object.prototype member like `constructor`). */
export function ownValue<V>(table: Readonly<Record<string, V>>, key: string): V | undefined {
  return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
}
