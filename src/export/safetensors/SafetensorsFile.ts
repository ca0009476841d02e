import { open, type FileHandle } from "node:fs/promises";
import { HammerError } from "../../core/errors.js";
import { ModelFileError } from "../../core/gguf/index.js";
import { readExactly } from "./readExactly.js";
import { readSafetensorsHeader, type SafetensorsHeader, type SafetensorsTensorInfo } from "./readSafetensorsHeader.js";
import { decodeToFloat32, isReadableDtype, READABLE_DTYPES } from "./safetensorsDtypes.js";

/**
 * One open safetensors file whose header has been checked. Tensor data is read on demand, a range of
 * rows at a time, so a caller can stream a tensor of any size through a small buffer.
 */
export class SafetensorsFile {
  private constructor(
    readonly header: SafetensorsHeader,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<SafetensorsFile> {
    let handle: FileHandle;
    try {
      handle = await open(path, "r");
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new ModelFileError(path, code === "ENOENT" ? "file not found" : `cannot open: ${(e as Error).message}`, {
        code: code === "ENOENT" ? "NOT_FOUND" : "MODEL_INVALID",
        cause: e,
      });
    }
    try {
      return new SafetensorsFile(await readSafetensorsHeader(path, handle), handle);
    } catch (e) {
      await handle.close();
      throw e;
    }
  }

  get path(): string {
    return this.header.path;
  }

  tensor(name: string): SafetensorsTensorInfo | undefined {
    return this.header.tensors.get(name);
  }

  /**
   * Rows `[rowStart, rowStart + rowCount)` of a tensor as float32, a row being everything below the first
   * dimension (one element for a 1-D tensor). `out` and `scratch` (for the raw bytes) let a caller reuse
   * buffers: fresh pages for every block cost more system time than the copying.
   */
  async readRows(info: SafetensorsTensorInfo, rowStart: number, rowCount: number, out?: Float32Array, scratch?: Uint8Array): Promise<Float32Array> {
    const dtype = info.dtype;
    if (!isReadableDtype(dtype)) {
      throw new HammerError("MODEL_INVALID", `tensor "${info.name}" has dtype ${dtype}; only ${READABLE_DTYPES.join(", ")} weights can be exported`, {
        location: `${this.path}:${info.name}`,
      });
    }
    const rows = info.shape.length === 0 ? 1 : (info.shape[0] as number);
    const rowLen = rows === 0 ? 0 : info.elements / rows;
    if (rowStart < 0 || rowCount < 0 || rowStart + rowCount > rows) {
      throw new HammerError("INTERNAL", `rows ${rowStart}..${rowStart + rowCount} are outside tensor "${info.name}" (${rows} rows)`);
    }
    const count = rowCount * rowLen;
    const target = out ?? new Float32Array(count);
    if (target.length !== count) throw new HammerError("INTERNAL", `output buffer holds ${target.length} values, not ${count}`);
    const size = dtype === "F32" ? 4 : 2;
    // Not zero-filled: every byte is read over before use.
    const bytes = scratch !== undefined && scratch.length >= count * size ? scratch.subarray(0, count * size) : Buffer.allocUnsafeSlow(count * size);
    await readExactly(this.handle, this.path, bytes, info.fileOffset + rowStart * rowLen * size);
    return decodeToFloat32(dtype, bytes, target);
  }

  /** The whole tensor as float32. */
  async readAll(info: SafetensorsTensorInfo): Promise<Float32Array> {
    return this.readRows(info, 0, info.shape.length === 0 ? 1 : (info.shape[0] as number));
  }

  async close(): Promise<void> {
    await this.handle.close();
  }
}
