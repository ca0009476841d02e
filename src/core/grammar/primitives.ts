import type { GrammarBuilder } from "./GrammarBuilder.js";
import { gbnfCharClass, gbnfLiteral, type CodePointRanges } from "./gbnfText.js";
import type { StringFormat } from "./ir.js";
import { GRAMMAR_LIMITS } from "./limits.js";

export type WhitespaceMode = "canonical" | "flexible";

/**
 * Code points a JSON string may hold unescaped, as far as the grammar lets a model write them:
 * no `"`, `\`, controls below U+0020, and no surrogates. The class is positive and ends at
 * U+10FFFF on purpose: llama.cpp checks a token's trailing partial UTF-8 sequence against the
 * class, so lead bytes F5–FF, sequences above U+10FFFF and encoded surrogates (ED A0–BF) are
 * refused before they complete (see README.md, "UTF-8").
 */
export const STRING_CHAR_RANGES: CodePointRanges = [
  [0x20, 0x21],
  [0x23, 0x5b],
  [0x5d, 0xd7ff],
  [0xe000, 0x10ffff],
];

/** Free text (tagged syntax, `auto`): any scalar value but NUL. */
export const TEXT_CHAR_RANGES: CodePointRanges = [
  [0x01, 0xd7ff],
  [0xe000, 0x10ffff],
];

/** Names of every shared rule; path-derived names never take these. */
export const SHARED_RULES: ReadonlySet<string> = new Set([
  "ws", "value", "object-any", "array-any", "string", "char", "char-escape", "hex", "hex-unit", "key-char",
  "integer", "int-part", "frac", "exp", "number", "number-nonneg", "number-positive", "boolean",
  "date", "date-body", "time", "time-body", "date-time", "uuid", "email", "email-atom", "email-label",
  "year", "leap-year", "month31", "month30", "day31", "day30", "day28", "hour", "minsec", "tz",
]);

/** The shared JSON building blocks, written for one whitespace mode. */
export class Primitives {
  constructor(
    private readonly b: GrammarBuilder,
    readonly whitespace: WhitespaceMode,
  ) {}

  /** Bounded optional whitespace (flexible mode only). */
  ws(): string {
    return this.b.shared("ws", () => `( " " | "\\n" [ \\t]{0,${GRAMMAR_LIMITS.maxIndent}} )?`);
  }

  /** Between items and between key-value pairs. */
  get comma(): string {
    return this.whitespace === "canonical" ? '", "' : `${this.ws()} "," ${this.ws()}`;
  }

  /** After a key. */
  get colon(): string {
    return this.whitespace === "canonical" ? '": "' : `${this.ws()} ":" ${this.ws()}`;
  }

  /** After `{` / `[`. */
  get open(): string {
    return this.whitespace === "canonical" ? "" : this.ws();
  }

  /** Before `}` / `]`. */
  get close(): string {
    return this.whitespace === "canonical" ? "" : this.ws();
  }

  /** `"x"` key literal followed by the colon; canonical mode folds both into one literal. */
  keyColon(keyLiterals: string[]): string {
    if (this.whitespace === "canonical") {
      const lits = keyLiterals.map((k) => gbnfLiteral(`${k}: `));
      return lits.length === 1 ? (lits[0] as string) : `( ${lits.join(" | ")} )`;
    }
    const lits = keyLiterals.map((k) => gbnfLiteral(k));
    return `${lits.length === 1 ? lits[0] : `( ${lits.join(" | ")} )`} ${this.colon}`;
  }

  /** Join parts of a sequence, dropping empty ones. */
  seq(...parts: string[]): string {
    return parts.filter((p) => p !== "").join(" ");
  }

  char(): string {
    return this.b.shared("char", () => `${gbnfCharClass(STRING_CHAR_RANGES)} | "\\\\" ${this.charEscape()}`);
  }

  private charEscape(): string {
    return this.b.shared("char-escape", () => `["\\\\/bfnrt] | "u" ${this.hexUnit()}`);
  }

  private hex(): string {
    return this.b.shared("hex", () => "[0-9A-Fa-f]");
  }

  /** `\u` escapes that decode to a scalar value: no lone surrogates, pairs only high-then-low. */
  private hexUnit(): string {
    const h = this.hex();
    return this.b.shared(
      "hex-unit",
      () =>
        `[0-9A-Ca-c] ${h} ${h} ${h} | [Dd] [0-7] ${h} ${h} | [E-Fe-f] ${h} ${h} ${h} | ` +
        `[Dd] [89ABab] ${h} ${h} "\\\\u" [Dd] [C-Fc-f] ${h} ${h}`,
    );
  }

  string(): string {
    return this.b.shared("string", () => `"\\"" ${this.char()}* "\\""`);
  }

  /** Key characters of an extra (undeclared) key: unescaped only, so one spelling per key. */
  keyChar(): string {
    return this.b.shared("key-char", () => gbnfCharClass(STRING_CHAR_RANGES));
  }

  boolean(): string {
    return this.b.shared("boolean", () => '"true" | "false"');
  }

  /** Integers without fraction or exponent; at most maxIntegerDigits digits. */
  integer(): string {
    const more = GRAMMAR_LIMITS.maxIntegerDigits - 1;
    return this.b.shared("integer", () => `"0" | "-"? [1-9] [0-9]{0,${more}}`);
  }

