import { isHammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import { readTextFile } from "../datasets/readTextFile.js";
import type { Issue } from "../types.js";
import type { Prediction } from "./types.js";

export interface PredictionSet {
  byId: Map<string, Prediction>;
  issues: Issue[];
  /** File name used in issue locations. */
  source?: string;
}

type Obj = Record<string, unknown>;
const isObj = (x: unknown): x is Obj => x !== null && typeof x === "object" && !Array.isArray(x);

/**
 * Parse a predictions file: JSON Lines of `{"id", "output": "<raw model text>"}` or
 * `{"id", "tool_calls": [{"name", "arguments"}]}` (`tool_calls` wins when both are given), or for
 * multi-turn entries `{"id", "turns": [[[{"name", "arguments"}, …] per step] per turn]}`.
 * Malformed lines and repeated ids (the first is kept) are issues with their line number.
 */
export function readPredictions(text: string, source = "<predictions>"): PredictionSet {
  const byId = new Map<string, Prediction>();
  const issues: Issue[] = [];
  // A BOM is not JSON: left in, it would make the first line "not valid JSON".
  const lines = (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text).split("\n");
  for (let i = 0; i < lines.length; i++) {
    let raw = lines[i] as string;
    if (raw.endsWith("\r")) raw = raw.slice(0, -1);
    if (raw.trim() === "") continue;
    const where = `${source}:${i + 1}`;
    let row: unknown;
    try {
      row = parseJson(raw);
    } catch (e) {
      if (!isHammerError(e)) throw e;
      issues.push({ location: where, message: `not valid JSON: ${e.message}` });
      continue;
    }
    if (!isObj(row) || typeof row.id !== "string") {
      issues.push({ location: where, message: 'expected an object with a string "id"' });
      continue;
    }
    let p: Prediction;
    if (Array.isArray(row.turns)) p = { id: row.id, turns: row.turns, line: i + 1 };
    else if (Array.isArray(row.tool_calls)) p = { id: row.id, toolCalls: row.tool_calls, line: i + 1 };
    else if (typeof row.output === "string") p = { id: row.id, output: row.output, line: i + 1 };
    else {
      issues.push({ location: where, message: `${row.id}: needs "output" (string), "tool_calls" (list) or "turns" (list, multi-turn)` });
      continue;
    }
    if (typeof row.output === "string") p.output = row.output;
    if (byId.has(row.id)) {
      issues.push({ location: where, message: `duplicate id ${row.id} (the first one is used)` });
      continue;
    }
    byId.set(row.id, p);
  }
  return { byId, issues, source };
}

export function readPredictionsFile(path: string): PredictionSet {
  return readPredictions(readTextFile(path, "predictions file"), path);
}
