import type { PyType } from "../../core/python/index.js";

/**
 * BFCL's doc-type → Python-type tables (constants/type_mappings.py and ast_checker.py), as
 * Python type names. Java's `Set` maps to Python `set`, which JSON values never are.
 */
export const PYTHON_TYPE_MAPPING: Readonly<Record<string, PyType>> = {
  string: "str",
  integer: "int",
  float: "float",
  boolean: "bool",
  array: "list",
  tuple: "list",
  dict: "dict",
  any: "str",
};

export const JAVA_TYPE_CONVERSION: Readonly<Record<string, PyType | "set">> = {
  byte: "int",
  short: "int",
  integer: "int",
  float: "float",
  double: "float",
  long: "int",
  boolean: "bool",
  char: "str",
  Array: "list",
  ArrayList: "list",
  Set: "set",
  HashMap: "dict",
  Hashtable: "dict",
  Queue: "list",
  Stack: "list",
  String: "str",
  any: "str",
};

export const JS_TYPE_CONVERSION: Readonly<Record<string, PyType>> = {
  String: "str",
  integer: "int",
  float: "float",
  Bigint: "int",
  Boolean: "bool",
  dict: "dict",
  array: "list",
  any: "str",
};

/** Doc types whose items get a one-level nested type check (ast_checker's two lists). */
export const PYTHON_NESTED_TYPE_CHECK_LIST: readonly string[] = ["array", "tuple"];
export const NESTED_CONVERSION_TYPE_LIST: readonly string[] = ["Array", "ArrayList", "array"];

/** Java types whose converter BFCL never implemented (it raises NotImplementedError). */
export const JAVA_UNCONVERTIBLE_TYPES: readonly string[] = ["Set", "Hashtable", "Queue", "Stack"];

/**
 * Java/JavaScript values longer than this are not converted (they stay text and fail the type
 * check, as unrecognised text does in BFCL). Real values are short; this bounds the quadratic
 * worst cases of BFCL's remaining regexes on hostile model output.
 */
export const MAX_CONVERTIBLE_LENGTH = 10_000;
