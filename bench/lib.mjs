// What every benchmark script shares: where the repository and its build are, and its flags.
import path from "node:path";
import { fileURLToPath } from "node:url";

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
/** A module of the compiled build, as an import specifier. */
export const dist = (p) => new URL(`../dist/${p}`, import.meta.url).href;
export const args = process.argv.slice(2);
/** The value after `--name`, or `def` when the flag is absent. */
export const flag = (name, def) => {
  const i = args.indexOf(name);
  return i === -1 ? def : args[i + 1];
};
/** The last line of a child's output, parsed: children print their figures as one JSON line at the end. */
export const lastJsonLine = (text) => JSON.parse(text.trim().split("\n").at(-1));

/** Five BFCL function docs (a function-calling workload the engine benchmarks share). */
export const FIVE_BFCL_DOCS = [
  { name: "calculate_triangle_area", description: "Area of a triangle.", parameters: { type: "dict", properties: { base: { type: "integer" }, height: { type: "integer" }, unit: { type: "string" } }, required: ["base", "height"] } },
  { name: "math.factorial", description: "Factorial of a number.", parameters: { type: "dict", properties: { number: { type: "integer" } }, required: ["number"] } },
  { name: "get_weather", description: "Current weather.", parameters: { type: "dict", properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] } }, required: ["city"] } },
  { name: "search_web", description: "Search the web.", parameters: { type: "dict", properties: { query: { type: "string" }, max_results: { type: "integer" } }, required: ["query"] } },
  { name: "send_email", description: "Send an email.", parameters: { type: "dict", properties: { to: { type: "string" }, subject: { type: "string" }, body: { type: "string" } }, required: ["to", "subject", "body"] } },
];
