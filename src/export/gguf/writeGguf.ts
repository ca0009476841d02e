import { createHash, randomBytes } from "node:crypto";
import { open, rename, unlink, type FileHandle } from "node:fs/promises";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import { fromSystemError } from "../../core/fromSystemError.js";
import {
  alignUp,
  GGML_MAX_DIMS,
  GGML_MAX_NAME,
  GGUF_DEFAULT_ALIGNMENT,
  ggmlTensorBytes,
  ggmlTypeByName,
  type GgmlTypeInfo,
  type GgufValue,
} from "../../core/gguf/index.js";
import { encodeGgufHeader, type GgufTensorHeaderInfo } from "./encodeGgufHeader.js";

/** One tensor to write: its description plus a producer of its bytes. */
export interface GgufTensorSource {
  name: string;
  /** ggml order: dims[0] is the row length (fastest-varying). */
  dims: readonly number[];
  /** ggml type, by name (`"Q8_0"`) or info. */
  type: string | GgmlTypeInfo;
  /**
   * The tensor's bytes in order, in chunks of any size; called once, when the writer reaches this tensor,
   * so a producer can generate or convert data lazily and memory stays flat. The total must equal the
   * tensor's byte size. The writer is done with a chunk when it asks for the next one, so a producer may
   * reuse one buffer for all its chunks.
   */
  data: () => Iterable<Uint8Array> | AsyncIterable<Uint8Array>;
}

export interface WriteGgufOptions {
  /** Data alignment (power of 2). Default: `general.alignment` from the metadata, else 32. */
  alignment?: number;
  /** Called after each flush with bytes written and the final file size. */
  onProgress?: (written: number, total: number) => void;
  /** Compute the file's sha256 while writing (default true; ~1.5 s per GB). */
  sha256?: boolean;
}

export interface WriteGgufResult {
  path: string;
  bytes: number;
  /** Hex digest of the file, or "" when not computed. */
  sha256: string;
}

const FLUSH_BYTES = 16 << 20;

/**
 * Write a GGUF v3 file: header (metadata and tensor infos), then each tensor's data aligned, streamed
 * tensor by tensor through a fixed-size buffer. Written to a temporary file beside `outPath` and renamed
 * into place, so readers never see a partial model. Bad metadata or tensor specs throw INPUT_INVALID
 * before anything is written; a producer yielding the wrong number of bytes throws INTERNAL.
 */
