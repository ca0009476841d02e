/**
 * Finds stop strings in streamed text. Text that might be the start of a stop string is held
 * back until the next piece shows whether it is, so a caller never sees part of a stop string.
 */
export class StopMatcher {
  private held = "";
  private readonly stops: readonly string[];

  constructor(stops: readonly string[]) {
    this.stops = stops.filter((s) => s !== "");
  }

  /** Feed the next piece; `emit` is safe to show, `stopped` is true once a stop string appeared (it and all after it are dropped). */
  push(text: string): { emit: string; stopped: boolean } {
    if (this.stops.length === 0) return { emit: text, stopped: false };
    const buf = this.held + text;
    let at = -1;
    for (const s of this.stops) {
      const i = buf.indexOf(s);
      if (i >= 0 && (at < 0 || i < at)) at = i;
    }
    if (at >= 0) {
      this.held = "";
      return { emit: buf.slice(0, at), stopped: true };
    }
    let keep = 0;
    for (const s of this.stops) {
      for (let k = Math.min(s.length - 1, buf.length); k > keep; k--) {
        if (buf.endsWith(s.slice(0, k))) {
          keep = k;
          break;
        }
      }
    }
    this.held = buf.slice(buf.length - keep);
    return { emit: buf.slice(0, buf.length - keep), stopped: false };
  }

  /** The held-back text, at the end of generation (it did not become a stop string). */
  flush(): string {
    const rest = this.held;
    this.held = "";
    return rest;
  }
}
