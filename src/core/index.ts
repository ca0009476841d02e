export * from "./types.js";
export * from "./errors.js";
export * from "./json/index.js";
export { Rng, hashString } from "./rng.js";
export type { FormatName, CallSyntax, PromptFormat, ParsedOutput, RenderOptions } from "./formats/types.js";
