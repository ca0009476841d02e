import type { GgufSummary } from "../../core/gguf/index.js";
import type { FormatName } from "../../core/formats/index.js";

/**
 * The prompt format for a model, from its GGUF metadata, first rule that matches:
 * 1. `general.name` mentions Hammer 2.1 (`hammer2.1`, `hammer-2.1`, `hammer 2.1`) → `hammer2.1`;
 *    another Hammer (1.0, 2.0) → `hammer`.
 * 2. The chat template is Hammer 2.1's (it contains `[BEGIN OF AVAILABLE_TOOLS]`) → `hammer2.1`.
 * 3. `general.name` mentions xLAM → `xlam`.
 * 4. A stock Qwen instruct model (`general.name` has "qwen" and "instruct", and the template
 *    writes `<tool_call>`) → `qwen`, its native tool calling.
 * 5. Anything else (other qwen2 models included) → `hammer2.1`, the project's default.
 */
export function chooseFormat(summary: Pick<GgufSummary, "name" | "chatTemplate" | "architecture">): { format: FormatName; reason: string } {
  const name = (summary.name ?? "").toLowerCase();
  const template = summary.chatTemplate ?? "";
  if (/hammer[\s_-]?2\.1/.test(name)) return { format: "hammer2.1", reason: `general.name ${JSON.stringify(summary.name)} is a Hammer 2.1 model` };
  if (name.includes("hammer")) return { format: "hammer", reason: `general.name ${JSON.stringify(summary.name)} is a Hammer 1.0/2.0 model` };
  if (template.includes("[BEGIN OF AVAILABLE_TOOLS]")) return { format: "hammer2.1", reason: "the chat template is Hammer 2.1's" };
  if (name.includes("xlam")) return { format: "xlam", reason: `general.name ${JSON.stringify(summary.name)} is an xLAM model` };
  if (name.includes("qwen") && name.includes("instruct") && template.includes("<tool_call>")) {
    return { format: "qwen", reason: `general.name ${JSON.stringify(summary.name)} is a Qwen instruct model with <tool_call> tool calling` };
  }
  return { format: "hammer2.1", reason: `default for ${summary.architecture} models` };
}
