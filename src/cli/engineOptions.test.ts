import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { engineOptions, type EngineOptionsConfig } from "./engineOptions.js";

const CALL: EngineOptionsConfig = { endpointMode: "chat", defaultModel: true, aliases: { "--api-key": "--endpoint-api-key" } };
const EVAL: EngineOptionsConfig = { endpointMode: "chat", defaultModel: true, aliases: { "--api-key": "--endpoint-api-key" } };
const NO_DEFAULT: EngineOptionsConfig = { ...EVAL, defaultModel: false };
const SERVE: EngineOptionsConfig = {
  endpointMode: "completions",
  defaultModel: true,
  aliases: { "--upstream": "--endpoint", "--upstream-model": "--endpoint-model", "--upstream-api-key": "--endpoint-api-key", "--upstream-grammar": "--endpoint-grammar" },
  lora: true,
};

/** Parse `args` on a fresh command with the engine flags, and read the spec. */
function read(config: EngineOptionsConfig, ...args: string[]) {
  const command = new Command("x").exitOverride().configureOutput({ writeErr: () => {} });
  const engine = engineOptions(command, config);
  command.parse(args, { from: "user" });
  return engine.read(command);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe("engineOptions: one engine flag group for call, serve and eval run", () => {
  it("maps a local model and its settings to a llama spec", () => {
    expect(read(CALL)).toEqual({ spec: { backend: "llama" }, prepare: {} }); // DEFAULT_MODEL
    expect(read(EVAL)).toEqual({ spec: { backend: "llama" }, prepare: {} }); // eval run too (issue: fallback without --model)
    expect(read(SERVE, "--offline")).toEqual({ spec: { backend: "llama" }, prepare: { resolve: { offline: true } } });
    expect(read(CALL, "--model", "m.gguf", "--format", "qwen", "--parallel", "3", "--threads", "2", "--context-size", "4096").spec).toEqual({
      backend: "llama",
      model: "m.gguf",
      format: "qwen",
      parallel: 3,
      threads: 2,
      contextSize: 4096,
    });
  });

  it("maps an endpoint and its settings to an openai spec, with the command's default mode", () => {
    expect(read(CALL, "--endpoint", "http://h:1/v1", "--endpoint-model", "m", "--endpoint-api-key", "k", "--context-size", "8192").spec).toEqual({
      backend: "openai",
      baseUrl: "http://h:1/v1",
      mode: "chat",
      model: "m",
      apiKey: "k",
      contextSize: 8192,
    });
    const serve = read(SERVE, "--endpoint", "http://h:1", "--endpoint-grammar", "vllm", "--parallel", "8");
    expect(serve.spec).toEqual({ backend: "openai", baseUrl: "http://h:1", mode: "completions", grammar: "vllm", parallel: 8 });
    expect(serve.prepare.modelHint).toBe("pass --endpoint-model NAME");
  });

  it("takes the endpoint key from $OPENAI_API_KEY unless given, on every command", () => {
    vi.stubEnv("OPENAI_API_KEY", "from-env");
    for (const config of [CALL, EVAL, SERVE]) {
      expect(read(config, "--endpoint", "http://h:1").spec).toMatchObject({ apiKey: "from-env" });
      expect(read(config, "--endpoint", "http://h:1", "--endpoint-api-key", "flag").spec).toMatchObject({ apiKey: "flag" });
      expect(read(config, "--model", "m.gguf").spec).toEqual({ backend: "llama", model: "m.gguf" }); // the variable alone is no error
    }
  });

  it("keeps the old flag names working: serve's --upstream*, call's and eval's --api-key", () => {
    const serve = read(SERVE, "--upstream", "http://h:1", "--upstream-model", "m", "--upstream-api-key", "k", "--upstream-grammar", "llama-server");
    expect(serve.spec).toEqual({ backend: "openai", baseUrl: "http://h:1", mode: "completions", model: "m", apiKey: "k", grammar: "llama-server" });
    // A user of --upstream is told to pass --upstream-model.
    expect(read(SERVE, "--upstream", "http://h:1").prepare.modelHint).toBe("pass --upstream-model NAME");
    expect(read(EVAL, "--endpoint", "http://h:1", "--api-key", "k").spec).toMatchObject({ apiKey: "k" });
  });

  it("hides the old names from --help", () => {
    const command = new Command("x");
    engineOptions(command, SERVE);
    const help = command.helpInformation();
    expect(help).toContain("--endpoint-model <name>");
    expect(help).not.toContain("--upstream");
  });

  it.each([
    [CALL, ["--model", "m.gguf", "--endpoint", "http://h:1"], /^--model: excludes --endpoint; give one of them$/],
    [SERVE, ["--model", "m.gguf", "--upstream", "http://h:1"], /^--model: excludes --upstream; give one of them$/],
    [NO_DEFAULT, [], /^give a model: --model FILE\|hf:<owner>\/<repo>\/<file>\.gguf, or --endpoint URL --endpoint-model NAME$/],
    [CALL, ["--endpoint-model", "m"], /^--endpoint-model: needs --endpoint$/],
    [SERVE, ["--upstream-model", "m"], /^--upstream-model: needs --endpoint$/],
    [CALL, ["--endpoint-mode", "completions"], /^--endpoint-mode: needs --endpoint$/],
    [CALL, ["--api-key", "k"], /^--api-key: needs --endpoint$/],
    [CALL, ["--endpoint", "http://h:1", "--threads", "2"], /^--threads: applies to a local model \(--model\), not to --endpoint$/],
    [SERVE, ["--endpoint", "http://h:1", "--offline"], /^--offline: applies to a local model \(--model\), not to --endpoint$/],
    [EVAL, ["--model", "m.gguf", "--offline"], /^--offline: applies only without --model/],
    [CALL, ["--endpoint", "http://h:1", "--endpoint-grammar", "vllm"], /^--endpoint-grammar: needs --endpoint-mode completions$/],
    [CALL, ["--endpoint", "http://h:1", "--no-loop-steering"], /^--no-loop-steering: needs --endpoint-mode completions/],
    [SERVE, ["--upstream", "http://h:1", "--endpoint", "http://h:2"], /^--upstream: the same flag as --endpoint; give it once$/],
    [SERVE, ["--upstream", "http://h:1", "--lora", "a=a.gguf"], /^--lora: applies to a local model \(--model\), not to --upstream$/],
    [SERVE, ["--endpoint", "http://h:1", "--lora", "a=a.gguf"], /^--lora: applies to a local model \(--model\), not to --endpoint$/],
  ] as const)("refuses flags that do not fit together (%#)", (config, args, message) => {
    expect(() => read(config, ...args)).toThrow(expect.objectContaining({ code: "USAGE", message: expect.stringMatching(message) }));
  });

  it("maps serve's repeatable --lora NAME=FILE to the llama spec's adapters; only serve takes it", () => {
    expect(read(SERVE, "--model", "m.gguf", "--lora", "a=x/a.gguf", "--lora", "b=b=1.gguf").spec).toEqual({
      backend: "llama",
      model: "m.gguf",
      adapters: [
        { name: "a", file: "x/a.gguf" },
        { name: "b", file: "b=1.gguf" },
      ],
    });
    expect(read(SERVE, "--lora", "a=a.gguf").spec).toEqual({ backend: "llama", adapters: [{ name: "a", file: "a.gguf" }] }); // DEFAULT_MODEL's adapter
    expect(read(SERVE).spec).toEqual({ backend: "llama" });
    for (const bad of ["a", "=a.gguf", "a="]) expect(() => read(SERVE, "--lora", bad)).toThrow(/expected NAME=FILE/);
    expect(() => read(SERVE, "--lora", "a=1.gguf", "--lora", "a=2.gguf")).toThrow(/the name a is given twice/);
    expect(() => read(CALL, "--lora", "a=a.gguf")).toThrow(/unknown option '--lora'/);
  });

  it("rejects malformed numbers and unknown choices at parse time", () => {
    expect(() => read(CALL, "--threads", "0")).toThrow(/expected an integer from 1/);
    expect(() => read(CALL, "--context-size", "12")).toThrow(/expected an integer from 64/);
    expect(() => read(SERVE, "--upstream-grammar", "xgrammar")).toThrow(/Allowed choices are none, llama-server, vllm/);
  });

  it("--no-loop-steering turns loop-aware decoding off, for a local model and a completions-mode endpoint", () => {
    expect(read(CALL, "--model", "m.gguf", "--no-loop-steering").spec).toEqual({ backend: "llama", model: "m.gguf", loopSteering: false });
    expect(read(SERVE, "--endpoint", "http://h:1", "--no-loop-steering").spec).toMatchObject({ backend: "openai", mode: "completions", loopSteering: false });
    expect(read(CALL, "--model", "m.gguf").spec).not.toHaveProperty("loopSteering");
  });
});
