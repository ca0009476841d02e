/**
 * Heuristic: does a tool or parameter name look like one of Hammer's random masked names rather
 * than a name a person wrote? Masked names are 4–15 characters from `A–Z a–z _ . 0–9` drawn at
 * random; human names follow a naming convention (snake_case, camelCase, PascalCase,
 * UPPER_SNAKE) made of pronounceable words, with digits at word ends. Measured on 3,808 real
 * names of 4–15 such characters (BFCL v3 and Hammer's eval sets): 2% look random (mostly
 * acronyms and versions: `getHTML`, `cvssV2Metrics`); of uniformly random names about 6% look
 * human (`Taxm`, `ynna`). Judge rows, not names: see {@link looksMaskedRow}.
 */
export function looksRandomName(name: string): boolean {
  if (!/^[A-Za-z0-9_.]{4,15}$/.test(name)) return false;
  if (name.includes(".")) return true;
  if (!NATURAL.some((re) => re.test(name))) return true;
  // digits inside a word (`Om64z`, `KB7GRJQ`)
  if (/[A-Za-z][0-9]+[A-Za-z]/.test(name)) return true;
  // words of five or more letters without a vowel (`nvCqrt`), or very few vowels overall
  for (const seg of name.match(/[A-Z]?[a-z]+/g) ?? []) if (seg.length >= 5 && !/[aeiouyAEIOUY]/.test(seg)) return true;
  const lower = name.replace(/[^a-z]/g, "");
  return lower.length >= 6 && lower.replace(/[^aeiouy]/g, "").length / lower.length < 0.15;
}

const NATURAL = [
  /^_?[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, // snake_case
  /^[a-z][a-z0-9]*(?:[A-Z][a-z0-9]+)*$/, // camelCase
  /^(?:[A-Z][a-z0-9]+)+$/, // PascalCase
  /^[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*$/, // UPPER_SNAKE
];

/**
 * A row is judged masked when at least half of its tool and parameter names look random
 * ({@link looksRandomName}) — with Hammer's recipe every name of a masked row is random, so the
 * per-name errors mostly cancel out on rows with several names.
 */
export function looksMaskedRow(names: readonly string[]): boolean {
  if (names.length === 0) return false;
  let random = 0;
  for (const n of names) if (looksRandomName(n)) random++;
  return random * 2 >= names.length;
}
