import { ToolSchemaError } from "../errors.js";
import { isFloatAt } from "../json/index.js";
import { StringSink, type TextSink } from "../json/index.js";
import { pyJsonKey, pyJsonNumber, writePyJson, writePyJsonString } from "../python/index.js";
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
    return StringSink.collect((sink) => writeXlamTool(sink, source, work, false));
  },
};

/**
 * The tool's `json.dumps` text; `embedded`: escaped once more as the body of a JSON string (see
 * PyJsonDumpsOptions.embedded).
 */
function writeXlamTool(sink: TextSink, source: unknown, work: WorkTool, embedded: boolean): void {
  const src = source as Record<string, unknown>;
  const opts = embedded ? EMBEDDED : undefined;
  let first = true;
  for (const k in src) {
    sink.text(first ? "{" : ", ");
    sink.text(pyJsonKey(k, embedded));
    sink.text(": ");
    first = false;
    if (k === "name") writePyJsonString(sink, work.name, embedded);
    else if (k === "parameters") {
      const params = work.params;
      if (params.length === 0) sink.text("{}");
      for (let i = 0; i < params.length; i++) {
        const p = params[i] as WorkParam;
        sink.text(i === 0 ? "{" : ", ");
        writePyJsonString(sink, p.name, embedded);
        sink.text(": ");
        writePyJson(sink, p.schema, opts);
      }
      if (params.length > 0) sink.text("}");
    } else writeSlot(sink, src[k], isFloatAt(src, k), embedded);
  }
  sink.text(first ? "{}" : "}");
}

const EMBEDDED = { embedded: true } as const;

/** Python `json.dumps` of a value whose integral-float status is `float` (`embedded`: see writeXlamTool). */
export function dumpsSlot(value: unknown, float: boolean, embedded = false): string {
  return StringSink.collect((sink) => writeSlot(sink, value, float, embedded));
}

function writeSlot(sink: TextSink, value: unknown, float: boolean, embedded: boolean): void {
  if (typeof value === "number") sink.text(pyJsonNumber(value, float));
  else writePyJson(sink, value, embedded ? EMBEDDED : undefined);
}

/**
 * Python `json.dumps` of a tool list from its work view (`sources`: the parsed source tools);
 * `embedded`: escaped once more as the body of a JSON string, for a record that holds the text.
 */
export function dumpsXlamTools(sources: readonly unknown[], tools: readonly WorkTool[], embedded = false): string {
  return StringSink.collect((sink) => writeXlamTools(sink, sources, tools, embedded));
}

/** {@link dumpsXlamTools} appended to `sink`. */
export function writeXlamTools(sink: TextSink, sources: readonly unknown[], tools: readonly WorkTool[], embedded = false): void {
  if (tools.length === 0) return sink.text("[]");
  for (let i = 0; i < tools.length; i++) {
    const t = tools[i] as WorkTool;
    sink.text(i === 0 ? "[" : ", ");
    writeXlamTool(sink, sources[t.source], t, embedded);
  }
  sink.text("]");
}

/**
 * Python `json.dumps` of gold calls from their work view: each source answer object's keys in
 * order, `name` and `arguments` taken from the work view (`embedded`: as in dumpsXlamTools).
 */
export function dumpsXlamCalls(sources: readonly unknown[], calls: readonly WorkCall[], embedded = false): string {
  return StringSink.collect((sink) => writeXlamCalls(sink, sources, calls, embedded));
}

/** {@link dumpsXlamCalls} appended to `sink`. */
export function writeXlamCalls(sink: TextSink, sources: readonly unknown[], calls: readonly WorkCall[], embedded = false): void {
  if (calls.length === 0) return sink.text("[]");
  for (let i = 0; i < calls.length; i++) {
    const c = calls[i] as WorkCall;
    const src = sources[c.source] as Record<string, unknown>;
    sink.text(i === 0 ? "[{" : ", {");
    let first = true;
    for (const k in src) {
      if (!first) sink.text(", ");
      first = false;
      sink.text(pyJsonKey(k, embedded));
      sink.text(": ");
      if (k === "name") writePyJsonString(sink, c.name, embedded);
      else if (k === "arguments") writeArgs(sink, c, embedded);
      else writeSlot(sink, src[k], isFloatAt(src, k), embedded);
    }
    if (!Object.prototype.hasOwnProperty.call(src, "arguments")) {
      sink.text(first ? "" : ", ");
      sink.text(pyJsonKey("arguments", embedded));
      sink.text(": ");
      writeArgs(sink, c, embedded);
    }
    sink.text("}");
  }
  sink.text("]");
}

function writeArgs(sink: TextSink, c: WorkCall, embedded: boolean): void {
  if (c.args.length === 0) return sink.text("{}");
  for (let i = 0; i < c.args.length; i++) {
    const a = c.args[i] as WorkCall["args"][number];
    sink.text(i === 0 ? "{" : ", ");
    writePyJsonString(sink, a.key, embedded);
    sink.text(": ");
    writeSlot(sink, a.value, a.float, embedded);
  }
  sink.text("}");
}
