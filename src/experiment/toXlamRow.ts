import { fromBfclFunctions, toXlamTools } from "../core/index.js";
import type { BfclSample, HammerSample } from "../eval/index.js";

/** One training row in xLAM's layout, with where it came from (`bench` and the sample's id). */
export interface SourceRow {
  id: string;
  bench: string;
  query: string;
  tools: Record<string, unknown>[];
  answers: Array<{ name: string; arguments: Record<string, unknown> }>;
}

/**
 * A single-turn BFCL sample as an xLAM row: its function docs in the flat xLAM form and, as the
 * answer, the first allowed value of every argument (BFCL's `""` means "may be omitted", so an
 * argument whose only allowed value is `""` is left out). Null when the sample is not a single
 * user turn (BFCL's multi-turn or system-prompted entries), so the row cannot be a plain query.
 */
export function bfclToXlamRow(sample: BfclSample): SourceRow | null {
  if (sample.question.length !== 1 || !Array.isArray(sample.question[0])) return null;
  const turn = sample.question[0] as unknown[];
  if (turn.length !== 1) return null;
  const msg = turn[0] as { role?: unknown; content?: unknown };
  if (msg.role !== "user" || typeof msg.content !== "string") return null;
  const tools = toXlamTools(fromBfclFunctions(sample.functions).tools);
  const answers: SourceRow["answers"] = [];
  for (const call of sample.groundTruth ?? []) {
    for (const [name, params] of Object.entries(call)) {
      const args: Record<string, unknown> = {};
      for (const [param, allowed] of Object.entries(params)) {
        const value = allowed.find((v) => v !== "");
        if (value !== undefined) args[param] = value;
      }
      answers.push({ name, arguments: args });
    }
  }
  return { id: sample.id, bench: `bfcl:${sample.category}`, query: msg.content, tools, answers };
}

/** A Hammer eval-set sample as an xLAM row (tools as stored); null for API-Bank's dialogues. */
export function hammerToXlamRow(sample: HammerSample): SourceRow | null {
  if (typeof sample.query !== "string") return null;
  const tools = sample.tools.filter((t): t is Record<string, unknown> => t !== null && typeof t === "object" && !Array.isArray(t));
  if (tools.length !== sample.tools.length) return null;
  return { id: sample.id, bench: `hammer:${sample.set}`, query: sample.query, tools, answers: sample.answers.map((a) => ({ name: a.name, arguments: a.arguments })) };
}

/** Every function name a row shows or calls. */
export function rowFunctionNames(row: Pick<SourceRow, "tools" | "answers">): string[] {
  const names = row.tools.map((t) => t.name).filter((n): n is string => typeof n === "string");
  return [...names, ...row.answers.map((a) => a.name)];
}
