import type { Grounding } from "./Grounding.js";
import type { JsonCursor, JsonFrame } from "./JsonCursor.js";

/**
 * When repetition counts as a loop. Elements: the array's last elements repeat a block of
 * `period` elements (`minElements[period - 1]` elements in all: x,x,x or a,b,a,b …): a legitimate
 * duplicate such as [5, 5, 7] stays possible. Strings: the content ends in a run that repeats a
 * `period`-character unit `copies` times (any phase); short units need more copies, so "1,000,000"
 * or "2024-01-01" are never loops.
 */
export const LOOP_RULES = Object.freeze({
  minElements: [3, 4, 6, 8] as readonly number[],
  /** The list of calls itself: a second identical call is already a loop. */
  minCalls: [2, 4, 6, 8] as readonly number[],
  /**
   * Counting: this many elements alike but for one number that steps evenly ("type_1", "type_2",
   * …). Lists a request asks for ("1 to 10") stay shorter.
   */
  minCounting: 16,
  /**
   * Ungrounded enumeration: at least `minElements` finished elements, the last `invented` of them
   * all scalars that occur nowhere in the request (Grounding). A list the request asks for takes
   * its values from it; one that goes on inventing values (`[1, 3, 5, 15, 21, 25, …]`) is made up.
   */
  ungrounded: { minElements: 16, invented: 8 },
  /** An element of at least `minLength` characters that is copying the expected one and has at most `maxRest` characters to go. */
  nearCopy: { minLength: 12, maxRest: 4 },
  /** [smallest unit, largest unit, copies needed, characters needed] */
  stringRuns: [
    [1, 7, 4, 16],
    [8, 23, 3, 0],
    [24, 96, 2, 0],
  ] as ReadonlyArray<readonly [number, number, number, number]>,
});

/**
 * The text that would close the value a degenerate repetition happens in, or null when there is
 * none: for repeating array elements, the closers of the element being written (if it would
 * complete another copy) and `]`; for a string whose content repeats itself, `"`. Arrays are
 * checked from the innermost outward, then the string being written. With `callList`, the
 * outermost array is the list of calls (a json-list call syntax), where one repeat is a loop.
 * With `grounding` (the request's text), an array that keeps inventing values is closed too, at
 * the element being written.
 */
export function findLoopExit(cursor: JsonCursor, callList = false, grounding: Grounding | null = null): string | null {
  const frames = cursor.frames;
  const outermost = frames.findIndex((f) => f.kind === "array");
  for (let a = frames.length - 1; a >= 0; a--) {
    const frame = frames[a] as JsonFrame;
    if (frame.kind !== "array") continue;
    const exit = arrayExit(cursor.text, frame, frames.slice(a + 1), callList && a === outermost ? LOOP_RULES.minCalls : LOOP_RULES.minElements, grounding);
    if (exit !== null) return exit;
  }
  const top = frames[frames.length - 1];
  if (top?.kind === "string" && !top.escape && stringLoops(cursor.text.slice(top.start + 1))) return '"';
  return null;
}

/**
 * `]` after the closers of the element being written, when closing it now would complete a loop
 * of elements. A token may also finish an element and write the separator at once (`?",`), so
 * near the end of a long element that is copying the one the loop expects, the rest of that copy
 * and `]` are the exit.
 */
function arrayExit(
  text: string,
  array: Extract<JsonFrame, { kind: "array" }>,
  inner: readonly JsonFrame[],
  minElements: readonly number[],
  grounding: Grounding | null,
): string | null {
  const partial = text.slice(array.elementStart).trimStart();
  if (partial.trim() === "") return null;
  const closers = closersOf(inner);
  if (closers !== null) {
    if (grounding !== null && inventsValues(array.elements, grounding)) return `${closers}]`;
    const elements = [...array.elements, inner.length === 0 ? partial.trimEnd() : partial + closers];
    if (repeatsBlock(elements, minElements) || countsUp(elements)) return `${closers}]`;
  }
  for (let period = 1; period <= minElements.length; period++) {
    const copy = array.elements[array.elements.length - period];
    if (copy === undefined || copy.length < LOOP_RULES.nearCopy.minLength || !copy.startsWith(partial)) continue;
    const rest = copy.slice(partial.length);
    if (rest.length > 0 && rest.length <= LOOP_RULES.nearCopy.maxRest && repeatsBlock([...array.elements, copy], minElements)) return `${rest}]`;
  }
  return null;
}

/** The text that closes the values open inside an element (innermost first), or null inside an escape. */
function closersOf(inner: readonly JsonFrame[]): string | null {
  let closers = "";
  for (let i = inner.length - 1; i >= 0; i--) {
    const f = inner[i] as JsonFrame;
    if (f.kind === "string") {
      if (f.escape) return null;
      closers += '"';
    } else closers += f.kind === "array" ? "]" : "}";
  }
  return closers;
}

/** Whether the list ends in copies of a block of 1 to 4 elements, `minElements[period - 1]` elements in all. */
export function repeatsBlock(elements: readonly string[], minElements: readonly number[] = LOOP_RULES.minElements): boolean {
  const n = elements.length;
  return minElements.some((need, i) => {
    const period = i + 1;
    if (n < need) return false;
    for (let j = n - need + period; j < n; j++) if (elements[j] !== elements[j - period]) return false;
    return true;
  });
}

/** Whether the list ends in LOOP_RULES.minCounting elements alike but for one number that steps by a constant. */
export function countsUp(elements: readonly string[]): boolean {
  const need = LOOP_RULES.minCounting;
  if (elements.length < need) return false;
  const tail = elements.slice(-need);
  const skeleton = (e: string): string => e.replace(/\d+/g, "#");
  const first = skeleton(tail[0] as string);
  if (!first.includes("#") || tail.some((e) => skeleton(e) !== first)) return false;
  const numbers = tail.map((e) => (e.match(/\d+/g) ?? []).map(Number));
  const varying = (numbers[0] as number[]).map((_, k) => k).filter((k) => numbers.some((n) => n[k] !== numbers[0]?.[k]));
  if (varying.length !== 1) return false;
  const k = varying[0] as number;
  const step = (numbers[1]?.[k] as number) - (numbers[0]?.[k] as number);
  return step !== 0 && numbers.every((n, i) => i === 0 || (n[k] as number) - (numbers[i - 1]?.[k] as number) === step);
}

/** Whether the finished elements end in LOOP_RULES.ungrounded.invented scalars the request does not give, LOOP_RULES.ungrounded.minElements elements in all. */
export function inventsValues(elements: readonly string[], grounding: Grounding): boolean {
  const { minElements, invented } = LOOP_RULES.ungrounded;
  if (elements.length < minElements) return false;
  return elements.slice(-invented).every((e) => grounding.invents(e) === true);
}

/** Whether a string's content ends in a run of a repeated unit long enough to count as a loop. */
export function stringLoops(content: string): boolean {
  const n = content.length;
  for (const [from, to, copies, chars] of LOOP_RULES.stringRuns) {
    for (let p = from; p <= to && p * copies <= n; p++) {
      // Length of the suffix in which every character equals the one p before it.
      let run = 0;
      while (run < n - p && content.charCodeAt(n - 1 - run) === content.charCodeAt(n - 1 - run - p)) run++;
      const repeated = run + p;
      if (repeated >= p * copies && repeated >= chars) return true;
    }
  }
  return false;
}
