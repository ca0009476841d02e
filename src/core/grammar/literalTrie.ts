import { gbnfLiteral } from "./gbnfText.js";

/**
 * Alternatives that start with literal text, with common prefixes factored out:
 * `"{\"name\": \"get" ( "\"" … | "_weather\"" … )`. llama.cpp then follows one stack through a
 * shared prefix instead of one per tool, and a name that is a prefix of another stays reachable.
 */
export function literalTrie(entries: ReadonlyArray<{ text: string; then: string }>): string {
  type Node = { ends: string[]; next: Map<number, Node> };
  const root: Node = { ends: [], next: new Map() };
  for (const { text, then } of entries) {
    let n = root;
    for (const ch of text) {
      const cp = ch.codePointAt(0) as number;
      let nx = n.next.get(cp);
      if (!nx) {
        nx = { ends: [], next: new Map() };
        n.next.set(cp, nx);
      }
      n = nx;
    }
    if (!n.ends.includes(then)) n.ends.push(then);
  }
  const emit = (n: Node): string => {
    const alts: string[] = [...n.ends];
    for (const [cp, child] of n.next) {
      // Follow a chain of single children into one literal run.
      let run = String.fromCodePoint(cp);
      let c = child;
      while (c.ends.length === 0 && c.next.size === 1) {
        const [ncp, nn] = c.next.entries().next().value as [number, Node];
        run += String.fromCodePoint(ncp);
        c = nn;
      }
      const rest = emit(c);
      alts.push(rest === "" ? gbnfLiteral(run) : `${gbnfLiteral(run)} ${rest}`);
    }
    if (alts.length === 1) return alts[0] as string;
    return `( ${alts.map((a) => (a === "" ? '""' : a)).join(" | ")} )`;
  };
  return emit(root);
}
