import { HammerError } from "../errors.js";
import { GrammarLimitError } from "./errors.js";
import { GRAMMAR_LIMITS } from "./limits.js";

/**
 * Collects GBNF rules. Composite rules are interned by their body text, which names only
 * already-interned children, so structurally equal schemas share one rule wherever they occur
 * (dedupe by canonical key). Names come from the schema path the rule was first met at.
 */
export class GrammarBuilder {
  private readonly bodies = new Map<string, string>();
  private readonly byBody = new Map<string, string>();
  private readonly taken: Set<string>;
  private rootBody: string | null = null;
  private chars = 0;

  /**
   * @param location names the tool set or schema in limit errors
   * @param sharedNames fixed names of shared rules; path-derived names never take them
   */
  constructor(
    private readonly location: string,
    private readonly sharedNames: ReadonlySet<string>,
  ) {
    this.taken = new Set(["root", ...sharedNames]);
  }

  /** A fresh rule name derived from a path-like hint (`get-weather-unit`). */
  reserve(hint: string): string {
    let base = hint.replace(/[^A-Za-z0-9-]+/g, "-").replace(/-{2,}/g, "-").replace(/^-|-$/g, "");
    if (base.length > 48) base = base.slice(0, 48).replace(/-$/, "");
    if (base === "") base = "r";
    let name = base;
    for (let n = 2; this.taken.has(name); n++) name = `${base}-${n}`;
    this.taken.add(name);
    return name;
  }

  /** Define a rule under a name from {@link reserve}. */
  define(name: string, body: string): void {
    if (this.bodies.size >= GRAMMAR_LIMITS.maxRules) {
      throw new GrammarLimitError("number of grammar rules", GRAMMAR_LIMITS.maxRules, this.location);
    }
    this.chars += name.length + body.length + 6;
    if (this.chars > GRAMMAR_LIMITS.maxGrammarChars) {
      throw new GrammarLimitError("grammar size in characters", GRAMMAR_LIMITS.maxGrammarChars, this.location);
    }
    this.bodies.set(name, body);
  }

  /** The rule with this body, reusing an existing one with the same body. */
  intern(hint: string, body: string): string {
    const found = this.byBody.get(body);
    if (found !== undefined) return found;
    const name = this.reserve(hint);
    this.define(name, body);
    this.byBody.set(body, name);
    return name;
  }

  /** A shared rule with a fixed name (`string`, `number`, …), built on first use. */
  shared(name: string, build: () => string): string {
    if (!this.sharedNames.has(name)) throw new HammerError("INTERNAL", `GrammarBuilder: ${name} is not a shared rule name`);
    if (!this.bodies.has(name)) {
      this.bodies.set(name, ""); // placeholder: shared rules may refer to themselves (value ::= … value …)
      this.define(name, build());
    }
    return name;
  }

  setRoot(body: string): void {
    this.rootBody = body;
  }

  get ruleCount(): number {
    return this.bodies.size + (this.rootBody === null ? 0 : 1);
  }

  /** GBNF text: root first, then rules in the order they were first needed. */
  toString(): string {
    if (this.rootBody === null) throw new HammerError("INTERNAL", "GrammarBuilder: root rule not set");
    const lines = [`root ::= ${this.rootBody}`];
    for (const [name, body] of this.bodies) lines.push(`${name} ::= ${body}`);
    return `${lines.join("\n")}\n`;
  }
}
