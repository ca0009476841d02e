import type { TokenVocabulary } from "./readVocabulary.js";
import { TOKEN_TYPE } from "./readVocabulary.js";

/**
 * Logit added to the tokens that close a looping value. Large enough to win over any confident
 * next element under greedy decoding; finite, so when the grammar forbids closing here (minItems,
 * minLength, a required property still to come) the grammar's best allowed token is taken instead.
 */
export const LOOP_EXIT_LOGIT = 40;

const SPACE = new Set([0x20, 0x0a, 0x0d, 0x09]);

/**
 * Tokens that start closing a value: those whose text is a prefix of `exit` (`"` of `"]`) or
 * starts with it (`"]}` for `"]`). When `exit` starts with `]` or `}` (outside a string) leading JSON
 * whitespace is skipped, as a flexible-whitespace grammar may allow it; a token of whitespace
 * only is never one.
 */
export function exitTokens(vocab: TokenVocabulary, exit: string): number[] {
  const want = new TextEncoder().encode(exit);
  const skipSpace = exit[0] === "]" || exit[0] === "}";
  const ids: number[] = [];
  vocab.bytes.forEach((bytes, id) => {
    const type = vocab.types[id];
    if (type !== TOKEN_TYPE.normal && type !== TOKEN_TYPE.byte) return;
    let i = 0;
    if (skipSpace) while (i < bytes.length && SPACE.has(bytes[i] as number)) i++;
    if (i === bytes.length) return;
    const n = Math.min(bytes.length - i, want.length);
    for (let k = 0; k < n; k++) if (bytes[i + k] !== want[k]) return;
    ids.push(id);
  });
  return ids;
}

/**
 * Bias objects for loop exits, on top of whichever UTF-8 guard bias applies: built once per exit
 * text and guard bias, then reused (a pass asks before every token). Generic over the bias
 * object, like the guard, so it is testable without a model.
 */
export class LoopBias<B extends object> {
  private readonly tokens = new Map<string, number[]>();
  private readonly combined = new WeakMap<B, Map<string, B>>();

  constructor(
    private readonly vocab: TokenVocabulary,
    /** A bias equal to `base` with `boost` ids raised by LOOP_EXIT_LOGIT (ids `base` bans stay banned). */
    private readonly raise: (base: B, boost: readonly number[]) => B,
  ) {}

  bias(base: B, exit: string): B {
    let byExit = this.combined.get(base);
    if (!byExit) this.combined.set(base, (byExit = new Map()));
    let b = byExit.get(exit);
    if (!b) {
      let ids = this.tokens.get(exit);
      if (!ids) this.tokens.set(exit, (ids = exitTokens(this.vocab, exit)));
      b = this.raise(base, ids);
      byExit.set(exit, b);
    }
    return b;
  }
}
