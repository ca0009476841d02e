import { HammerError } from "../../core/errors.js";
import { hammerLabel, hammerTrainPrompt } from "../../core/formats/hammerText.js";
import { dumpIndented, trainRecord, type TrainFormat } from "../records/trainRecord.js";
import type { Utf8Buffer } from "./Utf8Buffer.js";
import { writeXlamCalls, writeXlamTools, type WorkSample, type XlamParsedRow } from "../../core/masking/index.js";

/**
 * Serialises the training record of Hammer's prompt and label, for one output layout: JSON
 * Lines (`JSON.stringify`) or Hammer's `json.dump(…, indent=2, ensure_ascii=False)` array
 * element. The bytes equal serialising `trainRecord(format, hammerTrainPrompt(tools, query),
 * hammerLabel(answers))`, but the constant instruction texts are escaped once, not per row.
 */
export class HammerRecordFormatter {
  private readonly template: readonly string[];
  /** The template's texts as UTF-8 (the last with the record's newline in JSON Lines). */
  private readonly templateBytes: readonly Uint8Array[];

  constructor(
    readonly layout: TrainFormat,
    readonly jsonl: boolean,
    /** A `task` field every record carries (its value is constant, so it lives in the template). */
    readonly task?: string,
  ) {
    const base = trainRecord(layout, hammerTrainPrompt(TOOLS, QUERY), hammerLabel(ANSWERS));
    const rec = task === undefined ? base : { ...base, task };
    const text = jsonl ? JSON.stringify(rec) : dumpIndented(rec, 1);
    const parts = text.split(new RegExp(`${TOOLS}|${QUERY}|${ANSWERS}`));
    if (parts.length !== 4) throw new HammerError("INTERNAL", "the Hammer prompt template does not hold each text once");
    this.template = parts;
    const utf8 = new TextEncoder();
    this.templateBytes = parts.map((p, i) => utf8.encode(i === 3 && jsonl ? `${p}\n` : p));
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

  /**
   * A masked xLAM row's record, serialised straight into `out` (no intermediate strings): the
   * bytes of {@link format} on `maskXlamRecord`'s texts for the same draws.
   */
  writeMasked(out: Utf8Buffer, row: XlamParsedRow, sample: WorkSample): void {
    const t = this.templateBytes;
    out.writeBytes(t[0] as Uint8Array);
    writeXlamTools(out, row.tools, sample.tools, true);
    out.writeBytes(t[1] as Uint8Array);
    out.jsonBody(sample.query);
    out.writeBytes(t[2] as Uint8Array);
    writeXlamCalls(out, row.answers, sample.calls, true);
    out.writeBytes(t[3] as Uint8Array);
  }

  /** {@link formatEscaped}, encoded into `out` as UTF-8. */
  writeEscaped(out: Utf8Buffer, tools: string, query: string, answers: string): void {
    const t = this.templateBytes;
    out.writeBytes(t[0] as Uint8Array);
    out.write(tools);
    out.writeBytes(t[1] as Uint8Array);
    out.write(query);
    out.writeBytes(t[2] as Uint8Array);
    out.write(answers);
    out.writeBytes(t[3] as Uint8Array);
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
