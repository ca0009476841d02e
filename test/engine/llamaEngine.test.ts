import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getFormat } from "../../src/core/formats/index.js";
import { parseJson } from "../../src/core/json/index.js";
import { fromOpenAITool } from "../../src/core/tools/index.js";
import type { ToolDef } from "../../src/core/types.js";
import { validateCall, validateValue } from "../../src/core/validate/index.js";
import { createLlamaEngine, type AssistantTurn, type Engine, type EngineEvent, type GenerateRequest } from "../../src/engine/index.js";
import { useTinyModel } from "./support/tinyModel.js";

// Behaviour of the llama backend on a tiny random-weight model: what the grammar and the engine
// guarantee whatever the weights say.

const model = useTinyModel(7);
let engine: Engine; // 3 sequences
let single: Engine; // 1 sequence, for queueing and abort

beforeAll(async () => {
  engine = await createLlamaEngine({ model: model.file(), threads: 1, parallel: 3, contextSize: 2048 });
  single = await createLlamaEngine({ model: model.file(), threads: 1, parallel: 1, contextSize: 2048 });
});
afterAll(async () => {
  await engine?.close();
  await single?.close();
});

const tool = (name: string, properties: Record<string, unknown>, required: string[] = Object.keys(properties)): ToolDef =>
  fromOpenAITool({ type: "function", function: { name, description: `${name} tool`, parameters: { type: "object", properties, required } } });
const tools: ToolDef[] = [
  tool("get_weather", { city: { type: "string", maxLength: 8 }, unit: { type: "string", enum: ["c", "f"] } }),
  tool("add", { a: { type: "integer", minimum: 0, maximum: 99 }, b: { type: "integer", minimum: 0, maximum: 99 } }),
  tool("flag", { on: { type: "boolean" } }),
];
const ask = (r: Partial<GenerateRequest>): GenerateRequest => ({
  messages: [{ role: "user", content: "What is the weather in Paris?" }],
  tools,
  temperature: 1,
  maxTokens: 160,
  ...r,
});
/** A call that cannot end before 300 characters of argument: generation runs until stopped. */
const long = (r: Partial<GenerateRequest>): GenerateRequest =>
  ask({ tools: [tool("write", { text: { type: "string", minLength: 300 } })], toolChoice: "required", maxTokens: 1200, ...r });
const seeds = Array.from({ length: 12 }, (_, i) => i + 1);
const all = (rs: Array<Partial<GenerateRequest>>, e = engine): Promise<AssistantTurn[]> => Promise.all(rs.map((r) => e.generate(ask(r))));

function expectValid(turn: AssistantTurn): void {
  for (const call of turn.toolCalls) {
    expect(validateCall(call, tools).errors).toEqual([]);
    expect(parseJson(call.argumentsText)).toEqual(call.arguments);
    expect(call.id).toMatch(/^call_[A-Za-z0-9]+$/);
  }
}

