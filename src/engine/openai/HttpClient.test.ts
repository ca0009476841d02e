import { describe, expect, it } from "vitest";
import { normalizeBaseUrl } from "./createOpenAIEngine.js";
import { parseRetryAfter } from "./HttpClient.js";

describe("parseRetryAfter", () => {
  it("reads delta-seconds and HTTP dates", () => {
    expect(parseRetryAfter("2")).toBe(2000);
    expect(parseRetryAfter("0.5")).toBe(500);
    const now = Date.parse("2025-01-01T00:00:00Z");
    expect(parseRetryAfter("Wed, 01 Jan 2025 00:00:03 GMT", now)).toBe(3000);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});

describe("normalizeBaseUrl", () => {
  it("adds /v1 to a bare server URL and drops trailing slashes", () => {
    expect(normalizeBaseUrl("http://localhost:8000")).toBe("http://localhost:8000/v1");
    expect(normalizeBaseUrl("http://localhost:8000/v1/")).toBe("http://localhost:8000/v1");
    expect(normalizeBaseUrl("https://api.example.com/openai/v1")).toBe("https://api.example.com/openai/v1");
    expect(() => normalizeBaseUrl("localhost:8000")).toThrow(/baseUrl/);
    expect(() => normalizeBaseUrl("ftp://x")).toThrow(/http/);
  });
});
