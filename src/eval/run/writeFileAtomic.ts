import { renameSync, rmSync, writeFileSync } from "node:fs";

/** Write a whole file so that readers see the old content or the new, never a part (temp file + rename). */
export function writeFileAtomic(file: string, content: string): void {
  const temp = `${file}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`;
  try {
    writeFileSync(temp, content);
    renameSync(temp, file);
  } catch (e) {
    rmSync(temp, { force: true });
    throw e;
  }
}