describe("tool choice and parallel calls are enforced", () => {
  it("required always yields at least one valid call (or a length cut with none)", async () => {
    const turns = await all(seeds.map((seed) => ({ seed, toolChoice: "required" as const })));
    for (const t of turns) {
      expectValid(t);
      if (t.finishReason === "length") expect(t.toolCalls).toEqual([]);
      else expect(t.finishReason).toBe("tool_calls");
      if (t.finishReason === "tool_calls") expect(t.toolCalls.length).toBeGreaterThanOrEqual(1);
    }
    expect(turns.filter((t) => t.finishReason === "tool_calls").length).toBeGreaterThan(seeds.length / 2);
  });

  it("parallelToolCalls false never yields two calls", async () => {
    const turns = await all(seeds.flatMap((seed) => [{ seed, toolChoice: "required" as const, parallelToolCalls: false }, { seed, parallelToolCalls: false }]));
    for (const t of turns) {
      expectValid(t);
      expect(t.toolCalls.length).toBeLessThanOrEqual(1);
    }
    expect(turns.some((t) => t.toolCalls.length === 1)).toBe(true);
  });

  it("a named choice never yields another name", async () => {
    const turns = await all(seeds.map((seed) => ({ seed, toolChoice: { type: "function" as const, function: { name: "flag" } } })));
    for (const t of turns) {
      expectValid(t);
      if (t.finishReason === "tool_calls") expect(t.toolCalls.map((c) => c.name)).toEqual(["flag"]);
    }
    expect(turns.filter((t) => t.finishReason === "tool_calls").length).toBeGreaterThan(seeds.length / 2);
  });

  it("none never yields a call, and the prompt leaves the tools out", async () => {
    const turns = await all(seeds.slice(0, 6).map((seed) => ({ seed, toolChoice: "none" as const, maxTokens: 40 })));
    const withTools = await engine.generate(ask({ seed: 1, toolChoice: "required", maxTokens: 1 }));
    for (const t of turns) {
      expect(t.toolCalls).toEqual([]);
      expect(["stop", "length"]).toContain(t.finishReason);
      expect(t.usage.promptTokens).toBeLessThan(withTools.usage.promptTokens);
    }
  });

  it("a cut inside a call reports length with no calls", async () => {
    const t = await engine.generate(ask({ seed: 3, toolChoice: "required", maxTokens: 10 }));
    expect(t).toMatchObject({ finishReason: "length", toolCalls: [], content: null, usage: { completionTokens: 10 } });
    expect(t.raw.startsWith("```\n[{")).toBe(true);
  });

  it("textFallback answers in text after the model's [] (a second pass without tools)", async () => {
    const plain = await all(seeds.map((seed) => ({ seed, maxTokens: 30 })));
    const at = plain.findIndex((t) => t.raw === "```\n[]\n```");
    expect(at, "no seed where this tiny model answers []").toBeGreaterThanOrEqual(0);
    const noCall = plain[at] as AssistantTurn;
    expect(noCall).toMatchObject({ content: null, toolCalls: [], finishReason: "stop" });
    const seed = seeds[at] as number;
    const fallback = await engine.generate(ask({ seed, maxTokens: 30, textFallback: true }));
    // The second pass is the plain chat without tools: what tool_choice "none" answers.
    const none = await engine.generate(ask({ seed, maxTokens: 30, toolChoice: "none" }));
    expect(fallback).toMatchObject({ raw: "```\n[]\n```", toolCalls: [], content: none.content, finishReason: none.finishReason });
    expect(fallback.usage).toEqual({
      promptTokens: noCall.usage.promptTokens + none.usage.promptTokens,
      completionTokens: noCall.usage.completionTokens + none.usage.completionTokens,
    });
  });
});

describe("response_format", () => {
  const schema = { type: "object", properties: { answer: { type: "string", maxLength: 10 }, n: { type: "integer" } }, required: ["answer", "n"] };

  it("json_schema yields JSON valid for the schema", async () => {
    const turns = await all(seeds.slice(0, 8).map((seed) => ({ seed, tools: [], responseFormat: { type: "json_schema" as const, schema }, maxTokens: 120 })));
    let complete = 0;
    for (const t of turns) {
      if (t.finishReason !== "stop") continue;
      complete++;
      expect(validateValue(parseJson(t.content ?? ""), schema).errors).toEqual([]);
    }
    expect(complete).toBeGreaterThan(4);
  });

  it("json_object yields a JSON object", async () => {
    const turns = await all(seeds.slice(0, 6).map((seed) => ({ seed, tools: [], responseFormat: { type: "json_object" as const }, maxTokens: 120 })));
    for (const t of turns) if (t.finishReason === "stop") expect(parseJson(t.content ?? "")).toBeTypeOf("object");
  });
});

/** Reassemble a stream into the parts of a turn. */
async function reassemble(events: AsyncIterable<EngineEvent>): Promise<{ content: string | null; calls: Array<{ id: string; name: string; args: string }>; done: AssistantTurn; ended: number[] }> {
  let text = "";
  const calls: Array<{ id: string; name: string; args: string }> = [];
  const ended: number[] = [];
  let done: AssistantTurn | null = null;
  for await (const e of events) {
    if (e.type === "text") text += e.delta;
    else if (e.type === "tool_call_start") calls[e.index] = { id: e.id, name: e.name, args: "" };
    else if (e.type === "tool_call_arguments") (calls[e.index] as { args: string }).args += e.delta;
    else if (e.type === "tool_call_end") ended.push(e.index);
    else done = e.turn;
  }
  if (!done) throw new Error("no done event");
  return { content: text === "" ? null : text, calls, done, ended };
}

