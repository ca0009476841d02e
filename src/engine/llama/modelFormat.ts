import { HammerError } from "../../core/errors.js";
import { getFormat, TemplateFormat, type FormatName, type PromptFormat } from "../../core/formats/index.js";
import type { GgufSummary } from "../../core/gguf/index.js";

/**
 * The prompt format object for a model: a registered format, or for `template` the model's own
 * chat template (`tokenizer.chat_template`) with its BOS/EOS token texts.
 */
export function modelFormat(name: FormatName, summary: Pick<GgufSummary, "path" | "chatTemplate" | "bosTokenId" | "eosTokenId" | "metadata">): PromptFormat {
  if (name !== "template") return getFormat(name);
  const template = summary.chatTemplate;
  if (template === undefined || template.trim() === "") {
    throw new HammerError("INPUT_INVALID", "--format template: the model has no chat template (tokenizer.chat_template); choose another --format", {
      location: `${summary.path}:tokenizer.chat_template`,
    });
  }
  const tokens = summary.metadata.strings("tokenizer.ggml.tokens") ?? [];
  const text = (id: number | undefined): string | undefined => (id === undefined ? undefined : tokens[id]);
  const bosToken = text(summary.bosTokenId);
  const eosToken = text(summary.eosTokenId);
  return new TemplateFormat({ template, ...(bosToken !== undefined ? { bosToken } : {}), ...(eosToken !== undefined ? { eosToken } : {}) });
}
