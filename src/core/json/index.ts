export { parseJson, mayHaveIntegralFloat, type JsonValue, type ParseJsonOptions } from "./parseJson.js";
export { FLOAT_KEYS, markFloat, unmarkFloat, isFloatAt, setNumber, cloneJson, renameKey } from "./floatMarks.js";
export { StringSink, type TextSink } from "./TextSink.js";
