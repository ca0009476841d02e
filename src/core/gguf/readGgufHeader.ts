import { open, type FileHandle } from "node:fs/promises";
import { FileCursor } from "./FileCursor.js";
import { ggmlTypeById, ggmlTensorBytes, type GgmlTypeInfo } from "./ggmlTypes.js";
import { GgufMetadata } from "./GgufMetadata.js";
import { ggufScalarSize, ggufValueTypeName, type GgufScalarTypeName, type GgufValue } from "./ggufValue.js";
import { ModelFileError } from "./ModelFileError.js";

export const GGUF_MAGIC = "GGUF";
export const GGUF_DEFAULT_ALIGNMENT = 32;
/** ggml's GGML_MAX_NAME: tensor names must be shorter. */
export const GGML_MAX_NAME = 64;
/** ggml's GGML_MAX_DIMS. */
export const GGML_MAX_DIMS = 4;

/** Limits that keep a hostile header from exhausting memory; real 150k–260k-vocab headers are 5–20 MB. */
export const GGUF_READ_LIMITS = {
  /** Header (metadata + tensor infos) bytes. */
  maxHeaderBytes: 256 * 1024 * 1024,
  /** One string value. */
  maxStringBytes: 64 * 1024 * 1024,
  /** Items of one array (ggml's own cap is 2^30). */
  maxArrayItems: 1 << 24,
  /** Metadata entries and tensors. */
  maxCount: 1 << 20,
};

export interface GgufTensorInfo {
  name: string;
  /** ggml order: dims[0] is the fastest-varying (row length). */
  dims: number[];
  type: GgmlTypeInfo;
  /** Offset of the data relative to `dataOffset`. */
  offset: number;
  /** Absolute file offset of the data. */
  fileOffset: number;
  elements: number;
  nbytes: number;
}

export interface GgufHeader {
  path: string;
  version: number;
  fileSize: number;
  alignment: number;
  /** Absolute file offset where the tensor infos end (before the padding to `dataOffset`). */
  headerEnd: number;
  /** Absolute file offset where tensor data starts. */
  dataOffset: number;
  metadata: GgufMetadata;
  tensors: GgufTensorInfo[];
}

/**
 * Read and structurally validate a GGUF file's header without reading tensor data: magic, version (2 or
 * 3), counts, every metadata value (each length checked against the bytes left before anything is
 * allocated), tensor infos (name, dims, type, offset), alignment, and that every tensor's data lies inside
 * the file at the offset llama.cpp expects. Throws ModelFileError (NOT_FOUND for a missing file).
 */
export async function readGgufHeader(path: string, limits: Partial<typeof GGUF_READ_LIMITS> = {}): Promise<GgufHeader> {
  const lim = { ...GGUF_READ_LIMITS, ...limits };
  let handle: FileHandle;
  try {
    handle = await open(path, "r");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") throw new ModelFileError(path, "model file not found", { code: "NOT_FOUND", cause: e });
    throw new ModelFileError(path, `cannot open model file: ${(e as Error).message}`, { cause: e });
  }
  try {
    const stat = await handle.stat();
    if (!stat.isFile()) throw new ModelFileError(path, "not a regular file");
    return await new HeaderParser(path, new FileCursor(handle, stat.size), lim).parse();
  } finally {
    await handle.close();
  }
}

class HeaderParser {
  constructor(
    private readonly path: string,
    private readonly cur: FileCursor,
    private readonly lim: typeof GGUF_READ_LIMITS,
  ) {}

  private fail(message: string, details: { offset?: number; key?: string; tensor?: string } = {}): never {
    throw new ModelFileError(this.path, message, details);
  }

  /** Make `n` bytes readable or fail naming `what` (truncation or a header over the size limit). */
  private async need(n: number, what: string): Promise<void> {
    const at = this.cur.offset;
    if (at + n > this.lim.maxHeaderBytes) {
      this.fail(`${what}: header is larger than the ${this.lim.maxHeaderBytes}-byte limit`, { offset: at });
    }
    if (this.cur.buffered >= n) return;
    if (!(await this.cur.fill(n))) {
      this.fail(`file is truncated: ${what} needs ${n} bytes at offset ${at} but the file has ${this.cur.fileSize} bytes`, {
        offset: at,
      });
    }
  }

  /** A u64 that must fit a JS number and `max`. */
  private count(raw: bigint, max: number, what: string, at: number): number {
    if (raw > BigInt(max)) this.fail(`${what} is ${raw}, more than the limit ${max}`, { offset: at });
    return Number(raw);
  }

  private async string(what: string, maxBytes: number, strict: boolean): Promise<string> {
    const at = this.cur.offset;
    if (this.cur.buffered < 8) await this.need(8, `length of ${what}`);
    const raw = this.cur.u64();
    if (raw > BigInt(this.cur.remaining)) {
      this.fail(`${what} claims ${raw} bytes but only ${this.cur.remaining} bytes are left in the file (truncated or corrupt)`, { offset: at });
    }
    const n = this.count(raw, maxBytes, `length of ${what}`, at);
    if (this.cur.buffered < n) await this.need(n, what);
    if (!strict) return this.cur.utf8(n);
    try {
      return STRICT_UTF8.decode(this.cur.view(n));
    } catch {
      return this.fail(`${what} is not valid UTF-8`, { offset: at });
    }
  }

