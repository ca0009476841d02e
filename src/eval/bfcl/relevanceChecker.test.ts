import { describe, expect, it } from "vitest";
import { decodeOutput, decodeToolCalls, looksLikeCallAttempt } from "./decodePrediction.js";
import { relevanceChecker } from "./relevanceChecker.js";

const verdict = (r: ReturnType<typeof relevanceChecker>) => (r.valid ? null : r.errorType);

describe("relevance / irrelevance (BFCL relevance_file_runner)", () => {
  const call = decodeToolCalls([{ name: "f", arguments: { a: 1 } }]);
  const none = decodeToolCalls([]);
  const malformed = decodeToolCalls([{ name: "f", arguments: "{not json" }]);
  const wrongShape = decodeToolCalls([{ name: "f", arguments: [1, 2] }]);

  it("irrelevance passes without a call and fails with one", () => {
    expect(verdict(relevanceChecker("irrelevance", none))).toBeNull();
    expect(verdict(relevanceChecker("irrelevance", call))).toBe("irrelevance_error:decoder_success");
  });
  it("relevance passes with any call (arguments are not checked) and fails without", () => {
    expect(verdict(relevanceChecker("relevance", call))).toBeNull();
    expect(verdict(relevanceChecker("relevance", none))).toBe("relevance_error:decoder_failed");
    expect(verdict(relevanceChecker("relevance", malformed))).toBe("relevance_error:decoder_failed");
  });
  it("parity quirk (#443): an undecodable call counts as an abstention", () => {
    expect(malformed.kind).toBe("failed");
    expect(verdict(relevanceChecker("irrelevance", malformed))).toBeNull();
    expect(verdict(relevanceChecker("irrelevance", wrongShape))).toBeNull();
  });
  it("strict: a malformed call fails irrelevance, a plain-text answer still passes", () => {
    expect(verdict(relevanceChecker("irrelevance", malformed, true))).toBe("hammer_fc:strict_malformed_call");
    expect(verdict(relevanceChecker("irrelevance", wrongShape, true))).toBe("hammer_fc:strict_malformed_call");
    const prose = decodeOutput("Sorry, none of the tools can answer that.");
    expect(prose.kind).toBe("failed");
    expect(verdict(relevanceChecker("irrelevance", prose, true))).toBeNull();
    const broken = decodeOutput('```\n[{"name": "f", "arguments": {"a": }}]\n```');
    expect(broken.kind).toBe("failed");
    expect(verdict(relevanceChecker("irrelevance", broken, true))).toBe("hammer_fc:strict_malformed_call");
    expect(verdict(relevanceChecker("irrelevance", broken, false))).toBeNull();
  });
});

describe("decoding predictions", () => {
  it("decodes raw Hammer output and keeps 5 vs 5.0", () => {
    const d = decodeOutput('```\n[{"name": "f", "arguments": {"a": 5.0, "b": 5}}]\n```');
    expect(d.kind).toBe("calls");
    if (d.kind === "calls") expect(d.calls).toEqual([{ name: "f", args: { a: 5, b: 5 } }]);
  });
  it("an empty list is no call", () => {
    const d = decodeOutput("```\n[]\n```");
    expect(d).toEqual({ kind: "calls", calls: [] });
  });
  it("tool_calls: string arguments are JSON-parsed; OpenAI entries are unwrapped", () => {
    expect(decodeToolCalls([{ type: "function", function: { name: "f", arguments: '{"x": 1}' } }])).toEqual({ kind: "calls", calls: [{ name: "f", args: { x: 1 } }] });
    expect(decodeToolCalls([{ name: "f" }]).kind).toBe("failed");
    expect(decodeToolCalls([{ name: 3, arguments: {} }]).kind).toBe("wrong_format");
    expect(decodeToolCalls(["f(x=1)"]).kind).toBe("wrong_format");
  });
  it("tells call attempts from prose", () => {
    expect(looksLikeCallAttempt('[{"name": "f"')).toBe(true);
    expect(looksLikeCallAttempt("get_weather(city=")).toBe(true);
    expect(looksLikeCallAttempt("I cannot help with that.")).toBe(false);
  });
});
