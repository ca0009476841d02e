import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import {
  getLlama,
  JinjaTemplateChatWrapper,
  LlamaCompletion,
  LlamaLogLevel,
  resolveChatWrapper,
  type Llama,
  type LlamaModel,
} from "node-llama-cpp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validateModelFile } from "../core/gguf/index.js";
import { randomModelVocab } from "./random/randomModelVocab.js";
import { RANDOM_MODEL_QUANTS, writeRandomModel } from "./randomModel.js";
import { ByteLevelBpe } from "./tokenizer/ByteLevelBpe.js";

// Model-backed: the generated tiny models must load and run in node-llama-cpp (llama.cpp) on the CPU.
const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-random-llama-"));
let llama: Llama;
beforeAll(async () => {
  llama = await getLlama({ gpu: false, build: "never", maxThreads: 1, logLevel: LlamaLogLevel.error });
});
afterAll(async () => {
  await llama?.dispose();
  rmSync(dir, { recursive: true, force: true });
});

const vocab = randomModelVocab();
const bpe = new ByteLevelBpe(vocab.tokens, vocab.merges);
const CALL_GRAMMAR = String.raw`root ::= "{\"name\": \"" name "\", \"arguments\": {\"count\": " count "}}"
name ::= "get_weather" | "search_web"
count ::= [1-9] [0-9]? [0-9]?`;
const CALL_PATTERN = /^\{"name": "(get_weather|search_web)", "arguments": \{"count": [1-9][0-9]{0,2}\}\}$/;

describe.each(RANDOM_MODEL_QUANTS)("tiny %s model in node-llama-cpp", (quant) => {
  let model: LlamaModel;
  beforeAll(async () => {
    const { path: file } = await writeRandomModel({ shape: "tiny", quant, seed: 42, out: path.join(dir, `tiny-${quant}.gguf`) });
    await validateModelFile(file);
    model = await llama.loadModel({ modelPath: file });
  });
  afterAll(async () => {
    await model?.dispose();
  });

  it("tokenizes special tokens as single ids and text as our BPE does", () => {
    const text = '<|im_start|>user\n{"name": "get_weather", "arguments": {"location": "Paris"}}<|im_end|>\n<tool_call>\n</tool_call>';
    const ids = model.tokenize(text, true);
    expect(model.detokenize(ids, true)).toBe(text);
    expect(ids[0]).toBe(vocab.specialIds["<|im_start|>"]);
    expect(ids).toContain(vocab.specialIds["<|im_end|>"]);
    expect(ids).toContain(vocab.specialIds["<tool_call>"]);
    expect(ids.at(-1)).toBe(vocab.specialIds["</tool_call>"]);
    const plain = 'The user asked: {"query": "weather in San Francisco", "max_results": 3}.';
    expect([...model.tokenize(plain)]).toEqual(bpe.encode(plain));
    expect(model.tokens.eos).toBe(vocab.specialIds["<|im_end|>"]);
  });

  it("computes a finite, well-spread next-token distribution", async () => {
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    try {
      const ids = model.tokenize('<|im_start|>user\nWeather in Paris?<|im_end|>\n<|im_start|>assistant\n<tool_call>\n{"name": "', true);
      const last = ids.at(-1)!;
      const out = await context.getSequence().controlledEvaluate([...ids.slice(0, -1), [last, { generateNext: { probabilities: true } }]]);
      const probs = [...out.at(-1)!.next!.probabilities!.values()];
      expect(probs.every(Number.isFinite)).toBe(true);
      expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 3);
      // Not collapsed onto one token, not flat noise: entropy well inside (0, ln |V|).
      const entropy = -probs.reduce((a, p) => (p > 0 ? a + p * Math.log(p) : a), 0);
      expect(Math.max(...probs)).toBeLessThan(0.99);
      expect(entropy).toBeGreaterThan(0.5);
      expect(entropy).toBeLessThan(Math.log(vocab.tokens.length));
    } finally {
      await context.dispose();
    }
  });

  it("generates text", async () => {
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    try {
      const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
      let tokens = 0;
      await completion.generateCompletion("The weather in Paris is", { maxTokens: 24, seed: 1, onToken: (t) => (tokens += t.length) });
      expect(tokens).toBeGreaterThan(0);
    } finally {
      await context.dispose();
    }
  });

  it("follows a GBNF grammar", async () => {
    const context = await model.createContext({ contextSize: 256, threads: 1 });
    try {
      const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
      const grammar = await llama.createGrammar({ grammar: CALL_GRAMMAR });
      for (const seed of [1, 2, 3]) {
        const out = await completion.generateCompletion("<|im_start|>assistant\n", { grammar, maxTokens: 64, seed, temperature: 1 });
        expect(out).toMatch(CALL_PATTERN);
        expect(JSON.parse(out)).toHaveProperty("arguments.count");
      }
    } finally {
      await context.dispose();
    }
  });
});

describe("the embedded chat template", () => {
  it("is recognised by node-llama-cpp as Qwen-style with <tool_call> function calling", async () => {
    const file = path.join(dir, "tiny-q8_0.gguf");
    const model = await llama.loadModel({ modelPath: file });
    try {
      expect(resolveChatWrapper(model)?.wrapperName).toBe("Qwen");
      const jinja = new JinjaTemplateChatWrapper({ template: model.fileInfo.metadata.tokenizer.chat_template! });
      const call = jinja.settings.functions.call;
      expect(call.prefix.toString()).toBe('<tool_call>\n{"name": "');
      expect(call.paramsPrefix.toString()).toBe('", "arguments": ');
      expect(call.suffix.toString()).toBe("}\n</tool_call>");
      expect(jinja.settings.functions.result.prefix.toString()).toBe("\n<tool_response>\n");
      const { contextText } = jinja.generateContextState({
        chatHistory: [
          { type: "system", text: "SYS" },
          { type: "user", text: "Weather in Paris?" },
          { type: "model", response: [] },
        ],
        availableFunctions: { get_weather: { description: "Get the weather", params: { type: "object", properties: { location: { type: "string" } } } } },
      });
      const rendered = contextText.toString();
      expect(rendered.startsWith("<|im_start|>system\nSYS\n\n# Tools\n")).toBe(true);
      expect(rendered).toContain('<tools>\n{"type": "function", "function": {"name": "get_weather", "description": "Get the weather"');
      expect(rendered.endsWith("<|im_start|>user\nWeather in Paris?<|im_end|>\n<|im_start|>assistant\n")).toBe(true);
    } finally {
      await model.dispose();
    }
  });
});
