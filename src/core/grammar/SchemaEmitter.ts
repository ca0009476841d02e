import { HammerError } from "../errors.js";
import { pyFloatRepr, pyJsonString } from "../python/index.js";
import type { GrammarBuilder } from "./GrammarBuilder.js";
import { gbnfCharClass, gbnfLiteral, subtractCodePoints } from "./gbnfText.js";
import { integerRangeGbnf } from "./integerRange.js";
import type { ArrayNode, ConstValue, DefEntry, ObjectNode, SchemaNode, StringFormat } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";
import { STRING_CHAR_RANGES, type Primitives } from "./primitives.js";

/**
 * Pass 2 of the compiler: GBNF from the IR alone, one method per node kind. Every method returns
 * an *atomic* expression (a rule name, a literal or a parenthesised group) so callers can put it
 * in a sequence or under a repetition operator. Composite rules are interned by body, so equal
 * sub-schemas share a rule; rule names come from the path where a schema was first met.
 */
export class SchemaEmitter {
  private readonly refRules = new Map<string, string>();

  constructor(
    private readonly b: GrammarBuilder,
    private readonly p: Primitives,
    private readonly defs: ReadonlyMap<string, DefEntry>,
  ) {}

  emit(node: SchemaNode, hint: string): string {
    switch (node.kind) {
      case "any":
        return this.p.value();
      case "never":
        throw new HammerError("INTERNAL", "SchemaEmitter: a 'never' node reached the emitter"); // the parser drops or rejects these
      case "null":
        return '"null"';
      case "boolean":
        return this.p.boolean();
      case "const":
        return this.group(hint, node.values.flatMap((v) => this.constAlternatives(v)));
      case "integer":
        if (node.min === null && node.max === null) return this.p.integer();
        return this.b.intern(hint, integerRangeGbnf(node.min ?? -maxInt(), node.max ?? maxInt()));
      case "number":
        return this.p.number(node.sign);
      case "string":
        return this.string(node.minLength, node.maxLength, node.format, hint);
      case "array":
        return this.array(node, hint);
      case "object":
        return this.object(node, hint);
      case "anyOf":
        return this.group(hint, node.options.map((o, i) => this.emit(o, `${hint}-${i}`)));
      case "ref":
        return this.ref(node.id);
    }
  }

  /** Alternatives as one atomic expression: a single atom inline, else an interned rule. */
  private group(hint: string, alternatives: string[]): string {
    const alts = [...new Set(alternatives)];
    if (alts.length === 1 && isAtomic(alts[0] as string)) return alts[0] as string;
    return this.b.intern(hint, alts.join(" | "));
  }

  private ref(id: string): string {
    const known = this.refRules.get(id);
    if (known) return known;
    const entry = this.defs.get(id);
    if (!entry?.node) throw new HammerError("INTERNAL", `SchemaEmitter: unknown definition ${id}`);
    const name = this.b.reserve(entry.hint);
    this.refRules.set(id, name); // before the body, so recursion finds it
    this.b.define(name, this.emit(entry.node, entry.hint));
    return name;
  }

  private string(min: number, max: number | null, format: StringFormat | null, hint: string): string {
    if (format !== null) return this.p.format(format);
    if (min === 0 && max === null) return this.p.string();
    const ch = this.p.char();
    const rep = max === null ? `{${min},}` : min === max ? `{${min}}` : `{${min},${max}}`;
    const body = max === 0 ? '"\\"\\""' : `"\\"" ${ch}${rep} "\\""`;
    return this.b.intern(hint, body);
  }

