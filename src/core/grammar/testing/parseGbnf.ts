import { HammerError } from "../../errors.js";
import { LLAMA_MAX_REPETITION } from "../limits.js";

/**
 * A GBNF parser that follows llama.cpp's `llama_grammar_parser` (llama-grammar.cpp) closely: the
 * same syntax, the same rewriting of `*`, `+`, `?` and `{m,n}` into helper rules, the same
 * repetition limits and the same left-recursion check. Grammars it accepts are accepted by
 * llama.cpp and mean the same thing, so tests can check languages here without a model.
 * Token terminals (`<...>`) are not supported: the compiler never writes them.
 */

/** One terminal or rule reference of an alternative. */
export type GbnfElement =
  /** A character class (a literal character is a one-range class). */
  | { type: "char"; ranges: Array<[number, number]>; negated: boolean }
  /** `.`: any code point. */
  | { type: "any" }
  | { type: "ref"; rule: number };

export interface GbnfGrammar {
  /** rules[id] = alternatives, each a sequence of elements (empty = matches ""). */
  rules: GbnfElement[][][];
  /** Rule names by id (helper rules are named `base_N` like llama.cpp's). */
  names: string[];
  root: number;
}

export class GbnfSyntaxError extends HammerError {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super("INPUT_INVALID", `GBNF: ${message} (at offset ${offset})`);
  }
}

export function parseGbnf(text: string, rootName = "root"): GbnfGrammar {
  const g = new Parser([...text].map((c) => c.codePointAt(0) as number)).parse();
  const root = g.ids.get(rootName);
  if (root === undefined) throw new GbnfSyntaxError(`no rule named ${rootName}`, 0);
  const rules = g.rules.map((r) => r ?? []);
  checkLeftRecursion(rules, g.names);
  return { rules, names: g.names, root };
}

const NUL = 0;
const ch = (s: string): number => s.codePointAt(0) as number;

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 45 || isDigit(c);
}

class Parser {
  readonly ids = new Map<string, number>();
  readonly names: string[] = [];
  readonly rules: Array<GbnfElement[][] | undefined> = [];
  private readonly referenced: Array<[number, number]> = []; // [rule id, offset]

  constructor(private readonly s: number[]) {}

  private at(i: number): number {
    return i < this.s.length ? (this.s[i] as number) : NUL;
  }

  private fail(msg: string, at: number): never {
    throw new GbnfSyntaxError(msg, at);
  }

