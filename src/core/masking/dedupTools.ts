import type { Rng } from "../rng.js";
import type { WorkTool } from "./types.js";

/** Tools with distinct names, first occurrence kept (Hammer dedups by name before each mask). */
export function dedupTools(tools: readonly WorkTool[]): WorkTool[] {
  const seen = new Set<string>();
  const out: WorkTool[] = [];
  for (const t of tools) {
    if (seen.has(t.name)) continue;
    seen.add(t.name);
    out.push(t);
  }
  return out;
}

/**
 * Hammer's ending of masks (a) and (b): when the list had duplicates (`n` tools before dedup),
 * append `randint(0, n − unique + 1)` tools drawn with replacement from the unique ones (the
 * same objects, as Python appends references), then shuffle the whole list.
 */
export function readdAndShuffle(unique: WorkTool[], n: number, rng: Rng): WorkTool[] {
  const out = unique.slice();
  if (unique.length !== n && unique.length > 0) {
    const k = rng.int(0, n - unique.length + 1);
    for (let i = 0; i < k; i++) out.push(rng.pick(unique));
  }
  return rng.shuffle(out);
}
