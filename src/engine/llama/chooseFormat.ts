import type { GgufSummary } from "../../core/gguf/index.js";
import { JinjaChatTemplate, probeTemplate, type FormatName } from "../../core/formats/index.js";

/**
 * The generic format for models whose template knows no tools, as measured on SmolLM2-135M-Instruct
 * (docs/formats.md: BFCL simple + multiple, first 20 each, constrained, greedy: hammer2.1 20/40,
 * hammer 16/40, xlam 2/40, qwen and template 0/40).
 */
export const MEASURED_GENERIC_FORMAT: { format: FormatName; measurement: string } = Object.freeze({
  format: "hammer2.1",
  measurement: "docs/formats.md",
});

/**
 * The prompt format for a model, from its GGUF metadata, first rule that matches:
 * 1. `general.name` mentions Hammer 2.1 (`hammer2.1`, `hammer-2.1`, `hammer 2.1`) → `hammer2.1`;
 *    another Hammer (1.0, 2.0) → `hammer`.
 * 2. The chat template is Hammer 2.1's (it contains `[BEGIN OF AVAILABLE_TOOLS]`) → `hammer2.1`.
 * 3. `general.name` mentions xLAM → `xlam`.
 * 4. hammer-fc's random-weight models (`general.name` `random-…`, `hammer model random`) →
 *    `hammer2.1`: their weights mean nothing, and tests and benchmarks want one fixed format.
 * 5. The chat template lists tools and writes calls as tagged `{"name", "arguments"}` objects
 *    (Qwen2.5, Hermes…) → `template`, the model's own tool calling (native mode).
 * 6. A stock Qwen instruct model whose template could not be probed but writes `<tool_call>` → `qwen`.
 * 7. Anything else (SmolLM2 and other chat models whose template knows no tools) → the generic
 *    format measured best on SmolLM2 (MEASURED_GENERIC_FORMAT).
 */
export function chooseFormat(summary: Pick<GgufSummary, "name" | "chatTemplate" | "architecture">): { format: FormatName; reason: string } {
  const name = (summary.name ?? "").toLowerCase();
  const quotedName = JSON.stringify(summary.name);
  const template = summary.chatTemplate ?? "";
  if (/hammer[\s_-]?2\.1/.test(name)) return { format: "hammer2.1", reason: `general.name ${quotedName} is a Hammer 2.1 model` };
  if (name.includes("hammer")) return { format: "hammer", reason: `general.name ${quotedName} is a Hammer 1.0/2.0 model` };
  if (template.includes("[BEGIN OF AVAILABLE_TOOLS]")) return { format: "hammer2.1", reason: "the chat template is Hammer 2.1's" };
  if (name.includes("xlam")) return { format: "xlam", reason: `general.name ${quotedName} is an xLAM model` };
  if (name.startsWith("random-")) return { format: "hammer2.1", reason: `general.name ${quotedName} is a random-weight test model (hammer model random)` };
  if (templateKnowsTools(template)) return { format: "template", reason: "the chat template lists tools and writes tagged tool calls (native mode)" };
  if (name.includes("qwen") && name.includes("instruct") && template.includes("<tool_call>")) {
    return { format: "qwen", reason: `general.name ${quotedName} is a Qwen instruct model with <tool_call> tool calling` };
  }
  const { format, measurement } = MEASURED_GENERIC_FORMAT;
  const why = template === "" ? "the model has no chat template" : "the chat template knows no tools";
  return { format, reason: `${why}: ${format}, the generic format measured best on SmolLM2-135M (${measurement})` };
}

/** Whether the template renders tools and tool calls in a shape the grammar supports (probeTemplate). */
function templateKnowsTools(template: string): boolean {
  if (template === "" || !template.includes("tools")) return false;
  try {
    return probeTemplate(new JinjaChatTemplate(template), { bosToken: "", eosToken: "" }).callSyntax !== null;
  } catch {
    // A template we cannot parse cannot be used in template mode either.
    return false;
  }
}