  private intPart(): string {
    const more = GRAMMAR_LIMITS.maxIntegerDigits - 1;
    return this.b.shared("int-part", () => `"0" | [1-9] [0-9]{0,${more}}`);
  }

  private frac(): string {
    return this.b.shared("frac", () => `"." [0-9]{1,${GRAMMAR_LIMITS.maxFractionDigits}}`);
  }

  /** Bounded exponent: with ≤ 2 digits no value can overflow to Infinity. */
  private exp(): string {
    return this.b.shared("exp", () => `[eE] [-+]? [0-9]{1,${GRAMMAR_LIMITS.maxExponentDigits}}`);
  }

  number(sign: "any" | "nonNegative" | "positive" = "any"): string {
    if (sign === "nonNegative") {
      return this.b.shared("number-nonneg", () => `${this.intPart()} ${this.frac()}? ${this.exp()}?`);
    }
    if (sign === "positive") {
      const more = GRAMMAR_LIMITS.maxIntegerDigits - 1;
      const f = GRAMMAR_LIMITS.maxFractionDigits - 1;
      return this.b.shared(
        "number-positive",
        () => `( [1-9] [0-9]{0,${more}} ${this.frac()}? | "0." [0]{0,${f}} [1-9] [0-9]{0,${f}} ) ${this.exp()}?`,
      );
    }
    return this.b.shared("number", () => `"-"? ${this.intPart()} ${this.frac()}? ${this.exp()}?`);
  }

  /** Any JSON value. */
  value(): string {
    return this.b.shared(
      "value",
      () => `${this.objectAny()} | ${this.arrayAny()} | ${this.string()} | ${this.number()} | ${this.boolean()} | "null"`,
    );
  }

  objectAny(): string {
    return this.b.shared("object-any", () => {
      const kv = this.seq(this.string(), this.colon, this.value());
      return this.seq('"{"', this.open, `( ${kv} ( ${this.comma} ${kv} )* ${this.close} )?`, '"}"');
    });
  }

  arrayAny(): string {
    return this.b.shared("array-any", () => {
      const v = this.value();
      return this.seq('"["', this.open, `( ${v} ( ${this.comma} ${v} )* ${this.close} )?`, '"]"');
    });
  }

  /** A string in one of the formats we write exactly (ajv-formats' "full" rules, a subset of spellings). */
  format(format: StringFormat): string {
    switch (format) {
      case "date":
        return this.b.shared("date", () => `"\\"" ${this.dateBody()} "\\""`);
      case "time":
        return this.b.shared("time", () => `"\\"" ${this.timeBody()} "\\""`);
      case "date-time":
        return this.b.shared("date-time", () => `"\\"" ${this.dateBody()} "T" ${this.timeBody()} "\\""`);
      case "uuid": {
        const h = this.hex();
        return this.b.shared("uuid", () => `"\\"" ${h}{8} "-" ${h}{4} "-" ${h}{4} "-" ${h}{4} "-" ${h}{12} "\\""`);
      }
      case "email": {
        const atom = this.b.shared("email-atom", () => "[a-zA-Z0-9!#$%&'*+/=?^_`{|}~\\-]+");
        const label = this.b.shared("email-label", () => "[a-zA-Z0-9] ( [a-zA-Z0-9\\-]* [a-zA-Z0-9] )?");
        return this.b.shared("email", () => `"\\"" ${atom} ( "." ${atom} )* "@" ( ${label} "." )+ ${label} "\\""`);
      }
    }
  }

  /** YYYY-MM-DD with the right number of days per month, Feb 29 only in leap years. */
  private dateBody(): string {
    const sh = (n: string, body: string): string => this.b.shared(n, () => body);
    return sh("date-body", [
      `${sh("year", "[0-9]{4}")} "-" ( ${sh("month31", '"0" [13578] | "1" [02]')} "-" ${sh("day31", '"0" [1-9] | [12] [0-9] | "3" [01]')}`,
      `| ${sh("month30", '"0" [469] | "11"')} "-" ${sh("day30", '"0" [1-9] | [12] [0-9] | "30"')}`,
      `| "02-" ${sh("day28", '"0" [1-9] | "1" [0-9] | "2" [0-8]')} )`,
      `| ${sh("leap-year", '[0-9] [0-9] ( "0" [48] | [2468] [048] | [13579] [26] ) | ( "0" [048] | [2468] [048] | [13579] [26] ) "00"')} "-02-29"`,
    ].join(" "));
  }

  /** HH:MM:SS[.frac] with a required zone (`Z` or ±HH:MM); no leap second. */
  private timeBody(): string {
    const sh = (n: string, body: string): string => this.b.shared(n, () => body);
    const hour = sh("hour", '[01] [0-9] | "2" [0-3]');
    const minsec = sh("minsec", "[0-5] [0-9]");
    const tz = sh("tz", `"Z" | [+\\-] ${hour} ":" ${minsec}`);
    return sh("time-body", `${hour} ":" ${minsec} ":" ${minsec} ( "." [0-9]{1,${GRAMMAR_LIMITS.maxSecondFractionDigits}} )? ${tz}`);
  }
}
