import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { SafetensorsFile } from "./SafetensorsFile.js";
import { SafetensorsModel } from "./SafetensorsModel.js";
import { safetensorsBytes } from "../../../test/export/support/safetensorsBytes.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-safetensors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function f32(...v: number[]): Uint8Array {
  return new Uint8Array(Float32Array.from(v).buffer);
}
function u16(...v: number[]): Uint8Array {
  return new Uint8Array(Uint16Array.from(v).buffer);
}

function write(name: string, bytes: Uint8Array | string): string {
  const file = path.join(dir, name);
  writeFileSync(file, bytes);
  return file;
}

describe("SafetensorsFile", () => {
  it("reads F32, F16 and BF16 as float32, whole or by rows", async () => {
    const file = write(
      "ok.safetensors",
      safetensorsBytes({
        a: { dtype: "F32", shape: [2, 3], data: f32(1, 2, 3, 4, 5, -6.5) },
        // F16: 1, -2, 0.5, 65504; BF16: 1, -2, 3.140625 (0x4049), 1e38-ish (0x7e96)
        h: { dtype: "F16", shape: [4], data: u16(0x3c00, 0xc000, 0x3800, 0x7bff) },
        b: { dtype: "BF16", shape: [2, 2], data: u16(0x3f80, 0xc000, 0x4049, 0x7e96) },
      }, { __metadata__: { format: "pt" } }),
    );
    const st = await SafetensorsFile.open(file);
    try {
      expect(st.header.metadata).toEqual({ format: "pt" });
      expect([...(await st.readAll(st.tensor("a")!))]).toEqual([1, 2, 3, 4, 5, -6.5]);
      expect([...(await st.readRows(st.tensor("a")!, 1, 1))]).toEqual([4, 5, -6.5]);
      expect([...(await st.readAll(st.tensor("h")!))]).toEqual([1, -2, 0.5, 65504]);
      const b = await st.readRows(st.tensor("b")!, 1, 1);
      expect(b[0]).toBe(3.140625);
      expect(b[1]).toBe(new Float32Array(new Uint32Array([0x7e960000]).buffer)[0]);
    } finally {
      await st.close();
    }
  });

  it("names the dtype of a tensor it cannot convert", async () => {
    const file = write("i64.safetensors", safetensorsBytes({ ids: { dtype: "I64", shape: [1], data: new Uint8Array(8) } }));
    const st = await SafetensorsFile.open(file);
    try {
      await expect(st.readAll(st.tensor("ids")!)).rejects.toThrow(/tensor "ids" has dtype I64; only F32, F16, BF16/);
    } finally {
      await st.close();
    }
  });
});

