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
