import { HammerError } from "../core/errors.js";

const UNITS: Record<string, number> = { ms: 1, s: 1000, "": 1000, m: 60_000, min: 60_000, h: 3_600_000 };

/** `120s`, `500ms`, `2m`, `90` (seconds), `0` (off) → milliseconds. */
export function parseDuration(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = UNITS[(m?.[2] ?? "").toLowerCase()];
  if (!m || unit === undefined) throw new HammerError("INPUT_INVALID", `invalid duration ${JSON.stringify(text)} (expected e.g. 120s, 500ms, 2m)`);
  const ms = Math.round(Number(m[1]) * unit);
  if (!Number.isSafeInteger(ms)) throw new HammerError("INPUT_INVALID", `invalid duration ${JSON.stringify(text)}: too large`);
  return ms;
}
