const STRIP_CHARS = /[ ,./\-_*^]/g;

/**
 * BFCL's `standardize_string`: drop spaces and `,./-_*^`, lowercase, and turn `'` into `"`, so
 * "April 1, 2024" equals "april 1 2024". Applied to model strings and answer strings before
 * comparing; this is what makes BFCL's string match case- and punctuation-insensitive.
 */
export function standardizeString(s: string): string {
  return s.replace(STRIP_CHARS, "").toLowerCase().replace(/'/g, '"');
}
