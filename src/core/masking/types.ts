/**
 * Types of Hammer's function masking (hammer.md §2.3). The algorithm works on a small mutable
 * "work" model of a sample; adapters translate xLAM raw tools and canonical ToolDefs into it and
 * back, so the masking rules live in one place.
 */

/**
 * - `faithful`: Hammer's `data_processing.py` step for step, quirks included (bool defaults turn
 *   into floats, substring replacement, names may start with a digit or `.`, no collision check,
 *   Python dict `pop`/re-insert key order).
 * - `fixed` (default): the same algorithm with the quirks repaired — values keep their JSON type
 *   (float marks included; boolean defaults are left alone), replacements act on whole tokens,
 *   names start with a letter and never collide, keys keep their position.
 */
export type MaskMode = "faithful" | "fixed";

export interface MaskOptions {
  /** Function-name mask (a). Default true. */
  names?: boolean;
  /** Parameter-name mask (b). Default true. */
  params?: boolean;
  /** Default-value mask (c). Default true. */
  defaults?: boolean;
  /** Default "fixed". */
  mode?: MaskMode;
}

export interface ResolvedMaskOptions {
  names: boolean;
  params: boolean;
  defaults: boolean;
  mode: MaskMode;
}

export function resolveMaskOptions(o: MaskOptions = {}): ResolvedMaskOptions {
  return { names: o.names ?? true, params: o.params ?? true, defaults: o.defaults ?? true, mode: o.mode ?? "fixed" };
}

/** One argument or parameter slot; `float` keeps Python's `5.0` vs `5` for integral numbers. */
export interface WorkArg {
  key: string;
  value: unknown;
  float: boolean;
}

export interface WorkParam {
  /** Current (possibly masked) name. */
  name: string;
  /** Name in the source tool. */
  original: string;
  /** The parameter's schema (`{description, type, default}`): the source's object, replaced by a changed copy when the default mask acts. */
  schema: unknown;
}

export interface WorkTool {
  name: string;
  original: string;
  params: WorkParam[];
  /** Index of the source tool, for the adapter to copy what masking does not touch. */
  source: number;
}

export interface WorkCall {
  name: string;
  args: WorkArg[];
  source: number;
}

/** A sample in the work model. Tool objects may repeat (Hammer re-adds duplicates by reference). */
export interface WorkSample {
  query: string;
  tools: WorkTool[];
  calls: WorkCall[];
}

/** A gold argument value rewritten by the default mask. */
export interface ValueRewrite {
  original: unknown;
  masked: unknown;
}

/** A default value changed by the default mask, with the gold values that followed it. */
export interface DefaultChange {
  /** Original tool name. */
  function: string;
  /** Original parameter name. */
  param: string;
  originalDefault: unknown;
  maskedDefault: unknown;
  rewrites: ValueRewrite[];
}

/**
 * Everything a masking changed, keyed by original names, so masked calls can be mapped back
 * exactly ({@link unmaskCalls}). Numbers that are integral floats carry float marks.
 */
export interface MaskMapping {
  functions: Array<{ original: string; masked: string }>;
  params: Array<{ function: string; original: string; masked: string }>;
  values: DefaultChange[];
  /** Present when the default mask rewrote the query. */
  query?: { original: string; masked: string };
}

/** Translates one tool representation into the work model and back (`O`: what `write` makes). */
export interface ToolAdapter<T, O = T> {
  /** Work view of `tool` (the `index`-th of its list); throws a HammerError naming the tool when it cannot be masked. */
  read(tool: T, index: number): WorkTool;
  /** The masked tool, built from its source and the work view. */
  write(source: T, work: WorkTool): O;
}
