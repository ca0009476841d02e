import { describe, expect, it } from "vitest";
import { LATENCY_BUCKETS, Metrics } from "./Metrics.js";

describe("Metrics", () => {
  it("renders valid Prometheus text with cumulative histogram buckets", () => {
    const m = new Metrics(() => ({ queueDepth: 3, inFlight: 2, parallel: 4, connections: 5 }));
    m.observe("/v1/chat/completions", 200, 0.02);
    m.observe("/v1/chat/completions", 200, 3);
    m.observe("/v1/chat/completions", 429, 0.001, "rate_limit_error");
    m.observe('/odd"route\\', 404, 0.001, "invalid_request_error");
    m.addTokens(100, 7);
    m.rejectConnection("too_many_connections");
    m.rejectConnection("too_many_connections");
    m.rejectConnection("client_timeout");
    const text = m.render();
    const sample = /^[a-z_]+(\{([a-z_]+="([^"\\\n]|\\["\\n])*",?)*\})? [0-9.e+-]+$/;
    for (const line of text.trimEnd().split("\n")) {
      if (line.startsWith("# ")) expect(line).toMatch(/^# (HELP|TYPE) [a-z_]+ .+$/);
      else expect(line).toMatch(sample);
    }
    expect(text).toContain('hammer_requests_total{route="/v1/chat/completions",status="200"} 2');
    expect(text).toContain('hammer_request_errors_total{route="/v1/chat/completions",type="rate_limit_error"} 1');
    expect(text).toContain('route="/odd\\"route\\\\"');
    expect(text).toContain("hammer_prompt_tokens_total 100\n");
    expect(text).toContain("hammer_completion_tokens_total 7\n");
    expect(text).toContain("hammer_queue_depth 3\n");
    expect(text).toContain("hammer_requests_in_flight 2\n");
    expect(text).toContain("hammer_connections_open 5\n");
    expect(text).toContain('hammer_connections_rejected_total{reason="too_many_connections"} 2\n');
    expect(text).toContain('hammer_connections_rejected_total{reason="client_timeout"} 1\n');
    const buckets = [...text.matchAll(/hammer_request_duration_seconds_bucket\{route="\/v1\/chat\/completions",le="([^"]+)"\} (\d+)/g)].map((x) => [x[1], Number(x[2])] as const);
    expect(buckets).toHaveLength(LATENCY_BUCKETS.length + 1);
    for (let i = 1; i < buckets.length; i++) expect(buckets[i]![1]).toBeGreaterThanOrEqual(buckets[i - 1]![1]);
    expect(buckets.find(([le]) => le === "0.025")![1]).toBe(2); // 0.02 and 0.001
    expect(buckets.at(-1)).toEqual(["+Inf", 3]);
    expect(text).toContain('hammer_request_duration_seconds_count{route="/v1/chat/completions"} 3');
  });
});
