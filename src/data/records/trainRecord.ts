import { DEFAULT_SYSTEM } from "../../core/formats/hammerText.js";

/** Layout of a training record. */
export type TrainFormat = "alpaca" | "sharegpt" | "messages";
export const TRAIN_FORMATS: readonly TrainFormat[] = ["alpaca", "sharegpt", "messages"];

export type TrainRecord =
  | { instruction: string; input: string; output: string }
  | { conversations: Array<{ from: "system" | "human" | "gpt"; value: string }> }
  | { messages: Array<{ role: "system" | "user" | "assistant"; content: string }> };

/**
 * One training record from Hammer's prompt and label: `alpaca` is Hammer's own layout
 * (`{instruction, input: "", output}`); the chat layouts carry the same texts as turns after the
 * system prompt Hammer trained with (LLaMA-Factory's default "You are a helpful assistant.").
 */
export function trainRecord(format: TrainFormat, prompt: string, label: string): TrainRecord {
  switch (format) {
    case "alpaca":
      return { instruction: prompt, input: "", output: label };
    case "sharegpt":
      return {
        conversations: [
          { from: "system", value: DEFAULT_SYSTEM },
          { from: "human", value: prompt },
          { from: "gpt", value: label },
        ],
      };
    case "messages":
      return {
        messages: [
          { role: "system", content: DEFAULT_SYSTEM },
          { role: "user", content: prompt },
          { role: "assistant", content: label },
        ],
      };
  }
}

/** The prompt and label of a training record (inverse of {@link trainRecord}); undefined when it is none. */
export function promptAndLabel(rec: unknown): { prompt: string; label: string } | undefined {
  if (typeof rec !== "object" || rec === null) return undefined;
  const r = rec as Record<string, unknown>;
  if (typeof r.instruction === "string" && typeof r.output === "string") {
    return { prompt: typeof r.input === "string" && r.input !== "" ? `${r.instruction}\n${r.input}` : r.instruction, label: r.output };
  }
  const turns = Array.isArray(r.conversations) ? r.conversations : Array.isArray(r.messages) ? r.messages : undefined;
  if (!turns) return undefined;
  const text = (t: unknown, roles: string[]): string | undefined => {
    const o = t as Record<string, unknown>;
    const role = o?.from ?? o?.role;
    const v = o?.value ?? o?.content;
    return typeof role === "string" && roles.includes(role) && typeof v === "string" ? v : undefined;
  };
  const prompt = turns.map((t) => text(t, ["human", "user"])).find((v) => v !== undefined);
  const label = turns.map((t) => text(t, ["gpt", "assistant"])).find((v) => v !== undefined);
  return prompt !== undefined && label !== undefined ? { prompt, label } : undefined;
}

/**
 * Python `json.dumps(value, indent=2, ensure_ascii=False)` of a record (objects, arrays and
 * strings only), each line prefixed by `level` indents — the layout of Hammer's
 * `masking_sft_data.json`. JSON.stringify escapes strings exactly as Python does with
 * ensure_ascii=False (Python cannot write lone surrogates to a UTF-8 file at all).
 */
export function dumpIndented(value: unknown, level: number): string {
  if (typeof value === "string") return JSON.stringify(value);
  const pad = "  ".repeat(level + 1);
  const close = "  ".repeat(level);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => pad + dumpIndented(v, level + 1)).join(",\n")}\n${close}]`;
  }
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o);
  if (keys.length === 0) return "{}";
  return `{\n${keys.map((k) => `${pad}${JSON.stringify(k)}: ${dumpIndented(o[k], level + 1)}`).join(",\n")}\n${close}}`;
}
