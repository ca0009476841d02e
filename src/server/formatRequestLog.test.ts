import { describe, expect, it } from "vitest";
import { formatRequestLog, type RequestLogEntry } from "./formatRequestLog.js";

const entry: RequestLogEntry = { time: new Date("2025-01-02T03:04:05.678Z"), method: "POST", path: "/v1/chat/completions", status: 200, ms: 12.345, stream: true, promptTokens: 600, completionTokens: 12 };

describe("formatRequestLog", () => {
  it("pretty: one line with method, path, status, tokens and latency", () => {
    expect(formatRequestLog(entry, "pretty")).toBe("2025-01-02T03:04:05.678Z POST /v1/chat/completions 200 600+12 tok 12.3ms stream");
    expect(formatRequestLog({ ...entry, status: 499, stream: false, promptTokens: undefined, completionTokens: undefined, aborted: "client_closed" }, "pretty")).toBe(
      "2025-01-02T03:04:05.678Z POST /v1/chat/completions 499 12.3ms aborted:client_closed",
    );
    expect(formatRequestLog({ ...entry, status: 400, error: "two\nlines" }, "pretty")).toMatch(/ 400 600\+12 tok 12\.3ms stream — two lines$/);
  });

  it("a summary line says how many over how long", () => {
    const summary: RequestLogEntry = { ...entry, status: 429, stream: false, error: "The server is at capacity", count: 431, windowMs: 1000 };
    expect(formatRequestLog(summary, "pretty")).toBe("2025-01-02T03:04:05.678Z POST /v1/chat/completions 429 ×431 in 1.0 s — last: The server is at capacity");
    expect(JSON.parse(formatRequestLog(summary, "json"))).toMatchObject({ status: 429, count: 431, window_ms: 1000 });
  });

  it("json: one parseable object per line", () => {
    const line = formatRequestLog({ ...entry, status: 400, error: 'bad "x"\nthing' }, "json");
    expect(line).not.toContain("\n");
    expect(JSON.parse(line)).toEqual({ time: "2025-01-02T03:04:05.678Z", method: "POST", path: "/v1/chat/completions", status: 400, ms: 12.3, stream: true, prompt_tokens: 600, completion_tokens: 12, error: 'bad "x"\nthing' });
  });
});
