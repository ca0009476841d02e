import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parseJson } from "../../core/json/index.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../../../test/support/sharedData.js";
import { BFCL_MULTI_TURN_CATEGORIES } from "../bfcl/categories.js";
import { loadMultiTurnCategory } from "../datasets/loadMultiTurnCategory.js";
import { API_CLASSES } from "./apis/registry.js";
import { goldTurns } from "./goldTurns.js";
import { scoreMultiTurnSample } from "./scoreMultiTurnSample.js";
import type { MultiTurnEntry } from "./types.js";

// Agreement with BFCL's official multi-turn checker. The fixture holds mutated predictions of a
// sample of entries and the official verdicts on them (scripts/bfcl/multi_turn_verdicts.py); the
// gold test scores the ground truth of all 800 entries.

interface Reference {
  id: string;
  mutation: string;
  turns: unknown[];
  valid: boolean;
  error_type: string | null;
}

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), "__fixtures__", "official_verdicts.jsonl");
const ported = (e: MultiTurnEntry) => e.involvedClasses.every((c) => Object.prototype.hasOwnProperty.call(API_CLASSES, c));

function allEntries(): Map<string, MultiTurnEntry> {
  const out = new Map<string, MultiTurnEntry>();
  for (const c of BFCL_MULTI_TURN_CATEGORIES) for (const e of loadMultiTurnCategory(SHARED_DATA, c)?.samples ?? []) out.set(e.id, e);
  return out;
}

describe.skipIf(!HAS_SHARED_DATA)("official multi-turn verdicts", () => {
  const entries = HAS_SHARED_DATA ? allEntries() : new Map<string, MultiTurnEntry>();
  const runnable = [...entries.values()].filter(ported);

  it("loads all 800 entries of the four categories, and every class they involve has a registered port", () => {
    expect(entries.size).toBe(800);
    const classes = new Set([...entries.values()].flatMap((e) => e.involvedClasses));
    expect([...classes].filter((c) => !Object.prototype.hasOwnProperty.call(API_CLASSES, c))).toEqual([]);
  });

  it.skipIf(runnable.length === 0)(`gold predictions are correct on every entry whose APIs are ported (${runnable.length} of ${entries.size})`, () => {
    const wrong: string[] = [];
    for (const e of runnable) {
      const v = scoreMultiTurnSample(e, { id: e.id, turns: goldTurns(e) });
      if (!v.correct) wrong.push(`${e.id}: ${v.errorType ?? ""} ${v.error ?? ""}`);
    }
    expect(wrong).toEqual([]);
  });

  const references = readFileSync(FIXTURE, "utf8")
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => parseJson(l) as unknown as Reference);
  const checkable = references.filter((r) => {
    const e = entries.get(r.id);
    return e !== undefined && ported(e);
  });

  it.skipIf(checkable.length === 0)(`mutated predictions get the official verdict and error type (${checkable.length} of ${references.length} references)`, () => {
    const disagree: string[] = [];
    for (const r of checkable) {
      const v = scoreMultiTurnSample(entries.get(r.id) as MultiTurnEntry, { id: r.id, turns: r.turns });
      if (v.correct !== r.valid || (v.correct ? null : v.errorType) !== r.error_type) disagree.push(`${r.id} ${r.mutation}: official ${r.error_type ?? "valid"}, ours ${v.errorType ?? "valid"} (${v.error ?? ""})`);
    }
    expect(disagree).toEqual([]);
  });

  it("the reference set covers every mutation and every multi-turn error type", () => {
    expect(new Set(references.map((r) => r.mutation))).toEqual(
      new Set(["gold", "arguments_as_json_text", "split_steps", "dropped_call", "wrong_name", "bad_argument", "changed_value", "int_as_float", "swapped_calls", "empty_turn", "empty_step", "extra_read_only_call", "refused_name", "missing_turn", "extra_turn"]),
    );
    expect(new Set(references.map((r) => r.error_type))).toEqual(
      new Set([null, "multi_turn:force_terminated", "multi_turn:empty_turn_model_response", "multi_turn:instance_state_mismatch", "multi_turn:execution_response_mismatch"]),
    );
  });
});

describe.skipIf(HAS_SHARED_DATA)("official multi-turn verdicts", () => {
  it.skip(`needs BFCL's multi-turn data: ${SKIP_SHARED_REASON}`, () => {});
});