describe("SafetensorsFile rejects hostile files before reading data", () => {
  const good = () => safetensorsBytes({ w: { dtype: "F32", shape: [2, 2], data: f32(1, 2, 3, 4) }, v: { dtype: "F32", shape: [2], data: f32(5, 6) } });
  const lenThen = (n: bigint, rest: string) => {
    const b = Buffer.alloc(8);
    b.writeBigUInt64LE(n);
    return Buffer.concat([b, Buffer.from(rest)]);
  };
  const header = (h: unknown, dataBytes = 16) => {
    const json = JSON.stringify(h);
    return Buffer.concat([lenThen(BigInt(Buffer.byteLength(json)), json), Buffer.alloc(dataBytes)]);
  };
  const cases: Array<[string, Uint8Array | (() => string), RegExp]> = [
    ["an empty file", new Uint8Array(0), /too short for the 8-byte header length/],
    ["a header length past the end", lenThen(1000n, "{}"), /header length 1000 runs past the end of the 10-byte file/],
    ["a huge header length", lenThen(1n << 62n, "{}"), /over the 100000000-byte limit/],
    ["a header that is not JSON", lenThen(5n, "{oops"), /header is not valid JSON/],
    ["a header that is not an object", lenThen(2n, "[]"), /header is not a JSON object/],
    ["an unknown dtype", header({ w: { dtype: "Q4", shape: [4], data_offsets: [0, 16] } }), /tensor "w": unknown dtype "Q4"/],
    ["a negative dimension", header({ w: { dtype: "F32", shape: [-4], data_offsets: [0, 16] } }), /tensor "w": shape \[-4\] is not a list of non-negative integers/],
    ["offsets that do not match the shape", header({ w: { dtype: "F32", shape: [3], data_offsets: [0, 16] } }), /hold 16 bytes, but F32 \[3\] needs 12/],
    ["offsets that end before they begin", header({ w: { dtype: "F32", shape: [0], data_offsets: [8, 4] } }), /end before they begin/],
    ["offsets past the end of the file", header({ w: { dtype: "F32", shape: [8], data_offsets: [0, 32] } }), /tensor "w": data_offsets \[0, 32\] run past the end of the data section \(16 bytes/],
    [
      "overlapping tensors",
      header({ a: { dtype: "F32", shape: [3], data_offsets: [0, 12] }, b: { dtype: "F32", shape: [2], data_offsets: [8, 16] } }),
      /tensor "b" overlaps tensor "a"/,
    ],
    ["a bad __metadata__", header({ __metadata__: { n: 1 } }), /__metadata__ is not a map of strings/],
    [
      "a truncated file",
      () => {
        const file = write("trunc.safetensors", good());
        truncateSync(file, good().length - 3);
        return file;
      },
      /tensor "v": data_offsets \[16, 24\] run past the end of the data section \(21 bytes; file truncated\?\)/,
    ],
  ];
  it.each(cases)("%s", async (label, bytes, message) => {
    const file = typeof bytes === "function" ? bytes() : write(`${label.replace(/\W+/g, "_")}.safetensors`, bytes);
    const err = await SafetensorsFile.open(file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(err).toMatchObject({ code: "MODEL_INVALID", message: expect.stringMatching(message) });
    expect((err as { location: string }).location).toContain(file);
  });

  it("a missing file is NOT_FOUND", async () => {
    await expect(SafetensorsFile.open(path.join(dir, "nope.safetensors"))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("SafetensorsModel", () => {
  const shardDir = (name: string, files: Record<string, Uint8Array | string>): string => {
    const d = path.join(dir, name);
    mkdirSync(d, { recursive: true });
    for (const [f, b] of Object.entries(files)) writeFileSync(path.join(d, f), b);
    return d;
  };
  const shard1 = safetensorsBytes({ "a.weight": { dtype: "F32", shape: [2], data: f32(1, 2) } });
  const shard2 = safetensorsBytes({ "b.weight": { dtype: "BF16", shape: [1], data: u16(0x4000) } });
  const index = (map: Record<string, unknown>) => JSON.stringify({ metadata: { total_size: 10 }, weight_map: map });

  it("reads a sharded model through its index", async () => {
    const d = shardDir("sharded", {
      "model-00001-of-00002.safetensors": shard1,
      "model-00002-of-00002.safetensors": shard2,
      "model.safetensors.index.json": index({ "a.weight": "model-00001-of-00002.safetensors", "b.weight": "model-00002-of-00002.safetensors" }),
    });
    const model = await SafetensorsModel.open(d);
    try {
      expect(model.names().sort()).toEqual(["a.weight", "b.weight"]);
      const b = model.get("b.weight")!;
      expect(path.basename(b.file.path)).toBe("model-00002-of-00002.safetensors");
      expect([...(await b.file.readAll(b.info))]).toEqual([2]);
    } finally {
      await model.close();
    }
  });

  const bad: Array<[string, Record<string, Uint8Array | string>, string, RegExp]> = [
    ["no weights at all", { "config.json": "{}" }, "NOT_FOUND", /no model\.safetensors or model\.safetensors\.index\.json in .*no-weights/],
    ["only a pickle checkpoint", { "pytorch_model.bin": "x" }, "NOT_FOUND", /PyTorch pickle checkpoints are not read/],
    ["shards without an index", { "model-00001-of-00002.safetensors": shard1 }, "NOT_FOUND", /found model-00001-of-00002\.safetensors, but no index file/],
    ["an index that is not JSON", { "model.safetensors.index.json": "{" }, "MODEL_INVALID", /not valid JSON/],
    ["an index without weight_map", { "model.safetensors.index.json": "{}" }, "MODEL_INVALID", /weight_map is missing/],
    ["an index that escapes the folder", { "model.safetensors.index.json": index({ "a.weight": "../x.safetensors" }) }, "MODEL_INVALID", /not a file name in the model folder/],
    ["an index naming a missing shard", { "model.safetensors.index.json": index({ "a.weight": "gone.safetensors" }) }, "NOT_FOUND", /gone\.safetensors.*file not found|file not found/],
    ["an index naming the wrong shard", { "s1.safetensors": shard1, "s2.safetensors": shard2, "model.safetensors.index.json": index({ "a.weight": "s2.safetensors", "b.weight": "s2.safetensors" }) }, "MODEL_INVALID", /puts "a\.weight" in s2\.safetensors, but s2\.safetensors has no such tensor/],
    ["a tensor in two shards", { "s1.safetensors": shard1, "s2.safetensors": shard1, "model.safetensors.index.json": index({ "a.weight": "s1.safetensors", "x": "s2.safetensors" }) }, "MODEL_INVALID", /tensor "a\.weight" is also in s1\.safetensors/],
  ];
  it.each(bad)("rejects %s", async (label, files, code, message) => {
    const d = shardDir(label.replace(/\W+/g, "-"), files);
    await expect(SafetensorsModel.open(d)).rejects.toMatchObject({ code, message: expect.stringMatching(message) });
  });
});
