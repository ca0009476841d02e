import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { HammerError } from "../core/errors.js";

/**
 * The folder of the Python training engine (`trainer/`, with `hammer_trainer/` and `requirements.txt`),
 * beside `dist/` in an installed package and beside `src/` in a clone.
 */
export function trainerRoot(): string {
  const root = fileURLToPath(new URL("../../trainer/", import.meta.url));
  if (!existsSync(`${root}requirements.txt`)) {
    throw new HammerError("ENVIRONMENT", "the Python training engine (trainer/) is not installed with this copy of hammer-fc", { location: root });
  }
  return root.replace(/\/$/, "");
}
