import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

/**
 * Where the shared benchmark data lives: `../shared/data` beside the project root (developers
 * and CI), or $HAMMER_SHARED_DATA. Tests that need it skip with a message when it is absent.
 */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const SHARED_DATA = process.env.HAMMER_SHARED_DATA ?? path.resolve(REPO_ROOT, "../shared/data");
export const HAS_SHARED_DATA = existsSync(SHARED_DATA);
export const SKIP_SHARED_REASON = `shared data not found at ${SHARED_DATA} (set HAMMER_SHARED_DATA)`;

export function sharedPath(...parts: string[]): string {
  return path.join(SHARED_DATA, ...parts);
}
