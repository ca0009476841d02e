import { HammerError } from "../errors.js";
import type { WorkSample } from "./types.js";

/**
 * Size caps of one masked sample. Real rows are far below them (xLAM: ≤ 10 tools, a few
 * parameters each, ≤ 10 calls, queries of a few hundred characters); they bound the work of a
 * hostile row — every default rewrite scans the query — so it fails closed instead of hanging.
 */
export const MASK_LIMITS = {
  maxTools: 1024,
  /** Parameters over all tools. */
  maxParams: 4096,
  maxCalls: 1024,
  /** Arguments over all calls. */
  maxArgs: 4096,
  maxQueryChars: 200_000,
} as const;

export interface MaskSize {
  queryChars: number;
  tools: number;
  params: number;
  calls: number;
  args: number;
}

/** What exceeds {@link MASK_LIMITS}, in words, or undefined. */
export function maskLimitViolation(size: MaskSize): string | undefined {
  const L = MASK_LIMITS;
  if (size.tools > L.maxTools) return `${size.tools} tools (at most ${L.maxTools})`;
  if (size.params > L.maxParams) return `${size.params} parameters (at most ${L.maxParams})`;
  if (size.calls > L.maxCalls) return `${size.calls} calls (at most ${L.maxCalls})`;
  if (size.args > L.maxArgs) return `${size.args} arguments (at most ${L.maxArgs})`;
  if (size.queryChars > L.maxQueryChars) return `a query of ${size.queryChars} characters (at most ${L.maxQueryChars})`;
  return undefined;
}

/** Throw LIMIT_EXCEEDED when a work sample is larger than {@link MASK_LIMITS}. */
export function checkMaskLimits(sample: WorkSample): void {
  const v = maskLimitViolation({
    queryChars: sample.query.length,
    tools: sample.tools.length,
    params: sample.tools.reduce((n, t) => n + t.params.length, 0),
    calls: sample.calls.length,
    args: sample.calls.reduce((n, c) => n + c.args.length, 0),
  });
  if (v !== undefined) throw new HammerError("LIMIT_EXCEEDED", `sample too large to mask: ${v}`);
}
