import type { Rng } from "../rng.js";
import { dedupTools, readdAndShuffle } from "./dedupTools.js";
import { MASK_LENGTHS, randomName, uniqueRandomName } from "./randomName.js";
import type { MaskMapping, MaskMode, WorkSample } from "./types.js";

/**
 * Mask (a): every distinct tool gets a random name of 5–15 characters and every gold call to it
 * follows. `faithful` renames the calls tool by tool as Hammer does (a new name equal to a later
 * tool's old name would be renamed again); `fixed` draws names unique among themselves and
 * distinct from every name in the list, then renames the calls once.
 */
export function maskFunctionNames(sample: WorkSample, mode: MaskMode, rng: Rng, mapping: MaskMapping): void {
  const n = sample.tools.length;
  const unique = dedupTools(sample.tools);
  const [min, max] = MASK_LENGTHS.functionName;
  if (mode === "faithful") {
    for (const tool of unique) {
      const old = tool.name;
      tool.name = randomName(rng, min, max, mode);
      for (const call of sample.calls) if (call.name === old) call.name = tool.name;
      mapping.functions.push({ original: tool.original, masked: tool.name });
    }
  } else {
    // Also avoid names of unknown tools the calls use: a masked name must never be ambiguous.
    const taken = new Set([...sample.tools.map((t) => t.name), ...sample.calls.map((c) => c.name)]);
    const renamed = new Map<string, string>();
    for (const tool of unique) {
      const masked = uniqueRandomName(rng, min, max, taken);
      renamed.set(tool.name, masked);
      tool.name = masked;
      mapping.functions.push({ original: tool.original, masked });
    }
    for (const call of sample.calls) call.name = renamed.get(call.name) ?? call.name;
  }
  sample.tools = readdAndShuffle(unique, n, rng);
}
