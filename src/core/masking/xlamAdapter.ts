import { ToolSchemaError } from "../errors.js";
import { isFloatAt } from "../json/index.js";
import { pyJsonDumps, pyJsonNumber, pyJsonString, pyJsonStringEmbedded } from "../json/index.js";
import { isPlainObject } from "./slots.js";
import type { ToolAdapter, WorkCall, WorkTool } from "./types.js";

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
  const parts: string[] = [];
  for (const k of Object.keys(src)) {
    let v: string;
    if (k === "name") v = quote(work.name);
    else if (k === "parameters") v = `{${work.params.map((p) => `${quote(p.name)}: ${pyJsonDumps(p.schema, opts)}`).join(", ")}}`;
    else v = dumpsSlot(src[k], isFloatAt(src, k), embedded);
    parts.push(`${quote(k)}: ${v}`);
  }
  return `{${parts.join(", ")}}`;
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
  return `[${tools.map((t) => writeXlamTool(sources[t.source], t, embedded)).join(", ")}]`;
}

/**
 * Python `json.dumps` of gold calls from their work view: each source answer object's keys in
 * order, `name` and `arguments` taken from the work view (`embedded`: as in dumpsXlamTools).
 */
export function dumpsXlamCalls(sources: readonly unknown[], calls: readonly WorkCall[], embedded = false): string {
  const quote = embedded ? pyJsonStringEmbedded : pyJsonString;
  const items = calls.map((c) => {
    const src = sources[c.source] as Record<string, unknown>;
    const keys = Object.keys(src);
    if (!keys.includes("arguments")) keys.push("arguments");
    return `{${keys
      .map((k) => {
        let v: string;
        if (k === "name") v = quote(c.name);
        else if (k === "arguments") v = `{${c.args.map((a) => `${quote(a.key)}: ${dumpsSlot(a.value, a.float, embedded)}`).join(", ")}}`;
        else v = dumpsSlot(src[k], isFloatAt(src, k), embedded);
        return `${quote(k)}: ${v}`;
      })
      .join(", ")}}`;
  });
  return `[${items.join(", ")}]`;
}
