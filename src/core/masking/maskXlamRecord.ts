import type { Rng } from "../rng.js";
import { maskWork } from "./maskWork.js";
import { readWorkCalls } from "./readWorkCalls.js";
import { resolveMaskOptions, type MaskMapping, type MaskOptions, type WorkSample } from "./types.js";
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
  const { sample, mapping } = maskXlamSample(row, options, rng);
  return {
    query: sample.query,
    tools: dumpsXlamTools(row.tools, sample.tools, embedded),
    answers: dumpsXlamCalls(row.answers, sample.calls, embedded),
    mapping,
  };
}

/**
 * {@link maskXlamRecord} before serialisation: the masked work view of the row, for a caller
 * that writes it straight into its output (`writeXlamTools` / `writeXlamCalls` with the row's
 * `tools` and `answers` as sources). Same draws, same result.
 */
export function maskXlamSample(row: XlamParsedRow, options: MaskOptions, rng: Rng): { sample: WorkSample; mapping: MaskMapping } {
  const sample: WorkSample = {
    query: row.query,
    tools: row.tools.map((t, i) => xlamToolAdapter.read(t, i)),
    calls: readWorkCalls(row.answers),
  };
  return { sample, mapping: maskWork(sample, resolveMaskOptions(options), rng) };
}
