import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RequestLogEntry } from "./formatRequestLog.js";
import { RejectionSummary } from "./RejectionSummary.js";

const at = (status: number, path = "/v1/chat/completions", error?: string): RequestLogEntry => ({
  time: new Date(),
  method: path === "-" ? "-" : "POST",
  path,
  status,
  ms: 1,
  stream: false,
  ...(error ? { error } : {}),
});

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe("RejectionSummary", () => {
  it("a burst of 429s: the first at once, then one line per second with the count", () => {
    const lines: RequestLogEntry[] = [];
    const log = new RejectionSummary((e) => lines.push(e));
    for (let i = 0; i < 500; i++) log.add(at(429, "/v1/chat/completions", `full ${i}`));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ status: 429, error: "full 0" });
    expect(lines[0]!.count).toBeUndefined();
    vi.advanceTimersByTime(1_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({ status: 429, count: 499, windowMs: 1_000, error: "full 499" });
    for (let i = 0; i < 300; i++) log.add(at(429));
    vi.advanceTimersByTime(1_000);
    expect(lines).toHaveLength(3);
    expect(lines[2]!.count).toBe(300);
    // A quiet second closes the window: the next one is written at once again.
    vi.advanceTimersByTime(1_000);
    log.add(at(429));
    expect(lines).toHaveLength(4);
    expect(lines[3]!.count).toBeUndefined();
  });

  it("kinds are summarised apart; successes and client errors pass through; flush writes what is pending", () => {
    const lines: RequestLogEntry[] = [];
    const log = new RejectionSummary((e) => lines.push(e));
    for (let i = 0; i < 10; i++) {
      log.add(at(429));
      log.add(at(429, "/v1/completions"));
      log.add(at(503, "-", "too many connections"));
      log.add(at(200));
      log.add(at(400));
    }
    expect(lines.filter((l) => l.status === 200)).toHaveLength(10);
    expect(lines.filter((l) => l.status === 400)).toHaveLength(10);
    expect(lines.filter((l) => l.status === 429 || l.status === 503)).toHaveLength(3);
    log.flush();
    const summaries = lines.filter((l) => l.count !== undefined);
    expect(summaries.map((l) => [l.status, l.path, l.count])).toEqual([
      [429, "/v1/chat/completions", 9],
      [429, "/v1/completions", 9],
      [503, "-", 9],
    ]);
    vi.advanceTimersByTime(5_000);
    expect(lines.filter((l) => l.count !== undefined)).toHaveLength(3); // no timer left behind
  });
});
