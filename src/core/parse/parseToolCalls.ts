import type { CallSyntax, ParsedOutput } from "../formats/types.js";
import type { PositionalParams } from "../python/index.js";
import { contentOutside, type BlockScan, type ScanOptions } from "./blockScan.js";
import { parseDelimited } from "./parseDelimited.js";
import { parseFenced } from "./parseFenced.js";
import { ParseFailure } from "./ParseFailure.js";
import { scanProse } from "./scanProse.js";

export interface ParseToolCallsOptions {
  /** The syntax the model was asked to use; it is tried first and its errors are reported. */
  syntax?: CallSyntax;
  /**
   * Parameter names of a function in signature order, to name positional arguments of Python
   * calls (`mean([1, 2])` in BFCL's multi-turn ground truth). Without it they are an error.
   */
  positionalParams?: PositionalParams;
}

/** Qwen2.5 / hermes call tags, recognised even when no syntax is given. */
export const HERMES_CALL_OPEN = "<tool_call>";
export const HERMES_CALL_CLOSE = "</tool_call>";

/**
 * Parse model output into tool calls. Accepts ```-fenced or bare JSON lists (Hammer), a single
 * call object, `{"tool_calls": [...]}` (xLAM, OpenAI-style entries too), hermes `<tool_call>`
 * blocks (Qwen2.5), Python calls (`[f(a=1)]`, `math.factorial(number=5)`) and Python-repr'd call
 * lists, with prose around the block returned as `content`. `calls: []` means "no call".
 *
 * With a `tagged` syntax, text without the call tag is a plain answer (`calls: []`), unless the
 * whole text is a bare call block. Otherwise text without a recognisable block throws
 * OutputParseError with the 0-based offset of the problem and what was expected there.
 */
export function parseToolCalls(text: string, options: ParseToolCallsOptions = {}): ParsedOutput {
  try {
    return parse(text, options.syntax, options.positionalParams === undefined ? {} : { positionalParams: options.positionalParams });
  } catch (e) {
    if (e instanceof ParseFailure) throw e.toOutputParseError();
    throw e;
  }
}

function parse(text: string, syntax: CallSyntax | undefined, base: ScanOptions): ParsedOutput {
  // Markers are matched without their whitespace (a format may write "<tool_call>\n"); the
  // parsers skip whitespace around blocks anyway.
  if (syntax?.kind === "tagged" && syntax.callOpen.trim() !== "") return parseTagged(text, syntax.callOpen.trim(), syntax.callClose.trim(), base);
  const options: ScanOptions = syntax?.kind === "json-list" && syntax.wrapperKey !== undefined ? { ...base, wrapperKey: syntax.wrapperKey } : base;
  let preferred: ParseFailure | null = null;
  const open = syntax?.kind === "json-list" ? syntax.open.trim() : "";
  if (syntax?.kind === "json-list" && open !== "" && !open.startsWith("```")) {
    const r = parseDelimited(text, open, syntax.close.trim(), options);
    if (r.ok) return output(text, r);
    preferred = r.failure;
  }
  const hermesAt = text.indexOf(HERMES_CALL_OPEN);
  const fenceAt = text.indexOf("```");
  // Without a syntax the marker that comes first decides: the other one may sit inside a JSON
  // string of the block (a "<tool_call>" argument in Hammer output, a ``` in hermes arguments).
  if (syntax === undefined && hermesAt >= 0 && (fenceAt < 0 || hermesAt < fenceAt)) {
    const r = parseDelimited(text, HERMES_CALL_OPEN, HERMES_CALL_CLOSE, options);
    if (!r.ok) throw r.failure ?? noBlock(text);
    return output(text, r);
  }
  const fenced = parseFenced(text, options);
  if (fenced.ok) return output(text, fenced);
  let hermesFailure: ParseFailure | null = null;
  if (hermesAt >= 0) {
    const r = parseDelimited(text, HERMES_CALL_OPEN, HERMES_CALL_CLOSE, options);
    if (r.ok) return output(text, r);
    hermesFailure = r.failure;
  }
  const prose = scanProse(text, options);
  if (prose.ok) return output(text, prose);
  throw preferred ?? fenced.failure ?? hermesFailure ?? prose.failure ?? noBlock(text);
}

function parseTagged(text: string, open: string, close: string, options: ScanOptions): ParsedOutput {
  const r = parseDelimited(text, open, close, options);
  if (r.ok) return output(text, r);
  if (r.failure) throw r.failure;
  // No call tag: a plain answer, unless the model wrote a bare call block and nothing else.
  const g = parseGeneric(text, options);
  if (g.ok && contentOutside(text, g.spans) === null) return output(text, g);
  const content = text.trim();
  return { calls: [], content: content === "" ? null : content };
}

function parseGeneric(text: string, options: ScanOptions): BlockScan {
  const fenced = parseFenced(text, options);
  if (fenced.ok) return fenced;
  const prose = scanProse(text, options);
  if (prose.ok) return prose;
  return { ok: false, failure: fenced.failure ?? prose.failure };
}

function output(text: string, scan: Extract<BlockScan, { ok: true }>): ParsedOutput {
  return { calls: scan.calls, content: contentOutside(text, scan.spans) };
}

function noBlock(text: string): ParseFailure {
  const at = text.length - text.trimStart().length;
  if (at === text.length) return new ParseFailure("empty output: expected a tool call block such as ```[...]``` or []", at);
  return new ParseFailure(
    "no tool call block found: expected a ```-fenced JSON list, a JSON list or object of calls, <tool_call> blocks or Python calls such as [f(a=1)]",
    at,
  );
}
