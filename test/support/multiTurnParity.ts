import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import path from "node:path";
import { cloneJson, parseJson, type JsonValue } from "../../src/core/json/index.js";
import { parsePythonValueAt, PyCall, pyJsonDumps, pyStr } from "../../src/core/python/index.js";
import { pyKeyText } from "../../src/eval/multiturn/apis/pyValueOps.js";
import { API_CLASSES } from "../../src/eval/multiturn/apis/registry.js";
import { PyException, PyOpaque, type ApiReturn, type SimulatedApi } from "../../src/eval/multiturn/apis/SimulatedApi.js";
import { REPO_ROOT } from "./sharedData.js";

/**
 * Replays cases recorded from BFCL's official multi-turn code (scripts/bfcl/record_multi_turn.py)
 * on our simulated API ports: same call strings, same steps, same result texts expected.
 */

export interface RecordedCase {
  id: string;
  initial_config: Record<string, JsonValue>;
  involved_classes: string[];
  long_context?: boolean;
  steps: string[][];
  results: string[][];
  state: Record<string, Record<string, JsonValue>>;
}

/** The recorded cases of `src/eval/multiturn/__fixtures__/<name>.jsonl.gz`, joined with their inputs. */
export function loadRecordedCases(name: string): RecordedCase[] {
  const text = gunzipSync(readFileSync(path.join(REPO_ROOT, "src/eval/multiturn/__fixtures__", `${name}.jsonl.gz`))).toString("utf8");
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => parseJson(line) as unknown as RecordedCase);
}

/** What the official runner appends for one call's return value (`multi_turn_utils.execute_multi_turn_func_call`). */
export function resultText(value: ApiReturn): string {
  if (typeof value === "string") return value;
  if (value instanceof PyOpaque) return value.pyStr;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return pyJsonDumps(value);
  return pyStr(value);
}

/**
 * Run a case's steps on fresh instances; returns the result texts per step and the instances.
 * `make` builds each class's instance (default: the registry's; a test may pass options, such as a fixed "today").
 */
export function replay(
  c: RecordedCase,
  make: (className: string) => SimulatedApi | undefined = (name) => API_CLASSES[name]?.(),
): { results: string[][]; instances: Map<string, SimulatedApi> } {
  const instances = new Map<string, SimulatedApi>();
  for (const name of c.involved_classes) {
    const api = make(name);
    if (api === undefined) throw new Error(`no port of ${name}`);
    api.loadScenario(cloneJson((c.initial_config[name] ?? {}) as Record<string, JsonValue>), c.long_context ?? false);
    instances.set(name, api);
  }
  const methodOwner = new Map<string, SimulatedApi>();
  for (const api of instances.values()) for (const m of api.methods.keys()) methodOwner.set(m, api);
  const positional = (fn: string): string[] | undefined => methodOwner.get(fn)?.methods.get(fn)?.params.map((p) => p.name);
  const results = (c.steps.length === 0 ? [[]] : c.steps).map((step) =>
    step.map((text) => {
      const call = parsePythonValueAt(text, 0, true, undefined, positional).value;
      if (!(call instanceof PyCall)) throw new Error(`${c.id}: not a call: ${text}`);
      const owner = methodOwner.get(call.name);
      const method = owner?.methods.get(call.name);
      if (owner === undefined || method === undefined) throw new Error(`${c.id}: unknown method ${call.name}`);
      try {
        return resultText(method.call(call.args as Record<string, JsonValue>, owner));
      } catch (e) {
        if (e instanceof PyException) return `Error during execution: ${e.message}`;
        throw e;
      }
    }),
  );
  return { results, instances };
}

/** A recorded object (`{"__class__": name, ...}`) with its class tag and the named attributes dropped. */
export function withoutAttributes(v: JsonValue, drop: Readonly<Record<string, readonly string[]>>): JsonValue {
  if (Array.isArray(v)) return v.map((x) => withoutAttributes(x, drop));
  if (v === null || typeof v !== "object") return v;
  const cls = typeof v.__class__ === "string" ? v.__class__ : undefined;
  const out: Record<string, JsonValue> = {};
  for (const [k, x] of Object.entries(v)) {
    if (cls !== undefined && (k === "__class__" || (drop[cls] ?? []).includes(k))) continue;
    out[k] = withoutAttributes(x, drop);
  }
  return out;
}

/**
 * A case's recorded public state of `name` in the representation our port's `publicState` uses.
 * The recorder writes dict keys with `str(k)`: TwitterAPI's tweet ids are ints, a scenario's comment
 * keys strs (a key written both ways would collide; no case does that).
 */
export function recordedState(c: RecordedCase, name: string): Record<string, JsonValue> {
  const state = c.state[name] as Record<string, JsonValue>;
  if (name === "GorillaFileSystem") return withoutAttributes(state, { Directory: ["parent"] }) as Record<string, JsonValue>;
  if (name !== "TwitterAPI") return state;
  const loaded = ((c.initial_config.TwitterAPI as Record<string, JsonValue> | undefined)?.comments ?? {}) as Record<string, JsonValue>;
  const rekey = (d: JsonValue, keyOf: (k: string) => JsonValue): Record<string, JsonValue> =>
    Object.fromEntries(Object.entries(d as Record<string, JsonValue>).map(([k, v]) => [pyKeyText(keyOf(k)), v]));
  return {
    ...state,
    tweets: rekey(state.tweets as JsonValue, Number),
    comments: rekey(state.comments as JsonValue, (k) => (Object.prototype.hasOwnProperty.call(loaded, k) ? k : Number(k))),
    retweets: rekey(state.retweets as JsonValue, (k) => k),
  };
}
