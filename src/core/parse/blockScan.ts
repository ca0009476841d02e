import type { PositionalParams } from "../python/index.js";
import type { ToolCall } from "../types.js";
import type { ParseFailure } from "./ParseFailure.js";

/** What a block locator found: the calls and the text spans their blocks occupy. */
export type BlockScan =
  | { ok: true; calls: ToolCall[]; spans: Array<[start: number, end: number]> }
  /** `failure` is null when nothing resembling a block was there at all. */
  | { ok: false; failure: ParseFailure | null };

export interface ScanOptions {
  wrapperKey?: string;
  positionalParams?: PositionalParams;
}

/**
 * The prose outside the blocks: each piece trimmed, empty pieces dropped, joined by "\n"; null
 * when nothing is left. The stream parser's text deltas concatenate to exactly this.
 */
export function contentOutside(text: string, spans: ReadonlyArray<readonly [number, number]>): string | null {
  const parts: string[] = [];
  let pos = 0;
  for (const [start, end] of spans) {
    parts.push(text.slice(pos, start));
    pos = end;
  }
  parts.push(text.slice(pos));
  const kept = parts.map((p) => p.trim()).filter((p) => p.length > 0);
  return kept.length > 0 ? kept.join("\n") : null;
}
