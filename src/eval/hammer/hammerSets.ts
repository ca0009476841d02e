/** Hammer's neutral eval sets (`data/test/original/<set>.json` in MadeAgents/Hammer). */
export const HAMMER_SETS = ["apibank_l1", "apibank_l2", "NexusRaven", "sealtool", "toolalpaca"] as const;

export type HammerSet = (typeof HAMMER_SETS)[number];

/** Case-insensitive lookup (`nexusraven` → `NexusRaven`). */
export function toHammerSet(name: string): HammerSet | undefined {
  return HAMMER_SETS.find((s) => s.toLowerCase() === name.toLowerCase());
}
