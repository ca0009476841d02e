/**
 * Request limits. Each failure is a 400 (413 for the body) whose message names the limit and
 * its flag, so an operator can tell a client bug from a limit set too low.
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
}

export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = Object.freeze({
  maxBodyBytes: 4 * 1024 * 1024,
  maxTools: 128,
  maxMessages: 1024,
  maxStop: 16,
  maxStopLength: 256,
  maxTokens: undefined,
});
