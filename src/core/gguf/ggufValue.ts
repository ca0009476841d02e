/**
 * GGUF metadata values. Each value keeps its exact on-disk type, because llama.cpp checks types strictly
 * (a `u32` hyperparameter stored as `i32` is an error) and a rewrite must reproduce them. 64-bit integers
 * are bigints so they survive unchanged.
 */

/** On-disk type codes of GGUF metadata values (gguf.h `enum gguf_type`). */
export const GGUF_VALUE_TYPE_CODES = {
  u8: 0,
  i8: 1,
  u16: 2,
  i16: 3,
  u32: 4,
  i32: 5,
  f32: 6,
  bool: 7,
  string: 8,
  array: 9,
  u64: 10,
  i64: 11,
  f64: 12,
} as const;

export type GgufValueTypeName = keyof typeof GGUF_VALUE_TYPE_CODES;
export type GgufNumberTypeName = "u8" | "i8" | "u16" | "i16" | "u32" | "i32" | "f32" | "f64";
export type GgufBigintTypeName = "u64" | "i64";
export type GgufScalarTypeName = GgufNumberTypeName | GgufBigintTypeName | "bool" | "string";

export type GgufScalar =
  | { readonly type: GgufNumberTypeName; readonly value: number }
  | { readonly type: GgufBigintTypeName; readonly value: bigint }
  | { readonly type: "bool"; readonly value: boolean }
  | { readonly type: "string"; readonly value: string };

/** Arrays hold scalars only: llama.cpp's reader rejects nested arrays. */
export type GgufArray =
  | { readonly type: "array"; readonly itemType: GgufNumberTypeName; readonly items: readonly number[] }
  | { readonly type: "array"; readonly itemType: GgufBigintTypeName; readonly items: readonly bigint[] }
  | { readonly type: "array"; readonly itemType: "bool"; readonly items: readonly boolean[] }
  | { readonly type: "array"; readonly itemType: "string"; readonly items: readonly string[] };

export type GgufValue = GgufScalar | GgufArray;

export type GgufItemOf<T extends GgufScalarTypeName> = T extends GgufNumberTypeName
  ? number
  : T extends GgufBigintTypeName
    ? bigint
    : T extends "bool"
      ? boolean
      : string;

const NAME_BY_CODE = new Map<number, GgufValueTypeName>(
  Object.entries(GGUF_VALUE_TYPE_CODES).map(([name, code]) => [code, name as GgufValueTypeName]),
);

/** Type name for an on-disk code, or undefined for an unknown code. */
export function ggufValueTypeName(code: number): GgufValueTypeName | undefined {
  return NAME_BY_CODE.get(code);
}

/** Bytes of one fixed-size value, or undefined for string/array. */
export function ggufScalarSize(type: GgufValueTypeName): number | undefined {
  switch (type) {
    case "u8":
    case "i8":
    case "bool":
      return 1;
    case "u16":
    case "i16":
      return 2;
    case "u32":
    case "i32":
    case "f32":
      return 4;
    case "u64":
    case "i64":
    case "f64":
      return 8;
    default:
      return undefined;
  }
}

/** Builders that spell a value's type where it is written: `ggufValue.u32(896)`. */
export const ggufValue = {
  u8: (value: number): GgufValue => ({ type: "u8", value }),
  i8: (value: number): GgufValue => ({ type: "i8", value }),
  u16: (value: number): GgufValue => ({ type: "u16", value }),
  i16: (value: number): GgufValue => ({ type: "i16", value }),
  u32: (value: number): GgufValue => ({ type: "u32", value }),
  i32: (value: number): GgufValue => ({ type: "i32", value }),
  f32: (value: number): GgufValue => ({ type: "f32", value }),
  f64: (value: number): GgufValue => ({ type: "f64", value }),
  u64: (value: bigint | number): GgufValue => ({ type: "u64", value: BigInt(value) }),
  i64: (value: bigint | number): GgufValue => ({ type: "i64", value: BigInt(value) }),
  bool: (value: boolean): GgufValue => ({ type: "bool", value }),
  string: (value: string): GgufValue => ({ type: "string", value }),
  array: <T extends GgufScalarTypeName>(itemType: T, items: readonly GgufItemOf<T>[]): GgufValue =>
    ({ type: "array", itemType, items }) as GgufArray,
};
