import { describe, expect, it } from "vitest";
import { HAS_SHARED_DATA, SHARED_DATA, SKIP_SHARED_REASON } from "../../../test/support/sharedData.js";
import { loadHammerSet } from "../datasets/loadHammerSet.js";
import type { BfclSample } from "../bfcl/types.js";
import { bfclMessages } from "./bfclMessages.js";
import { hammerMessages } from "./hammerMessages.js";

describe("hammerMessages (API-Bank dialogues → chat messages)", () => {
  it("a string query is one user message", () => {
    expect(hammerMessages("s_0", "Hi")).toEqual([{ role: "user", content: "Hi" }]);
  });

  it("maps user / agent / assistant (API request) / tool turns", () => {
    const out = hammerMessages("apibank_l1_3", [
      { role: "user", content: "Book it." },
      { role: "agent", content: "Checking." },
      { role: "assistant", content: '```[{"name": "Book", "arguments": {"day": "Mon", "n": 2.0}}]```' },
      { role: "tool", content: "ok" },
      { role: "agent", content: "Done.\nGenerate API Request:" },
    ]);
    expect(out).toEqual([
      { role: "user", content: "Book it." },
      { role: "assistant", content: "Checking." },
      { role: "assistant", content: null, toolCalls: [{ name: "Book", arguments: { day: "Mon", n: 2 }, id: "call_2_0" }] },
      { role: "tool", content: "ok", toolCallId: "call_2_0" },
      { role: "assistant", content: "Done.\nGenerate API Request:" },
    ]);
  });

  it("an API request that holds no call list stays text; bad turns name the turn", () => {
    expect(hammerMessages("x", [{ role: "user", content: "a" }, { role: "assistant", content: "no calls here" }])[1]).toEqual({ role: "assistant", content: "no calls here" });
    expect(() => hammerMessages("x", [{ role: "user", content: "a" }, { role: "robot", content: "b" }])).toThrow(/x\/query\/1: unsupported role "robot"/);
    expect(() => hammerMessages("x", [{ role: "user", content: 5 }])).toThrow(/x\/query\/0: expected \{role, content\}/);
    expect(() => hammerMessages("x", [{ role: "agent", content: "hello" }])).toThrow(/x: the dialogue has no user turn/);
  });

  it.skipIf(!HAS_SHARED_DATA)("every API request of the shared API-Bank sets becomes structured calls", () => {
    for (const set of ["apibank_l1", "apibank_l2"] as const) {
      const loaded = loadHammerSet(SHARED_DATA, set);
      let requests = 0;
      for (const s of loaded?.samples ?? []) {
        const messages = hammerMessages(s.id, s.query);
        requests += Array.isArray(s.query) ? s.query.filter((t) => (t as { role?: unknown }).role === "assistant").length : 0;
        expect(messages.filter((m) => m.role === "assistant" && m.content !== null && m.content.startsWith("```"))).toEqual([]);
      }
      expect(requests).toBeGreaterThan(0);
    }
  });
  if (!HAS_SHARED_DATA) it.skip(`shared API-Bank data (${SKIP_SHARED_REASON})`, () => {});
});

describe("bfclMessages", () => {
  const sample = (question: unknown[]): BfclSample => ({ id: "live_simple_1-1-0", category: "live_simple", question, functions: [], groundTruth: null, line: 1 });
  it("flattens the turns, keeping system, user and assistant messages", () => {
    expect(bfclMessages(sample([[{ role: "system", content: "Be brief." }, { role: "user", content: "Hi" }], [{ role: "assistant", content: "Hello" }, { role: "user", content: "Again" }]]))).toEqual([
      { role: "system", content: "Be brief." },
      { role: "user", content: "Hi" },
      { role: "assistant", content: "Hello" },
      { role: "user", content: "Again" },
    ]);
  });
  it("rejects other roles and non-text content, naming the message", () => {
    expect(() => bfclMessages(sample([[{ role: "tool", content: "x" }]]))).toThrow(/live_simple_1-1-0\/question\/0\/0: unsupported role "tool"/);
    expect(() => bfclMessages(sample([[{ role: "user", content: ["x"] }]]))).toThrow(/question\/0\/0: expected \{role, content\}/);
  });
});
