/**
 * hammer-fc library entry point: the core model (tools, formats, parsing, validation, masking,
 * grammar, GGUF) and each stage's public API.
 */
export * from "./core/index.js";
export * from "./data/index.js";
export * from "./engine/index.js";
export * from "./server/index.js";
// The eval stage whole: its scoring and runs faces (./eval/index.js is the part other stages use).
export * from "./eval/scoring/index.js";
export * from "./eval/run/index.js";
export * from "./export/index.js";
