import { randomBytes } from "node:crypto";

/** `chatcmpl-…` / `cmpl-…` ids: a prefix and 24 random base62-ish characters, as OpenAI's look. */
export function responseId(prefix: "chatcmpl" | "cmpl"): string {
  return `${prefix}-${randomBytes(18).toString("base64url")}`;
}

/** Responses API ids: `resp_…`, `msg_…` (output messages), `fc_…` (function call items), hex as OpenAI's. */
export function itemId(prefix: "resp" | "msg" | "fc"): string {
  return `${prefix}_${randomBytes(24).toString("hex")}`;
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
