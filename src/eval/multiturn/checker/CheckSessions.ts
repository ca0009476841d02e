import type { JsonValue } from "../../../core/json/index.js";
import { pyEquals, pyEqualsItsCopy } from "../../../core/python/index.js";
import { ApiSession, type ApiClasses } from "../execution/ApiSession.js";
import { sameCalls } from "../execution/sameCall.js";
import type { ApiCall, MultiTurnEntry } from "../types.js";

export type StateDifferences = Record<string, { model: JsonValue | null; ground_truth: JsonValue }>;

/**
 * The checker's two sets of instances, the model's and the ground truth's, loaded alike from the
 * entry. A simulated method's result and effect depend only on its instance and its arguments
 * (the SimulatedApi contract), so while the model has made exactly the ground truth's calls the
 * two sets are equal and one session stands for both: the calls run once and both sides get the
 * same result texts. When the model first departs (other calls, or a state that would not equal
 * its copy), its own session is made and the shared calls are replayed on it; from then on each
 * side runs on its own, as the official checker does throughout.
 */
export class CheckSessions {
  readonly truth: ApiSession;
  /** The model's own session; null while the truth's stands for it. */
  private model: ApiSession | null = null;
  /** The calls run on the shared session, replayed on the model's when it departs. */
  private readonly shared: ApiCall[] = [];

  constructor(
    private readonly entry: MultiTurnEntry,
    private readonly classes: ApiClasses | undefined,
  ) {
    this.truth = new ApiSession(entry, classes);
  }

  /** Calls where a port threw something other than PyException, on both sides. */
  get portErrors(): number {
    return this.truth.portErrors + (this.model ?? this.truth).portErrors;
  }

  /**
   * One turn: the model's steps on the model's instances, the ground truth's calls on the truth's.
   * Returns the result texts per model step and the ground truth's.
   */
  runTurn(steps: readonly ApiCall[][], truthCalls: readonly ApiCall[]): { stepResults: string[][]; expected: string[] } {
    if (this.model === null && sameCalls(steps.flat(), truthCalls)) {
      const expected = truthCalls.map((c) => this.truth.execute(c));
      for (const c of truthCalls) this.shared.push(c);
      let at = 0;
      const stepResults = steps.map((calls) => expected.slice(at, (at += calls.length)));
      return { stepResults, expected };
    }
    const model = this.modelSession();
    const stepResults = steps.map((calls) => calls.map((c) => model.execute(c)));
    const expected = truthCalls.map((c) => this.truth.execute(c));
    return { stepResults, expected };
  }

  /**
   * The first class (in class order) whose ground-truth public attributes the model's do not all
   * equal under Python `==`, with those attributes; null when every class matches. One shared
   * session matches itself unless a value would not equal its own copy (a NaN): then the model's
   * session is made and compared as the official checker compares two instances.
   */
  stateMismatch(): { className: string; differences: StateDifferences } | null {
    if (this.model === null && this.sharedStateEqualsItsCopy()) return null;
    const modelStates = this.modelSession().publicStates();
    for (const [className, truthState] of this.truth.publicStates()) {
      const differences = stateDifferences(modelStates.get(className) ?? {}, truthState);
      if (Object.keys(differences).length > 0) return { className, differences };
    }
    return null;
  }

  /** Does the shared state equal its copy? Instances untouched since the last look still do. */
  private sharedStateEqualsItsCopy(): boolean {
    for (const instance of this.truth.takeTouched()) {
      const state = instance.publicState();
      for (const key in state) if (!pyEqualsItsCopy(state[key])) return false;
    }
    return true;
  }

  /** The model's own session, made on first need and brought to the shared state by replaying the shared calls. */
  private modelSession(): ApiSession {
    if (this.model === null) {
      const model = new ApiSession(this.entry, this.classes);
      for (const c of this.shared) model.execute(c);
      this.shared.length = 0;
      this.model = model;
    }
    return this.model;
  }
}

/** The ground truth's public attributes whose model value is not `==` (an attribute the model lacks differs). */
function stateDifferences(model: Record<string, JsonValue>, truth: Record<string, JsonValue>): StateDifferences {
  const out: StateDifferences = {};
  for (const key of Object.keys(truth)) {
    const has = Object.prototype.hasOwnProperty.call(model, key);
    if (!has || !pyEquals(model[key], truth[key])) out[key] = { model: has ? (model[key] as JsonValue) : null, ground_truth: truth[key] as JsonValue };
  }
  return out;
}
