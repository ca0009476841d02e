import { flattenHammerQuery } from "./flattenHammerQuery.js";
import { FORMAT_EVAL, TASK_EVAL, hammerBlocks } from "./hammerText.js";
import type { RawTurn } from "./types.js";

export interface HammerQueryOptions {
  /** System text, appended to the TASK text on its own line (Hammer has no system slot of its own). */
  system?: string;
}

/**
 * Hammer 1.0/2.0 eval prompt, the user-turn content of the released `hammer/` eval sets: the
 * four blocks with the eval TASK/FORMAT texts. `toolsJson` is inserted untouched; a string query
 * goes in as is, turns are flattened by {@link flattenHammerQuery}.
 */
export function renderHammerEval(toolsJson: string, query: string | readonly RawTurn[], options: HammerQueryOptions = {}): string {
  const task = options.system ? `${TASK_EVAL}\n${options.system}` : TASK_EVAL;
  return hammerBlocks(task, toolsJson, FORMAT_EVAL, queryText(query));
}

export function queryText(query: string | readonly RawTurn[]): string {
  return typeof query === "string" ? query : flattenHammerQuery(query);
}
