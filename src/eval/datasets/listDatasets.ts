import path from "node:path";
import { DATASET_MANIFEST, type ManifestFile } from "./manifest.js";
import { verifyDatasetFile, type FileStatus } from "./verifyDatasetFile.js";

export interface DatasetFileStatus {
  path: string;
  status: FileStatus;
  expectedSize?: number;
  size?: number;
}

/** Status of every manifest file in a data dir (ok / missing / size mismatch / hash mismatch). */
export async function listDatasets(dir: string, manifest: readonly ManifestFile[] = DATASET_MANIFEST): Promise<DatasetFileStatus[]> {
  const out: DatasetFileStatus[] = [];
  for (const entry of manifest) {
    const check = await verifyDatasetFile(path.join(dir, ...entry.path.split("/")), entry);
    out.push({ path: entry.path, status: check.status, ...(entry.size !== undefined ? { expectedSize: entry.size } : {}), ...(check.size !== undefined ? { size: check.size } : {}) });
  }
  return out;
}
