import { HammerError } from "../core/errors.js";

const UNITS: Record<string, number> = { "": 1, b: 1, kb: 1024, k: 1024, mb: 1024 ** 2, m: 1024 ** 2, gb: 1024 ** 3, g: 1024 ** 3 };

/** `4mb`, `512kb`, `1048576` → bytes (binary units, as body-size limits are usually meant). */
export function parseByteSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[(m?.[2] ?? "").toLowerCase()];
  if (!m || unit === undefined) throw new HammerError("INPUT_INVALID", `invalid size ${JSON.stringify(text)} (expected e.g. 4mb, 512kb, 1048576)`);
  const bytes = Math.floor(Number(m[1]) * unit);
  if (!Number.isSafeInteger(bytes) || bytes < 1) throw new HammerError("INPUT_INVALID", `invalid size ${JSON.stringify(text)}: must be at least 1 byte`);
  return bytes;
}
