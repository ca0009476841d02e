import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { HammerError } from "../core/errors.js";

/** Written last by `hammer train setup`: a venv folder without it is partial or foreign, and is rebuilt. */
export const VENV_MARKER = ".hammer-venv.json";

export interface VenvMarker {
  key: string;
  requirements: string;
  python: string;
  versions: Record<string, string>;
  createdAt: string;
  adopted?: boolean;
}

/** The first 16 hex digits of the requirements file's sha256: one virtualenv per set of pins. */
export function venvKey(requirementsText: string | Buffer): string {
  return createHash("sha256").update(requirementsText).digest("hex").slice(0, 16);
}

/**
 * Where virtualenvs live: `$HAMMER_VENV_DIR`, else `hammer-fc/venv` in the user's cache folder
 * (the same cache as models: `$XDG_CACHE_HOME` or `~/.cache`, `~/Library/Caches`, `%LOCALAPPDATA%`),
 * outside the clone so CI and every checkout reuse one install.
 */
export function defaultVenvRoot(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.HAMMER_VENV_DIR) return path.resolve(env.HAMMER_VENV_DIR);
  const home = os.homedir();
  let cache: string;
  if (platform === "darwin") cache = path.join(home, "Library", "Caches");
  else if (platform === "win32") cache = env.LOCALAPPDATA ?? path.join(home, "AppData", "Local");
  else cache = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, ".cache");
  return path.join(cache, "hammer-fc", "venv");
}

export interface VenvLocation {
  dir: string;
  python: string;
  key: string;
  requirements: string;
}

export function venvLocation(trainerDir: string, root: string = defaultVenvRoot()): VenvLocation {
  const requirements = path.join(trainerDir, "requirements.txt");
  const key = venvKey(readFileSync(requirements));
  const dir = path.join(root, key);
  const python = process.platform === "win32" ? path.join(dir, "Scripts", "python.exe") : path.join(dir, "bin", "python");
  return { dir, python, key, requirements };
}

export function readMarker(dir: string): VenvMarker | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, VENV_MARKER), "utf8")) as VenvMarker;
  } catch {
    return undefined;
  }
}

/** The venv's Python when `hammer train setup` finished it; otherwise one clear ENVIRONMENT error. */
export function trainerPython(loc: VenvLocation): string {
  const marker = readMarker(loc.dir);
  if (marker?.key === loc.key && existsSync(loc.python)) return loc.python;
  const what = existsSync(loc.dir) ? `is incomplete (no ${VENV_MARKER})` : "does not exist";
  throw new HammerError("ENVIRONMENT", `the trainer's Python environment ${what}: run \`hammer train setup\` (about 6 minutes and 3 GB the first time)`, {
    location: loc.dir,
  });
}

/** `name==version` pins of a requirements file. */
export function readPins(requirementsText: string): Record<string, string> {
  const pins: Record<string, string> = {};
  for (const raw of requirementsText.split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    const m = /^([A-Za-z0-9_.-]+)\s*==\s*([^\s;]+)/.exec(line);
    if (m) pins[(m[1] as string).toLowerCase()] = m[2] as string;
  }
  return pins;
}
