import type { JsonValue } from "../../../core/json/index.js";
import type { PySeed } from "../../../core/python/index.js";

/**
 * `scenario.get("random_seed", default)` as a PyRandom seed: ints (an integral number past 2**53 is taken as
 * parsed) and strs as Python seeds them; any other value by its JSON text (Python would hash or refuse it).
 */
export function scenarioSeed(scenario: Readonly<Record<string, JsonValue>>, defaultSeed: number): PySeed {
  const seed = "random_seed" in scenario ? scenario.random_seed : defaultSeed;
  if (typeof seed === "number" && Number.isInteger(seed)) return BigInt(seed);
  return typeof seed === "string" ? seed : JSON.stringify(seed);
}
