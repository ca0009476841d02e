import type { FileHandle } from "node:fs/promises";
import { ModelFileError } from "../../core/gguf/index.js";
import { readExactly } from "./readExactly.js";
import { SAFETENSORS_DTYPE_BYTES } from "./safetensorsDtypes.js";

/** The safetensors library's own cap on the JSON header (100 MB); anything larger is hostile. */
export const SAFETENSORS_MAX_HEADER_BYTES = 100_000_000;

export interface SafetensorsTensorInfo {
  name: string;
  dtype: string;
  /** Row-major (PyTorch) order: shape[0] is the slowest-varying dimension. */
  shape: number[];
  elements: number;
  nbytes: number;
  /** Absolute file offset of the first byte. */
  fileOffset: number;
}

export interface SafetensorsHeader {
  path: string;
  fileSize: number;
  /** Absolute offset where the data section starts (8 + header length). */
  dataStart: number;
  tensors: Map<string, SafetensorsTensorInfo>;
  /** The optional `__metadata__` string map. */
  metadata: Record<string, string>;
}

/**
 * Read and check a safetensors header: an 8-byte little-endian length, then a JSON object mapping each
 * tensor name to `{dtype, shape, data_offsets: [begin, end]}` relative to the data section. Every entry is
 * checked before any tensor is read: a known dtype, a shape of non-negative integers, a byte range that
 * matches the shape and lies inside the file, and no two tensors sharing bytes. Throws ModelFileError
 * naming the file, the tensor and what is wrong.
 */
export async function readSafetensorsHeader(path: string, handle: FileHandle): Promise<SafetensorsHeader> {
  const stat = await handle.stat();
  if (!stat.isFile()) throw new ModelFileError(path, "not a regular file");
  const fileSize = stat.size;
  if (fileSize < 8) throw new ModelFileError(path, `not a safetensors file: ${fileSize} bytes, too short for the 8-byte header length`);
  const lenBytes = Buffer.alloc(8);
  await readExactly(handle, path, lenBytes, 0);
  const headerLen = lenBytes.readBigUInt64LE(0);
  if (headerLen > BigInt(Math.min(SAFETENSORS_MAX_HEADER_BYTES, fileSize - 8))) {
    throw new ModelFileError(
      path,
      headerLen > BigInt(SAFETENSORS_MAX_HEADER_BYTES)
        ? `header length ${headerLen} is over the ${SAFETENSORS_MAX_HEADER_BYTES}-byte limit (not a safetensors file?)`
        : `header length ${headerLen} runs past the end of the ${fileSize}-byte file (truncated?)`,
      { offset: 0 },
    );
  }
  const dataStart = 8 + Number(headerLen);
  const raw = Buffer.alloc(Number(headerLen));
  await readExactly(handle, path, raw, 8);
  let json: unknown;
  try {
    json = JSON.parse(raw.toString("utf8"));
  } catch (e) {
    throw new ModelFileError(path, `header is not valid JSON: ${(e as Error).message}`, { offset: 8, cause: e });
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) {
    throw new ModelFileError(path, "header is not a JSON object", { offset: 8 });
  }
  const dataBytes = fileSize - dataStart;
  const tensors = new Map<string, SafetensorsTensorInfo>();
  let metadata: Record<string, string> = {};
  const ranges: Array<[number, number, string]> = [];
  for (const [name, entry] of Object.entries(json as Record<string, unknown>)) {
    if (name === "__metadata__") {
      metadata = readMetadata(path, entry);
      continue;
    }
    const info = readEntry(path, name, entry, dataStart, dataBytes);
    tensors.set(name, info);
    if (info.nbytes > 0) ranges.push([info.fileOffset, info.fileOffset + info.nbytes, name]);
  }
  ranges.sort((a, b) => a[0] - b[0]);
  for (let i = 1; i < ranges.length; i++) {
    const [prevStart, prevEnd, prevName] = ranges[i - 1] as [number, number, string];
    const [start, , name] = ranges[i] as [number, number, string];
    if (start < prevEnd) {
      throw new ModelFileError(path, `tensor "${name}" overlaps tensor "${prevName}" (bytes ${start - dataStart} < ${prevEnd - dataStart} of the data section)`, {
        tensor: name,
        offset: prevStart,
      });
    }
  }
  return { path, fileSize, dataStart, tensors, metadata };
}

function readEntry(path: string, name: string, entry: unknown, dataStart: number, dataBytes: number): SafetensorsTensorInfo {
  const bad = (what: string): never => {
    throw new ModelFileError(path, `tensor "${name}": ${what}`, { tensor: name, offset: 8 });
  };
  if (typeof entry !== "object" || entry === null || Array.isArray(entry)) return bad("header entry is not an object");
  const { dtype, shape, data_offsets: offsets } = entry as Record<string, unknown>;
  if (typeof dtype !== "string" || !Object.hasOwn(SAFETENSORS_DTYPE_BYTES, dtype)) return bad(`unknown dtype ${JSON.stringify(dtype)}`);
  if (!Array.isArray(shape) || !shape.every((d) => Number.isSafeInteger(d) && (d as number) >= 0)) {
    return bad(`shape ${JSON.stringify(shape)} is not a list of non-negative integers`);
  }
  let elements = 1;
  for (const d of shape as number[]) elements *= d;
  if (!Number.isSafeInteger(elements)) bad(`shape ${JSON.stringify(shape)} has too many elements`);
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every((o) => Number.isSafeInteger(o) && (o as number) >= 0)) {
    return bad(`data_offsets ${JSON.stringify(offsets)} is not a pair of non-negative integers`);
  }
  const [begin, end] = offsets as [number, number];
  const nbytes = elements * (SAFETENSORS_DTYPE_BYTES[dtype] as number);
  if (end < begin) bad(`data_offsets [${begin}, ${end}] end before they begin`);
  if (end - begin !== nbytes) bad(`data_offsets [${begin}, ${end}] hold ${end - begin} bytes, but ${dtype} ${JSON.stringify(shape)} needs ${nbytes}`);
  if (end > dataBytes) {
    throw new ModelFileError(path, `tensor "${name}": data_offsets [${begin}, ${end}] run past the end of the data section (${dataBytes} bytes; file truncated?)`, {
      tensor: name,
      offset: dataStart + begin,
    });
  }
  return { name, dtype, shape: shape as number[], elements, nbytes, fileOffset: dataStart + begin };
}

function readMetadata(path: string, entry: unknown): Record<string, string> {
  if (typeof entry !== "object" || entry === null || Array.isArray(entry) || !Object.values(entry).every((v) => typeof v === "string")) {
    throw new ModelFileError(path, "__metadata__ is not a map of strings", { offset: 8 });
  }
  return entry as Record<string, string>;
}
