import { ToolSchemaError } from "../errors.js";
import { isFloatAt } from "../json/index.js";
import { pyJsonDumps, pyJsonKey, pyJsonNumber, pyJsonString, pyJsonStringEmbedded } from "../json/index.js";
import { isPlainObject } from "./slots.js";
import type { ToolAdapter, WorkCall, WorkParam, WorkTool } from "./types.js";

/**
 * xLAM raw tools `{name, description, parameters: {<param>: {description, type, default?}}}`
 * (the data pipeline's). `write` returns the tool's Python `json.dumps` text, built from the
 * work view's ordered parameter list so key order is exactly Python's even for keys a
 * JavaScript object would reorder (digit-only names, possible in `faithful` mode).
 */
export const xlamToolAdapter: ToolAdapter<unknown, string> = {
  read(tool: unknown, index: number): WorkTool {
    if (!isPlainObject(tool) || typeof tool.name !== "string") {
      throw new ToolSchemaError(`#${index}`, "/name", "an xLAM tool must be an object with a string name");
    }
    const params = tool.parameters;
    if (!isPlainObject(params)) {
      throw new ToolSchemaError(tool.name, "/parameters", "must be an object (xLAM's flat map of parameter name → {description, type, default})");
    }
    if (params.type === "object" && isPlainObject(params.properties)) {
      throw new ToolSchemaError(tool.name, "/parameters", "is a JSON Schema object; xLAM tools have a flat map of parameter name → schema");
    }
    const names = Object.keys(params);
    for (const k of names) {
      if (!isPlainObject(params[k])) throw new ToolSchemaError(tool.name, `/parameters/${k}`, "a parameter's schema must be an object");
    }
    return { name: tool.name, original: tool.name, source: index, params: names.map((k) => ({ name: k, original: k, schema: params[k] })) };
  },

  write(source: unknown, work: WorkTool): string {
    return writeXlamTool(source, work, false);
  },
};

/**
 * The tool's `json.dumps` text; `embedded`: escaped once more as the body of a JSON string (see
 * PyJsonDumpsOptions.embedded).
 */
function writeXlamTool(source: unknown, work: WorkTool, embedded: boolean): string {
  const src = source as Record<string, unknown>;
  const quote = embedded ? pyJsonStringEmbedded : pyJsonString;
  const opts = embedded ? EMBEDDED : undefined;
  let out = "{";
  let first = true;
  for (const k in src) {
    out += `${first ? "" : ", "}${pyJsonKey(k, embedded)}: `;
    first = false;
    if (k === "name") out += quote(work.name);
    else if (k === "parameters") {
      out += "{";
      const params = work.params;
      for (let i = 0; i < params.length; i++) {
        const p = params[i] as WorkParam;
        out += `${i === 0 ? "" : ", "}${quote(p.name)}: ${pyJsonDumps(p.schema, opts)}`;
      }
      out += "}";
    } else out += dumpsSlot(src[k], isFloatAt(src, k), embedded);
  }
  return `${out}}`;
}

const EMBEDDED = { embedded: true } as const;

/** Python `json.dumps` of a value whose integral-float status is `float` (`embedded`: see writeXlamTool). */
export function dumpsSlot(value: unknown, float: boolean, embedded = false): string {
  return typeof value === "number" ? pyJsonNumber(value, float) : pyJsonDumps(value, embedded ? EMBEDDED : undefined);
}

/**
 * Python `json.dumps` of a tool list from its work view (`sources`: the parsed source tools);
 * `embedded`: escaped once more as the body of a JSON string, for a record that holds the text.
 */
export function dumpsXlamTools(sources: readonly unknown[], tools: readonly WorkTool[], embedded = false): string {
  let out = "[";
  for (let i = 0; i < tools.length; i++) {
    const t = tools[i] as WorkTool;
    out += (i === 0 ? "" : ", ") + writeXlamTool(sources[t.source], t, embedded);
  }
  return `${out}]`;
}

/**
 * Python `json.dumps` of gold calls from their work view: each source answer object's keys in
 * order, `name` and `arguments` taken from the work view (`embedded`: as in dumpsXlamTools).
 */
export function dumpsXlamCalls(sources: readonly unknown[], calls: readonly WorkCall[], embedded = false): string {
  const quote = embedded ? pyJsonStringEmbedded : pyJsonString;
  let out = "[";
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as WorkCall;
    const src = sources[c.source] as Record<string, unknown>;
    out += i === 0 ? "{" : ", {";
    let first = true;
    const field = (k: string, v: string): void => {
      out += `${first ? "" : ", "}${pyJsonKey(k, embedded)}: ${v}`;
      first = false;
    };
    for (const k in src) {
      if (k === "name") field(k, quote(c.name));
      else if (k === "arguments") field(k, dumpsArgs(c, quote, embedded));
      else field(k, dumpsSlot(src[k], isFloatAt(src, k), embedded));
    }
    if (!Object.prototype.hasOwnProperty.call(src, "arguments")) field("arguments", dumpsArgs(c, quote, embedded));
    out += "}";
  }
  return `${out}]`;
}

function dumpsArgs(c: WorkCall, quote: (s: string) => string, embedded: boolean): string {
  let out = "{";
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i] as WorkCall["args"][number];
    out += `${i === 0 ? "" : ", "}${quote(a.key)}: ${dumpsSlot(a.value, a.float, embedded)}`;
  }
  return `${out}}`;
}
