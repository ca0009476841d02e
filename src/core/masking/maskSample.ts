import { cloneJson } from "../json/index.js";
import type { Rng } from "../rng.js";
import type { ToolCall, ToolDef } from "../types.js";
import { maskWork } from "./maskWork.js";
import { readWorkCalls } from "./readWorkCalls.js";
import { setSlot } from "./slots.js";
import { toolDefAdapter } from "./toolDefAdapter.js";
import { resolveMaskOptions, type MaskMapping, type MaskOptions, type ToolAdapter, type WorkCall } from "./types.js";

/** A query, its candidate tools and its gold calls. */
export interface MaskableSample<T = ToolDef> {
  query: string;
  tools: T[];
  calls: ToolCall[];
}

export interface MaskResult<T = ToolDef> {
  sample: MaskableSample<T>;
  mapping: MaskMapping;
}

/**
 * Mask a sample of canonical ToolDefs (new objects; the input is not modified). With every mask
 * on this is Hammer's pipeline for one row; `unmaskCalls(result.sample.calls, result.mapping)`
 * gives back the original calls (exactly in `fixed` mode). In `faithful` mode a digit-only
 * masked key would be moved first by JavaScript's object key order (`fixed` names start with a
 * letter); the xLAM path (maskXlamRecord) writes text and keeps Python's order in both modes.
 *
 * @example
 * const { sample: masked, mapping } = maskSample({ query, tools, calls }, { mode: "fixed" }, new Rng(12));
 */
export function maskSample(sample: MaskableSample, options: MaskOptions, rng: Rng): MaskResult {
  return maskSampleWith(toolDefAdapter, sample, options, rng);
}

/** {@link maskSample} for any tool representation, through its adapter. */
export function maskSampleWith<T>(adapter: ToolAdapter<T>, sample: MaskableSample<T>, options: MaskOptions, rng: Rng): MaskResult<T> {
  const work = {
    query: sample.query,
    tools: sample.tools.map((t, i) => adapter.read(t, i)),
    calls: readWorkCalls(sample.calls),
  };
  const mapping = maskWork(work, resolveMaskOptions(options), rng);
  return {
    sample: {
      query: work.query,
      tools: work.tools.map((t) => adapter.write(sample.tools[t.source] as T, t)),
      calls: work.calls.map((c) => writeCall(sample.calls[c.source] as ToolCall, c)),
    },
    mapping,
  };
}

function writeCall(source: ToolCall, work: WorkCall): ToolCall {
  const args: Record<string, unknown> = {};
  for (const a of work.args) setSlot(args, a.key, cloneJson(a.value), a.float);
  const out: ToolCall = { name: work.name, arguments: args };
  if (source.id !== undefined) out.id = source.id;
  return out;
}
