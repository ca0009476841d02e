/** `0.1234` → `12.34%`; null → `n/a`. */
export function formatPercent(x: number | null): string {
  return x === null ? "n/a" : `${(x * 100).toFixed(2)}%`;
}

/** An F1 value with four decimals (Hammer's evaluate.py metrics can exceed 1); null → `n/a`. */
export function formatF1(x: number | null): string {
  return x === null ? "n/a" : x.toFixed(4);
}

/** A signed difference in percentage points or F1 units; null when either side is missing. */
export function formatDelta(x: number | null, base: number | null, kind: "percent" | "f1"): string | null {
  if (x === null || base === null) return null;
  const raw = x - base;
  const d = Math.abs(raw) < 5e-7 ? 0 : raw;
  const text = kind === "percent" ? `${(d * 100).toFixed(2)} pt` : d.toFixed(4);
  return d > 0 ? `+${text}` : d === 0 ? `±${kind === "percent" ? "0.00 pt" : "0.0000"}` : text;
}
