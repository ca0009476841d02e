import { isHammerError } from "../../core/errors.js";
import { parseJson, type JsonValue } from "../../core/json/index.js";
import type { Issue } from "../types.js";

export interface JsonLine {
  /** 1-based line number. */
  line: number;
  value: JsonValue;
}

/**
 * Parse JSON Lines (BFCL's `.json` files are JSON Lines), keeping Python's int/float distinction.
 * A line that is not JSON becomes an issue naming file and line; the others still load.
 */
export function readJsonLines(text: string, source: string): { rows: JsonLine[]; issues: Issue[] } {
  const rows: JsonLine[] = [];
  const issues: Issue[] = [];
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i] as string;
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    if (raw.trim() === "") continue;
    try {
      rows.push({ line: i + 1, value: parseJson(raw) });
    } catch (e) {
      if (!isHammerError(e)) throw e;
      issues.push({ location: `${source}:${i + 1}`, message: `not valid JSON: ${e.message}` });
    }
  }
  return { rows, issues };
}
