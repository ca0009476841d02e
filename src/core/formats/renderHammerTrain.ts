import { FORMAT_TRAIN, TASK_TRAIN, hammerBlocks } from "./hammerText.js";
import { queryText, type HammerQueryOptions } from "./renderHammerEval.js";
import type { RawTurn } from "./types.js";

/**
 * Hammer 1.0/2.0 training prompt (data_processing.py's layout, with the blank lines inside TASK
 * and FORMAT). Queries are flattened like the eval prompt's; system text is appended to TASK,
 * keeping the TASK text's closing newline.
 */
export function renderHammerTrain(toolsJson: string, query: string | readonly RawTurn[], options: HammerQueryOptions = {}): string {
  const task = options.system ? `${TASK_TRAIN}${options.system}\n` : TASK_TRAIN;
  return hammerBlocks(task, toolsJson, FORMAT_TRAIN, queryText(query));
}
