import { execFileSync } from "node:child_process";

/** Whether `python3` runs here; tests that cross-check CPython semantics skip without it. */
export const HAS_PYTHON = (() => {
  try {
    execFileSync("python3", ["-c", "pass"]);
    return true;
  } catch {
    return false;
  }
})();

export const SKIP_PYTHON_REASON = "python3 is not on PATH: the CPython parity checks are skipped";

/** A parity suite's title, with the reason it is skipped when python3 is absent (use with `describe.skipIf(!HAS_PYTHON)`). */
export function cpythonTitle(title: string): string {
  return HAS_PYTHON ? title : `${title} (${SKIP_PYTHON_REASON})`;
}

/**
 * CPython's answers for many inputs from one process: each input goes to `script` as one JSON
 * line on stdin (in the script: `for line in sys.stdin: x = json.loads(line)`), and the script
 * prints one JSON line per input (with `json.dumps`, so lone surrogates travel as ASCII escapes).
 */
export function cpythonEach(script: string, inputs: readonly unknown[]): unknown[] {
  if (inputs.length === 0) return [];
  const out = execFileSync("python3", ["-c", script], {
    input: inputs.map((x) => JSON.stringify(x)).join("\n") + "\n",
    maxBuffer: 256 << 20,
    env: { ...process.env, PYTHONIOENCODING: "utf-8" },
  }).toString("utf8");
  const lines = out.split("\n");
  if (lines.at(-1) === "") lines.pop();
  if (lines.length !== inputs.length) throw new Error(`cpythonEach: ${inputs.length} inputs but ${lines.length} answers:\n${out.slice(0, 2000)}`);
  return lines.map((l) => JSON.parse(l) as unknown);
}
