import { randomBytes } from "node:crypto";

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/**
 * `call_` + 24 random alphanumerics, like OpenAI's ids. Ids must be unique, not reproducible,
 * so they come from the OS generator rather than the seeded Rng.
 */
export function newCallId(): string {
  const bytes = randomBytes(24);
  let id = "call_";
  for (const b of bytes) id += ALPHABET[b % ALPHABET.length];
  return id;
}
