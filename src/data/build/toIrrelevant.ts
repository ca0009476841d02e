import { pyJsonDumps } from "../../core/python/index.js";
import type { XlamRow } from "./readXlamRow.js";

/**
 * Hammer's irrelevance augmentation of one row (MadeAgents/xlam-irrelevance-7.5k): drop every
 * tool a gold answer calls and label the row `[]`. Returns null when no tool is left (such rows
 * are skipped and counted). `row` must have been read with its parsed tools and answers; the new
 * tool list is stored as Python `json.dumps` text.
 */
export function toIrrelevant(row: XlamRow): XlamRow | null {
  const tools = row.tools ?? [];
  const gold = new Set((row.answers ?? []).map((a) => (a as { name?: unknown }).name));
  const kept = tools.filter((t) => !gold.has((t as { name?: unknown }).name));
  if (kept.length === 0) return null;
  return { query: row.query, toolsText: pyJsonDumps(kept), answersText: "[]", id: row.id, tools: kept, answers: [] };
}