describe("streaming", () => {
  it("events reassemble to the same turn as generate with the same seed", async () => {
    // Two fresh engines, the same requests in the same order: identical cache states, so the same
    // seed gives the same tokens (llama.cpp's numerics differ slightly between a prompt evaluated
    // in one batch and one reused from the cache).
    const options = { model: model.file(), threads: 1, parallel: 1, contextSize: 2048 };
    const [a, b] = [await createLlamaEngine(options), await createLlamaEngine(options)];
    try {
      for (const [seed, toolChoice] of [[2, "required"], [5, "required"], [4, "auto"], [6, "none"]] as const) {
        const request = ask({ seed, toolChoice, maxTokens: 120 });
        const turn = await a.generate(request);
        const s = await reassemble(b.stream(request));
        const strip = (t: AssistantTurn) => ({ ...t, toolCalls: t.toolCalls.map(({ id: _id, ...c }) => c) });
        expect(strip(s.done)).toEqual(strip(turn));
        expect(s.content).toBe(s.done.content);
        if (s.done.finishReason === "tool_calls") {
          expect(s.calls.map((c) => [c.id, c.name, c.args])).toEqual(s.done.toolCalls.map((c) => [c.id, c.name, c.argumentsText]));
          expect(s.ended).toEqual(s.calls.map((_, i) => i));
        }
      }
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("argument fragments arrive as generated, not in one piece at the end", async () => {
    const events: EngineEvent[] = [];
    for await (const e of engine.stream(ask({ seed: 2, toolChoice: "required", parallelToolCalls: false }))) events.push(e);
    const fragments = events.filter((e) => e.type === "tool_call_arguments");
    expect(fragments.length).toBeGreaterThan(3);
  });
});

describe("concurrency, abort and close", () => {
  it("N concurrent requests all complete (3 sequences, 8 requests)", async () => {
    const turns = await all(seeds.slice(0, 8).map((seed) => ({ seed, toolChoice: "required" as const, parallelToolCalls: false })));
    expect(turns).toHaveLength(8);
    for (const t of turns) {
      expectValid(t);
      expect(["tool_calls", "length"]).toContain(t.finishReason);
    }
  });

  it("abort mid-generation stops within a few tokens and frees the sequence", async () => {
    const controller = new AbortController();
    let seen = 0;
    let argsAtAbort = "";
    let args = "";
    let turn: AssistantTurn | null = null;
    for await (const e of single.stream(long({ seed: 1, signal: controller.signal }))) {
      if (e.type === "tool_call_arguments") {
        args += e.delta;
        if (++seen === 20) {
          argsAtAbort = args;
          controller.abort();
        }
      }
      if (e.type === "done") turn = e.turn;
    }
    expect(turn).toMatchObject({ finishReason: "abort", toolCalls: [] });
    // The grammar forces the text before the arguments; after the abort only a short tail follows.
    const atAbort = `\`\`\`\n[{"name": "write", "arguments": ${argsAtAbort}`;
    expect(turn?.raw.startsWith(atAbort)).toBe(true);
    expect(turn!.raw.length - atAbort.length).toBeLessThanOrEqual(48); // ≤ 3 tokens (this vocabulary's are ≤ 16 characters)
    expect(turn?.usage.completionTokens).toBeLessThan(80); // of the 1,200 allowed
    // The one sequence is free again: the next request is served (it would wait forever otherwise).
    const next = await single.generate(ask({ seed: 1, toolChoice: "none", maxTokens: 5 }));
    expect(next.usage.completionTokens).toBeGreaterThan(0);
  });

  it("a request waiting for a sequence can be aborted; the running one is unaffected", async () => {
    const running = single.generate(long({ seed: 2, maxTokens: 200 }));
    const controller = new AbortController();
    const waiting = single.generate({ ...ask({ seed: 3 }), signal: controller.signal });
    controller.abort();
    expect(await waiting).toMatchObject({ finishReason: "abort", toolCalls: [], usage: { promptTokens: 0, completionTokens: 0 } });
    expect(await running).toMatchObject({ finishReason: "length", usage: { completionTokens: 200 } });
  });

  it("an already-aborted signal returns an abort turn without generating", async () => {
    const t = await engine.generate({ ...ask({}), signal: AbortSignal.abort() });
    expect(t).toMatchObject({ finishReason: "abort", usage: { completionTokens: 0 } });
  });
});

describe("errors", () => {
  it("a prompt (+ maxTokens) that cannot fit the context is CONTEXT_LENGTH_EXCEEDED before generation, and the engine keeps working", async () => {
    const tooLong = engine.generate(ask({ messages: [{ role: "user", content: "word ".repeat(3000) }] }));
    await expect(tooLong).rejects.toMatchObject({ code: "CONTEXT_LENGTH_EXCEEDED", location: "messages" });
    await expect(tooLong).rejects.toThrow(/maximum context length is 2048 tokens\. However, you requested \d+ tokens \(\d+ in the messages, 160 max_tokens for the completion\)/);
    // The prompt alone fits; with max_tokens it does not (the context used to cut the generation short instead).
    const prompt = (await engine.generate(ask({ seed: 1, toolChoice: "required", maxTokens: 1 }))).usage.promptTokens;
    await expect(engine.generate(ask({ toolChoice: "required", maxTokens: 2049 - prompt }))).rejects.toThrow(
      new RegExp(`you requested 2049 tokens \\(${prompt} in the messages, ${2049 - prompt} max_tokens for the completion\\)`),
    );
    await expect(engine.complete({ prompt: "word ".repeat(3000) })).rejects.toMatchObject({ code: "CONTEXT_LENGTH_EXCEEDED", location: "prompt" });
    expect((await engine.generate(ask({ seed: 1, toolChoice: "none", maxTokens: 3 }))).usage.completionTokens).toBe(3);
  });

  it("without maxTokens, generation is bounded by the context left; prompt + maxTokens may fill it exactly", async () => {
    const small = await createLlamaEngine({ model: model.file(), threads: 1, parallel: 1, contextSize: 256 });
    try {
      const story = (r: Partial<GenerateRequest>) => small.generate({ messages: [{ role: "user", content: "Tell me a story." }], temperature: 1, seed: 3, ...r });
      const open = await story({}); // this seed never ends the text on its own
      expect(open.finishReason).toBe("length");
      expect(open.usage.promptTokens + open.usage.completionTokens).toBe(256);
      const exact = await story({ maxTokens: 256 - open.usage.promptTokens });
      expect(exact).toMatchObject({ finishReason: "length", usage: open.usage });
      await expect(story({ maxTokens: 257 - open.usage.promptTokens })).rejects.toMatchObject({ code: "CONTEXT_LENGTH_EXCEEDED" });
    } finally {
      await small.close();
    }
  });

  it("bad requests fail before any generation with a clear error", async () => {
    await expect(engine.generate(ask({ toolChoice: { type: "function", function: { name: "nope" } } }))).rejects.toThrow(/not among the tools/);
    const bad = { name: "bad", description: "", parameters: { type: "object", properties: { x: { type: "strin" } } } } as ToolDef;
    await expect(engine.generate(ask({ tools: [bad] }))).rejects.toMatchObject({ code: "SCHEMA_INVALID" });
    await expect(engine.generate(ask({ maxTokens: -1 }))).rejects.toThrow(/maxTokens/);
  });
});

describe("raw completion and token counting", () => {
  it("complete() streams text through onText and honours stop strings", async () => {
    let streamed = "";
    const r = await engine.complete({ prompt: "The weather is", temperature: 1, seed: 4, maxTokens: 30, onText: (d) => (streamed += d) });
    expect(streamed).toBe(r.text);
    expect(r.usage.completionTokens).toBeLessThanOrEqual(30);
    const first = r.text.slice(0, 4);
    if (first.length === 4) {
      const cut = await engine.complete({ prompt: "The weather is", temperature: 1, seed: 4, maxTokens: 30, stop: [first.slice(2)] });
      expect(cut.finishReason).toBe("stop");
      expect(cut.text).toBe(r.text.slice(0, r.text.indexOf(first.slice(2))));
    }
  });

  it("countTokens counts special tokens as one", async () => {
    const n = await engine.countTokens("<|im_start|>user\nhi<|im_end|>");
    expect(n).toBeGreaterThan(2);
    expect(await engine.countTokens("<|im_start|>")).toBe(1);
  });

  it("reports its configuration", () => {
    expect(engine.info).toMatchObject({ backend: "llama", format: "hammer2.1", parallel: 3, contextSize: 2048 });
    expect(getFormat(engine.info.format).name).toBe("hammer2.1");
  });
});

describe("close", () => {
  it("aborts in-flight work, is idempotent, and rejects later requests", async () => {
    const e = await createLlamaEngine({ model: model.file(), threads: 1, parallel: 1, contextSize: 2048 });
    let queued: Promise<AssistantTurn> | null = null;
    let turn: AssistantTurn | null = null;
    let closing: Promise<unknown> | null = null;
    for await (const ev of e.stream(long({ seed: 1, maxTokens: 900 }))) {
      if (ev.type === "tool_call_start") {
        queued = e.generate(ask({ seed: 2 })); // waits for the one sequence
        closing = Promise.all([e.close(), e.close()]);
      }
      if (ev.type === "done") turn = ev.turn;
    }
    await closing;
    expect(turn?.finishReason).toBe("abort");
    expect(await queued).toMatchObject({ finishReason: "abort", usage: { completionTokens: 0 } });
    await expect(e.generate(ask({}))).rejects.toMatchObject({ code: "ABORTED" });
    await expect(e.countTokens("x")).rejects.toMatchObject({ code: "ABORTED" });
  });
});
