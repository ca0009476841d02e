import { HammerError } from "../errors.js";
import { Hammer21Format } from "./Hammer21Format.js";
import { Hammer21HfFormat } from "./Hammer21HfFormat.js";
import { HammerFormat } from "./HammerFormat.js";
import { HammerTrainFormat } from "./HammerTrainFormat.js";
import { QwenFormat } from "./QwenFormat.js";
import type { FormatName, PromptFormat } from "./types.js";
import { XlamFormat } from "./XlamFormat.js";

export type { CallSyntax, FormatName, ParsedOutput, PromptFormat, RawTurn, RenderOptions } from "./types.js";
export * from "./hammerText.js";
export { CHATML_GENERATION_PROMPT, CHATML_STOP_STRINGS, IM_END, IM_START, chatmlTurn } from "./chatmlTurn.js";
export { flattenHammerQuery } from "./flattenHammerQuery.js";
export { renderHammerEval, type HammerQueryOptions } from "./renderHammerEval.js";
export { renderHammerTrain } from "./renderHammerTrain.js";
export { renderHammer21 } from "./renderHammer21.js";
export { renderHammer21Hf } from "./renderHammer21Hf.js";
export { renderCallList, renderFencedCalls } from "./renderCallList.js";
export { HAMMER_CALL_SYNTAX } from "./HammerFormatBase.js";
export { QWEN_CALL_SYNTAX, QWEN_DEFAULT_SYSTEM } from "./QwenFormat.js";
export { XLAM_CALL_SYNTAX } from "./XlamFormat.js";
export { TemplateFormat, type TemplateFormatOptions } from "./template/TemplateFormat.js";
export { probeTemplate, type TemplateProbe } from "./template/probeTemplate.js";
export { JinjaChatTemplate } from "./template/renderJinja.js";
export { HammerFormat, HammerTrainFormat, Hammer21Format, Hammer21HfFormat, QwenFormat, XlamFormat };

/** Every prompt format, in the order `--format` help lists them. */
export const FORMAT_NAMES: readonly FormatName[] = Object.freeze(["hammer2.1", "hammer", "hammer-train", "hammer2.1-hf", "qwen", "xlam", "template"]);

/** Formats that need nothing of the model; `template` is built per model with `new TemplateFormat`. */
const FORMATS: Readonly<Record<Exclude<FormatName, "template">, PromptFormat>> = Object.freeze({
  hammer: new HammerFormat(),
  "hammer-train": new HammerTrainFormat(),
  "hammer2.1": new Hammer21Format(),
  "hammer2.1-hf": new Hammer21HfFormat(),
  qwen: new QwenFormat(),
  xlam: new XlamFormat(),
});

export function isFormatName(name: string): name is FormatName {
  return (FORMAT_NAMES as readonly string[]).includes(name);
}

/** The format registered under `name` (formats are stateless and shared). */
export function getFormat(name: FormatName): PromptFormat {
  // Names also arrive from flags and config files at runtime, so check despite the type.
  if (!isFormatName(name)) {
    throw new HammerError("INPUT_INVALID", `unknown prompt format ${JSON.stringify(name)} (expected one of ${FORMAT_NAMES.join(", ")})`);
  }
  if (name === "template") {
    throw new HammerError("INPUT_INVALID", "the template format is the model's own chat template: build it with new TemplateFormat({ template }) from the model's metadata");
  }
  return FORMATS[name];
}
