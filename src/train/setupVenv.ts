import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { HammerError } from "../core/errors.js";
import { trainerRoot } from "./trainerRoot.js";
import { readMarker, VENV_MARKER, venvLocation, type VenvLocation, type VenvMarker } from "./trainerVenv.js";
import { trainerEnv } from "./trainerEnv.js";

export interface SetupOptions {
  /** The Python that creates the virtualenv. Default `python3` (`python` on Windows). */
  python?: string;
  /** Rebuild even when a finished virtualenv exists. */
  force?: boolean;
  /** Where virtualenvs live (default `defaultVenvRoot()`). */
  venvRoot?: string;
  /** Progress lines (pip's output included). Default: stderr. */
  log?: (line: string) => void;
}

export interface SetupResult {
  location: VenvLocation;
  /** reused: finished before; adopted: a complete install without our marker, checked and marked; created: installed now. */
  action: "reused" | "adopted" | "created";
  versions: Record<string, string>;
}

/**
 * Create or reuse the trainer's virtualenv, keyed by the requirements' hash. A folder without the marker
 * (written last) is a partial install — or one made by hand: it is kept when every pin checks out, else
 * removed and rebuilt.
 */
export async function setupVenv(options: SetupOptions = {}): Promise<SetupResult> {
  const root = trainerRoot();
  const loc = venvLocation(root, options.venvRoot);
  const log = options.log ?? ((line: string) => process.stderr.write(`${line}\n`));
  const marker = readMarker(loc.dir);
  if (!options.force && marker?.key === loc.key && existsSync(loc.python)) {
    return { location: loc, action: "reused", versions: marker.versions };
  }
  if (!options.force && !marker && existsSync(loc.python)) {
    const env = await trainerEnv(loc.python, root).catch(() => undefined);
    if (env && env.mismatched.length === 0) {
      await writeMarker(loc, env.versions, true);
      log(`hammer: found a complete trainer environment at ${loc.dir}; marked it as ready`);
      return { location: loc, action: "adopted", versions: env.versions };
    }
    log(`hammer: ${loc.dir} is incomplete or out of date; rebuilding it`);
  }
  await rm(loc.dir, { recursive: true, force: true });
  const python = options.python ?? (process.platform === "win32" ? "python" : "python3");
  log(`hammer: creating ${loc.dir} with ${python} (the first install downloads about 3 GB: a few minutes)`);
  await runLogged(python, ["-m", "venv", loc.dir], log, `cannot create a virtualenv with ${python} (is Python 3.10+ with the venv module installed?)`);
  await runLogged(loc.python, ["-m", "pip", "install", "--no-input", "--disable-pip-version-check", "-r", loc.requirements], log, "pip could not install the trainer's requirements (see its output above)");
  const env = await trainerEnv(loc.python, root);
  if (env.mismatched.length > 0) {
    const first = env.mismatched[0] as { name: string; want: string; got: string | null };
    throw new HammerError("ENVIRONMENT", `after pip install, ${first.name} is ${first.got ?? "missing"} (pinned ${first.want})`, { location: loc.dir });
  }
  await writeMarker(loc, env.versions, false);
  return { location: loc, action: "created", versions: env.versions };
}

async function writeMarker(loc: VenvLocation, versions: Record<string, string>, adopted: boolean): Promise<void> {
  const marker: VenvMarker = {
    key: loc.key,
    requirements: await readFile(loc.requirements, "utf8"),
    python: loc.python,
    versions,
    createdAt: new Date().toISOString(),
    ...(adopted ? { adopted } : {}),
  };
  await writeFile(path.join(loc.dir, VENV_MARKER), `${JSON.stringify(marker, null, 2)}\n`);
}

function runLogged(cmd: string, args: string[], log: (line: string) => void, failure: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, PIP_DISABLE_PIP_VERSION_CHECK: "1" } });
    let tail = "";
    const forward = (chunk: Buffer) => {
      const text = chunk.toString("utf8");
      tail = (tail + text).slice(-2000);
      for (const line of text.split("\n")) if (line.trim()) log(line.trimEnd());
    };
    child.stdout.on("data", forward);
    child.stderr.on("data", forward);
    child.on("error", (e) => reject(new HammerError("ENVIRONMENT", `${failure}: ${e.message}`, { location: cmd, cause: e })));
    child.on("close", (code) => {
      if (code === 0) resolve();
      else reject(new HammerError("ENVIRONMENT", `${failure} (exit ${code}): ${tail.trim().split("\n").at(-1) ?? ""}`, { location: cmd }));
    });
  });
}