  async parse(): Promise<GgufHeader> {
    const cur = this.cur;
    if (cur.fileSize < 4) this.fail(`file is ${cur.fileSize} bytes, too short to be GGUF`, { offset: 0 });
    await this.need(4, "magic");
    const magic = cur.view(4);
    if (magic.toString("latin1") !== GGUF_MAGIC) {
      this.fail(`bad magic ${JSON.stringify(magic.toString("latin1"))} (expected "GGUF"): not a GGUF file`, { offset: 0 });
    }
    await this.need(4 + 8 + 8, "header counts");
    const version = cur.u32();
    if (version === 1) this.fail("GGUF version 1 is no longer supported by llama.cpp", { offset: 4 });
    if (version !== 2 && version !== 3) {
      this.fail(`unsupported GGUF version ${version} (expected 2 or 3; a huge value suggests a big-endian file)`, { offset: 4 });
    }
    const nTensors = this.count(cur.u64(), this.lim.maxCount, "tensor count", 8);
    const nKv = this.count(cur.u64(), this.lim.maxCount, "metadata entry count", 16);
    // Cheapest possible encodings: a KV is 8 (key length) + 4 (type) + 1 bytes, a tensor info 8 + 4 + 4 + 8.
    if (nKv * 13 + nTensors * 24 > cur.remaining) {
      this.fail(`header claims ${nKv} metadata entries and ${nTensors} tensors, more than the file's ${cur.fileSize} bytes can hold`, {
        offset: 8,
      });
    }

    const entries = new Map<string, GgufValue>();
    for (let i = 0; i < nKv; i++) {
      const at = cur.offset;
      const key = await this.string(`metadata key #${i}`, 65536, true);
      if (key === "") this.fail(`metadata key #${i} is empty`, { offset: at });
      if (entries.has(key)) this.fail(`duplicate metadata key "${key}"`, { offset: at, key });
      entries.set(key, await this.value(key));
    }
    const metadata = new GgufMetadata(entries);

    const alignValue = metadata.get("general.alignment");
    let alignment = GGUF_DEFAULT_ALIGNMENT;
    if (alignValue !== undefined) {
      if (alignValue.type !== "u32") this.fail(`general.alignment must be u32, found ${alignValue.type}`, { key: "general.alignment" });
      alignment = alignValue.value;
      if (alignment === 0 || (alignment & (alignment - 1)) !== 0) {
        this.fail(`general.alignment ${alignment} is not a power of 2`, { key: "general.alignment" });
      }
    }

    const tensors: GgufTensorInfo[] = [];
    const names = new Set<string>();
    for (let i = 0; i < nTensors; i++) tensors.push(await this.tensorInfo(i, names));

    const headerEnd = cur.offset;
    const dataOffset = nTensors > 0 ? alignUp(headerEnd, alignment) : headerEnd;
    this.checkTensorData(tensors, dataOffset, alignment);
    return { path: this.path, version, fileSize: cur.fileSize, alignment, headerEnd, dataOffset, metadata, tensors };
  }

  private async value(key: string): Promise<GgufValue> {
    const cur = this.cur;
    const at = cur.offset;
    await this.need(4, `type of "${key}"`);
    const code = cur.u32();
    const type = ggufValueTypeName(code);
    if (type === undefined) this.fail(`metadata "${key}" has unknown value type ${code}`, { offset: at, key });
    if (type !== "array") return this.scalar(key, type);

    await this.need(12, `array header of "${key}"`);
    const itemCode = cur.u32();
    const itemType = ggufValueTypeName(itemCode);
    if (itemType === undefined) this.fail(`metadata array "${key}" has unknown item type ${itemCode}`, { offset: at, key });
    if (itemType === "array") this.fail(`metadata "${key}" is an array of arrays, which llama.cpp cannot read`, { offset: at, key });
    const rawCount = cur.u64();
    const minItemBytes = ggufScalarSize(itemType) ?? 8;
    if (rawCount * BigInt(minItemBytes) > BigInt(cur.remaining)) {
      this.fail(`metadata array "${key}" claims ${rawCount} items, more than the ${cur.remaining} bytes left in the file can hold (truncated or corrupt)`, {
        offset: at,
        key,
      });
    }
    const count = this.count(rawCount, this.lim.maxArrayItems, `item count of "${key}"`, at);
    const items: unknown[] = new Array(count);
    const size = ggufScalarSize(itemType);
    if (itemType !== "string" && size !== undefined) {
      // Fixed-size items: buffer in slices so a big array does not need one big buffer.
      const perSlice = Math.max(1, Math.floor((1 << 20) / size));
      for (let i = 0; i < count; ) {
        const n = Math.min(perSlice, count - i);
        await this.need(n * size, `items of "${key}"`);
        for (const end = i + n; i < end; i++) items[i] = this.readFixed(itemType);
      }
    } else {
      for (let i = 0; i < count; i++) items[i] = await this.string(`item ${i} of "${key}"`, this.lim.maxStringBytes, false);
    }
    return { type: "array", itemType, items } as GgufValue;
  }

