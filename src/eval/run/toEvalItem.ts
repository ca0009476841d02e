import { fromBfclFunctions, toolsFromAny } from "../../core/tools/index.js";
import type { ChatMessage, ToolCall, ToolDef } from "../../core/types.js";
import { BFCL_CATEGORY_INFO } from "../bfcl/categories.js";
import { groundTruthCalls } from "../bfcl/groundTruthCalls.js";
import type { BfclSample } from "../bfcl/types.js";
import type { HammerSample } from "../hammer/types.js";
import type { MultiTurnEntry } from "../multiturn/types.js";
import { bfclMessages } from "./bfclMessages.js";
import { hammerMessages } from "./hammerMessages.js";
import { preprocessBfclDocs } from "./preprocessBfclDocs.js";

/** A benchmark sample of either family; multi-turn entries are conversations, not one request. */
export type EvalSample = SingleTurnSample | { kind: "multi_turn"; sample: MultiTurnEntry };

/** A sample answered by one request. */
export type SingleTurnSample = { kind: "bfcl"; sample: BfclSample } | { kind: "hammer"; sample: HammerSample };

/** What the model is asked for one sample, in the engine's vocabulary. */
export interface EvalItem {
  id: string;
  /** `bfcl:<category>` or `hammer:<set>`. */
  part: string;
  messages: ChatMessage[];
  /** Canonical tools, as shown to the model (BFCL: after the language preprocessing). */
  tools: ToolDef[];
  /** One correct answer (BFCL: the first allowed value of each argument); masking needs it. */
  gold: ToolCall[];
}

/**
 * Build the request material of a sample. Throws a HammerError (ToolSchemaError for a tool
 * that cannot be converted, INPUT_INVALID for a malformed conversation) naming the sample.
 */
export function toEvalItem(s: SingleTurnSample): EvalItem {
  if (s.kind === "bfcl") {
    const { sample } = s;
    const docs = preprocessBfclDocs(sample.functions, BFCL_CATEGORY_INFO[sample.category].language);
    return {
      id: sample.id,
      part: `bfcl:${sample.category}`,
      messages: bfclMessages(sample),
      tools: fromBfclFunctions(docs).tools,
      gold: groundTruthCalls(sample),
    };
  }
  const { sample } = s;
  return {
    id: sample.id,
    part: `hammer:${sample.set}`,
    messages: hammerMessages(sample.id, sample.query),
    tools: toolsFromAny(sample.tools),
    gold: sample.answers.map((a) => ({ name: a.name, arguments: a.arguments })),
  };
}
