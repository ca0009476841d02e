import type { JsonValue } from "../../core/json/index.js";
import type { MultiTurnCategory } from "../bfcl/categories.js";
import type { BfclFunctionDoc } from "../bfcl/types.js";

/** One call to a simulated API: a method name and its keyword arguments (positional ones already named). */
export interface ApiCall {
  name: string;
  arguments: Record<string, JsonValue>;
}

/** A BFCL v3 multi-turn entry joined with its ground truth. */
export interface MultiTurnEntry {
  id: string;
  category: MultiTurnCategory;
  /** Per question turn, its messages (`[]` for a miss_func turn that only adds functions). */
  question: Array<Array<{ role: string; content: string }>>;
  initialConfig: Record<string, JsonValue>;
  involvedClasses: string[];
  /** miss_func: question turn index → names of the functions held out until that turn. */
  missedFunction: Record<string, string[]> | null;
  /**
   * The function docs of the involved classes, in class order (held-out ones included), or null
   * when `multi_turn_func_doc/` is not in the data dir (scoring does not need them; runs do).
   */
  functions: BfclFunctionDoc[] | null;
  /** Per ground-truth turn, Python call strings (`cd(folder='document')`, `sort('f')`). */
  groundTruth: string[][];
  /** 1-based line in the question file. */
  line: number;
}

/**
 * The official runner's long-context switch: from the id's category part
 * (`"long_context" in id.rsplit("_", 1)[0]`, or a composite category).
 */
export function isLongContextId(id: string): boolean {
  const i = id.lastIndexOf("_");
  const category = i < 0 ? id : id.slice(0, i);
  return category.includes("long_context") || category.includes("composite");
}

/**
 * Parsed ground-truth calls shared by the entries of one load, by API class set (the factories),
 * involved classes in order ("A,B") and call text: BFCL's call texts repeat from entry to entry
 * (4,701 calls, 714 distinct texts in v3). A loader hangs one on each entry it makes (a hidden
 * property, so copies and JSON never carry it); entries without one parse their own.
 */
export const SHARED_GROUND_TRUTH: unique symbol = Symbol("hammer-fc.sharedGroundTruthParses");
export type SharedGroundTruth = WeakMap<object, Map<string, Map<string, ApiCall>>>;

/** Hang a load's shared parse cache on `entry` (not enumerable: spreading or JSON leave it behind). */
export function shareGroundTruthParses(entry: MultiTurnEntry, shared: SharedGroundTruth): void {
  Object.defineProperty(entry, SHARED_GROUND_TRUTH, { value: shared, enumerable: false });
}
