import { HammerError } from "../../core/errors.js";
import { cloneJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";

type Json = Record<string, unknown>;

/**
 * Tools JSON of a Hammer 1.0/2.0 (`hammer/`) eval record. The released files tweak the source
 * tools by shape (each rule below reproduces every record of the four released sets) and dump
 * them with `ensure_ascii=False`. The input is not modified.
 */
export function renderHammerTools(tools: readonly unknown[]): string {
  return pyJsonDumps(
    tools.map((tool, i) => tweakTool(cloneJson(tool), i)),
    { ensureAscii: false },
  );
}

function tweakTool(tool: unknown, index: number): unknown {
  if (!isObject(tool)) return tool;
  const params = tool.parameters;
  if (!isObject(params)) return tool;
  const at = `/tools/${index}/parameters`;
  if (Array.isArray(tool.required)) {
    // Seal-Tools (a tool-level `required` list): the list and every parameter's own `required`
    // flag are dropped, and each description says ".Required is true." / ".Required is false.".
    const required = new Set(tool.required);
    delete tool.required;
    for (const [name, spec] of entries(params, at)) {
      const isRequired = spec.required === true || required.has(name);
      delete spec.required;
      appendToDescription(spec, isRequired ? ".Required is true." : ".Required is false.", `${at}/${token(name)}`);
    }
    return tool;
  }
  for (const [name, spec] of entries(params, at)) {
    // Tool-Alpaca (per-parameter `"required": true`): the flag stays and the description says so.
    if (spec.required === true) appendToDescription(spec, " Required is true.", `${at}/${token(name)}`);
    // API-Bank (tools carry a `return` spec): a backtick in a parameter description is escaped.
    if ("return" in tool && typeof spec.description === "string") spec.description = spec.description.replaceAll("`", "\\`");
  }
  return tool;
}

function entries(params: Json, at: string): Array<[string, Json]> {
  return Object.keys(params).map((name) => {
    const spec = params[name];
    if (!isObject(spec)) throw new HammerError("INPUT_INVALID", `parameter ${JSON.stringify(name)} is not an object`, { location: `${at}/${token(name)}` });
    return [name, spec];
  });
}

function appendToDescription(spec: Json, suffix: string, at: string): void {
  if (typeof spec.description !== "string") {
    throw new HammerError("INPUT_INVALID", "a parameter with a required flag needs a string description", { location: `${at}/description` });
  }
  spec.description += suffix;
}

function isObject(v: unknown): v is Json {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** JSON Pointer escaping of one reference token. */
function token(key: string): string {
  return key.replaceAll("~", "~0").replaceAll("/", "~1");
}
