import type { HammerSet } from "./hammerSets.js";

/** A call of a Hammer eval set (Seal-Tools' `{tool, parameters}` normalised to this). */
export interface HammerCall {
  name: string;
  arguments: Record<string, unknown>;
}

export interface HammerSample {
  /** `<set>_<index>`, index 0-based in file order. */
  id: string;
  set: HammerSet;
  index: number;
  /** A user query, or API-Bank's dialogue (`{role, content}` turns). */
  query: string | unknown[];
  /** Tools as stored (each set has its own schema dialect). */
  tools: unknown[];
  answers: HammerCall[];
}
