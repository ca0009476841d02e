/**
 * One line of a predictions file: the raw model text (`output`) or already-extracted calls
 * (`tool_calls`: `{name, arguments}` with arguments an object or a JSON string; OpenAI's
 * `{type: "function", function: {...}}` is accepted too). `eval run` writes the same shape.
 */
export interface Prediction {
  id: string;
  output?: string;
  toolCalls?: unknown[];
  /** Multi-turn: per turn a list of steps, per step a list of `{name, arguments}` calls. */
  turns?: unknown[];
  /** 1-based line in the predictions file, for messages. */
  line?: number;
}
