import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { cloneJson, parseJson, type JsonValue } from "../../src/core/json/index.js";
import { parsePythonValueAt, PyCall, pyJsonDumps, pyStr } from "../../src/core/python/index.js";
import { PyException, PyOpaque, type ApiReturn, type SimulatedApi } from "../../src/eval/multiturn/apis/SimulatedApi.js";

/**
 * Replays cases recorded from BFCL's official multi-turn code (scripts/bfcl/record_multi_turn.py)
 * on our simulated-API ports: the same call strings, the same per-entry instances, and the
 * result texts the official runner makes (`str` as is, a dict through `json.dumps`, anything else
 * through `str()`, an exception as `Error during execution: …`).
 */

export interface RecordedCase {
  id: string;
  initial_config: Record<string, JsonValue>;
  involved_classes: string[];
  long_context?: boolean;
  steps: string[][];
}

export interface Recording {
  id: string;
  results: string[][];
  state: Record<string, Record<string, JsonValue>>;
}

/** JSON Lines (gzip when the name ends in .gz), numbers kept lossless (float marks). */
export function readJsonLines<T>(path: string): T[] {
  const raw = readFileSync(path);
  const text = path.endsWith(".gz") ? gunzipSync(raw).toString("utf8") : raw.toString("utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l) => parseJson(l) as T);
}

/** The runner's text for a method's return value. */
export function resultText(value: ApiReturn): string {
  if (value instanceof PyOpaque) return value.pyStr;
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return pyJsonDumps(value);
  return pyStr(value);
}

/** Run one case's steps on fresh instances; returns the result texts and the instances. */
export function replay(
  c: RecordedCase,
  factories: Readonly<Record<string, () => SimulatedApi>>,
): { results: string[][]; instances: Record<string, SimulatedApi> } {
  const instances: Record<string, SimulatedApi> = {};
  for (const name of c.involved_classes) {
    const make = factories[name];
    if (!make) throw new Error(`no port of ${name}`);
    const api = make();
    const config = (c.initial_config[name] ?? {}) as Record<string, JsonValue>;
    api.loadScenario(cloneJson(config), c.long_context ?? false);
    instances[name] = api;
  }
  const methodOwner = (name: string) => Object.values(instances).find((api) => api.methods.has(name));
  const positional = (name: string) => methodOwner(name)?.methods.get(name)?.params.map((p) => p.name);
  const results = c.steps.map((step) =>
    step.map((source) => {
      const parsed = parsePythonValueAt(source, 0, true, undefined, positional).value;
      if (!(parsed instanceof PyCall)) throw new Error(`not a call: ${source}`);
      const method = methodOwner(parsed.name)?.methods.get(parsed.name);
      if (!method) throw new Error(`no method ${parsed.name} in ${c.id}`);
      try {
        return resultText(method.call(parsed.args as Record<string, JsonValue>));
      } catch (e) {
        if (e instanceof PyException) return `Error during execution: ${e.message}`;
        throw e;
      }
    }),
  );
  return { results, instances };
}
