import type { DefEntry, SchemaNode } from "./ir.js";

/**
 * A cycle of definitions that reach one another before writing a character (`A = anyOf[A, …]`):
 * llama.cpp refuses such left recursion. Starts from `ids` (default: all). Returns the definitions' paths with the first repeated
 * at the end, or null. Iterative, so a long chain of definitions cannot overflow the stack.
 */
export function findLeftRecursion(defs: ReadonlyMap<string, DefEntry>, ids: Iterable<string> = defs.keys()): string[] | null {
  const state = new Map<string, 1 | 2>();
  for (const start of ids) {
    if (state.has(start)) continue;
    const path: string[] = [start];
    const edges: string[][] = [leadingRefs(defs.get(start)?.node ?? null)];
    state.set(start, 1);
    while (path.length > 0) {
      const next = (edges[edges.length - 1] as string[]).pop();
      if (next === undefined) {
        state.set(path.pop() as string, 2);
        edges.pop();
        continue;
      }
      const st = state.get(next);
      if (st === 1) return [...path.slice(path.indexOf(next)), next].map((id) => defs.get(id)?.path ?? id);
      if (st === undefined) {
        state.set(next, 1);
        path.push(next);
        edges.push(leadingRefs(defs.get(next)?.node ?? null));
      }
    }
  }
  return null;
}

/** Definitions a node may start with, before any character is written. */
function leadingRefs(node: SchemaNode | null): string[] {
  const out: string[] = [];
  const stack = node ? [node] : [];
  while (stack.length > 0) {
    const n = stack.pop() as SchemaNode;
    if (n.kind === "ref") out.push(n.id);
    else if (n.kind === "anyOf") stack.push(...n.options);
  }
  return out;
}
