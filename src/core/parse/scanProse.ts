import { identifierLength } from "../python/index.js";
import type { BlockScan, ScanOptions } from "./blockScan.js";
import { callNameEnd, parseCallsAt } from "./parseCallsAt.js";
import { ParseFailure, type Reach } from "./ParseFailure.js";

/** Failed candidates tried before giving up; real outputs have a handful (`(see above)`, `[1]`). */
export const MAX_PROSE_ATTEMPTS = 10_000;

/**
 * Find the first call block in free text: a bare JSON list/object or Python calls, with prose
 * before and after. Candidates are `[`, `{` and `name(`; after a failed candidate the scan goes
 * on from where that attempt failed (or past a well-formed non-call value), and the total work
 * is capped (a few passes over the text, MAX_PROSE_ATTEMPTS failures), so hostile input stays
 * roughly linear.
 */
export function scanProse(text: string, options: ScanOptions = {}): BlockScan {
  const budget = 4 * text.length + 100_000;
  let spent = 0;
  let attempts = 0;
  let furthest: ParseFailure | null = null;
  let first: ParseFailure | null = null;
  let firstCandidate = -1;
  let from = 0;
  while (spent <= budget && attempts < MAX_PROSE_ATTEMPTS) {
    const s = nextCandidate(text, from);
    if (s < 0) break;
    if (firstCandidate < 0) firstCandidate = s;
    const track: Reach = { reach: s };
    try {
      const r = parseCallsAt(text, s, { ...options, track });
      return { ok: true, calls: r.calls, spans: [[s, r.end]] };
    } catch (e) {
      if (!(e instanceof ParseFailure)) throw e;
      first ??= e;
      if (furthest === null || e.position > furthest.position) furthest = e;
      spent += Math.max(track.reach, e.position) - s + 1;
      attempts++;
      from = Math.max(s + 1, e.resumeAt ?? e.position);
    }
  }
  if (furthest === null || first === null) return { ok: false, failure: null };
  // Text that starts with a candidate was meant as the block: its own error says most.
  if (text.slice(0, firstCandidate).trim() === "") return { ok: false, failure: first };
  // The text is prose; say so rather than only quoting a bracket's parse error.
  return { ok: false, failure: new ParseFailure(`no tool call block found in the text; the furthest candidate failed: ${furthest.message}`, furthest.position) };
}

const WORD_CHAR = /[\p{ID_Continue}]/u;

/** Next offset ≥ `from` where `[`, `{` or a dotted name directly followed by `(` begins. */
function nextCandidate(text: string, from: number): number {
  let i = from;
  // A resume point inside a word is not a word start.
  while (i > 0 && i < text.length && WORD_CHAR.test(text.charAt(i)) && WORD_CHAR.test(text.charAt(i - 1))) i++;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 91 || c === 123) return i;
    const len = identifierLength(text, i);
    if (len > 0) {
      if (text.charCodeAt(i - 1) !== 46 && callNameEnd(text, i) > 0) return i;
      i += len;
      continue;
    }
    i++;
  }
  return -1;
}