  private async scalar(key: string, type: GgufScalarTypeName): Promise<GgufValue> {
    if (type === "string") return { type, value: await this.string(`value of "${key}"`, this.lim.maxStringBytes, false) };
    const size = ggufScalarSize(type) as number;
    await this.need(size, `value of "${key}"`);
    return { type, value: this.readFixed(type) } as GgufValue;
  }

  private readFixed(type: Exclude<GgufScalarTypeName, "string">): number | bigint | boolean {
    const cur = this.cur;
    switch (type) {
      case "u8":
        return cur.u8();
      case "i8":
        return cur.i8();
      case "u16":
        return cur.u16();
      case "i16":
        return cur.i16();
      case "u32":
        return cur.u32();
      case "i32":
        return cur.i32();
      case "f32":
        return cur.f32();
      case "f64":
        return cur.f64();
      case "u64":
        return cur.u64();
      case "i64":
        return cur.i64();
      case "bool":
        return cur.u8() !== 0;
    }
  }

  private async tensorInfo(index: number, names: Set<string>): Promise<GgufTensorInfo> {
    const cur = this.cur;
    const at = cur.offset;
    const name = await this.string(`name of tensor #${index}`, 65536, true);
    const tensor = name;
    if (Buffer.byteLength(name) >= GGML_MAX_NAME) {
      this.fail(`tensor #${index} name "${name.slice(0, 80)}" is ${Buffer.byteLength(name)} bytes; ggml allows at most ${GGML_MAX_NAME - 1}`, {
        offset: at,
        tensor,
      });
    }
    if (names.has(name)) this.fail(`duplicate tensor name "${name}"`, { offset: at, tensor });
    names.add(name);

    await this.need(4, `dimension count of tensor "${name}"`);
    const nDims = cur.u32();
    if (nDims > GGML_MAX_DIMS) this.fail(`tensor "${name}" has ${nDims} dimensions; ggml allows at most ${GGML_MAX_DIMS}`, { offset: at, tensor });
    await this.need(nDims * 8 + 4 + 8, `shape of tensor "${name}"`);
    const dims: number[] = [];
    let elements = 1n;
    for (let j = 0; j < nDims; j++) {
      const d = cur.u64();
      if (d === 0n) this.fail(`tensor "${name}" dimension ${j} is 0`, { offset: at, tensor });
      elements *= d;
      // Each factor is bounded, so this cannot run away before the check.
      if (elements > BigInt(Number.MAX_SAFE_INTEGER)) {
        this.fail(`tensor "${name}" shape is too large (dimension ${j} = ${d})`, { offset: at, tensor });
      }
      dims.push(Number(d));
    }
    const typeId = cur.u32();
    const type = ggmlTypeById(typeId);
    if (type === undefined) this.fail(`tensor "${name}" has unknown ggml type ${typeId}`, { offset: at, tensor });
    const ne0 = dims[0] ?? 1;
    const nbytes = ggmlTensorBytes(type, ne0, Number(elements));
    if (nbytes === undefined) {
      this.fail(`tensor "${name}" row length ${ne0} is not a multiple of the ${type.name} block size ${type.blockSize}`, {
        offset: at,
        tensor,
      });
    }
    const rawOffset = cur.u64();
    if (rawOffset > BigInt(Number.MAX_SAFE_INTEGER)) this.fail(`tensor "${name}" data offset ${rawOffset} is too large`, { offset: at, tensor });
    return { name, dims, type, offset: Number(rawOffset), fileOffset: 0, elements: Number(elements), nbytes };
  }

  /** llama.cpp requires tensors stored in header order, each padded to the alignment, all inside the file. */
  private checkTensorData(tensors: GgufTensorInfo[], dataOffset: number, alignment: number): void {
    let expected = 0;
    for (const t of tensors) {
      t.fileOffset = dataOffset + t.offset;
      const end = t.fileOffset + t.nbytes;
      if (end > this.cur.fileSize) {
        this.fail(
          t.offset === expected
            ? `file is truncated: tensor "${t.name}" data spans bytes ${t.fileOffset}..${end} but the file has ${this.cur.fileSize} bytes`
            : `tensor "${t.name}" data offset ${t.offset} puts its data (bytes ${t.fileOffset}..${end}) past the end of the file (${this.cur.fileSize} bytes)`,
          { offset: t.fileOffset, tensor: t.name },
        );
      }
      if (t.offset !== expected) {
        this.fail(
          `tensor "${t.name}" data offset is ${t.offset} but ${expected} was expected (tensors must follow each other in header order, each padded to ${alignment} bytes)`,
          { tensor: t.name },
        );
      }
      expected = alignUp(t.offset + t.nbytes, alignment);
    }
  }
}

const STRICT_UTF8 = new TextDecoder("utf-8", { fatal: true });

export function alignUp(n: number, alignment: number): number {
  return Math.ceil(n / alignment) * alignment;
}
