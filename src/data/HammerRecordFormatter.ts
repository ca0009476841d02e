import { HammerError } from "../core/errors.js";
import { hammerLabel, hammerTrainPrompt } from "../core/formats/hammerText.js";
import { dumpIndented, trainRecord, type TrainFormat } from "./trainRecord.js";

/**
 * Serialises the training record of Hammer's prompt and label, for one output layout: JSON
 * Lines (`JSON.stringify`) or Hammer's `json.dump(…, indent=2, ensure_ascii=False)` array
 * element. The bytes equal serialising `trainRecord(format, hammerTrainPrompt(tools, query),
 * hammerLabel(answers))`, but the constant instruction texts are escaped once, not per row.
 */
export class HammerRecordFormatter {
  private readonly template: readonly string[];

  constructor(
    readonly layout: TrainFormat,
    readonly jsonl: boolean,
  ) {
    const rec = trainRecord(layout, hammerTrainPrompt(TOOLS, QUERY), hammerLabel(ANSWERS));
    const text = jsonl ? JSON.stringify(rec) : dumpIndented(rec, 1);
    const parts = text.split(new RegExp(`${TOOLS}|${QUERY}|${ANSWERS}`));
    if (parts.length !== 4) throw new HammerError("INTERNAL", "the Hammer prompt template does not hold each text once");
    this.template = parts;
  }

  /** One record (JSON Lines: with its newline; array: the element without separator). */
  format(toolsText: string, query: string, answersText: string): string {
    return this.formatEscaped(escapeJsonBody(toolsText), escapeJsonBody(query), escapeJsonBody(answersText));
  }

  /** {@link format} from texts already escaped as JSON.stringify escapes them (without quotes). */
  formatEscaped(tools: string, query: string, answers: string): string {
    const t = this.template;
    return t[0] + tools + t[1] + query + t[2] + answers + t[3] + (this.jsonl ? "\n" : "");
  }
}

/** Placeholders: escape-free ASCII that no instruction text contains. */
const TOOLS = "@@hammer-tools@@";
const QUERY = "@@hammer-query@@";
const ANSWERS = "@@hammer-answers@@";

/** JSON string escaping without the quotes; context-free, so pieces escape independently. */
export function escapeJsonBody(s: string): string {
  const j = JSON.stringify(s);
  return j.slice(1, j.length - 1);
}

/** Between two array elements of Hammer's indent-2 layout. */
export const ARRAY_SEPARATOR = ",\n  ";
export const ARRAY_OPEN = "[\n  ";
export const ARRAY_CLOSE = "\n]";
