import { describe, expect, it } from "vitest";
import { Rng } from "../../core/rng.js";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../../../test/support/sharedData.js";
import { loadBfclCategory } from "../datasets/loadBfclCategory.js";
import type { BfclCategory } from "./categories.js";
import { groundTruthCalls } from "./groundTruthCalls.js";
import { MUTATIONS, mutateCalls, type Mutation } from "./mutateCalls.js";
import { scoreBfclSample } from "./scoreBfclSample.js";

/** Error types each mutation may produce on real samples (which one depends on the sample). */
const EXPECTED: Record<Mutation, Array<string | null>> = {
  none: [null],
  swap_order: [null], // only applied to multi-call samples, which are all parallel
  wrong_type: ["type_error:simple", "type_error:nested", "parallel_function_checker_no_order:cannot_find_match", "value_error:others"], // others: null answer turned into "null"
  float_for_int: ["type_error:simple", "type_error:nested", "parallel_function_checker_no_order:cannot_find_match", null], // null: float params and "variable" answers accept it
  drop_arg: ["simple_function_checker:missing_required", "simple_function_checker:missing_optional", "parallel_function_checker_no_order:cannot_find_match", null], // null: an optional arg dropped
  extra_arg: ["simple_function_checker:unexpected_param", "parallel_function_checker_no_order:cannot_find_match"],
  wrong_value: ["value_error:string", "value_error:others", "value_error:list/tuple", "parallel_function_checker_no_order:cannot_find_match", null], // null: a second allowed value
  extra_call: ["simple_function_checker:wrong_count", "multiple_function_checker:wrong_count", "parallel_function_checker_no_order:wrong_count"],
  drop_call: ["simple_function_checker:wrong_count", "multiple_function_checker:wrong_count", "parallel_function_checker_no_order:wrong_count"],
  wrong_name: ["simple_function_checker:wrong_func_name", "parallel_function_checker_no_order:cannot_find_match"],
};

describe.skipIf(!HAS_SHARED_DATA)(`mutated ground truth gets the right verdicts (${HAS_SHARED_DATA ? "shared data" : SKIP_SHARED_REASON})`, () => {
  for (const category of ["simple", "multiple", "parallel", "parallel_multiple", "live_simple"] as BfclCategory[]) {
    it(category, () => {
      const rng = new Rng(`mutations:${category}`);
      const seen = new Map<Mutation, Set<string | null>>();
      for (const s of loadBfclCategory(SHARED_DATA, category)?.samples.slice(0, 120) ?? []) {
        if (s.id.startsWith("live_simple_106") || s.id.startsWith("live_simple_112")) continue; // impossible upstream
        for (const m of MUTATIONS) {
          const { calls, applied } = mutateCalls(groundTruthCalls(s), m, rng);
          if (!applied) continue;
          const v = scoreBfclSample(s, { id: s.id, toolCalls: calls });
          expect(EXPECTED[m], `${s.id} ${m}: ${v.error}`).toContain(v.errorType);
          if (!seen.has(m)) seen.set(m, new Set());
          seen.get(m)?.add(v.errorType);
        }
      }
      // Every failing mutation produced at least one failure somewhere.
      for (const m of MUTATIONS.filter((x) => !["none", "swap_order"].includes(x))) {
        if (seen.has(m)) expect([...(seen.get(m) ?? [])].some((e) => e !== null), m).toBe(true);
      }
    });
  }
});
