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
