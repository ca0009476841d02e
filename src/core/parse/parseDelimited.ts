import type { ToolCall } from "../types.js";
import type { BlockScan, ScanOptions } from "./blockScan.js";
import { parseCallsAt, skipWs } from "./parseCallsAt.js";
import { ParseFailure } from "./ParseFailure.js";

/**
 * Calls between `open` and `close` markers, e.g. hermes `<tool_call>{…}</tool_call>` blocks
 * (Qwen2.5; several in a row, prose around them). A missing close marker at the very end of the
 * text is tolerated (generation cut at a stop string); anything else is a precise failure.
 * `{ok: false, failure: null}` when `open` does not occur.
 */
export function parseDelimited(text: string, open: string, close: string, options: ScanOptions = {}): BlockScan {
  const calls: ToolCall[] = [];
  const spans: Array<[number, number]> = [];
  let at = text.indexOf(open);
  if (at < 0) return { ok: false, failure: null };
  try {
    while (at >= 0) {
      const body = skipWs(text, at + open.length);
      if (close !== "" && text.startsWith(close, body)) throw new ParseFailure(`empty ${open} block: expected a call object`, body);
      if (body >= text.length) throw new ParseFailure(`unexpected end of input: expected a call object after ${open}`, body);
      let r;
      try {
        r = parseCallsAt(text, body, options);
      } catch (e) {
        if (e instanceof ParseFailure) throw e.withNote(`in the ${open} block opened at offset ${at}`);
        throw e;
      }
      const after = skipWs(text, r.end);
      let end: number;
      if (close !== "" && text.startsWith(close, after)) end = after + close.length;
      else if (close === "" || after >= text.length) end = after;
      else throw new ParseFailure(`expected ${close} to close the ${open} block opened at offset ${at}`, after);
      for (const c of r.calls) calls.push(c);
      spans.push([at, end]);
      at = text.indexOf(open, end);
    }
  } catch (e) {
    if (e instanceof ParseFailure) return { ok: false, failure: e };
    throw e;
  }
  return { ok: true, calls, spans };
}
