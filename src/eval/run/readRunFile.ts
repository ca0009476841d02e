import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import { RUN_FILES } from "./runFiles.js";
import { RUN_CONFIG_KIND, type RunConfig, type RunSession } from "./types.js";
import { writeFileAtomic } from "./writeFileAtomic.js";

/** `DIR/run.json`: the run's config and its sessions. */
export interface RunFile {
  config: RunConfig;
  sessions: RunSession[];
}

/** The run.json of an earlier session, or null when the folder holds no run. */
export function readRunFile(dir: string): RunFile | null {
  const file = path.join(dir, RUN_FILES.config);
  if (!existsSync(file)) return null;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, "utf8"));
  } catch (e) {
    throw new HammerError("INPUT_INVALID", `not a valid run file (${e instanceof Error ? e.message : String(e)}); remove it or choose another --out`, { location: file, cause: e });
  }
  const v = value as { config?: { kind?: unknown }; sessions?: unknown } | null;
  if (v === null || typeof v !== "object" || v.config?.kind !== RUN_CONFIG_KIND || !Array.isArray(v.sessions)) {
    throw new HammerError("INPUT_INVALID", `not a hammer eval run file (expected {"config": {"kind": "${RUN_CONFIG_KIND}", …}, "sessions": […]})`, { location: file });
  }
  return value as RunFile;
}

export function writeRunFile(dir: string, run: RunFile): void {
  writeFileAtomic(path.join(dir, RUN_FILES.config), `${JSON.stringify(run, null, 2)}\n`);
}
