import { HammerError } from "../core/errors.js";

/**
 * `--cors` value → the allowed browser origins: a comma-separated list of origins
 * (`https://app.example.com`, `http://localhost:5173`) or `*` for any. An origin is a scheme,
 * host and optional port with nothing after it, exactly as browsers send it in `Origin`.
 */
export function parseCorsOrigins(value: string): string[] {
  const items = value.split(",").map((s) => s.trim());
  if (items.some((s) => s === "")) throw new HammerError("USAGE", `invalid --cors ${JSON.stringify(value)}: an empty origin in the list`);
  for (const item of items) {
    if (item === "*") continue;
    let origin: string | undefined;
    try {
      origin = new URL(item).origin;
    } catch {
      origin = undefined;
    }
    if (origin === undefined || origin === "null" || origin !== item) {
      throw new HammerError("USAGE", `invalid --cors origin ${JSON.stringify(item)}: expected scheme://host[:port] with no path or trailing slash (e.g. http://localhost:5173), or *`);
    }
  }
  return [...new Set(items)];
}
