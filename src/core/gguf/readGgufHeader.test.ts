import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// Test-only use of the export stage: the writer builds the files the reader is tested on.
import { writeGguf, writeRandomModel } from "../../export/index.js";
import { ggufValue } from "./ggufValue.js";
import { ModelFileError } from "./ModelFileError.js";
import { readGgufHeader, type GgufHeader } from "./readGgufHeader.js";

const dir = mkdtempSync(path.join(tmpdir(), "hammer-gguf-read-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let model: string;
let header: GgufHeader;
let original: Buffer;
beforeAll(async () => {
  model = (await writeRandomModel({ shape: "tiny", quant: "q8_0", seed: 1, out: path.join(dir, "tiny.gguf") })).path;
  header = await readGgufHeader(model);
  original = readFileSync(model);
});

let n = 0;
/** A copy of `bytes` with `edit` applied, written to a fresh file. */
function variant(bytes: Buffer, edit: (b: Buffer) => Buffer | void): string {
  const copy = Buffer.from(bytes);
  const out = path.join(dir, `v${n++}.gguf`);
  writeFileSync(out, edit(copy) ?? copy);
  return out;
}

async function rejection(file: string): Promise<ModelFileError> {
  try {
    await readGgufHeader(file);
  } catch (e) {
    expect(e).toBeInstanceOf(ModelFileError);
    return e as ModelFileError;
  }
  throw new Error(`${file} was accepted`);
}

describe("readGgufHeader on a valid file", () => {
  it("reads version, counts, alignment and tensor layout", () => {
    expect(header.version).toBe(3);
    expect(header.alignment).toBe(32);
    expect(header.dataOffset % 32).toBe(0);
    expect(header.dataOffset).toBeGreaterThanOrEqual(header.headerEnd);
    expect(header.tensors[0]).toMatchObject({ name: "token_embd.weight", dims: [64, 1024], offset: 0 });
    const last = header.tensors.at(-1)!;
    expect(last.fileOffset + last.nbytes).toBeLessThanOrEqual(header.fileSize);
    expect(header.metadata.string("general.architecture")).toBe("qwen2");
    expect(header.metadata.strings("tokenizer.ggml.tokens")).toHaveLength(1024);
  });
});

describe("readGgufHeader rejects damaged files", () => {
  it("a missing file is NOT_FOUND", async () => {
    const e = await rejection(path.join(dir, "nope.gguf"));
    expect(e.code).toBe("NOT_FOUND");
  });

  it("a directory is not a model", async () => {
    const d = path.join(dir, "a-dir.gguf");
    mkdirSync(d);
    expect((await rejection(d)).message).toMatch(/not a regular file/);
  });

  it("an empty file", async () => {
    expect((await rejection(variant(Buffer.alloc(0), () => undefined))).message).toMatch(/too short/);
  });

  it("bad magic", async () => {
    const e = await rejection(variant(original, (b) => void b.write("GGUX", 0, "latin1")));
    expect(e.code).toBe("MODEL_INVALID");
    expect(e.message).toMatch(/bad magic "GGUX"/);
    expect(e.offset).toBe(0);
  });

  it("unsupported versions", async () => {
    expect((await rejection(variant(original, (b) => void b.writeUInt32LE(1, 4)))).message).toMatch(/version 1 is no longer supported/);
    expect((await rejection(variant(original, (b) => void b.writeUInt32LE(0x03000000, 4)))).message).toMatch(/unsupported GGUF version/);
  });

  it("truncated in the middle of the header", async () => {
    // Cut inside the token list: its item count no longer fits the bytes left.
    const e = await rejection(variant(original, (b) => b.subarray(0, 1000)));
    expect(e.message).toMatch(/"tokenizer\.ggml\.tokens" claims 1024 items, more than the \d+ bytes left .*truncated or corrupt/);
    // Cut inside the magic/counts.
    expect((await rejection(variant(original, (b) => b.subarray(0, 12)))).message).toMatch(
      /file is truncated: header counts needs 20 bytes at offset 4 but the file has 12 bytes/,
    );
  });

  it("truncated inside the tensor infos", async () => {
    const e = await rejection(variant(original, (b) => b.subarray(0, header.headerEnd - 10)));
    expect(e.message).toMatch(/file is truncated/);
  });

  it("header intact but tensor data cut", async () => {
    const cut = header.fileSize - 100;
    const file = variant(original, () => undefined);
    truncateSync(file, cut);
    const e = await rejection(file);
    const last = header.tensors.at(-1)!;
    expect(e.message).toMatch(new RegExp(`file is truncated: tensor "${last.name.replace(/\./g, "\\.")}" data spans bytes \\d+\\.\\.\\d+ but the file has ${cut} bytes`));
    expect(e.tensor).toBe(last.name);
  });

  it("a hostile string length (2^60) is an error, not an allocation", async () => {
    const e = await rejection(variant(original, (b) => void b.writeBigUInt64LE(1n << 60n, 24)));
    expect(e.message).toMatch(/metadata key #0 claims 1152921504606846976 bytes but only \d+ bytes are left/);
    expect(e.offset).toBe(24);
  });

  it("hostile counts", async () => {
    expect((await rejection(variant(original, (b) => void b.writeBigUInt64LE(1n << 40n, 16)))).message).toMatch(
      /metadata entry count is 1099511627776, more than the limit/,
    );
    expect((await rejection(variant(original, (b) => void b.writeBigUInt64LE(1_000_000n, 8)))).message).toMatch(
      /more than the file's \d+ bytes can hold/,
    );
  });

  describe("tensor infos", () => {
    // The last tensor info ends with: dims (u64 each), type (u32), offset (u64).
    const last = () => header.tensors.at(-1)!;
    const offsetAt = () => header.headerEnd - 8;
    const typeAt = () => header.headerEnd - 12;
    const dimAt = (j: number) => header.headerEnd - 12 - 8 * (last().dims.length - j);

    it("a data offset past the end of the file", async () => {
      const e = await rejection(variant(original, (b) => void b.writeBigUInt64LE(1n << 40n, offsetAt())));
      expect(e.message).toMatch(/data offset 1099511627776 puts its data \(bytes \d+\.\.\d+\) past the end of the file/);
      expect(e.tensor).toBe(last().name);
    });

    it("a data offset that is not where llama.cpp expects it", async () => {
      const e = await rejection(variant(original, (b) => void b.writeBigUInt64LE(BigInt(last().offset - 32), offsetAt())));
      expect(e.message).toMatch(/data offset is \d+ but \d+ was expected/);
    });

    it("an unknown tensor type", async () => {
      const e = await rejection(variant(original, (b) => void b.writeUInt32LE(99, typeAt())));
      expect(e.message).toMatch(/unknown ggml type 99/);
      expect(e.tensor).toBe(last().name);
    });

    it("a zero dimension", async () => {
      expect((await rejection(variant(original, (b) => void b.writeBigUInt64LE(0n, dimAt(0))))).message).toMatch(/dimension 0 is 0/);
    });

    it("a huge dimension", async () => {
      expect((await rejection(variant(original, (b) => void b.writeBigUInt64LE(1n << 62n, dimAt(1))))).message).toMatch(/shape is too large/);
    });

    it("a row length that is not whole blocks", async () => {
      expect((await rejection(variant(original, (b) => void b.writeBigUInt64LE(100n, dimAt(0))))).message).toMatch(
        /row length 100 is not a multiple of the Q8_0 block size 32/,
      );
    });
  });

  describe("hand-made headers", () => {
    // kv.gguf holds one entry "a" = array of u8: key length @24, key @32, type @33, item type @37, count @41.
    let small: Buffer;
    beforeAll(async () => {
      small = readFileSync((await writeGguf(path.join(dir, "kv.gguf"), [["a", ggufValue.array("u8", [1, 2, 3])]], [])).path);
    });

    it("reads it back", async () => {
      expect((await readGgufHeader(path.join(dir, "kv.gguf"))).metadata.get("a")).toEqual(ggufValue.array("u8", [1, 2, 3]));
    });
    it("a hostile array count", async () => {
      expect((await rejection(variant(small, (b) => void b.writeBigUInt64LE(1n << 62n, 41)))).message).toMatch(
        /metadata array "a" claims 4611686018427387904 items/,
      );
    });
    it("an unknown value type", async () => {
      expect((await rejection(variant(small, (b) => void b.writeUInt32LE(13, 33)))).message).toMatch(/metadata "a" has unknown value type 13/);
    });
    it("an array of arrays", async () => {
      expect((await rejection(variant(small, (b) => void b.writeUInt32LE(9, 37)))).message).toMatch(/array of arrays/);
    });
    it("a key that is not UTF-8", async () => {
      expect((await rejection(variant(small, (b) => void b.writeUInt8(0xff, 32)))).message).toMatch(/metadata key #0 is not valid UTF-8/);
    });
    it("a header over the size limit", async () => {
      await expect(readGgufHeader(model, { maxHeaderBytes: 4096 })).rejects.toThrow(/header is larger than the 4096-byte limit/);
    });
  });
});
