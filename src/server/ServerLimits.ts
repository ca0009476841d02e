/**
 * Request and connection limits. Each failure is a 400 (413 for the body, 408 for a slow client,
 * 503 over the connection cap) whose message names the limit and its flag, so an operator can
 * tell a client bug from a limit set too low.
 */
export interface ServerLimits {
  /** Request body bytes (`--max-body`). Default 4 MiB. */
  maxBodyBytes: number;
  /** Tools (or legacy functions) per request. Default 128, as OpenAI. */
  maxTools: number;
  /** Messages per request. Default 1024. */
  maxMessages: number;
  /** Stop strings per request. Default 16. */
  maxStop: number;
  /** Characters per stop string. Default 256. */
  maxStopLength: number;
  /**
   * Cap on max_tokens; default the engine's context size (when it reports one). Tool schemas
   * are capped by core's TOOL_LIMITS (nesting depth, JSON nodes, name length).
   */
  maxTokens: number | undefined;
  /** Time to receive a request's headers (`--header-timeout`), from its first byte or the connection's start; 0 = none. Default 10 s. */
  headerTimeoutMs: number;
  /** Time to receive a whole request, headers and body (`--body-timeout`); 0 = none. Answering it is not limited. Default 30 s. */
  bodyTimeoutMs: number;
  /** Open connections (`--max-connections`); more are answered 503 and closed; 0 = no cap. Default 512. */
  maxConnections: number;
}

export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxBodyBytes: 4 * 1024 * 1024,
  maxTools: 128,
  maxMessages: 1024,
  maxStop: 16,
  maxStopLength: 256,
  maxTokens: undefined,
  headerTimeoutMs: 10_000,
  bodyTimeoutMs: 30_000,
  maxConnections: 512,
});
