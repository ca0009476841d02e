import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ggmlTypes, ggufValue, readGgufHeader, readTensorData, type GgufValue } from "../../core/gguf/index.js";
import { Rng } from "../../core/rng.js";
import { decodeTensor, encodeTensor, ENCODABLE_TENSOR_TYPES } from "./encodeTensor.js";
import { writeGguf, type GgufTensorSource } from "./writeGguf.js";

const dir = mkdtempSync(path.join(tmpdir(), "hammer-gguf-write-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const EVERY_KV: Array<[string, GgufValue]> = [
  ["t.u8", ggufValue.u8(255)],
  ["t.i8", ggufValue.i8(-128)],
  ["t.u16", ggufValue.u16(65535)],
  ["t.i16", ggufValue.i16(-32768)],
  ["t.u32", ggufValue.u32(0xffffffff)],
  ["t.i32", ggufValue.i32(-0x80000000)],
  ["t.f32", ggufValue.f32(1.5)],
  ["t.f64", ggufValue.f64(Math.PI)],
  ["t.u64", ggufValue.u64((1n << 64n) - 1n)],
  ["t.i64", ggufValue.i64(-(1n << 63n))],
  ["t.bool.true", ggufValue.bool(true)],
  ["t.bool.false", ggufValue.bool(false)],
  ["t.string", ggufValue.string("héllo ☃ \u{1F600}\n\"quoted\"")],
  ["t.string.empty", ggufValue.string("")],
  ["t.arr.u8", ggufValue.array("u8", [0, 1, 255])],
  ["t.arr.i8", ggufValue.array("i8", [-128, 0, 127])],
  ["t.arr.u16", ggufValue.array("u16", [0, 65535])],
  ["t.arr.i16", ggufValue.array("i16", [-32768, 32767])],
  ["t.arr.u32", ggufValue.array("u32", [0, 0xffffffff])],
  ["t.arr.i32", ggufValue.array("i32", [-1, 2, -3])],
  ["t.arr.f32", ggufValue.array("f32", [0.5, -2.25, 1e10])],
  ["t.arr.f64", ggufValue.array("f64", [Math.E, -1e-300])],
  ["t.arr.u64", ggufValue.array("u64", [0n, 1n << 40n])],
  ["t.arr.i64", ggufValue.array("i64", [-5n, 1n << 62n])],
  ["t.arr.bool", ggufValue.array("bool", [true, false, true])],
  ["t.arr.string", ggufValue.array("string", ["a", "", "ü", "<|im_end|>"])],
  ["t.arr.empty", ggufValue.array("string", [])],
];

function chunked(bytes: Uint8Array, size: number): () => Iterable<Uint8Array> {
  return function* () {
    for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
  };
}

describe("writeGguf → readGgufHeader round trip", () => {
  it("preserves every metadata value type exactly", async () => {
    const out = path.join(dir, "kv.gguf");
    const result = await writeGguf(out, EVERY_KV, []);
    expect(result.bytes).toBe(statSync(out).size);
    const header = await readGgufHeader(out);
    expect(header.version).toBe(3);
    expect(header.tensors).toEqual([]);
    expect(header.metadata.entries()).toEqual(EVERY_KV);
  });

  it("writes every ggml tensor type with the right size, offset and bytes", async () => {
    const rng = new Rng(5);
    const types = ggmlTypes();
    const payloads = new Map<string, Uint8Array>();
    const sources: GgufTensorSource[] = types.map((type) => {
      const dims = [type.blockSize * 2, 3];
      const bytes = Uint8Array.from({ length: 2 * 3 * type.typeSize }, () => rng.int(0, 255));
      payloads.set(type.name, bytes);
      return { name: `w.${type.name}`, dims, type: type.name, data: chunked(bytes, 7) };
    });
    const out = path.join(dir, "types.gguf");
    await writeGguf(out, [["general.architecture", ggufValue.string("test")]], sources);
    const header = await readGgufHeader(out);
    expect(header.tensors.map((t) => t.type.name)).toEqual(types.map((t) => t.name));
    for (const t of header.tensors) {
      expect(t.fileOffset % 32).toBe(0);
      expect(t.dims).toEqual([t.type.blockSize * 2, 3]);
      expect(await readTensorData(header, t)).toEqual(payloads.get(t.type.name));
    }
  });

  it("encodes float tensors that read back to the same values", async () => {
    const rng = new Rng(9);
    const values = Float32Array.from({ length: 64 * 4 }, () => rng.next() * 2 - 1);
    const sources: GgufTensorSource[] = ENCODABLE_TENSOR_TYPES.map((type) => ({
      name: type,
      dims: [64, 4],
      type,
      data: () => [encodeTensor(type, values.subarray(0, 128)), encodeTensor(type, values.subarray(128))],
    }));
    const out = path.join(dir, "floats.gguf");
    await writeGguf(out, [], sources);
    const header = await readGgufHeader(out);
    for (const type of ENCODABLE_TENSOR_TYPES) {
      const back = decodeTensor(type, await readTensorData(header, type), values.length);
      expect(back).toEqual(decodeTensor(type, encodeTensor(type, values), values.length));
    }
  });

  it("honours a custom alignment and records it in general.alignment", async () => {
    const out = path.join(dir, "align.gguf");
    const src = (name: string): GgufTensorSource => ({ name, dims: [3], type: "F32", data: () => [new Uint8Array(12)] });
    await writeGguf(out, [], [src("a"), src("b")], { alignment: 64 });
    const header = await readGgufHeader(out);
    expect(header.metadata.get("general.alignment")).toEqual(ggufValue.u32(64));
    expect(header.tensors.map((t) => t.offset)).toEqual([0, 64]);
    expect(header.dataOffset % 64).toBe(0);
  });

  it("skips the hash when asked, writing the same bytes", async () => {
    const src: GgufTensorSource = { name: "x", dims: [32], type: "Q8_0", data: () => [encodeTensor("Q8_0", new Float32Array(32).fill(0.5))] };
    const a = await writeGguf(path.join(dir, "h1.gguf"), EVERY_KV, [src]);
    const b = await writeGguf(path.join(dir, "h2.gguf"), EVERY_KV, [src], { sha256: false });
    expect(b.sha256).toBe("");
    expect(readFileSync(b.path)).toEqual(readFileSync(a.path));
  });

  it("is byte-for-byte deterministic", async () => {
    const src: GgufTensorSource = { name: "x", dims: [32], type: "Q8_0", data: () => [encodeTensor("Q8_0", new Float32Array(32).fill(0.25))] };
    const a = await writeGguf(path.join(dir, "d1.gguf"), EVERY_KV, [src]);
    const b = await writeGguf(path.join(dir, "d2.gguf"), EVERY_KV, [src]);
    expect(a.sha256).toBe(b.sha256);
    expect(readFileSync(a.path)).toEqual(readFileSync(b.path));
  });
});

describe("writeGguf rejects bad input", () => {
  const f32 = (name: string, n = 4): GgufTensorSource => ({ name, dims: [n], type: "F32", data: () => [new Uint8Array(n * 4)] });
  const bad: Array<[string, Array<[string, GgufValue]>, GgufTensorSource[], RegExp]> = [
    ["duplicate key", [["k", ggufValue.u8(1)], ["k", ggufValue.u8(2)]], [], /duplicate metadata key k/],
    ["u8 out of range", [["k", ggufValue.u8(256)]], [], /k: 256 is not a valid u8/],
    ["non-integer u32", [["k", ggufValue.u32(1.5)]], [], /k: 1.5 is not a valid u32/],
    ["bad array item", [["k", ggufValue.array("i8", [1, 200])]], [], /k\[1\]: 200 is not a valid i8/],
    ["non-bigint u64", [["k", { type: "u64", value: 5 } as unknown as GgufValue]], [], /k: 5 is not a valid u64/],
    ["alignment not a power of 2", [["general.alignment", ggufValue.u32(24)]], [], /not a power of 2/],
    ["duplicate tensor", [], [f32("a"), f32("a")], /tensor "a": duplicate/],
    ["zero dimension", [], [{ ...f32("z"), dims: [0] }], /dimension 0 is not a positive integer/],
    ["row not whole blocks", [], [{ ...f32("q"), type: "Q4_0", dims: [48] }], /row length 48 is not a multiple of the Q4_0 block size 32/],
    ["unknown type", [], [{ ...f32("u"), type: "Q9_9" }], /unknown ggml type Q9_9/],
    ["name too long", [], [f32("n".repeat(64))], /name must be 1 to 63 bytes/],
  ];
  it.each(bad)("%s", async (_label, kvs, tensors, message) => {
    const out = path.join(dir, "bad.gguf");
    await expect(writeGguf(out, kvs, tensors)).rejects.toThrow(message);
    await expect(writeGguf(out, kvs, tensors)).rejects.toMatchObject({ code: "INPUT_INVALID" });
  });

  it("fails on a producer of the wrong size and leaves no file behind", async () => {
    const sub = mkdtempSync(path.join(dir, "short-"));
    const out = path.join(sub, "short.gguf");
    const short: GgufTensorSource = { name: "s", dims: [8], type: "F32", data: () => [new Uint8Array(16)] };
    await expect(writeGguf(out, [], [short])).rejects.toMatchObject({ code: "INTERNAL", message: expect.stringMatching(/only 16 bytes; the tensor needs exactly 32/) });
    const long: GgufTensorSource = { name: "l", dims: [2], type: "F32", data: () => [new Uint8Array(4), new Uint8Array(8)] };
    await expect(writeGguf(out, [], [long])).rejects.toThrow(/more than 8 bytes/);
    expect(readdirSync(sub)).toEqual([]);
  });
});
