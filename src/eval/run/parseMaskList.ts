import { HammerError } from "../../core/errors.js";
import type { MaskSelection } from "./types.js";

const MASKS = ["names", "params", "defaults"] as const;

/** `--mask names,params,defaults` (any non-empty subset, or `all`) → which masks to apply. */
export function parseMaskList(list: string): MaskSelection {
  const items = list
    .split(",")
    .map((s) => s.trim().toLowerCase())
    .filter((s) => s !== "");
  const out: MaskSelection = { names: false, params: false, defaults: false };
  if (items.length === 0) throw new HammerError("INPUT_INVALID", `--mask: empty; expected a comma-separated subset of ${MASKS.join(", ")} (or all)`);
  for (const item of items) {
    if (item === "all") for (const m of MASKS) out[m] = true;
    else if ((MASKS as readonly string[]).includes(item)) out[item as (typeof MASKS)[number]] = true;
    else throw new HammerError("INPUT_INVALID", `--mask: unknown mask ${JSON.stringify(item)}; expected a comma-separated subset of ${MASKS.join(", ")} (or all)`);
  }
  return out;
}
