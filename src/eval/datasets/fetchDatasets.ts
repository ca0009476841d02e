import { createWriteStream, existsSync } from "node:fs";
import { copyFile, mkdir, rename, stat, unlink } from "node:fs/promises";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import { fromSystemError } from "../../core/fromSystemError.js";
import { DATASET_MANIFEST, manifestUrl, type DatasetGroup, type ManifestFile } from "./manifest.js";
import { verifyDatasetFile } from "./verifyDatasetFile.js";

export type FetchStatus = "present" | "fetched" | "not in mirror" | "failed";

export interface FetchedFile {
  path: string;
  status: FetchStatus;
  /** Why it failed (HTTP status, size or hash mismatch). */
  detail?: string;
}

export interface FetchProgress {
  path: string;
  received: number;
  /** Expected size, when the manifest or the server knows it. */
  total?: number;
}

export interface FetchDatasetsOptions {
  /** Destination data dir. */
  to: string;
  /** Copy from a local mirror in the same layout instead of downloading. */
  from?: string;
  /** Override download bases per group (default: the pinned raw.githubusercontent.com URLs). */
  baseUrls?: Partial<Record<DatasetGroup, string>>;
  /** Only these files (manifest paths); default all. */
  manifest?: readonly ManifestFile[];
  onProgress?: (p: FetchProgress) => void;
  /** Called when a file is done. */
  onFile?: (f: FetchedFile) => void;
  /** Per-file time limit for downloads, ms (default 120 s). */
  timeoutMs?: number;
}

/**
 * Bring the pinned dataset files into `to`, verifying size and hash. Files already present and
 * valid are kept. Each file is written to `<name>.part` and renamed only once verified (atomic);
 * an interrupted download resumes from its `.part` with an HTTP Range request. A mirror (`from`)
 * missing a file is reported, not an error. A network failure stops with one NETWORK error.
 */
export async function fetchDatasets(options: FetchDatasetsOptions): Promise<FetchedFile[]> {
  const results: FetchedFile[] = [];
  if (options.from !== undefined && !existsSync(options.from)) {
    throw new HammerError("NOT_FOUND", "mirror folder not found", { location: options.from });
  }
  for (const entry of options.manifest ?? DATASET_MANIFEST) {
    const dest = path.join(options.to, ...entry.path.split("/"));
    let r: FetchedFile;
    if ((await verifyDatasetFile(dest, entry)).status === "ok") r = { path: entry.path, status: "present" };
    else {
      try {
        await mkdir(path.dirname(dest), { recursive: true });
        r = options.from !== undefined ? await copyFromMirror(options.from, entry, dest) : await download(entry, dest, options);
      } catch (e) {
        // a HammerError (the network's) passes as it is; a failed write names its file
        throw fromSystemError(e, `cannot write ${entry.path}`, dest);
      }
    }
    results.push(r);
    options.onFile?.(r);
  }
  return results;
}

async function copyFromMirror(mirror: string, entry: ManifestFile, dest: string): Promise<FetchedFile> {
  const src = path.join(mirror, ...entry.path.split("/"));
  if (!existsSync(src)) return { path: entry.path, status: "not in mirror" };
  const part = `${dest}.part`;
  await copyFile(src, part);
  return finish(entry, part, dest);
}

/** Verify the `.part` file and move it into place, or delete it. */
async function finish(entry: ManifestFile, part: string, dest: string): Promise<FetchedFile> {
  const check = await verifyDatasetFile(part, entry);
  if (check.status !== "ok") {
    await unlink(part).catch(() => undefined);
    const want = entry.size !== undefined ? ` (expected ${entry.size} bytes, got ${check.size ?? 0})` : "";
    return { path: entry.path, status: "failed", detail: `${check.status}${check.status === "size mismatch" ? want : ""}` };
  }
  await rename(part, dest);
  return { path: entry.path, status: "fetched" };
}

async function download(entry: ManifestFile, dest: string, options: FetchDatasetsOptions): Promise<FetchedFile> {
  const part = `${dest}.part`;
  const url = manifestUrl(entry, options.baseUrls);
  let resumeFrom = 0;
  try {
    const st = await stat(part);
    if (entry.size === undefined || st.size < entry.size) resumeFrom = st.size;
  } catch {
    // no partial download
  }
  const first = await downloadTo(url, entry, part, resumeFrom, options);
  if (first) return first;
  const r = await finish(entry, part, dest);
  if (r.status === "failed" && resumeFrom > 0) {
    // A stale partial file may be the culprit: start over once.
    const again = await downloadTo(url, entry, part, 0, options);
    return again ?? finish(entry, part, dest);
  }
  return r;
}

/** Write the response into `part` (appending on 206); returns a failure, or null when written. */
async function downloadTo(url: string, entry: ManifestFile, part: string, offset: number, options: FetchDatasetsOptions): Promise<FetchedFile | null> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: offset > 0 ? { Range: `bytes=${offset}-` } : {},
      signal: AbortSignal.timeout(options.timeoutMs ?? 120_000),
    });
  } catch (e) {
    throw networkError(url, e);
  }
  if (res.status === 416 && offset > 0) return downloadTo(url, entry, part, 0, options);
  if (res.status !== 200 && res.status !== 206) {
    await res.body?.cancel().catch(() => undefined);
    return { path: entry.path, status: "failed", detail: `HTTP ${res.status} from ${url}` };
  }
  const append = res.status === 206 && offset > 0;
  let received = append ? offset : 0;
  const length = Number(res.headers.get("content-length") ?? NaN);
  const total = entry.size ?? (Number.isFinite(length) ? received + length : undefined);
  const out = createWriteStream(part, { flags: append ? "a" : "w" });
  try {
    if (res.body) {
      for await (const chunk of res.body) {
        if (!out.write(chunk)) await new Promise<void>((resolve) => out.once("drain", () => resolve()));
        received += (chunk as Uint8Array).byteLength;
        options.onProgress?.({ path: entry.path, received, ...(total !== undefined ? { total } : {}) });
        if (entry.size !== undefined && received > entry.size) break; // more than the pinned file: fail the size check
      }
    }
  } catch (e) {
    throw networkError(url, e);
  } finally {
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
  }
  return null;
}

function networkError(url: string, e: unknown): HammerError {
  const cause = e instanceof Error ? ((e.cause as { code?: string; message?: string } | undefined)?.code ?? (e.cause as Error | undefined)?.message ?? e.message) : String(e);
  return new HammerError("NETWORK", `cannot download ${url}: ${cause} (no network? use --from DIR to copy from a local mirror)`, { cause: e });
}
