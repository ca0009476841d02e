import { ToolSchemaError } from "../errors.js";
import { isFloatAt } from "../json/index.js";
import { pyJsonDumps, pyJsonNumber, pyJsonString } from "../json/index.js";
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
    const src = source as Record<string, unknown>;
    const parts: string[] = [];
    for (const k of Object.keys(src)) {
      let v: string;
      if (k === "name") v = pyJsonString(work.name);
      else if (k === "parameters") v = `{${work.params.map((p) => `${pyJsonString(p.name)}: ${pyJsonDumps(p.schema)}`).join(", ")}}`;
      else v = dumpsSlot(src[k], isFloatAt(src, k));
      parts.push(`${pyJsonString(k)}: ${v}`);
    }
    return `{${parts.join(", ")}}`;
  },
};

/** Python `json.dumps` of a value whose integral-float status is `float`. */
export function dumpsSlot(value: unknown, float: boolean): string {
  return typeof value === "number" ? pyJsonNumber(value, float) : pyJsonDumps(value);
}

/** Python `json.dumps` of a tool list from its work view (`sources`: the parsed source tools). */
export function dumpsXlamTools(sources: readonly unknown[], tools: readonly WorkTool[]): string {
  return `[${tools.map((t) => xlamToolAdapter.write(sources[t.source], t)).join(", ")}]`;
}

/**
 * Python `json.dumps` of gold calls from their work view: each source answer object's keys in
 * order, `name` and `arguments` taken from the work view.
 */
export function dumpsXlamCalls(sources: readonly unknown[], calls: readonly WorkCall[]): string {
  const items = calls.map((c) => {
    const src = sources[c.source] as Record<string, unknown>;
    const keys = Object.keys(src);
    if (!keys.includes("arguments")) keys.push("arguments");
    return `{${keys
      .map((k) => {
        let v: string;
        if (k === "name") v = pyJsonString(c.name);
        else if (k === "arguments") v = `{${c.args.map((a) => `${pyJsonString(a.key)}: ${dumpsSlot(a.value, a.float)}`).join(", ")}}`;
        else v = dumpsSlot(src[k], isFloatAt(src, k));
        return `${pyJsonString(k)}: ${v}`;
      })
      .join(", ")}}`;
  });
  return `[${items.join(", ")}]`;
}