export async function writeGguf(
  outPath: string,
  metadata: Iterable<readonly [string, GgufValue]>,
  tensors: readonly GgufTensorSource[],
  options: WriteGgufOptions = {},
): Promise<WriteGgufResult> {
  const kvs = [...metadata];
  const alignment = resolveAlignment(kvs, options.alignment);
  const layout = layoutTensors(tensors, alignment);
  const header = encodeGgufHeader(kvs, layout.infos, alignment);
  const total = header.length + layout.dataBytes;

  const tmp = path.join(path.dirname(outPath), `.${path.basename(outPath)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
  const handle = await open(tmp, "wx").catch((e: unknown) => {
    throw fromSystemError(e, `cannot create ${outPath}`, outPath);
  });
  const sink = new Sink(handle, outPath, total, options.onProgress, options.sha256 ?? true);
  let ok = false;
  try {
    await sink.write(header);
    for (const [i, t] of tensors.entries()) {
      const expected = layout.nbytes[i] as number;
      let produced = 0;
      for await (const chunk of t.data()) {
        produced += chunk.length;
        if (produced > expected) break;
        await sink.write(chunk);
      }
      if (produced !== expected) {
        throw new HammerError("INTERNAL", `tensor "${t.name}": producer gave ${produced > expected ? "more than" : "only"} ${produced > expected ? expected : produced} bytes; the tensor needs exactly ${expected}`, {
          location: t.name,
        });
      }
      await sink.zeros(alignUp(expected, alignment) - expected);
    }
    await sink.flush();
    await sink.drain();
    ok = true;
  } finally {
    await sink.drain().catch(() => undefined);
    await handle.close();
    if (!ok) await unlink(tmp).catch(() => undefined);
  }
  await rename(tmp, outPath).catch(async (e: unknown) => {
    await unlink(tmp).catch(() => undefined);
    throw fromSystemError(e, `cannot move the finished file to ${outPath}`, outPath);
  });
  return { path: outPath, bytes: sink.written, sha256: sink.digest() };
}

function resolveAlignment(kvs: Array<readonly [string, GgufValue]>, requested: number | undefined): number {
  const seen = new Set<string>();
  for (const [key] of kvs) {
    if (key === "") throw new HammerError("INPUT_INVALID", "metadata key is empty");
    if (seen.has(key)) throw new HammerError("INPUT_INVALID", `duplicate metadata key ${key}`, { location: key });
    seen.add(key);
  }
  const entry = kvs.find(([key]) => key === "general.alignment");
  let alignment = requested ?? GGUF_DEFAULT_ALIGNMENT;
  if (entry) {
    const v = entry[1];
    if (v.type !== "u32") throw new HammerError("INPUT_INVALID", `general.alignment must be u32, not ${v.type}`, { location: "general.alignment" });
    if (requested !== undefined && requested !== v.value) {
      throw new HammerError("INPUT_INVALID", `alignment ${requested} disagrees with general.alignment ${v.value}`, { location: "general.alignment" });
    }
    alignment = v.value;
  } else if (alignment !== GGUF_DEFAULT_ALIGNMENT) {
    kvs.push(["general.alignment", { type: "u32", value: alignment }]);
  }
  if (!Number.isInteger(alignment) || alignment <= 0 || (alignment & (alignment - 1)) !== 0) {
    throw new HammerError("INPUT_INVALID", `alignment ${alignment} is not a power of 2`, { location: "general.alignment" });
  }
  return alignment;
}

function layoutTensors(tensors: readonly GgufTensorSource[], alignment: number) {
  const infos: GgufTensorHeaderInfo[] = [];
  const nbytes: number[] = [];
  const names = new Set<string>();
  let offset = 0;
  for (const t of tensors) {
    const bad = (what: string): never => {
      throw new HammerError("INPUT_INVALID", `tensor "${t.name}": ${what}`, { location: t.name });
    };
    if (t.name === "" || Buffer.byteLength(t.name) >= GGML_MAX_NAME) bad(`name must be 1 to ${GGML_MAX_NAME - 1} bytes`);
    if (names.has(t.name)) bad("duplicate tensor name");
    names.add(t.name);
    const type = typeof t.type === "string" ? ggmlTypeByName(t.type) : t.type;
    if (type === undefined) return bad(`unknown ggml type ${String(t.type)}`);
    if (t.dims.length < 1 || t.dims.length > GGML_MAX_DIMS) bad(`needs 1 to ${GGML_MAX_DIMS} dimensions, got ${t.dims.length}`);
    let elements = 1;
    for (const d of t.dims) {
      if (!Number.isSafeInteger(d) || d <= 0) bad(`dimension ${d} is not a positive integer`);
      elements *= d;
    }
    if (!Number.isSafeInteger(elements)) bad("too many elements");
    const size = ggmlTensorBytes(type, t.dims[0] as number, elements);
    if (size === undefined) return bad(`row length ${t.dims[0]} is not a multiple of the ${type.name} block size ${type.blockSize}`);
    infos.push({ name: t.name, dims: t.dims, typeId: type.id, offset });
    nbytes.push(size);
    offset += alignUp(size, alignment);
  }
  return { infos, nbytes, dataBytes: offset };
}

/**
 * Buffered file writer, hashing what it writes unless told not to. Two buffers: one is written to the
 * file while the other fills, so the producer's work overlaps the disk's.
 */
class Sink {
  private buf = Buffer.alloc(FLUSH_BYTES);
  private spare = Buffer.alloc(FLUSH_BYTES);
  private used = 0;
  private pending: Promise<void> = Promise.resolve();
  private readonly hash;
  written = 0;

  constructor(
    private readonly handle: FileHandle,
    private readonly where: string,
    private readonly total: number,
    private readonly onProgress: ((written: number, total: number) => void) | undefined,
    sha256: boolean,
  ) {
    this.hash = sha256 ? createHash("sha256") : undefined;
  }

  async write(chunk: Uint8Array): Promise<void> {
    let off = 0;
    while (off < chunk.length) {
      const n = Math.min(chunk.length - off, this.buf.length - this.used);
      this.buf.set(chunk.subarray(off, off + n), this.used);
      this.used += n;
      off += n;
      if (this.used === this.buf.length) await this.flush();
    }
  }

  async zeros(n: number): Promise<void> {
    if (n > 0) await this.write(new Uint8Array(n));
  }

  /** Start writing the filled buffer (after the previous write finished) and switch to the other one. */
  async flush(): Promise<void> {
    if (this.used === 0) return;
    const data = this.buf.subarray(0, this.used);
    this.hash?.update(data);
    await this.pending;
    this.pending = this.writeAll(data);
    [this.buf, this.spare] = [this.spare, this.buf];
    this.used = 0;
  }

  /** Wait for the last write. */
  async drain(): Promise<void> {
    await this.pending;
  }

  private async writeAll(data: Buffer): Promise<void> {
    let off = 0;
    while (off < data.length) {
      // A full disk is the machine's problem (ENVIRONMENT), not a bug.
      const { bytesWritten } = await this.handle.write(data, off, data.length - off).catch((e: unknown) => {
        throw fromSystemError(e, `cannot write ${this.where}`, this.where);
      });
      off += bytesWritten;
    }
    this.written += data.length;
    this.onProgress?.(this.written, this.total);
  }

  digest(): string {
    return this.hash?.digest("hex") ?? "";
  }
}
