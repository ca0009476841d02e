/**
 * Python semantics, in one place: what CPython does with JSON-loaded values where the tools we
 * match (Hammer's scripts, BFCL's checker) were written in Python. Each piece is parity-tested
 * against CPython.
 */

// `==`, `in`, `len()`
export { pyEquals, pyEqualsItsCopy, pyInList, pyHashKey, PY_EQUALS_MAX_DEPTH } from "./pyEquals.js";
export { pyContains, pyIndexable, pyLen } from "./pyContains.js";

// `repr()`, `str()`, `json.dumps`
export { pyFloatRepr, pyJsonNumber } from "./pyFloatRepr.js";
export { pyRepr, pyReprAt, pyStr, pyStrOf, pyStrRepr } from "./pyRepr.js";
export { pyJsonDumps, pyJsonConstant, writePyJson, writePyJsonString, pyJsonKey, pyJsonString, pyJsonStringEmbedded, pyJsonDictKey, type PyJsonDumpsOptions } from "./pyJsonDumps.js";

// Literals (`ast.literal_eval`) and keyword calls, without `eval`
export { parsePythonLiteral, parsePythonValueAt, pythonPathOffset, type PythonValueAt } from "./parsePythonLiteral.js";
export { PyCall, type PositionalParams } from "./PyCall.js";
export { PyParseFailure, type ReadReach } from "./PyParseFailure.js";
export { identifierLength } from "./identifierLength.js";

// Type names
export { pyTypeAt, pyTypeOf, PY_NAME_OF_JSON_TYPE, JSON_TYPE_OF_PY_NAME, type PyType } from "./pyTypeNames.js";

// `str` methods, `int()` / `float()` of text, `re` pieces
export { pyStrip, pyStripChars, pySlice, pyCapitalize, pyReplace } from "./pyStrMethods.js";
export { pyInt, pyFloat } from "./pyInt.js";
export { PY_WS, PY_S, PY_W, PY_DOT, PY_END, pyRegExp } from "./pyRegex.js";

// `random.Random` (MT19937, seeded and drawn as CPython does)
export { PyRandom, PyRandomError, type PySeed } from "./PyRandom.js";
