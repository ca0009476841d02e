import type { Rng } from "../../rng.js";
import type { CompiledGrammar } from "../types.js";
import { GbnfRecognizer } from "./GbnfRecognizer.js";
import { GbnfSampler, type SampleOptions } from "./GbnfSampler.js";
import { parseGbnf } from "./parseGbnf.js";

/** The language of a compiled grammar, for tests: membership and random members. */
export class Language {
  readonly recognizer: GbnfRecognizer;
  private sampler: GbnfSampler | null = null;

  constructor(readonly gbnf: string) {
    this.recognizer = new GbnfRecognizer(parseGbnf(gbnf));
  }

  static of(compiled: CompiledGrammar | null): Language {
    if (compiled === null) throw new TypeError("Language.of: no grammar (tool_choice none)");
    return new Language(compiled.gbnf);
  }

  accepts(text: string): boolean {
    return this.recognizer.accepts(text);
  }

  /** Rules that derive no finite string (a correct grammar has none: every rule can be finished). */
  deadRules(): string[] {
    this.sampler ??= new GbnfSampler(this.recognizer.grammar);
    return this.sampler.deadRules();
  }

  sample(rng: Rng, options?: SampleOptions): string {
    this.sampler ??= new GbnfSampler(this.recognizer.grammar);
    return this.sampler.sample(rng, options);
  }
}
