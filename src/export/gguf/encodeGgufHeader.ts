import { HammerError } from "../../core/errors.js";
import { GGUF_VALUE_TYPE_CODES, type GgufScalarTypeName, type GgufValue } from "../../core/gguf/index.js";
import { ByteWriter } from "./ByteWriter.js";

/** A tensor as the header describes it: offsets are relative to the start of the data section. */
export interface GgufTensorHeaderInfo {
  name: string;
  dims: readonly number[];
  typeId: number;
  offset: number;
}

const INT_RANGES: Partial<Record<GgufScalarTypeName, readonly [number, number]>> = {
  u8: [0, 0xff],
  i8: [-0x80, 0x7f],
  u16: [0, 0xffff],
  i16: [-0x8000, 0x7fff],
  u32: [0, 0xffffffff],
  i32: [-0x80000000, 0x7fffffff],
};
const U64_MAX = (1n << 64n) - 1n;
const I64_MIN = -(1n << 63n);
const I64_MAX = (1n << 63n) - 1n;

/**
 * GGUF v3 header bytes (magic, counts, metadata, tensor infos) padded to `alignment`, so tensor data can
 * follow directly. Every value is range-checked against its declared type.
 */
export function encodeGgufHeader(
  metadata: ReadonlyArray<readonly [string, GgufValue]>,
  tensors: readonly GgufTensorHeaderInfo[],
  alignment: number,
): Buffer {
  const w = new ByteWriter();
  w.u8(0x47); // "GGUF"
  w.u8(0x47);
  w.u8(0x55);
  w.u8(0x46);
  w.u32(3);
  w.u64(tensors.length);
  w.u64(metadata.length);
  for (const [key, value] of metadata) {
    w.string(key);
    w.u32(GGUF_VALUE_TYPE_CODES[value.type]);
    if (value.type === "array") {
      w.u32(GGUF_VALUE_TYPE_CODES[value.itemType]);
      w.u64(value.items.length);
      const items = value.items as readonly unknown[];
      for (let i = 0; i < items.length; i++) writeScalar(w, key, value.itemType, items[i], `[${i}]`);
    } else {
      writeScalar(w, key, value.type, value.value, "");
    }
  }
  for (const t of tensors) {
    w.string(t.name);
    w.u32(t.dims.length);
    for (const d of t.dims) w.u64(d);
    w.u32(t.typeId);
    w.u64(t.offset);
  }
  w.pad(alignment);
  return Buffer.from(w.bytes());
}

function writeScalar(w: ByteWriter, key: string, type: GgufScalarTypeName, v: unknown, where: string): void {
  const bad = (what: string): never => {
    throw new HammerError("INPUT_INVALID", `metadata ${key}${where}: ${what}`, { location: `${key}${where}` });
  };
  const range = INT_RANGES[type];
  if (range) {
    if (typeof v !== "number" || !Number.isInteger(v) || v < range[0] || v > range[1]) bad(`${String(v)} is not a valid ${type}`);
  }
  switch (type) {
    case "u8":
      return w.u8(v as number);
    case "i8":
      return w.i8(v as number);
    case "u16":
      return w.u16(v as number);
    case "i16":
      return w.i16(v as number);
    case "u32":
      return w.u32(v as number);
    case "i32":
      return w.i32(v as number);
    case "f32":
    case "f64":
      if (typeof v !== "number") bad(`${String(v)} is not a number`);
      return type === "f32" ? w.f32(v as number) : w.f64(v as number);
    case "u64":
      if (typeof v !== "bigint" || v < 0n || v > U64_MAX) bad(`${String(v)} is not a valid u64 (a bigint)`);
      return w.u64(v as bigint);
    case "i64":
      if (typeof v !== "bigint" || v < I64_MIN || v > I64_MAX) bad(`${String(v)} is not a valid i64 (a bigint)`);
      return w.i64(v as bigint);
    case "bool":
      if (typeof v !== "boolean") bad(`${String(v)} is not a boolean`);
      return w.u8(v ? 1 : 0);
    case "string":
      if (typeof v !== "string") bad(`${String(v)} is not a string`);
      return w.string(v as string);
    default:
      return bad(`unknown value type ${String(type)}`);
  }
}
