import { JsonSyntaxError } from "../errors.js";
import { parseJson } from "../json/index.js";
import { identifierLength, parsePythonValueAt, pythonPathOffset, PyParseFailure, type PositionalParams, type PythonValueAt } from "../python/index.js";
import type { ToolCall } from "../types.js";
import { callsFromValue } from "./callsFromValue.js";
import { ParseFailure, type Reach } from "./ParseFailure.js";
import { jsonPathOffset, scanJsonValueEnd } from "./scanJson.js";

export interface CallsAt {
  calls: ToolCall[];
  /** Offset just past the last value of the block. */
  end: number;
}

export interface CallsAtOptions {
  wrapperKey?: string;
  positionalParams?: PositionalParams;
  /** Updated with how far the attempt read (prose scanning bounds its total work with it). */
  track?: Reach;
}

/**
 * Parse a call block starting exactly at `start`: one value (JSON via parseJson, else Python
 * literal/call syntax) and any further call values that directly follow it, separated by
 * whitespace, `,` or `;` (`{…}\n{…}`, `f(a=1); g(b=2)`). Throws ParseFailure.
 */
export function parseCallsAt(src: string, start: number, options: CallsAtOptions = {}): CallsAt {
  const first = parseOneAt(src, start, options);
  const calls = first.calls;
  let end = first.end;
  for (;;) {
    let j = skipWs(src, end);
    const c = src.charCodeAt(j);
    if (c === 44 || c === 59) j = skipWs(src, j + 1);
    if (!startsCandidate(src, j)) break;
    let next: CallsAt;
    try {
      next = parseOneAt(src, j, options);
    } catch (e) {
      if (e instanceof ParseFailure) break;
      throw e;
    }
    for (const call of next.calls) calls.push(call);
    end = next.end;
  }
  return { calls, end };
}

function parseOneAt(src: string, start: number, options: CallsAtOptions): CallsAt {
  const c = src.charCodeAt(start);
  let jsonFailure: ParseFailure | null = null;
  let scannerFailed = false;
  if (c === 91 || c === 123) {
    let end = start;
    let value: unknown;
    try {
      end = scanJsonValueEnd(src, start, options.track);
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
      // Python nests the same brackets; skip a second deep (and costly to unwind) failure.
      if (e.tooDeep) throw e;
      jsonFailure = e;
      scannerFailed = true;
    }
    if (!scannerFailed) {
      const text = src.slice(start, end);
      try {
        value = parseJson(text);
        const locate = (path: ReadonlyArray<string | number>): number => start + jsonPathOffset(text, path);
        return { calls: callsFromValue(value, locate, options.wrapperKey), end };
      } catch (e) {
        if (e instanceof JsonSyntaxError) jsonFailure = new ParseFailure(`invalid JSON: ${bareJsonMessage(e)}`, start + e.offset);
        else if (e instanceof ParseFailure && value !== undefined) {
          // Valid JSON that is not a call block: Python would read it the same way.
          e.resumeAt = end;
          throw e;
        } else throw e;
      }
    }
  }
  let r: PythonValueAt;
  try {
    r = parsePythonValueAt(src, start, true, options.track, options.positionalParams);
  } catch (e) {
    if (!(e instanceof PyParseFailure)) throw e;
    const pyFailure = new ParseFailure(e.message, e.position);
    if (jsonFailure === null) throw pyFailure;
    // Report whichever reading got further. On a tie parseJson's message wins (JSON is what we
    // ask for), but the bracket scanner's is vaguer than the Python parser's.
    if (jsonFailure.position > pyFailure.position || (jsonFailure.position === pyFailure.position && !scannerFailed)) throw jsonFailure;
    throw pyFailure;
  }
  const locate = (path: ReadonlyArray<string | number>): number => pythonPathOffset(src, start, path, options.positionalParams);
  try {
    return { calls: callsFromValue(r.value, locate, options.wrapperKey), end: r.end };
  } catch (e) {
    if (e instanceof ParseFailure) e.resumeAt = r.end;
    throw e;
  }
}

function bareJsonMessage(e: JsonSyntaxError): string {
  return e.message.replace(/ at line \d+, column \d+$/, "");
}

/** Could a call block start at `i`: `[`, `{`, or a (dotted) name directly followed by `(`. */
export function startsCandidate(src: string, i: number): boolean {
  const c = src.charCodeAt(i);
  if (c === 91 || c === 123) return true;
  return callNameEnd(src, i) > 0;
}

/** End of `name(.name)*` at `i` when directly followed by `(`, else -1. */
export function callNameEnd(src: string, i: number): number {
  let j = i;
  for (;;) {
    const len = identifierLength(src, j);
    if (len === 0) return -1;
    j += len;
    const c = src.charCodeAt(j);
    if (c === 40) return j;
    if (c !== 46) return -1;
    j++;
  }
}

export function skipWs(src: string, i: number): number {
  for (;;) {
    const c = src.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9 || c === 12) i++;
    else return i;
  }
}
