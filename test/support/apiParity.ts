import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parseJson, type JsonValue } from "../../src/core/json/index.js";
import { parsePythonValueAt, PyCall, pyEquals, pyJsonDumps, pyStr } from "../../src/core/python/index.js";
import { PyException, PyOpaque, type ApiReturn, type SimulatedApi } from "../../src/eval/multiturn/apis/SimulatedApi.js";

/**
 * Parity fixtures of one simulated API (scripts/bfcl/record_api_fixture.py): each line a case, as the
 * official code ran it, with its `results` and final public `state`.
 */
export interface RecordedApiCase {
  id: string;
  initial_config: Record<string, Record<string, JsonValue>>;
  long_context: boolean;
  steps: string[][];
  results: string[][];
  state: Record<string, Record<string, JsonValue>>;
}

export function readApiFixture(url: URL): RecordedApiCase[] {
  const text = gunzipSync(readFileSync(url)).toString("utf8");
  return text
    .split("\n")
    .filter((l) => l.trim() !== "")
    .map((l, i) => parseJson(l, { source: `${url.pathname}:${i + 1}` }) as unknown as RecordedApiCase);
}

/** The official runner's text for a return value: a str as is, a dict through json.dumps, anything else str(). */
export function resultText(value: ApiReturn): string {
  if (value instanceof PyOpaque) return value.pyStr;
  if (typeof value === "string") return value;
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return pyJsonDumps(value);
  return pyStr(value);
}

/** Runs one call string (keyword or positional arguments, bound by the method's Python signature). */
export function runCall(api: SimulatedApi, call: string): string {
  const positional = (name: string): readonly string[] | undefined => api.methods.get(name)?.params.map((p) => p.name);
  const parsed = parsePythonValueAt(call, 0, true, undefined, positional).value;
  if (!(parsed instanceof PyCall)) throw new Error(`not a call: ${call}`);
  const method = api.methods.get(parsed.name);
  if (!method) throw new Error(`${api.className} has no method ${parsed.name} (case calls ${call})`);
  try {
    return resultText(method.call(parsed.args as Record<string, JsonValue>));
  } catch (e) {
    if (e instanceof PyException) return `Error during execution: ${e.message}`;
    throw e;
  }
}

/** Replays a recorded case on a fresh instance: the result texts of every step and the final public state. */
export function replayCase(make: () => SimulatedApi, recorded: RecordedApiCase): { results: string[][]; state: Record<string, JsonValue> } {
  const api = make();
  api.loadScenario(recorded.initial_config[api.className] ?? {}, recorded.long_context);
  const results = (recorded.steps.length === 0 ? [[]] : recorded.steps).map((step) => step.map((call) => runCall(api, call)));
  return { results, state: api.publicState() };
}

/** Python `==` between our public state and the recorded one (vitest's diff shows where they differ). */
export function statesEqual(ours: Record<string, JsonValue>, recorded: Record<string, JsonValue>): boolean {
  return pyEquals(ours, recorded);
}