  private array(node: ArrayNode, hint: string): string {
    const p = this.p;
    const { prefix, items } = node;
    const min = node.minItems;
    const max = node.maxItems;
    const rest = items === null || (max !== null && max <= prefix.length) ? null : this.emit(items, `${hint}-item`);
    const prefixExprs = prefix.map((n, i) => this.emit(n, `${hint}-item${i}`));
    let inner: string;
    if (prefixExprs.length === 0) {
      if (rest === null) inner = "";
      else {
        const more = repeat(`( ${p.comma} ${rest} )`, Math.max(min - 1, 0), max === null ? null : max - 1);
        inner = min >= 1 ? p.seq(rest, more) : `( ${p.seq(rest, more)} )?`;
      }
    } else {
      // Positions after the prefix, then the prefix from the back: position i is mandatory when i < minItems.
      let tail = "";
      if (rest !== null) {
        const k = prefixExprs.length;
        tail = repeat(`( ${p.comma} ${rest} )`, Math.max(min - k, 0), max === null ? null : max - k);
      }
      for (let i = prefixExprs.length - 1; i >= 0; i--) {
        const lead = i === 0 ? "" : p.comma;
        const part = p.seq(lead, prefixExprs[i] as string, tail);
        tail = i < min ? part : `( ${part} )?`;
      }
      inner = tail;
    }
    if (inner === "") return this.b.intern(hint, p.whitespace === "canonical" ? '"[]"' : `"[" ${p.open} "]"`);
    return this.b.intern(hint, p.seq('"["', p.open, inner, p.close, '"]"'));
  }

  private object(node: ObjectNode, hint: string): string {
    const p = this.p;
    type Item = { expr: string; required: boolean; repeat: boolean };
    const items: Item[] = node.properties.map((prop) => ({
      expr: p.seq(p.keyColon(jsonStringVariants(prop.name)), this.emit(prop.node, `${hint}-${prop.name}`)),
      required: prop.required,
      repeat: false,
    }));
    if (node.additional !== null) {
      const value = this.emit(node.additional, `${hint}-value`);
      const taken = [...node.properties.map((q) => q.name), ...node.forbidden];
      const key = taken.length === 0 ? this.p.string() : this.keyExcluding(taken, `${hint}-key`);
      items.push({ expr: p.seq(key, p.colon, value), required: false, repeat: true });
    }
    const n = items.length;
    if (n === 0) return this.b.intern(hint, p.whitespace === "canonical" ? '"{}"' : `"{" ${p.open} "}"`);

    const extraMin = node.minExtra;
    const extraMax = node.maxExtra;
    // What may follow once something has been written: every later item behind a comma.
    const piece = (it: Item): string => {
      if (it.repeat) return repeat(`( ${p.comma} ${it.expr} )`, 0, extraMax === null ? null : Math.max(extraMax - 1, 0));
      return it.required ? p.seq(p.comma, it.expr) : `( ${p.comma} ${it.expr} )?`;
    };
    const firstRequired = items.findIndex((it) => it.required);
    const r = firstRequired < 0 ? n : firstRequired;
    // tails[i]: items i.. after a written item. Shared by several alternatives up to r+1, so rules there.
    const tails: string[] = new Array<string>(n + 1).fill("");
    for (let i = n - 1; i >= 0; i--) {
      const seq = p.seq(piece(items[i] as Item), tails[i + 1] as string);
      tails[i] = seq !== "" && i <= r + 1 && i > 0 && r > 0 ? this.b.intern(`${hint}-tail${i}`, seq) : seq;
    }
    const firstOf = (i: number): string => {
      const it = items[i] as Item;
      if (it.repeat) {
        const more = repeat(`( ${p.comma} ${it.expr} )`, Math.max(extraMin - 1, 0), extraMax === null ? null : extraMax - 1);
        return p.seq(it.expr, more);
      }
      return p.seq(it.expr, tails[i + 1] as string);
    };
    const alts: string[] = [];
    for (let i = 0; i <= Math.min(r, n - 1); i++) alts.push(firstOf(i));
    const canBeEmpty = r === n && !(items[n - 1]?.repeat && extraMin > 0);
    const inner = alts.length === 1 && !canBeEmpty ? (alts[0] as string) : `( ${alts.join(" | ")} )${canBeEmpty ? "?" : ""}`;
    return this.b.intern(hint, p.seq('"{"', p.open, inner, p.close, '"}"'));
  }

