import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { ManifestFile } from "./manifest.js";

export type FileStatus = "ok" | "missing" | "size mismatch" | "hash mismatch";

export interface FileCheck {
  status: FileStatus;
  /** Size on disk, when the file exists. */
  size?: number;
}

/** Check a file on disk against its manifest entry: size first (cheap), then the hash. */
export async function verifyDatasetFile(absPath: string, entry: ManifestFile): Promise<FileCheck> {
  let size: number;
  try {
    const st = await stat(absPath);
    if (!st.isFile()) return { status: "missing" };
    size = st.size;
  } catch {
    return { status: "missing" };
  }
  if (entry.size !== undefined && size !== entry.size) return { status: "size mismatch", size };
  if (entry.sha256 !== undefined) {
    return { status: (await hashFile(absPath, "sha256")) === entry.sha256 ? "ok" : "hash mismatch", size };
  }
  if (entry.gitBlobSha1 !== undefined) {
    return { status: (await hashFile(absPath, "sha1", `blob ${size}\0`)) === entry.gitBlobSha1 ? "ok" : "hash mismatch", size };
  }
  return { status: "ok", size };
}

/** Hex digest of a file, streamed; `prefix` is hashed first (git's blob header). */
export async function hashFile(absPath: string, algorithm: "sha256" | "sha1", prefix = ""): Promise<string> {
  const hash = createHash(algorithm);
  if (prefix) hash.update(prefix);
  for await (const chunk of createReadStream(absPath)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}
