import { HammerError } from "../errors.js";
import type { Rng } from "../rng.js";
import type { MaskMode } from "./types.js";

/** Hammer's 64-character mask alphabet, in its order: `A–Z a–z _ . 0–9`. */
export const MASK_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_.0123456789";
const LETTERS = MASK_ALPHABET.slice(0, 52);

/** Length bounds (inclusive) of Hammer's random strings. */
export const MASK_LENGTHS = {
  functionName: [5, 15],
  paramName: [4, 10],
  stringDefault: [5, 5],
} as const;

/**
 * A random name of `min..max` characters from {@link MASK_ALPHABET}. `fixed` mode draws the first
 * character from the letters only, so names are valid identifiers in most languages and never
 * look like numbers (a digits-only key would also be reordered by JavaScript objects).
 */
export function randomName(rng: Rng, min: number, max: number, mode: MaskMode): string {
  const length = rng.int(min, max);
  let out = mode === "faithful" ? "" : rng.string(LETTERS, 1);
  // 64 characters: six bits of a 32-bit draw per character, five characters per draw (hot path)
  while (out.length < length) {
    let bits = rng.nextUint32();
    for (let k = 0; k < 5 && out.length < length; k++, bits >>>= 6) out += MASK_ALPHABET[bits & 63];
  }
  return out;
}

/** Attempts at drawing a name outside `taken` before giving up (64^4 names: only hostile input gets here). */
const MAX_DRAWS = 1000;

/** {@link randomName} redrawn until it is not in `taken`; adds it to `taken`. */
export function uniqueRandomName(rng: Rng, min: number, max: number, taken: Set<string>): string {
  for (let i = 0; i < MAX_DRAWS; i++) {
    const name = randomName(rng, min, max, "fixed");
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
  }
  throw new HammerError("LIMIT_EXCEEDED", `no free random name after ${MAX_DRAWS} draws (${taken.size} names taken)`);
}
