/**
 * The server stage's light face: what `hammer serve` needs to parse its flags, without loading
 * fastify (src/server/index.ts does), so every other command starts fast. Stages and the CLI may
 * import this file or index.ts, nothing else of the server.
 */
export type { LogFormat } from "./formatRequestLog.js";
export { parseByteSize } from "./parseByteSize.js";
export { parseCorsOrigins } from "./parseCorsOrigins.js";
export { parseDuration } from "./parseDuration.js";
export { DEFAULT_SERVER_LIMITS } from "./ServerLimits.js";
