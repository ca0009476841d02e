import { isFloatAt } from "../json/index.js";

/**
 * Python's builtin type names as they meet JSON. A JSON number needs its container to be typed:
 * `5` and `5.0` are `int` and `float` to Python, and only the container's float marks
 * (core/json) remember which one a JSON number was.
 */

/** `type(x).__name__` of a `json.loads` value. */
export type PyType = "str" | "int" | "float" | "bool" | "list" | "dict" | "NoneType";

/** `type(container[key]).__name__`. */
export function pyTypeAt(container: object, key: string | number): PyType {
  const v = (container as Record<string | number, unknown>)[key];
  if (typeof v === "number") return isFloatAt(container, key) ? "float" : "int";
  return pyTypeOf(v, false);
}

/** `type(value).__name__`, where `float` says an integral number is a Python float. */
export function pyTypeOf(value: unknown, float: boolean): PyType {
  if (typeof value === "number") return float || !Number.isInteger(value) ? "float" : "int";
  if (typeof value === "string") return "str";
  if (typeof value === "boolean") return "bool";
  if (value === null || value === undefined) return "NoneType";
  if (Array.isArray(value)) return "list";
  return "dict";
}

/** The annotation name for values of a JSON Schema type (`typing` spells NoneType `None`). */
export const PY_NAME_OF_JSON_TYPE = {
  string: "str",
  integer: "int",
  number: "float",
  boolean: "bool",
  null: "None",
  array: "list",
  object: "dict",
} as const satisfies Record<string, string>;

/**
 * Python's builtin type names (and `None`, as annotations write NoneType) with the JSON Schema
 * type their values take in JSON: sequences become arrays, mappings objects, bytes text.
 */
export const JSON_TYPE_OF_PY_NAME = {
  str: "string",
  bytes: "string",
  bytearray: "string",
  int: "integer",
  float: "number",
  bool: "boolean",
  None: "null",
  NoneType: "null",
  list: "array",
  tuple: "array",
  set: "array",
  frozenset: "array",
  dict: "object",
} as const satisfies Record<string, string>;