  /**
   * A key that is none of `names`, written without escapes (one spelling per key, so "not one
   * of these" is exact): a trie over the names, leaving it at any point that is not a name.
   */
  private keyExcluding(names: string[], hint: string): string {
    type Trie = { end: boolean; next: Map<number, Trie> };
    const root: Trie = { end: false, next: new Map() };
    for (const name of names) {
      let t = root;
      for (const ch of name) {
        const cp = ch.codePointAt(0) as number;
        let nx = t.next.get(cp);
        if (!nx) {
          nx = { end: false, next: new Map() };
          t.next.set(cp, nx);
        }
        t = nx;
      }
      t.end = true;
    }
    const keyChar = this.p.keyChar();
    const build = (t: Trie, depth: number): string => {
      const alts: string[] = [];
      const others = subtractCodePoints(STRING_CHAR_RANGES, t.next.keys());
      if (others.length > 0) alts.push(`${gbnfCharClass(others)} ${keyChar}*`);
      for (const [cp, child] of t.next) {
        if (!inRanges(cp, STRING_CHAR_RANGES)) continue; // a name with a quote or control char: no raw key equals it
        alts.push(`${gbnfLiteral(String.fromCodePoint(cp))} ${build(child, depth + 1)}`);
      }
      const body = alts.join(" | ");
      if (alts.length === 0) return '""';
      return this.b.intern(`${hint}${depth}`, t.end ? body : `( ${body} )?`);
    };
    return `"\\"" ${build(root, 0)} "\\""`;
  }

  /** Literal alternatives for a JSON value (strings: raw and ASCII-escaped spellings). */
  constAlternatives(v: ConstValue): string[] {
    if (v === null) return ['"null"'];
    if (typeof v === "boolean") return [v ? '"true"' : '"false"'];
    if (typeof v === "string") return jsonStringVariants(v).map(gbnfLiteral);
    if (Array.isArray(v)) {
      if (v.length === 0) return [this.p.whitespace === "canonical" ? '"[]"' : `"[" ${this.p.open} "]"`];
      const parts = v.map((x) => this.group("const-item", this.constAlternatives(x)));
      return [`( ${this.p.seq('"["', this.p.open, parts.join(` ${this.p.comma} `), this.p.close, '"]"')} )`];
    }
    if ("num" in v) return [gbnfLiteral(numberText(v.num, v.float))];
    if (v.obj.length === 0) return [this.p.whitespace === "canonical" ? '"{}"' : `"{" ${this.p.open} "}"`];
    const kvs = v.obj.map(([k, x]) => this.p.seq(this.p.keyColon(jsonStringVariants(k)), this.group("const-value", this.constAlternatives(x))));
    return [`( ${this.p.seq('"{"', this.p.open, kvs.join(` ${this.p.comma} `), this.p.close, '"}"')} )`];
  }
}

/** JSON text of a number the way Python's json.dumps writes it. */
export function numberText(n: number, float: boolean): string {
  if (!float && Number.isInteger(n)) return Number.isSafeInteger(n) ? String(n) : BigInt(n).toString();
  return pyFloatRepr(n);
}

/** `"text"` as json.dumps writes it with ensure_ascii off and on (one entry when they agree). */
export function jsonStringVariants(s: string): string[] {
  const raw = pyJsonString(s, false);
  const ascii = pyJsonString(s, true);
  return raw === ascii ? [raw] : [raw, ascii];
}

function repeat(atom: string, min: number, max: number | null): string {
  if (max !== null && max <= 0) return "";
  if (max === null) return min === 0 ? `${atom}*` : min === 1 ? `${atom}+` : `${atom}{${min},}`;
  if (min === 0 && max === 1) return `${atom}?`;
  return min === max ? `${atom}{${min}}` : `${atom}{${min},${max}}`;
}

function isAtomic(expr: string): boolean {
  return /^[A-Za-z0-9-]+$/.test(expr) || /^"(?:[^"\\]|\\.)*"$/.test(expr) || /^\[(?:[^\]\\]|\\.)*\]$/.test(expr);
}

function inRanges(cp: number, ranges: ReadonlyArray<readonly [number, number]>): boolean {
  return ranges.some(([lo, hi]) => lo <= cp && cp <= hi);
}

function maxInt(): bigint {
  return 10n ** BigInt(GRAMMAR_LIMITS.maxIntegerDigits) - 1n;
}
