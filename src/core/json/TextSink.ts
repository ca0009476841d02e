/**
 * Where the serialisers write: text pieces appended in order. {@link StringSink} collects a
 * string; a byte sink (the data build's Utf8Buffer) encodes each piece straight into its output,
 * so a record's text is never built as a string of many pieces and then copied twice more
 * (flattened, then encoded).
 */
export interface TextSink {
  /** Append any text. */
  text(s: string): void;
  /**
   * Append `quote + s + quote` when every character of `s` is printable ASCII other than `"`
   * and `\` (then `s` is its own JSON string body, in every escaping); otherwise append
   * nothing and return false.
   */
  plainQuoted(s: string, quote: string): boolean;
}

// Printable ASCII other than `"` and `\`.
export const PLAIN_ASCII = /^[\u0020\u0021\u0023-\u005b\u005d-\u007e]*$/;

/** A {@link TextSink} that builds a string (`out`). */
export class StringSink implements TextSink {
  out = "";

  /** The text `write` appends to a fresh sink: the string form of a sink-writing serialiser. */
  static collect(write: (sink: TextSink) => void): string {
    const sink = new StringSink();
    write(sink);
    return sink.out;
  }

  text(s: string): void {
    this.out += s;
  }

  plainQuoted(s: string, quote: string): boolean {
    if (!PLAIN_ASCII.test(s)) return false;
    this.out += quote + s + quote;
    return true;
  }
}
