import os from "node:os";
import path from "node:path";

/**
 * Where `hammer datasets fetch` puts files by default: `$XDG_CACHE_HOME/hammer-fc/datasets`,
 * else the platform cache folder (`~/.cache` on Linux, `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows) + `hammer-fc/datasets`.
 */
export function defaultDatasetsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform, home = os.homedir()): string {
  if (env.XDG_CACHE_HOME) return path.join(env.XDG_CACHE_HOME, "hammer-fc", "datasets");
  if (platform === "darwin") return path.join(home, "Library", "Caches", "hammer-fc", "datasets");
  if (platform === "win32") return path.join(env.LOCALAPPDATA ?? path.join(home, "AppData", "Local"), "hammer-fc", "datasets");
  return path.join(home, ".cache", "hammer-fc", "datasets");
}
