import type { BfclPart } from "./bfcl/categories.js";
import type { BfclErrorType } from "./bfcl/errorTypes.js";
import type { HammerErrorType } from "./hammer/hammerErrorTypes.js";
import type { HammerSet } from "./hammer/hammerSets.js";

/** A problem with an input file that did not stop loading or scoring. */
export interface Issue {
  /** `file:line` (or `file` when no line applies). */
  location: string;
  message: string;
}

/** The verdict on one sample. */
export interface SampleVerdict {
  id: string;
  /** The part of the bench it belongs to: `bfcl:simple`, `hammer:sealtool`, … */
  part: string;
  correct: boolean;
  /** BFCL's error-type string (or a Hammer-set reason); null when correct. */
  errorType: BfclErrorType | HammerErrorType | null;
  /** Human-readable reason; null when correct. */
  error: string | null;
  /** Ground truth: BFCL possible answer, Hammer answer list, or null (relevance categories). */
  expected: unknown;
  /** What was decoded from the prediction: calls, the undecodable value, or null. */
  got: unknown;
  /** Model text (or the `tool_calls` JSON) as given; null when the prediction is missing. */
  rawOutput: string | null;
}

export interface BfclCategoryScore {
  kind: "bfcl";
  category: BfclPart;
  correct: number;
  total: number;
  accuracy: number;
  /** Samples with no prediction (counted as failures). */
  missing: number;
}

/** Pooled counts of Hammer's evaluate.py (and of the corrected variant). */
export interface HammerCounts {
  goldApi: number;
  predApi: number;
  correctApi: number;
  goldParam: number;
  predParam: number;
  correctParam: number;
}

export interface HammerF1 {
  precisionApi: number | null;
  recallApi: number | null;
  f1Api: number | null;
  precisionParam: number | null;
  recallParam: number | null;
  f1Param: number | null;
}

export interface HammerSetScore {
  kind: "hammer";
  set: HammerSet;
  total: number;
  /** Samples whose calls match exactly (one-to-one, all arguments). */
  correct: number;
  missing: number;
  /** evaluate.py semantics (values can exceed 1; null where evaluate.py prints nothing). */
  official: HammerF1;
  officialCounts: HammerCounts;
  /** One-to-one matching, no empty-arguments bonus, bounded by 1. */
  corrected: HammerF1;
  correctedCounts: HammerCounts;
}

export type PartScore = BfclCategoryScore | HammerSetScore;
