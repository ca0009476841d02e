import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import { KNOWN_MODELS } from "./knownModels.js";
import { defaultModelsDir } from "./modelsDir.js";
import { parseHfRef } from "./parseHfRef.js";
import { parsePypiRef } from "./parsePypiRef.js";

export interface CachedModel {
  /** Absolute path of the GGUF file. */
  path: string;
  sizeBytes: number;
  /** The known model's short name, when the file is one. */
  name?: string;
  /** The reference that downloads this file again, when it can be told from the path. */
  ref?: string;
}

/** The GGUF files in the model cache (partial downloads and temp files left out), sorted by path. */
export async function listCachedModels(cacheDir: string = defaultModelsDir()): Promise<CachedModel[]> {
  const root = path.resolve(cacheDir);
  const known = new Map(KNOWN_MODELS.map((m) => [cachePathOf(root, m.ref), m] as const));
  const out: CachedModel[] = [];
  for (const file of await walk(root, 6)) {
    if (!file.toLowerCase().endsWith(".gguf")) continue;
    const info = await stat(file);
    const m = known.get(file);
    out.push({ path: file, sizeBytes: info.size, ...(m ? { name: m.name, ref: m.ref } : refFromPath(root, file)) });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Where resolveModel caches a reference's file (main branch for `hf:`). */
export function cachePathOf(root: string, ref: string): string {
  if (ref.startsWith("pypi:")) {
    const p = parsePypiRef(ref);
    return path.join(root, "pypi", `${p.project}-${p.version}`, path.basename(p.member));
  }
  const hf = parseHfRef(ref);
  return path.join(root, hf.owner, hf.branch === "main" ? hf.repo : `${hf.repo}@${hf.branch.replaceAll("/", "_")}`, hf.file);
}

function refFromPath(root: string, file: string): { ref?: string } {
  const parts = path.relative(root, file).split(path.sep);
  if (parts[0] === "pypi" || parts.length < 3) return {};
  const [owner, repo, ...rest] = parts as [string, string, ...string[]];
  const at = repo.indexOf("@");
  return { ref: at < 0 ? `hf:${owner}/${repo}/${rest.join("/")}` : `hf:${owner}/${repo.slice(0, at)}/${rest.join("/")}#${repo.slice(at + 1)}` };
}

async function walk(dir: string, depth: number): Promise<string[]> {
  if (depth < 0) return [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return []; // no cache yet
  }
  const files: string[] = [];
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) files.push(...(await walk(full, depth - 1)));
    else if (e.isFile()) files.push(full);
  }
  return files;
}
