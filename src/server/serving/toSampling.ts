import { invalidRequest, limitExceeded } from "../errors/ApiError.js";
import type { ServerLimits } from "../ServerLimits.js";

export interface SamplingFields {
  temperature?: number | null;
  top_p?: number | null;
  seed?: number | null;
  stop?: string | string[] | null;
  frequency_penalty?: number | null;
  presence_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  /** Extension (chat and responses): loop-aware decoding of tool calls and JSON answers. */
  loop_steering?: boolean | null;
}

export interface Sampling {
  temperature?: number;
  topP?: number;
  seed?: number;
  maxTokens?: number;
  stop?: string[];
  loopSteering?: boolean;
}

/**
 * Sampling fields shared by both endpoints. `seed` may be any integer (OpenAI allows int64); it
 * is reduced modulo 2^32 for the engine. Penalties and logit_bias are refused unless neutral:
 * the engine has no such knobs, and silently ignoring them would change results unnoticed.
 */
export function toSampling(body: SamplingFields, maxTokens: number | null | undefined, maxTokensParam: string, limits: Pick<ServerLimits, "maxStop" | "maxStopLength" | "maxTokens">): Sampling {
  for (const k of ["frequency_penalty", "presence_penalty"] as const) {
    const v = body[k];
    if (v != null && v !== 0) throw invalidRequest(`'${k}' is not supported by this server (only 0).`, k, "unsupported_parameter");
  }
  if (body.logit_bias != null && Object.keys(body.logit_bias).length > 0) {
    throw invalidRequest("'logit_bias' is not supported by this server.", "logit_bias", "unsupported_parameter");
  }
  const out: Sampling = {};
  if (body.temperature != null) out.temperature = body.temperature;
  if (body.top_p != null) out.topP = body.top_p;
  if (body.loop_steering != null) out.loopSteering = body.loop_steering;
  if (body.seed != null) out.seed = ((body.seed % 2 ** 32) + 2 ** 32) % 2 ** 32;
  if (maxTokens != null) {
    if (limits.maxTokens !== undefined && maxTokens > limits.maxTokens) {
      throw limitExceeded(`'${maxTokensParam}' is ${maxTokens}, more than the server's limit of ${limits.maxTokens} tokens (the context size).`, maxTokensParam);
    }
    out.maxTokens = maxTokens;
  }
  if (body.stop != null) {
    const stops = (typeof body.stop === "string" ? [body.stop] : body.stop).filter((s) => s.length > 0);
    if (stops.length > limits.maxStop) throw limitExceeded(`Too many stop strings: ${stops.length} (the server's limit is ${limits.maxStop}).`, "stop");
    const long = stops.findIndex((s) => s.length > limits.maxStopLength);
    if (long >= 0) throw limitExceeded(`Stop string ${long} is longer than the server's limit of ${limits.maxStopLength} characters.`, "stop");
    if (stops.length > 0) out.stop = stops;
  }
  return out;
}
