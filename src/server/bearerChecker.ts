import { createHash, timingSafeEqual } from "node:crypto";

/**
 * A checker for `Authorization: Bearer <key>` that compares in constant time: both sides are
 * hashed first, so the comparison sees equal-length digests and neither the key's length nor
 * its prefix leaks through timing.
 */
export function bearerChecker(apiKey: string): (authorization: string | undefined) => boolean {
  const expected = createHash("sha256").update(apiKey, "utf8").digest();
  return (authorization) => {
    const m = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(authorization ?? "");
    const given = createHash("sha256")
      .update(m?.[1] ?? "", "utf8")
      .digest();
    return timingSafeEqual(given, expected) && m !== null;
  };
}
