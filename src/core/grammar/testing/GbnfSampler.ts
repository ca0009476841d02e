import type { Rng } from "../../rng.js";
import type { GbnfElement, GbnfGrammar } from "./parseGbnf.js";

/**
 * Random strings of a GBNF language: a top-down derivation that picks alternatives at random and,
 * past `maxDepth` nested rules, takes the shortest way out. Characters favour class boundaries
 * (quotes' neighbours, U+D7FF, U+E000, U+10FFFF) as well as random picks, to probe the edges.
 */
export interface SampleOptions {
  /** Nesting depth after which only the cheapest alternatives are taken (default 40). */
  maxDepth?: number;
}

const HARD_DEPTH = 20_000;

export class GbnfSampler {
  private readonly minCost: number[];

  constructor(readonly grammar: GbnfGrammar) {
    this.minCost = minCosts(grammar);
    if (!Number.isFinite(this.minCost[grammar.root] as number)) {
      throw new RangeError("GbnfSampler: the root rule derives no finite string");
    }
  }

  /** Rules from which no finite string derives: a generation that enters one can never finish. */
  deadRules(): string[] {
    return this.grammar.names.filter((_, i) => !Number.isFinite(this.minCost[i] as number));
  }

  sample(rng: Rng, options: SampleOptions = {}): string {
    const maxDepth = options.maxDepth ?? 40;
    const out: number[] = [];
    this.expand(this.grammar.root, 0, maxDepth, rng, out);
    return String.fromCodePoint(...out);
  }

  private expand(rule: number, depth: number, maxDepth: number, rng: Rng, out: number[]): void {
    if (depth > HARD_DEPTH) throw new RangeError("GbnfSampler: derivation too deep");
    const alts = (this.grammar.rules[rule] as GbnfElement[][]).filter((a) => Number.isFinite(this.altCost(a)));
    let pick: GbnfElement[];
    if (depth < maxDepth) pick = rng.pick(alts);
    else {
      const best = Math.min(...alts.map((a) => this.altCost(a)));
      pick = rng.pick(alts.filter((a) => this.altCost(a) === best));
    }
    for (const el of pick) {
      if (el.type === "ref") this.expand(el.rule, depth + 1, maxDepth, rng, out);
      else out.push(pickChar(el, rng));
    }
  }

  private altCost(alt: GbnfElement[]): number {
    let c = 0;
    for (const el of alt) c += el.type === "ref" ? (this.minCost[el.rule] as number) : 1;
    return c;
  }
}

/** Fewest code points each rule can derive (Infinity: none). */
function minCosts(g: GbnfGrammar): number[] {
  const cost = new Array<number>(g.rules.length).fill(Infinity);
  for (let changed = true; changed; ) {
    changed = false;
    for (let r = 0; r < g.rules.length; r++) {
      for (const alt of g.rules[r] as GbnfElement[][]) {
        let c = 0;
        for (const el of alt) c += el.type === "ref" ? (cost[el.rule] as number) : 1;
        if (c < (cost[r] as number)) {
          cost[r] = c;
          changed = true;
        }
      }
    }
  }
  return cost;
}

const SURROGATES: [number, number] = [0xd800, 0xdfff];

function pickChar(el: GbnfElement, rng: Rng): number {
  if (el.type === "char" && !el.negated) {
    const usable = el.ranges.flatMap(([lo, hi]) => splitOutSurrogates(lo, hi));
    if (usable.length === 0) throw new RangeError("GbnfSampler: character class holds only surrogates");
    const [lo, hi] = rng.pick(usable);
    const r = rng.next();
    if (r < 0.25) return lo;
    if (r < 0.5) return hi;
    return rng.int(lo, hi);
  }
  const excluded = el.type === "char" ? el.ranges : [];
  for (let i = 0; i < 1000; i++) {
    const pool = rng.int(0, 3);
    const cp =
      pool === 0 ? rng.int(0x20, 0x7e) : pool === 1 ? rng.int(0, 0x1f) : pool === 2 ? rng.int(0x80, 0xffff) : rng.int(0x10000, 0x10ffff);
    if (cp >= SURROGATES[0] && cp <= SURROGATES[1]) continue;
    if (!excluded.some(([lo, hi]) => lo <= cp && cp <= hi)) return cp;
  }
  throw new RangeError("GbnfSampler: could not find a character outside a negated class");
}

function splitOutSurrogates(lo: number, hi: number): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  if (lo < SURROGATES[0]) out.push([lo, Math.min(hi, SURROGATES[0] - 1)]);
  if (hi > SURROGATES[1]) out.push([Math.max(lo, SURROGATES[1] + 1), hi]);
  return out;
}
