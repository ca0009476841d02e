/** One tensor for {@link safetensorsBytes}; `offsets` lets a test lie about where its data is. */
export interface SafetensorsEntry {
  dtype: string;
  shape: number[];
  data: Uint8Array;
  offsets?: [number, number];
}

/** A safetensors file as the format describes it (8-byte header length, JSON header, data). */
export function safetensorsBytes(entries: Record<string, SafetensorsEntry>, extraHeader: Record<string, unknown> = {}): Buffer {
  const header: Record<string, unknown> = { ...extraHeader };
  const chunks: Uint8Array[] = [];
  let at = 0;
  for (const [name, e] of Object.entries(entries)) {
    header[name] = { dtype: e.dtype, shape: e.shape, data_offsets: e.offsets ?? [at, at + e.data.length] };
    chunks.push(e.data);
    at += e.data.length;
  }
  let json = JSON.stringify(header);
  json += " ".repeat((8 - (json.length % 8)) % 8);
  const len = Buffer.alloc(8);
  len.writeBigUInt64LE(BigInt(Buffer.byteLength(json)));
  return Buffer.concat([len, Buffer.from(json), ...chunks]);
}

export function f32Bytes(values: ArrayLike<number>): Uint8Array {
  return new Uint8Array(Float32Array.from(values).buffer);
}
