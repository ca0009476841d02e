import { open } from "node:fs/promises";
import type { GgufHeader, GgufTensorInfo } from "./readGgufHeader.js";
import { ModelFileError } from "./ModelFileError.js";

/** The raw bytes of one tensor (as stored: quantised blocks stay quantised). */
export async function readTensorData(header: GgufHeader, tensor: string | GgufTensorInfo): Promise<Uint8Array> {
  const info = typeof tensor === "string" ? header.tensors.find((t) => t.name === tensor) : tensor;
  if (info === undefined) {
    throw new ModelFileError(header.path, `no tensor named "${String(tensor)}"`, { tensor: String(tensor), code: "NOT_FOUND" });
  }
  const out = new Uint8Array(info.nbytes);
  const handle = await open(header.path, "r");
  try {
    let done = 0;
    while (done < out.length) {
      const { bytesRead } = await handle.read(out, done, out.length - done, info.fileOffset + done);
      if (bytesRead === 0) {
        throw new ModelFileError(header.path, `file is truncated inside tensor "${info.name}"`, {
          tensor: info.name,
          offset: info.fileOffset + done,
        });
      }
      done += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return out;
}
