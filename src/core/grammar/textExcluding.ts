import type { GrammarBuilder } from "./GrammarBuilder.js";
import { gbnfCharClass, gbnfLiteral, subtractCodePoints } from "./gbnfText.js";
import { TEXT_CHAR_RANGES } from "./primitives.js";

/**
 * Free text that never contains `pattern` (the tagged syntax's call opener): one rule per state
 * of the pattern's KMP automaton, right-recursive so llama.cpp's stacks stay flat. Returns the
 * start rule's name; the text may be empty.
 */
export function textExcluding(b: GrammarBuilder, pattern: string, hint: string): string {
  const p = [...pattern].map((c) => c.codePointAt(0) as number);
  const m = p.length;
  if (m === 0) {
    const name = b.reserve(hint);
    b.define(name, `${gbnfCharClass(TEXT_CHAR_RANGES)}*`);
    return name;
  }
  const fail = new Array<number>(m).fill(0);
  for (let q = 1, k = 0; q < m; q++) {
    while (k > 0 && p[q] !== p[k]) k = fail[k - 1] as number;
    if (p[q] === p[k]) k++;
    fail[q] = k;
  }
  const delta = (q: number, c: number): number => {
    let s = q;
    for (;;) {
      if (p[s] === c) return s + 1;
      if (s === 0) return 0;
      s = fail[s - 1] as number;
    }
  };
  const names = Array.from({ length: m }, (_, q) => b.reserve(`${hint}-${q}`));
  const alphabet = [...new Set(p)];
  for (let q = 0; q < m; q++) {
    const alts: string[] = [];
    const toZero = alphabet.filter((c) => delta(q, c) === 0);
    const others = subtractCodePoints(TEXT_CHAR_RANGES, alphabet.filter((c) => !toZero.includes(c)));
    if (others.length > 0) alts.push(`${gbnfCharClass(others)} ${names[0]}`);
    for (const c of alphabet) {
      const t = delta(q, c);
      if (t === 0 || t === m) continue; // t === m would complete the pattern
      alts.push(`${gbnfLiteral(String.fromCodePoint(c))} ${names[t]}`);
    }
    b.define(names[q] as string, `( ${alts.join(" | ")} )?`);
  }
  return names[0] as string;
}
