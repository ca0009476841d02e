import type { JsonValue } from "../../../core/json/index.js";
import type { PyParam } from "../apis/SimulatedApi.js";

/**
 * Python's check of keyword arguments against a method signature, with CPython 3.11's
 * TypeError texts (`GorillaFileSystem.cd() got an unexpected keyword argument 'path'`,
 * `… missing 1 required positional argument: 'folder'`). Returns null when the call binds.
 * A parameter given `None` counts as given: Python passes None in place of the default.
 */
export function bindingError(qualifiedName: string, params: readonly PyParam[], args: Readonly<Record<string, JsonValue>>): string | null {
  // the usual call binds: checked without building anything (a signature has a few parameters)
  for (const key in args) if (!isParam(params, key)) return `${qualifiedName}() got an unexpected keyword argument '${key}'`;
  let bound = true;
  for (const p of params) if (!p.hasDefault && !Object.prototype.hasOwnProperty.call(args, p.name)) bound = false;
  if (bound) return null;
  const missing = params.filter((p) => !p.hasDefault && !Object.prototype.hasOwnProperty.call(args, p.name)).map((p) => `'${p.name}'`);
  const names = missing.length === 1 ? missing[0] : missing.length === 2 ? `${missing[0]} and ${missing[1]}` : `${missing.slice(0, -1).join(", ")}, and ${missing[missing.length - 1]}`;
  return `${qualifiedName}() missing ${missing.length} required positional argument${missing.length === 1 ? "" : "s"}: ${names}`;
}

function isParam(params: readonly PyParam[], name: string): boolean {
  for (const p of params) if (p.name === name) return true;
  return false;
}
