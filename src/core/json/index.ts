export { parseJson, mayHaveIntegralFloat, type JsonValue, type ParseJsonOptions } from "./parseJson.js";
export { FLOAT_KEYS, markFloat, unmarkFloat, isFloatAt, setNumber, cloneJson, renameKey } from "./floatMarks.js";
export { pyJsonDumps, writePyJson, writePyJsonString, pyJsonKey, pyJsonString, pyJsonStringEmbedded, pyJsonNumber, pyFloatRepr, pyRepr, pyStr, pyStrRepr, type PyJsonDumpsOptions } from "./python.js";
export { StringSink, type TextSink } from "./TextSink.js";
