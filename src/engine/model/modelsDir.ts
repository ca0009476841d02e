import os from "node:os";
import path from "node:path";

/**
 * Where downloaded models are cached: `$HAMMER_MODELS_DIR`, else `hammer-fc/models` in the user's
 * cache folder (`$XDG_CACHE_HOME` or `~/.cache` on Linux, `~/Library/Caches` on macOS,
 * `%LOCALAPPDATA%` on Windows).
 */
export function defaultModelsDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.HAMMER_MODELS_DIR) return path.resolve(env.HAMMER_MODELS_DIR);
  const home = os.homedir();
  let cache: string;
  if (platform === "darwin") cache = path.join(home, "Library", "Caches");
  else if (platform === "win32") cache = env.LOCALAPPDATA ?? path.join(home, "AppData", "Local");
  else cache = env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME) ? env.XDG_CACHE_HOME : path.join(home, ".cache");
  return path.join(cache, "hammer-fc", "models");
}
