import type { RequestLogEntry } from "./formatRequestLog.js";

/** Statuses of requests turned away without work: a burst of them must not flood the log. */
const REJECTIONS = new Set([401, 408, 429, 503]);

interface Window {
  count: number;
  last: RequestLogEntry | undefined;
  timer: NodeJS.Timeout;
}

/**
 * A request log that summarises bursts of rejections (429 queue full, 503, 408 slow clients,
 * 401, and connections turned away before a request): the first of a kind — status, method and
 * path — is written at once, the ones after it within `windowMs` become one line with their count
 * (`×431 in 1.0 s`), so a sustained burst costs one line per second per kind instead of one per
 * request. Every other entry is written as it comes.
 */
export class RejectionSummary {
  private readonly windows = new Map<string, Window>();

  constructor(
    private readonly write: (entry: RequestLogEntry) => void,
    private readonly windowMs = 1_000,
  ) {}

  add(entry: RequestLogEntry): void {
    if (!REJECTIONS.has(entry.status) && entry.path !== "-") {
      this.write(entry);
      return;
    }
    const key = `${entry.status} ${entry.method} ${entry.path}`;
    const w = this.windows.get(key);
    if (w) {
      w.count++;
      w.last = entry;
      return;
    }
    this.write(entry);
    this.open(key);
  }

  /** Write what is pending now and stop (shutdown). */
  flush(): void {
    for (const [key, w] of this.windows) {
      clearTimeout(w.timer);
      this.emit(w);
      this.windows.delete(key);
    }
  }

  private open(key: string): void {
    const timer = setTimeout(() => {
      const w = this.windows.get(key);
      if (!w) return;
      this.windows.delete(key);
      // Quiet window: the kind's next rejection is written at once again.
      if (w.count === 0) return;
      this.emit(w);
      this.open(key);
    }, this.windowMs);
    timer.unref();
    this.windows.set(key, { count: 0, last: undefined, timer });
  }

  private emit(w: Window): void {
    if (w.count > 0 && w.last) this.write({ ...w.last, count: w.count, windowMs: this.windowMs });
  }
}
