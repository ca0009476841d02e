import { HammerError, isHammerError } from "../../core/errors.js";
import { parseJson } from "../../core/json/index.js";
import type { HammerCounts, HammerF1 } from "../types.js";
import { officialF1 } from "./hammerF1.js";
import { addCounts, officialSampleCounts, ZERO_COUNTS } from "./hammerOfficialCounts.js";
import { parseHammerOutput } from "./parseHammerOutput.js";
import type { HammerCall } from "./types.js";

/**
 * evaluate.py run on its own input format: JSON Lines of `{"label", "predict"}`, both model-style
 * texts (LLaMA-Factory's generated_predictions.jsonl, Hammer's example_eval.jsonl). A label that
 * evaluate.py could not read (it crashes) is a HammerError naming the line.
 */
export function scoreHammerPairs(text: string, source = "<pairs>"): { counts: HammerCounts; metrics: HammerF1; lines: number } {
  let counts: HammerCounts = { ...ZERO_COUNTS };
  let lines = 0;
  text.split("\n").forEach((raw, i) => {
    if (raw.trim() === "") return;
    const where = `${source}:${i + 1}`;
    let row: unknown;
    try {
      row = parseJson(raw, { source: where });
    } catch (e) {
      if (!isHammerError(e)) throw e;
      throw new HammerError("INPUT_INVALID", `not a JSON line: ${e.message}`, { location: where });
    }
    if (!isDict(row) || typeof row.label !== "string" || typeof row.predict !== "string") {
      throw new HammerError("INPUT_INVALID", 'expected {"label": string, "predict": string}', { location: where });
    }
    const gold = parseLabel(row.label, where);
    const p = parseHammerOutput(row.predict);
    counts = addCounts(counts, officialSampleCounts(gold, p.kind === "list" ? p.items : null));
    lines++;
  });
  return { counts, metrics: officialF1(counts), lines };
}

function parseLabel(label: string, where: string): HammerCall[] {
  const p = parseHammerOutput(label);
  if (p.kind !== "list") throw new HammerError("INPUT_INVALID", `label is not a call list: ${p.error}`, { location: where });
  return p.items.map((item, k) => {
    if (!isDict(item) || typeof item.name !== "string" || !isDict(item.arguments)) {
      throw new HammerError("INPUT_INVALID", `label call ${k} is not {"name": string, "arguments": {…}}`, { location: where });
    }
    return { name: item.name, arguments: item.arguments };
  });
}

function isDict(x: unknown): x is Record<string, unknown> {
  return x !== null && typeof x === "object" && !Array.isArray(x);
}
