import { describe, expect, it } from "vitest";
import { getFormat } from "../../core/formats/index.js";
import { LeasePool } from "../LeasePool.js";
import { CompletionsTurnBackend } from "../openai/CompletionsTurnBackend.js";
import type { HttpClient } from "../openai/HttpClient.js";
import { checkAdapterName } from "./planRequest.js";
import { selectAdapter } from "./selectAdapter.js";

describe("selectAdapter: a request's LoRA adapter", () => {
  const adapters = new Map([
    ["task-a", "A"],
    ["task-b", "B"],
  ]);

  it("is the base model's when none is named, else the named adapter's", () => {
    expect(selectAdapter(undefined, "base", adapters)).toBe("base");
    expect(selectAdapter("task-b", "base", adapters)).toBe("B");
  });

  it("refuses a name that was not loaded, listing those that were", () => {
    expect(() => selectAdapter("task-c", "base", adapters)).toThrow(expect.objectContaining({ code: "INPUT_INVALID", location: "adapter", message: 'adapter: "task-c" is not loaded (loaded: task-a, task-b)' }));
    expect(() => selectAdapter("task-a", "base", new Map())).toThrow(/"task-a" is not loaded \(no adapters loaded\)$/);
  });

  it("takes only a non-empty string as the name", () => {
    expect(checkAdapterName(undefined)).toBeUndefined();
    expect(checkAdapterName("a")).toBe("a");
    for (const bad of ["", 1, null, ["a"]]) expect(() => checkAdapterName(bad)).toThrow(expect.objectContaining({ code: "INPUT_INVALID", location: "adapter" }));
  });

  it("an endpoint backend serves none: a named adapter is refused before it waits for a slot", async () => {
    const pool = new LeasePool([0]);
    const held = await pool.acquire();
    const backend = new CompletionsTurnBackend({
      baseUrl: "http://127.0.0.1:9/v1",
      model: "m",
      format: getFormat("hammer2.1"),
      grammar: "none",
      loopSteering: true,
      http: {} as HttpClient,
      pool,
      maxTokens: 16,
      contextSize: undefined,
    });
    // The one slot is held: a wait would never end, so a settled rejection shows the check came first.
    await expect(backend.acquire(new AbortController().signal, null, "task-a")).rejects.toThrow(/"task-a" is not loaded \(no adapters loaded\)/);
    held.release();
    const slot = await backend.acquire(new AbortController().signal, null, undefined);
    slot.release();
  });
});
