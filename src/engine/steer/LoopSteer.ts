import { findLoopExit } from "./findLoopExit.js";
import { Grounding } from "./Grounding.js";
import { JsonCursor } from "./JsonCursor.js";

/**
 * Loop-aware decoding for one structured pass (tool calls, a JSON answer): fed the generated text,
 * it says after each token whether the output is inside a degenerate repetition (the same array
 * elements, the same run of characters in a string, a list of values the request never gave) and
 * which text would close that value. A backend then steers towards that text: the llama backend raises those tokens' logits (the
 * grammar still decides what is allowed, so minItems, required properties and enums hold); the
 * completions backend cuts the stream there and resumes after the closing text.
 */
export class LoopSteer {
  private readonly cursor = new JsonCursor();
  private pending: string | null = null;
  private dirty = false;
  /** How many times an exit was asked for while a loop was seen (for tests and diagnostics). */
  steered = 0;

  private readonly callList: boolean;
  private readonly grounding: Grounding | null;

  /**
   * `callList`: the output's outermost array is the list of calls (json-list call syntax).
   * `requestText`: the text the prompt was rendered from, so that a list inventing values the
   * request does not give can be closed (without it, that rule is off).
   */
  constructor(options: { callList?: boolean; requestText?: string } = {}) {
    this.callList = options.callList ?? false;
    this.grounding = options.requestText !== undefined ? new Grounding(options.requestText) : null;
  }

  push(delta: string): void {
    if (delta === "") return;
    this.cursor.push(delta);
    this.dirty = true;
  }

  /** The closing text to steer towards before the next token, or null. */
  exit(): string | null {
    if (this.dirty) {
      this.pending = findLoopExit(this.cursor, this.callList, this.grounding);
      this.dirty = false;
      if (this.pending !== null) this.steered++;
    }
    return this.pending;
  }
}
