import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { trainerChildEnv, trainerRoot } from "../../../src/train/index.js";
import { HAS_TRAINER_VENV, SKIP_TRAINER_REASON, TRAINER_PYTHON } from "../../support/trainerVenv.js";

export { HAS_TRAINER_VENV, SKIP_TRAINER_REASON };

/** What hf_fixture.py builds. */
export interface HfFixtureJob {
  out: string;
  arch: "qwen2" | "llama";
  shape?: "tiny" | "qwen2-0.5b";
  dtype?: "float32" | "bfloat16" | "float16";
  seed?: number;
  tie?: boolean;
  vocab_size?: number;
  tokenizer_vocab?: number;
  max_shard_size?: string;
  prompts?: string[];
  chats?: Array<Array<{ role: string; content: string }>>;
  greedy_tokens?: number;
  adapter?: {
    out: string;
    r?: number;
    alpha?: number;
    rslora?: boolean;
    targets?: string[];
    rank_pattern?: Record<string, number>;
    alpha_pattern?: Record<string, number>;
    b_std?: number;
    seed?: number;
  };
}

export interface HfPromptReference {
  text: string;
  /** Token ids without added BOS/EOS (special tokens in the text are parsed). */
  ids: number[];
  /** With the tokenizer's own added tokens (BOS for the llama fixture). */
  ids_with_special: number[];
  /** log_softmax of transformers' next-token logits after `ids_with_special`. */
  logprobs: number[];
  greedy?: number[];
}

export interface HfReferences {
  prompts: HfPromptReference[];
  chats: Array<{ text: string; ids: number[] }>;
}

export interface HfFixtureResult {
  base: HfReferences;
  adapter?: HfReferences;
}

/** Build a tiny Hugging Face model (and adapter) with transformers and return transformers' numbers for it. */
export async function makeHfFixture(job: HfFixtureJob): Promise<HfFixtureResult> {
  const jobFile = path.join(path.dirname(job.out), `${path.basename(job.out)}.job.json`);
  const resultFile = path.join(path.dirname(job.out), `${path.basename(job.out)}.result.json`);
  writeFileSync(jobFile, JSON.stringify(job));
  const script = new URL("hf_fixture.py", import.meta.url).pathname;
  try {
    await promisify(execFile)(TRAINER_PYTHON as string, [script, jobFile, resultFile], { env: trainerChildEnv(trainerRoot(), 1), maxBuffer: 64 << 20 });
  } catch (e) {
    const err = e as { stderr?: string; message: string };
    throw new Error(`hf_fixture.py failed: ${err.message}\n${err.stderr ?? ""}`);
  }
  return JSON.parse(readFileSync(resultFile, "utf8")) as HfFixtureResult;
}
