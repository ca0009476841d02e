export { parseToolCalls, HERMES_CALL_OPEN, HERMES_CALL_CLOSE, type ParseToolCallsOptions } from "./parseToolCalls.js";
export { createCallStreamParser, type CallStreamEvent, type CallStreamParser } from "./createCallStreamParser.js";
export { stripCodeFences } from "./stripCodeFences.js";
export { toBfclCalls, fromBfclCalls, type BfclCall } from "./toBfclCalls.js";
