import { randomBytes } from "node:crypto";

/** `chatcmpl-…` / `cmpl-…` ids: a prefix and 24 random base62-ish characters, as OpenAI's look. */
export function responseId(prefix: "chatcmpl" | "cmpl"): string {
  return `${prefix}-${randomBytes(18).toString("base64url")}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
