import type { ToolCall } from "../types.js";
import type { BlockScan, ScanOptions } from "./blockScan.js";
import { parseCallsAt, skipWs } from "./parseCallsAt.js";
import { ParseFailure } from "./ParseFailure.js";

const FENCE = "```";
// A language tag counts only when a line break/space follows it (```json\n), so a call right
// after the fence (```f(a=1)```) is not mistaken for one; `json` may touch the bracket (```json[).
/** Fences examined before the rest is left as prose (hostile input: millions of ```). */
export const MAX_FENCES = 10_000;

const LANG_RE = /(?:[jJ][sS][oO][nN](?=[\s[{])|[A-Za-z][\w+.-]{0,31}(?=\s))?/y;

/**
 * Calls in ``` code fences (Hammer's output: "```\n[...]\n```", "```[...]```", "```json\n…").
 * Each fence's body is parsed as a value first, so "```" inside a JSON string does not end it;
 * a fence left open at the end of the text is accepted when its body is complete. Fences that
 * fail are left as prose; if none succeeds the first failure is reported.
 */
export function parseFenced(text: string, options: ScanOptions = {}): BlockScan {
  const calls: ToolCall[] = [];
  const spans: Array<[number, number]> = [];
  let failure: ParseFailure | null = null;
  let open = text.indexOf(FENCE);
  for (let examined = 0; open >= 0 && examined < MAX_FENCES; examined++) {
    LANG_RE.lastIndex = open + FENCE.length;
    LANG_RE.exec(text);
    const body = skipWs(text, LANG_RE.lastIndex);
    let next: number;
    try {
      if (text.startsWith(FENCE, body)) throw new ParseFailure("empty code fence: expected a JSON list of calls", body);
      if (body >= text.length) throw new ParseFailure(`unexpected end of input: expected a JSON list of calls after the code fence`, body);
      let r;
      try {
        r = parseCallsAt(text, body, options);
      } catch (e) {
        if (e instanceof ParseFailure && text.indexOf(FENCE, body) < 0) {
          throw e.withNote(`in the code fence opened at offset ${open}, which is never closed`);
        }
        throw e;
      }
      const after = skipWs(text, r.end);
      let close: number;
      if (text.startsWith(FENCE, after)) close = after + FENCE.length;
      else if (after >= text.length) close = text.length; // truncated before the closing fence
      else throw new ParseFailure(`expected \`\`\` to close the code fence opened at offset ${open}`, after);
      for (const c of r.calls) calls.push(c);
      spans.push([open, close]);
      next = close;
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
      failure ??= e;
      const closer = text.indexOf(FENCE, body);
      next = closer < 0 ? text.length : closer + FENCE.length;
    }
    open = text.indexOf(FENCE, next);
  }
  return spans.length > 0 ? { ok: true, calls, spans } : { ok: false, failure };
}
