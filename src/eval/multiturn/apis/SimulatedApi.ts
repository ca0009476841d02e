import type { JsonValue } from "../../../core/json/index.js";

/**
 * The contract between BFCL v3's simulated APIs (our TypeScript ports of the official
 * `func_source_code/*.py` classes) and the multi-turn runner / checker.
 *
 * Values are Python values as JSON-like data: a Python float that is integral (`45.0`) is a number
 * marked with core/json's `markFloat` in its container, so `str()` / `json.dumps` print it as Python
 * does; `None` is `null`.
 */

/** One parameter of a simulated method, in the Python signature's order (positional calls bind by it). */
export interface PyParam {
  readonly name: string;
  /** The Python parameter has a default: it may be left out (and `None` replaces the default when passed). */
  readonly hasDefault: boolean;
}

/** A value whose Python `str()` the port fixes itself (a return value that is not JSON-like). */
export class PyOpaque {
  constructor(readonly pyStr: string) {}
}

/** What a method returns, as Python sees it. */
export type ApiReturn = JsonValue | PyOpaque;

/** An exception the Python method raises; the runner writes it as `Error during execution: <message>`. */
export class PyException extends Error {}

/**
 * One public method of a simulated API. A port may share one method table among its instances
 * (the method then works on the instance it is given) or bind its methods per instance.
 */
export interface ApiMethod {
  readonly params: readonly PyParam[];
  /** Keyword arguments after binding (positional ones already bound by `params`), on `self`. Throws PyException. */
  call(args: Readonly<Record<string, JsonValue>>, self: SimulatedApi): ApiReturn;
}

/**
 * One instance of a simulated API class, as the official runner holds it per entry. Instances
 * loaded alike and given the same calls give the same results and states (nothing outside the
 * instance is read or changed, but TravelAPI's date of today): the checker runs one instance for
 * both sides of a check while the model's calls are the ground truth's.
 */
export interface SimulatedApi {
  /** The Python class name (`GorillaFileSystem`, `MathAPI`, …), as BFCL's `involved_classes` name it. */
  readonly className: string;
  /**
   * True when `loadScenario` keeps only its own copies of the scenario's data: the session then
   * hands it the entry's config itself instead of a deep copy (set up twice per checked entry).
   */
  readonly copiesScenario?: boolean;
  /** Python `_load_scenario(scenario, long_context)`; stateless classes ignore it. */
  loadScenario(scenario: Readonly<Record<string, JsonValue>>, longContext: boolean): void;
  /** The public methods by name. */
  readonly methods: ReadonlyMap<string, ApiMethod>;
  /**
   * Every public attribute (`vars(instance)` without names starting with `_`) as a JSON-like value such that
   * core/python's `pyEquals` on two of them gives Python's `==` verdict on the two instances' attributes
   * (objects with an `__eq__` become the plain data their `__eq__` compares). Values may be the
   * instance's live data, not copies (the checker compares states after every turn): read them, never
   * change them, and copy what must outlive the next call.
   */
  publicState(): Record<string, JsonValue>;
}
