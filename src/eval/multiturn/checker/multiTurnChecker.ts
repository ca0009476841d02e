import { API_CLASSES } from "../apis/registry.js";
import type { ApiClasses, ApiSession } from "../execution/ApiSession.js";
import { parseGroundTruthCall } from "../execution/parseGroundTruthCall.js";
import { SHARED_GROUND_TRUTH, type ApiCall, type MultiTurnEntry, type SharedGroundTruth } from "../types.js";
import { CheckSessions } from "./CheckSessions.js";
import type { MultiTurnErrorType } from "./multiTurnErrorTypes.js";

/** Per turn, the model's decoded steps (each a non-empty list of calls). */
export type DecodedTurns = ApiCall[][][];

export type MultiTurnCheck =
  | { valid: true; portErrors: number }
  | { valid: false; errorType: MultiTurnErrorType; error: string; turn: number; details: Record<string, unknown>; portErrors: number };

/**
 * BFCL v3's `multi_turn_checker` on decoded turns (as many as the ground truth has: the caller
 * checks the count first). Per turn, the model's steps run on the model's instances and the
 * ground-truth calls on a second set (one set stands for both while the model's calls are the
 * ground truth's: CheckSessions); then, for a turn whose ground truth is not empty:
 * - no model step at all → `empty_turn_model_response`;
 * - any public attribute of any instance unequal under Python `==` (the ground truth's
 *   attributes are the ones compared) → `instance_state_mismatch`;
 * - a ground-truth result text missing from the model's results of all turns so far, as a
 *   multiset → `execution_response_mismatch`.
 * A turn with an empty ground truth is executed but never checked (BFCL's irrelevance check is off).
 */
export function multiTurnChecker(entry: MultiTurnEntry, decoded: DecodedTurns, classes?: ApiClasses): MultiTurnCheck {
  const sessions = new CheckSessions(entry, classes);
  const allModelResults: string[] = [];
  for (let turn = 0; turn < entry.groundTruth.length; turn++) {
    const steps = decoded[turn] ?? [];
    const { stepResults, expected } = sessions.runTurn(steps, groundTruthCalls(entry, sessions.truth, classes)[turn] ?? []);
    for (const r of stepResults) allModelResults.push(...r);
    const fail = (errorType: MultiTurnErrorType, error: string, details: Record<string, unknown>): MultiTurnCheck => ({ valid: false, errorType, error, turn, details, portErrors: sessions.portErrors });

    if (expected.length === 0) continue;
    if (steps.length === 0) return fail("multi_turn:empty_turn_model_response", `Model response list is empty for turn ${turn}`, { execution_result: { model: stepResults, ground_truth: expected } });

    const mismatch = sessions.stateMismatch();
    if (mismatch !== null) {
      return fail("multi_turn:instance_state_mismatch", `Model instance for ${mismatch.className} does not match the state with ground truth instance.`, { differences: mismatch.differences });
    }

    const missing = missingFromMultiset(expected, allModelResults);
    if (missing.length > 0) {
      return fail("multi_turn:execution_response_mismatch", `Model response execution results so far does not contain all the ground truth response execution results for turn ${turn}.`, {
        missing_items: missing,
        model_response: [...allModelResults],
        ground_truth_response: expected,
      });
    }
  }
  return { valid: true, portErrors: sessions.portErrors };
}

/** Parsed ground-truth calls per entry (per class set): parsing is a pure function of both. */
const parsedGroundTruth = new WeakMap<ApiClasses, WeakMap<MultiTurnEntry, ApiCall[][]>>();

function groundTruthCalls(entry: MultiTurnEntry, session: ApiSession, classes: ApiClasses | undefined): ApiCall[][] {
  const key = classes ?? API_CLASSES;
  let byEntry = parsedGroundTruth.get(key);
  if (!byEntry) parsedGroundTruth.set(key, (byEntry = new WeakMap()));
  let calls = byEntry.get(entry);
  if (!calls) {
    // the same text on the same classes parses the same (positional arguments bind by their signatures)
    const shared = sharedParses(entry, key);
    calls = entry.groundTruth.map((texts, t) =>
      texts.map((text, i) => {
        let call = shared?.get(text);
        if (call === undefined) {
          call = parseGroundTruthCall(text, (n) => session.paramNames(n), `${entry.id}/ground_truth/${t}/${i}`);
          shared?.set(text, call);
        }
        return call;
      }),
    );
    byEntry.set(entry, calls);
  }
  return calls;
}

/** The load's shared parses (call text → call) for this class set and order, when the entry came from a loader that shares them. */
function sharedParses(entry: MultiTurnEntry, classes: ApiClasses): Map<string, ApiCall> | undefined {
  const byClasses = (entry as MultiTurnEntry & { [SHARED_GROUND_TRUTH]?: SharedGroundTruth })[SHARED_GROUND_TRUTH];
  if (byClasses === undefined) return undefined;
  let byOrder = byClasses.get(classes);
  if (!byOrder) byClasses.set(classes, (byOrder = new Map()));
  const order = entry.involvedClasses.join(",");
  let shared = byOrder.get(order);
  if (!shared) byOrder.set(order, (shared = new Map()));
  return shared;
}

/**
 * Items of `wanted` not found in `pool`, each found item used up once (order ignored): Python's
 * `list.remove` per wanted item. A scan, not a hash of the pool: the pool (every result so far)
 * outgrows the few wanted items, and its long-context texts are costly to hash.
 */
export function missingFromMultiset(wanted: readonly string[], pool: readonly string[]): string[] {
  const used = new Uint8Array(pool.length);
  const missing: string[] = [];
  for (const x of wanted) {
    let found = -1;
    for (let i = 0; i < pool.length; i++) {
      if (used[i] === 0 && pool[i] === x) {
        found = i;
        break;
      }
    }
    if (found < 0) missing.push(x);
    else used[found] = 1;
  }
  return missing;
}
