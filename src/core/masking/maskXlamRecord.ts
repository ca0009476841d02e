import type { Rng } from "../rng.js";
import { maskWork } from "./maskWork.js";
import { readWorkCalls } from "./readWorkCalls.js";
import { resolveMaskOptions, type MaskMapping, type MaskOptions } from "./types.js";
import { dumpsXlamCalls, dumpsXlamTools, xlamToolAdapter } from "./xlamAdapter.js";

/** An xLAM row with `tools` and `answers` parsed (with `parseJson`, so float marks survive). */
export interface XlamParsedRow {
  query: string;
  tools: readonly unknown[];
  answers: readonly unknown[];
}

/** A masked xLAM row: `tools` and `answers` as Python `json.dumps` text, as Hammer stores them. */
export interface MaskedXlamRow {
  query: string;
  tools: string;
  answers: string;
  mapping: MaskMapping;
}

/**
 * Mask one xLAM row the way `data_processing.py` does, re-serialising with Python `json.dumps`.
 * `embedded`: `tools` and `answers` come back escaped once more as the bodies of JSON strings
 * (for a JSON record that holds them), saving a second pass over the text.
 */
export function maskXlamRecord(row: XlamParsedRow, options: MaskOptions, rng: Rng, embedded = false): MaskedXlamRow {
  const work = {
    query: row.query,
    tools: row.tools.map((t, i) => xlamToolAdapter.read(t, i)),
    calls: readWorkCalls(row.answers),
  };
  const mapping = maskWork(work, resolveMaskOptions(options), rng);
  return {
    query: work.query,
    tools: dumpsXlamTools(row.tools, work.tools, embedded),
    answers: dumpsXlamCalls(row.answers, work.calls, embedded),
    mapping,
  };
}
