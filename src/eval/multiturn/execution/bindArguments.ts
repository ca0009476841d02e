import type { JsonValue } from "../../../core/json/index.js";
import type { PyParam } from "../apis/SimulatedApi.js";

/**
 * Python's check of keyword arguments against a method signature, with CPython 3.11's
 * TypeError texts (`GorillaFileSystem.cd() got an unexpected keyword argument 'path'`,
 * `… missing 1 required positional argument: 'folder'`). Returns null when the call binds.
 * A parameter given `None` counts as given: Python passes None in place of the default.
 */
export function bindingError(qualifiedName: string, params: readonly PyParam[], args: Readonly<Record<string, JsonValue>>): string | null {
  const known = new Set(params.map((p) => p.name));
  for (const key of Object.keys(args)) {
    if (!known.has(key)) return `${qualifiedName}() got an unexpected keyword argument '${key}'`;
  }
  const missing = params.filter((p) => !p.hasDefault && !Object.prototype.hasOwnProperty.call(args, p.name)).map((p) => `'${p.name}'`);
  if (missing.length === 0) return null;
  const names = missing.length === 1 ? missing[0] : missing.length === 2 ? `${missing[0]} and ${missing[1]}` : `${missing.slice(0, -1).join(", ")}, and ${missing[missing.length - 1]}`;
  return `${qualifiedName}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${names}`;
}
