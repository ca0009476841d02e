import type { ResponseUsage } from "./chatCompletion.js";

/** `POST /v1/completions` (legacy raw-prompt completions), request and responses. */

export interface CompletionRequest {
  model?: string;
  prompt: string | string[];
  best_of?: number | null;
  echo?: boolean | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: number | null;
  max_tokens?: number | null;
  n?: number | null;
  presence_penalty?: number | null;
  seed?: number | null;
  stop?: string | string[] | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean | null } | null;
  suffix?: string | null;
  temperature?: number | null;
  top_p?: number | null;
  user?: string | null;
  /** Constraints other servers take (llama-server, vLLM); refused here rather than ignored. */
  grammar?: unknown;
  guided_grammar?: unknown;
  guided_json?: unknown;
  json_schema?: unknown;
}

const nullable = (type: string) => ({ type: [type, "null"] });

export const completionRequestSchema = {
  type: "object",
  required: ["prompt"],
  properties: {
    model: { type: "string" },
    prompt: { type: ["string", "array"], items: { type: "string" } },
    best_of: { ...nullable("integer"), minimum: 1 },
    echo: nullable("boolean"),
    frequency_penalty: { ...nullable("number"), minimum: -2, maximum: 2 },
    logit_bias: nullable("object"),
    logprobs: { ...nullable("integer"), minimum: 0, maximum: 5 },
    max_tokens: { ...nullable("integer"), minimum: 1 },
    n: { ...nullable("integer"), minimum: 1 },
    presence_penalty: { ...nullable("number"), minimum: -2, maximum: 2 },
    seed: nullable("integer"),
    stop: { type: ["string", "array", "null"], items: { type: "string" } },
    stream: nullable("boolean"),
    stream_options: { type: ["object", "null"], properties: { include_usage: nullable("boolean") } },
    suffix: nullable("string"),
    temperature: { ...nullable("number"), minimum: 0, maximum: 2 },
    top_p: { ...nullable("number"), minimum: 0, maximum: 1 },
    user: nullable("string"),
  },
} as const;

export type CompletionFinishReason = "stop" | "length";

export interface Completion {
  id: string;
  object: "text_completion";
  created: number;
  model: string;
  choices: Array<{ text: string; index: 0; logprobs: null; finish_reason: CompletionFinishReason | null }>;
  usage?: ResponseUsage | null;
  system_fingerprint: string;
}
