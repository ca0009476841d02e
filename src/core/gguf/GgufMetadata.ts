import type { GgufArray, GgufValue } from "./ggufValue.js";

/** Read-only view of a GGUF file's key/value metadata with typed getters. */
export class GgufMetadata {
  private readonly map: ReadonlyMap<string, GgufValue>;

  constructor(entries: Iterable<readonly [string, GgufValue]>) {
    this.map = new Map(entries);
  }

  get size(): number {
    return this.map.size;
  }

  has(key: string): boolean {
    return this.map.has(key);
  }

  get(key: string): GgufValue | undefined {
    return this.map.get(key);
  }

  keys(): string[] {
    return [...this.map.keys()];
  }

  entries(): Array<[string, GgufValue]> {
    return [...this.map.entries()];
  }

  /** The value when it is a string, else undefined. */
  string(key: string): string | undefined {
    const v = this.map.get(key);
    return v?.type === "string" ? v.value : undefined;
  }

  /** The value when it is a number of any width (64-bit ones only when exactly representable), else undefined. */
  number(key: string): number | undefined {
    const v = this.map.get(key);
    if (v === undefined || v.type === "array" || v.type === "string" || v.type === "bool") return undefined;
    if (typeof v.value === "bigint") {
      return v.value <= BigInt(Number.MAX_SAFE_INTEGER) && v.value >= BigInt(Number.MIN_SAFE_INTEGER)
        ? Number(v.value)
        : undefined;
    }
    return v.value;
  }

  bool(key: string): boolean | undefined {
    const v = this.map.get(key);
    return v?.type === "bool" ? v.value : undefined;
  }

  array(key: string): GgufArray | undefined {
    const v = this.map.get(key);
    return v?.type === "array" ? v : undefined;
  }

  /** The items when the value is an array of strings, else undefined. */
  strings(key: string): readonly string[] | undefined {
    const v = this.map.get(key);
    return v?.type === "array" && v.itemType === "string" ? v.items : undefined;
  }

  /**
   * Plain JSON for display: scalars as values (64-bit integers as numbers when safe, else strings),
   * arrays longer than `maxItems` as `{type, length, head}`.
   */
  toJSON(maxItems = 8): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [key, value] of this.map) out[key] = displayValue(value, maxItems);
    return out;
  }
}

function displayScalar(v: unknown): unknown {
  if (typeof v === "bigint") return v <= BigInt(Number.MAX_SAFE_INTEGER) && v >= -BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v.toString();
  return v;
}

function displayValue(value: GgufValue, maxItems: number): unknown {
  if (value.type !== "array") return displayScalar(value.value);
  const items = value.items as readonly unknown[];
  if (items.length <= maxItems) return items.map(displayScalar);
  return { type: `${value.itemType}[]`, length: items.length, head: items.slice(0, maxItems).map(displayScalar) };
}
