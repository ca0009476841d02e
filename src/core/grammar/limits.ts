/**
 * Size caps of the grammar compiler. Each fails closed: past a cap that would change what is
 * accepted, compilation throws {@link GrammarLimitError} (or, where the schema only *loosens*,
 * widens with a warning); it never emits a grammar that llama.cpp would silently reinterpret.
 */
export const GRAMMAR_LIMITS = {
  /** Nesting depth of a schema (objects, arrays, combinators, `$ref` hops), counted along the first path that reaches each definition. */
  maxSchemaDepth: 128,
  /** Schema nodes visited for one compile (hostile `$ref`/`allOf` fan-out). */
  maxSchemaNodes: 200_000,
  /** Rules in one emitted grammar. */
  maxRules: 50_000,
  /** Characters of emitted GBNF. */
  maxGrammarChars: 8_000_000,
  /** Values of one `enum`. */
  maxEnumValues: 4096,
  /** Declared properties of one object. */
  maxProperties: 1024,
  /** Tools in one tool set. */
  maxTools: 4096,
  /** Options of one `anyOf`/`oneOf`, and of the product made when `allOf` distributes over them. */
  maxAlternatives: 256,
  /**
   * Largest finite `minLength`/`maxLength` written as a bounded repetition. llama.cpp expands
   * `x{0,n}` into n rules and silently treats n > 2000 as unbounded, so bounds above this widen
   * (with a warning) instead.
   */
  maxStringLengthBound: 512,
  /** Largest finite `minItems`/`maxItems`/`maxProperties` written as a bounded repetition (widens above). */
  maxItemsBound: 256,
  /** Calls in one model turn when parallel calls are allowed (keeps a runaway model finite). */
  maxCallsPerTurn: 64,
  /** Digits of an integer (and of a number's integer part): 16 keeps every value finite and near-exact in a double. */
  maxIntegerDigits: 16,
  /** Digits after the decimal point (Python's `repr` writes up to 17 significant digits after `0.000`). */
  maxFractionDigits: 24,
  /** Exponent digits: with ≤ 2 no number can overflow to Infinity. */
  maxExponentDigits: 2,
  /** Fraction digits of a `time`/`date-time` seconds field. */
  maxSecondFractionDigits: 9,
  /** Spaces/tabs after a newline in `whitespace: "flexible"` (indentation). */
  maxIndent: 32,
  /** Length of one tool or property name. */
  maxNameLength: 1024,
  /** Compiled grammars kept in the LRU cache. */
  cacheEntries: 128,
} as const;

/** llama.cpp's MAX_REPETITION_THRESHOLD: `{m,n}` with n above it becomes unbounded, m above it fails. */
export const LLAMA_MAX_REPETITION = 2000;