  private symbolId(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  private generateSymbolId(base: string): number {
    const id = this.names.length;
    const name = `${base}_${id}`;
    this.ids.set(name, id);
    this.names.push(name);
    return id;
  }

  parse(): this {
    let pos = this.space(0, true);
    while (this.at(pos) !== NUL) pos = this.rule(pos);
    for (const [id, at] of this.referenced) {
      if (this.rules[id] === undefined) this.fail(`undefined rule identifier '${this.names[id]}'`, at);
    }
    return this;
  }

  private space(pos: number, newlineOk: boolean): number {
    for (;;) {
      const c = this.at(pos);
      if (c === ch(" ") || c === ch("\t") || (newlineOk && (c === ch("\r") || c === ch("\n")))) pos++;
      else if (c === ch("#")) {
        while (this.at(pos) !== NUL && this.at(pos) !== ch("\r") && this.at(pos) !== ch("\n")) pos++;
      } else return pos;
    }
  }

  private name(pos: number): number {
    let p = pos;
    while (isWordChar(this.at(p))) p++;
    if (p === pos) this.fail("expecting name", pos);
    return p;
  }

  private int(pos: number): number {
    let p = pos;
    while (isDigit(this.at(p))) p++;
    if (p === pos) this.fail("expecting integer", pos);
    return p;
  }

  private text(from: number, to: number): string {
    return String.fromCodePoint(...this.s.slice(from, to));
  }

  private hex(pos: number, size: number): [number, number] {
    let v = 0;
    let p = pos;
    for (; p < pos + size && this.at(p) !== NUL; p++) {
      const c = this.at(p);
      let d: number;
      if (c >= 97 && c <= 102) d = c - 87;
      else if (c >= 65 && c <= 70) d = c - 55;
      else if (isDigit(c)) d = c - 48;
      else break;
      v = v * 16 + d;
    }
    if (p !== pos + size) this.fail(`expecting ${size} hex chars`, pos);
    return [v, p];
  }

  private char(pos: number): [number, number] {
    const c = this.at(pos);
    if (c === ch("\\")) {
      const e = this.at(pos + 1);
      switch (String.fromCodePoint(e || 0x20)) {
        case "x": return this.hex(pos + 2, 2);
        case "u": return this.hex(pos + 2, 4);
        case "U": return this.hex(pos + 2, 8);
        case "t": return [9, pos + 2];
        case "r": return [13, pos + 2];
        case "n": return [10, pos + 2];
        case "\\": case '"': case "[": case "]": case "-":
          return [e, pos + 2];
        default:
          this.fail("unknown escape", pos);
      }
    }
    if (c === NUL) this.fail("unexpected end of input", pos);
    return [c, pos + 1];
  }

  private rule(pos: number): number {
    const nameEnd = this.name(pos);
    const name = this.text(pos, nameEnd);
    let p = this.space(nameEnd, false);
    const id = this.symbolId(name);
    if (!(this.at(p) === ch(":") && this.at(p + 1) === ch(":") && this.at(p + 2) === ch("="))) this.fail("expecting ::=", p);
    p = this.space(p + 3, true);
    p = this.alternates(p, name, id, false);
    const c = this.at(p);
    if (c === ch("\r")) p += this.at(p + 1) === ch("\n") ? 2 : 1;
    else if (c === ch("\n")) p++;
    else if (c !== NUL) this.fail("expecting newline or end", p);
    return this.space(p, true);
  }

  private alternates(pos: number, ruleName: string, id: number, nested: boolean): number {
    const alts: GbnfElement[][] = [];
    const first: GbnfElement[] = [];
    let p = this.sequence(pos, ruleName, first, nested);
    alts.push(first);
    while (this.at(p) === ch("|")) {
      p = this.space(p + 1, true);
      const seq: GbnfElement[] = [];
      p = this.sequence(p, ruleName, seq, nested);
      alts.push(seq);
    }
    this.rules[id] = alts;
    return p;
  }

  private sequence(pos: number, ruleName: string, out: GbnfElement[], nested: boolean): number {
    let lastSymStart = out.length;
    let p = pos;
    let nPrevRules = 1;

    // llama.cpp's rewrite: S{m,n} → S…S (m times) then n−m nested optional helper rules.
    const repeat = (min: number, max: number | null): void => {
      if (lastSymStart === out.length) this.fail("expecting preceding item to */+/?/{", p);
      let totalRules = 1;
      if (max !== null && max > 0) totalRules = max;
      else if (min > 0) totalRules = min;
      if (nPrevRules * totalRules > LLAMA_MAX_REPETITION) this.fail("repetition would generate too many rules", p);
      const prev = out.slice(lastSymStart);
      if (min === 0) out.length = lastSymStart;
      else for (let i = 1; i < min; i++) out.push(...prev);
      const nOpt = max === null ? 1 : max - min;
      let lastRec = -1;
      for (let i = 0; i < nOpt; i++) {
        const recId = this.generateSymbolId(ruleName);
        const body: GbnfElement[] = [...prev];
        if (max === null) body.push({ type: "ref", rule: recId });
        else if (i > 0) body.push({ type: "ref", rule: lastRec });
        this.rules[recId] = [body, []];
        lastRec = recId;
      }
      if (nOpt > 0) out.push({ type: "ref", rule: lastRec });
      nPrevRules *= totalRules;
    };

    while (this.at(p) !== NUL) {
      const c = this.at(p);
      if (c === ch('"')) {
        p++;
        lastSymStart = out.length;
        nPrevRules = 1;
        while (this.at(p) !== ch('"')) {
          if (this.at(p) === NUL) this.fail("unexpected end of input", p);
          const [v, next] = this.char(p);
          p = next;
          out.push({ type: "char", ranges: [[v, v]], negated: false });
        }
        p = this.space(p + 1, nested);
      } else if (c === ch("[")) {
        p++;
        let negated = false;
        if (this.at(p) === ch("^")) {
          p++;
          negated = true;
        }
        lastSymStart = out.length;
        nPrevRules = 1;
        const ranges: Array<[number, number]> = [];
        while (this.at(p) !== ch("]")) {
          if (this.at(p) === NUL) this.fail("unexpected end of input", p);
          const [lo, next] = this.char(p);
          p = next;
          let hi = lo;
          if (this.at(p) === ch("-") && this.at(p + 1) !== ch("]")) {
            if (this.at(p + 1) === NUL) this.fail("unexpected end of input", p);
            const [h, n2] = this.char(p + 1);
            hi = h;
            p = n2;
          }
          ranges.push([lo, hi]);
        }
        out.push({ type: "char", ranges, negated });
        p = this.space(p + 1, nested);
      } else if (c === ch("<") || c === ch("!")) {
        this.fail("token terminals are not supported by this parser", p);
      } else if (isWordChar(c)) {
        const end = this.name(p);
        const id = this.symbolId(this.text(p, end));
        this.referenced.push([id, p]);
        p = this.space(end, nested);
        lastSymStart = out.length;
        nPrevRules = 1;
        out.push({ type: "ref", rule: id });
      } else if (c === ch("(")) {
        p = this.space(p + 1, true);
        const before = this.names.length;
        const sub = this.generateSymbolId(ruleName);
        p = this.alternates(p, ruleName, sub, true);
        nPrevRules = Math.max(1, this.names.length - before);
        lastSymStart = out.length;
        out.push({ type: "ref", rule: sub });
        if (this.at(p) !== ch(")")) this.fail("expecting ')'", p);
        p = this.space(p + 1, nested);
      } else if (c === ch(".")) {
        lastSymStart = out.length;
        nPrevRules = 1;
        out.push({ type: "any" });
        p = this.space(p + 1, nested);
      } else if (c === ch("*")) {
        p = this.space(p + 1, nested);
        repeat(0, null);
      } else if (c === ch("+")) {
        p = this.space(p + 1, nested);
        repeat(1, null);
      } else if (c === ch("?")) {
        p = this.space(p + 1, nested);
        repeat(0, 1);
      } else if (c === ch("{")) {
        p = this.space(p + 1, nested);
        if (!isDigit(this.at(p))) this.fail("expecting an int", p);
        let end = this.int(p);
        const min = Number(this.text(p, end));
        p = this.space(end, nested);
        let max: number | null = null;
        if (this.at(p) === ch("}")) {
          max = min;
          p = this.space(p + 1, nested);
        } else if (this.at(p) === ch(",")) {
          p = this.space(p + 1, nested);
          if (isDigit(this.at(p))) {
            end = this.int(p);
            max = Number(this.text(p, end));
            p = this.space(end, nested);
          }
          if (this.at(p) !== ch("}")) this.fail("expecting '}'", p);
          p = this.space(p + 1, nested);
        } else this.fail("expecting ','", p);
        if (min > LLAMA_MAX_REPETITION) this.fail("number of repetitions exceeds sane defaults", p);
        // llama.cpp quietly makes an over-large maximum unbounded.
        if (max !== null && max > LLAMA_MAX_REPETITION) max = null;
        repeat(min, max);
      } else break;
    }
    return p;
  }
}

/** llama.cpp refuses grammars with left recursion (its stack machine would loop). */
function checkLeftRecursion(rules: GbnfElement[][][], names: string[]): void {
  const n = rules.length;
  const visited = new Array<boolean>(n).fill(false);
  const inProgress = new Array<boolean>(n).fill(false);
  const mayBeEmpty = new Array<boolean>(n).fill(false);
  const detect = (id: number): boolean => {
    if (inProgress[id]) return true;
    inProgress[id] = true;
    const alts = rules[id] as GbnfElement[][];
    if (alts.some((a) => a.length === 0)) mayBeEmpty[id] = true;
    for (const alt of alts) {
      for (const el of alt) {
        if (el.type !== "ref") break;
        if (detect(el.rule)) return true;
        if (!mayBeEmpty[el.rule]) break;
      }
    }
    inProgress[id] = false;
    visited[id] = true;
    return false;
  };
  for (let i = 0; i < n; i++) {
    if (!visited[i] && detect(i)) throw new GbnfSyntaxError(`left recursion detected for rule '${names[i]}'`, 0);
  }
}
