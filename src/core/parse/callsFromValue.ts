import { JsonSyntaxError } from "../errors.js";
import { parseJson } from "../json/index.js";
import { PyCall, parsePythonLiteral } from "../python/index.js";
import type { ToolCall } from "../types.js";
import { ParseFailure } from "./ParseFailure.js";

/** Maps a path inside the parsed value (`[2, "arguments"]`) to an offset in the text. */
export type Locate = (path: ReadonlyArray<string | number>) => number;

const CALL_SHAPE = `{"name": …, "arguments": {…}}`;

/**
 * Turn a parsed block (JSON or Python) into calls. Accepts a list of call objects or Python calls,
 * a single call object, and `{"tool_calls": [...]}` (xLAM; `null` means none) or `wrapperKey`.
 */
export function callsFromValue(value: unknown, locate: Locate, wrapperKey?: string): ToolCall[] {
  if (value instanceof PyCall) return [fromPyCall(value)];
  if (Array.isArray(value)) return value.map((item, i) => callFromItem(item, [i], locate));
  if (isPlainObject(value)) {
    const key = wrapperKey !== undefined && hasOwn(value, wrapperKey) ? wrapperKey : hasOwn(value, "tool_calls") ? "tool_calls" : null;
    if (key !== null) {
      const inner = value[key];
      if (inner === null) return [];
      if (!Array.isArray(inner)) throw new ParseFailure(`expected a list of calls under ${JSON.stringify(key)}, found ${typeName(inner)}`, locate([key]));
      return inner.map((item, i) => callFromItem(item, [key, i], locate));
    }
    return [callFromObject(value, [], locate)];
  }
  throw new ParseFailure(`expected a list of tool calls, found ${typeName(value)}`, locate([]));
}

function callFromItem(item: unknown, path: Array<string | number>, locate: Locate): ToolCall {
  if (item instanceof PyCall) return fromPyCall(item);
  if (isPlainObject(item)) return callFromObject(item, path, locate);
  const index = path[path.length - 1];
  throw new ParseFailure(`item ${String(index)} of the call list is ${typeName(item)}, not a call object ${CALL_SHAPE}`, locate(path));
}

function fromPyCall(c: PyCall): ToolCall {
  return { name: c.name, arguments: c.args };
}

/**
 * One call object in any of the shapes models and datasets use: `{name, arguments}`,
 * `{name, parameters}`, Seal-Tools' `{tool, parameters}`, OpenAI's
 * `{id, type: "function", function: {name, arguments: "<json>"}}` and BFCL's `{"func": {args}}`.
 */
export function callFromObject(obj: Record<string, unknown>, path: Array<string | number>, locate: Locate): ToolCall {
  let o = obj;
  let id = typeof obj.id === "string" ? obj.id : undefined;
  let at = path;
  if (obj.type === "function" && isPlainObject(obj.function)) {
    o = obj.function;
    at = [...path, "function"];
    if (id === undefined && typeof o.id === "string") id = o.id;
  }
  let name: string;
  let argsKey: string | null;
  if (typeof o.name === "string" || typeof o.tool === "string") {
    const nameKey = typeof o.name === "string" ? "name" : "tool";
    name = o[nameKey] as string;
    argsKey = hasOwn(o, "arguments") ? "arguments" : hasOwn(o, "parameters") ? "parameters" : null;
    // `{"name": "Bob", "age": 3}` in prose is data, not a call: without an arguments key, only
    // call-like keys may be present.
    if (argsKey === null && Object.keys(o).some((k) => !["name", "tool", "id", "type"].includes(k))) {
      throw new ParseFailure(`call object has no "arguments" (expected ${CALL_SHAPE})`, locate(at));
    }
    if (name.length === 0) throw new ParseFailure("empty function name", locate([...at, nameKey]));
  } else {
    const keys = Object.keys(o);
    const only = keys[0];
    if (keys.length !== 1 || only === undefined || !isPlainObject(o[only])) {
      throw new ParseFailure(`call object has no "name" (expected ${CALL_SHAPE} or {"func": {args}})`, locate(at));
    }
    name = only;
    argsKey = only;
  }
  const argsAt = argsKey === null ? at : [...at, argsKey];
  const args = argumentsOf(argsKey === null ? undefined : o[argsKey], name, () => locate(argsAt));
  return id === undefined ? { name, arguments: args } : { name, arguments: args, id };
}

function argumentsOf(raw: unknown, name: string, where: () => number): Record<string, unknown> {
  if (raw === undefined || raw === null) return {};
  let v: unknown = raw;
  if (typeof raw === "string") {
    // OpenAI sends arguments as a JSON string; glaive-style data uses a Python-literal string.
    if (raw.trim() === "") return {};
    try {
      v = parseJson(raw);
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      try {
        v = parsePythonLiteral(raw);
      } catch {
        throw new ParseFailure(`arguments of ${name} are a string that is not JSON: ${e.message}`, where());
      }
    }
  }
  if (!isPlainObject(v)) throw new ParseFailure(`arguments of ${name} must be an object, found ${typeName(v)}`, where());
  return v;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof PyCall);
}

function hasOwn(o: object, k: string): boolean {
  return Object.prototype.hasOwnProperty.call(o, k);
}

function typeName(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "a list";
  if (v instanceof PyCall) return "a call";
  if (typeof v === "object") return "an object";
  if (typeof v === "string") return "a string";
  if (typeof v === "number") return "a number";
  return `a ${typeof v}`;
}
