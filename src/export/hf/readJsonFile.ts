import { readFile } from "node:fs/promises";
import { HammerError } from "../../core/errors.js";
import { parseJson, type JsonValue } from "../../core/json/index.js";

/** A JSON file of a model folder, parsed; undefined when absent and `optional`. */
export async function readJsonFile(file: string, optional: true): Promise<JsonValue | undefined>;
export async function readJsonFile(file: string, optional?: false): Promise<JsonValue>;
export async function readJsonFile(file: string, optional = false): Promise<JsonValue | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT" && optional) return undefined;
    throw new HammerError(code === "ENOENT" ? "NOT_FOUND" : "INPUT_INVALID", `${code === "ENOENT" ? "missing" : "cannot read"} ${file}`, { location: file, cause: e });
  }
  return parseJson(text, { source: file, floatMarks: false });
}

/** `value` as a plain object, or an INPUT_INVALID error naming the file. */
export function asObject(value: JsonValue | undefined, file: string): Record<string, JsonValue> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new HammerError("INPUT_INVALID", `${file} is not a JSON object`, { location: file });
  }
  return value;
}
