import { PyCall, type PositionalParams } from "./PyCall.js";
import { PyParseFailure, type ReadReach } from "./PyParseFailure.js";
import { PythonParser } from "./PythonParser.js";

// Entry points to PythonParser: Python literals and keyword calls, parsed without `eval`.

export interface PythonValueAt {
  value: unknown;
  /** Offset just past the value. */
  end: number;
}

/**
 * Parse one Python value starting at `start` (leading whitespace allowed) and return it with its
 * end offset. `allowCalls` admits call expressions at the top level and as top-level list items.
 * Throws PyParseFailure with an offset into `src`.
 */
export function parsePythonValueAt(src: string, start: number, allowCalls: boolean, track?: ReadReach, positional?: PositionalParams): PythonValueAt {
  const p = new PythonParser(src, track, undefined, positional);
  p.i = start;
  p.ws();
  const r = p.value(allowCalls ? 0 : -1);
  return { value: r.v, end: p.i };
}

/** Offset of the value at `path` inside the Python value starting at `start` (for error positions). */
export function pythonPathOffset(src: string, start: number, path: ReadonlyArray<string | number>, positional?: PositionalParams): number {
  const p = new PythonParser(src, undefined, new WeakMap(), positional);
  p.i = start;
  p.ws();
  const begin = p.i;
  let node: unknown;
  try {
    node = p.value(0).v;
  } catch {
    return begin;
  }
  let at = begin;
  for (const seg of path) {
    if (node === null || typeof node !== "object") break;
    const pos = p.positions?.get(node)?.get(seg);
    if (pos === undefined) break;
    at = pos;
    node = node instanceof PyCall ? undefined : (node as Record<string | number, unknown>)[seg];
  }
  return at;
}

/**
 * Parse a whole text as one Python literal (Python-repr'd data such as Seal-Tools' original
 * `answers`). Throws OutputParseError naming the offset.
 */
export function parsePythonLiteral(text: string): unknown {
  try {
    const p = new PythonParser(text);
    p.ws();
    const r = p.value(-1);
    p.ws();
    if (p.i < text.length) p.fail("unexpected text after the Python value");
    return r.v;
  } catch (e) {
    if (e instanceof PyParseFailure) throw e.toOutputParseError();
    throw e;
  }
}

