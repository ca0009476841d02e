import type { FileHandle } from "node:fs/promises";
import { ModelFileError } from "../../core/gguf/index.js";

/** Fill `buf` from `position`; a short read means the file ended early. */
export async function readExactly(handle: FileHandle, path: string, buf: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesRead } = await handle.read(buf, done, buf.length - done, position + done);
    if (bytesRead === 0) throw new ModelFileError(path, `file ends at byte ${position + done}, before the ${buf.length} bytes read at ${position}`, { offset: position + done });
    done += bytesRead;
  }
}
