import { readFile } from "node:fs/promises";
import path from "node:path";
import { HammerError } from "../../core/errors.js";
import type { JsonValue } from "../../core/json/index.js";
import { TOKEN_TYPE } from "../tokenizer/buildByteLevelVocab.js";
import { asObject, readJsonFile } from "./readJsonFile.js";
import { describePreTokenizer, KNOWN_PRE_TOKENIZERS, tokenizerPreType } from "./tokenizerPreType.js";

/** Special-token roles as llama.cpp names its metadata keys (`tokenizer.ggml.<role>_token_id`). */
export const SPECIAL_TOKEN_ROLES = ["bos", "eos", "unk", "sep", "pad", "cls", "mask"] as const;
export type SpecialTokenRole = (typeof SPECIAL_TOKEN_ROLES)[number];

export interface HfTokenizer {
  /** One entry per id up to the model's vocab_size; ids the tokenizer lacks are `[PAD<id>]`. */
  tokens: string[];
  tokenTypes: number[];
  /** `"left right"` strings in rank order (a space inside a part written as U+0120, as llama.cpp expects). */
  merges: string[];
  /** llama.cpp's pre-tokenizer name. */
  pre: string;
  specialIds: Partial<Record<SpecialTokenRole, number>>;
  addBos: boolean;
  addEos: boolean | undefined;
  /** The default chat template, and any named ones (`tokenizer.chat_template.<name>`). */
  chatTemplate: string | undefined;
  namedTemplates: Record<string, string>;
}

type Obj = { [key: string]: JsonValue };
const isObj = (v: JsonValue | undefined): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * The tokenizer of a Hugging Face folder as llama.cpp's `gpt2` (byte-level BPE) tokenizer needs it:
 * `tokenizer.json` (vocabulary, merges, added tokens, pre-tokenizer), `tokenizer_config.json` (special
 * tokens, add_bos/add_eos, chat template; `chat_template.jinja` as transformers 5 writes it), with
 * config.json / generation_config.json ids as fallbacks. Added tokens marked special (or spelled
 * `<|…|>`) become CONTROL tokens, other added tokens USER_DEFINED, as llama.cpp's converter does.
 */
export async function readHfTokenizer(dir: string, vocabSize: number, fallbackIds: Partial<Record<string, number>> = {}): Promise<HfTokenizer> {
  const file = path.join(dir, "tokenizer.json");
  const tok = asObject(await readJsonFile(file), file);
  const bad = (where: string, what: string, code: "INPUT_INVALID" | "MODEL_INVALID" = "INPUT_INVALID"): never => {
    throw new HammerError(code, `${file}: ${where} ${what}`, { location: `${file}#/${where.replaceAll(".", "/")}` });
  };
  const model = tok.model;
  if (!isObj(model)) return bad("model", "is missing");
  if (model.type !== "BPE") bad("model.type", `is ${JSON.stringify(model.type)}; only byte-level BPE tokenizers are exported`, "MODEL_INVALID");
  if (model.byte_fallback === true) bad("model.byte_fallback", "is true (a SentencePiece-style BPE); only byte-level BPE tokenizers are exported", "MODEL_INVALID");
  if (isObj(tok.decoder) && tok.decoder.type !== "ByteLevel") {
    bad("decoder.type", `is ${JSON.stringify(tok.decoder.type)}; only byte-level BPE tokenizers are exported`, "MODEL_INVALID");
  }
  const pre = tokenizerPreType(tok.pre_tokenizer);
  if (pre === undefined) {
    bad("pre_tokenizer", `${describePreTokenizer(tok.pre_tokenizer)} is not a pre-tokenizer we can name for llama.cpp (known: ${KNOWN_PRE_TOKENIZERS.join(", ")})`, "MODEL_INVALID");
  }

  const tokens: Array<string | undefined> = new Array(vocabSize);
  const tokenTypes = new Array<number>(vocabSize).fill(TOKEN_TYPE.NORMAL);
  const place = (text: string, id: JsonValue, where: string): void => {
    if (typeof id !== "number" || !Number.isSafeInteger(id) || id < 0) bad(where, `has id ${JSON.stringify(id)}, not a non-negative integer`);
    const i = id as number;
    if (i >= vocabSize) bad(where, `has id ${i}, but the model's vocab_size is ${vocabSize} (tokenizer for another model?)`, "MODEL_INVALID");
    const seen = tokens[i];
    if (seen !== undefined && seen !== text) bad(where, `has id ${i}, already taken by ${JSON.stringify(seen)}`);
    tokens[i] = text;
  };
  if (!isObj(model.vocab)) return bad("model.vocab", "is missing");
  for (const [text, id] of Object.entries(model.vocab)) place(text, id, `model.vocab.${JSON.stringify(text)}`);
  const added = Array.isArray(tok.added_tokens) ? tok.added_tokens : [];
  const addedByContent = new Map<string, number>();
  for (const [i, a] of added.entries()) {
    if (!isObj(a) || typeof a.content !== "string") return bad(`added_tokens.${i}`, "is not {id, content, …}");
    place(a.content, a.id ?? null, `added_tokens.${i}`);
    const id = a.id as number;
    if (!addedByContent.has(a.content)) addedByContent.set(a.content, id);
    tokenTypes[id] = a.special === true || looksSpecial(a.content) ? TOKEN_TYPE.CONTROL : TOKEN_TYPE.USER_DEFINED;
  }
  for (let i = 0; i < vocabSize; i++) {
    if (tokens[i] === undefined) {
      tokens[i] = `[PAD${i}]`;
      tokenTypes[i] = TOKEN_TYPE.UNUSED;
    }
  }

  const merges = readMerges(model.merges, bad);
  const tcFile = path.join(dir, "tokenizer_config.json");
  const tcJson = await readJsonFile(tcFile, true);
  const tc: Obj = tcJson === undefined ? {} : asObject(tcJson, tcFile);
  const gen = await readJsonFile(path.join(dir, "generation_config.json"), true);
  const specialIds: HfTokenizer["specialIds"] = {};
  for (const role of SPECIAL_TOKEN_ROLES) {
    const entry = tc[`${role}_token`];
    const content = typeof entry === "string" ? entry : isObj(entry) && typeof entry.content === "string" ? entry.content : undefined;
    const id = (content !== undefined ? addedByContent.get(content) : undefined) ?? fallbackIds[role] ?? firstId(isObj(gen) ? gen[`${role}_token_id`] : undefined);
    if (id !== undefined && id < vocabSize) specialIds[role] = id;
  }
  const post = postProcessorAdds(tok.post_processor, tokens, specialIds);
  const addBos = typeof tc.add_bos_token === "boolean" ? tc.add_bos_token : post.bos;
  const addEos = typeof tc.add_eos_token === "boolean" ? tc.add_eos_token : post.eos ? true : undefined;
  const templates = await readChatTemplates(dir, tc.chat_template, tcFile);
  return { tokens: tokens as string[], tokenTypes, merges, pre: pre as string, specialIds, addBos, addEos, ...templates };
}

/** llama.cpp's converter also treats `<|…|>` added tokens as control tokens when they are not marked special. */
function looksSpecial(text: string): boolean {
  return (text.startsWith("<|") && text.endsWith("|>")) || (text.startsWith("<｜") && text.endsWith("｜>"));
}

function readMerges(merges: JsonValue | undefined, bad: (where: string, what: string) => never): string[] {
  if (merges === undefined) return [];
  if (!Array.isArray(merges)) return bad("model.merges", "is not a list");
  return merges.map((m, i) => {
    if (typeof m === "string") {
      if (m.split(" ").length !== 2) bad(`model.merges.${i}`, `${JSON.stringify(m)} is not "left right"`);
      return m;
    }
    if (Array.isArray(m) && m.length === 2 && typeof m[0] === "string" && typeof m[1] === "string") {
      // The pair form (tokenizers ≥ 0.20) allows spaces inside a part; GGUF's "a b" form cannot, so they are
      // written as U+0120, the byte-level spelling of a space.
      return `${m[0].replaceAll(" ", "\u0120")} ${m[1].replaceAll(" ", "\u0120")}`;
    }
    return bad(`model.merges.${i}`, `${JSON.stringify(m)} is neither "left right" nor ["left", "right"]`);
  });
}

function firstId(v: JsonValue | undefined): number | undefined {
  const id = Array.isArray(v) ? v[0] : v;
  return typeof id === "number" && Number.isSafeInteger(id) && id >= 0 ? id : undefined;
}

/** Whether a TemplateProcessing post-processor puts the BOS token first / the EOS token last. */
function postProcessorAdds(post: JsonValue | undefined, tokens: Array<string | undefined>, ids: Partial<Record<SpecialTokenRole, number>>): { bos: boolean; eos: boolean } {
  const found = { bos: false, eos: false };
  const procs = isObj(post) ? (post.type === "Sequence" && Array.isArray(post.processors) ? post.processors : [post]) : [];
  for (const p of procs) {
    if (!isObj(p) || p.type !== "TemplateProcessing" || !Array.isArray(p.single) || p.single.length < 2) continue;
    const special = (item: JsonValue | undefined) => (isObj(item) && isObj(item.SpecialToken) ? item.SpecialToken.id : undefined);
    const first = special(p.single[0]);
    const last = special(p.single[p.single.length - 1]);
    if (first !== undefined && ids.bos !== undefined && first === tokens[ids.bos]) found.bos = true;
    if (last !== undefined && ids.eos !== undefined && last === tokens[ids.eos]) found.eos = true;
  }
  return found;
}

async function readChatTemplates(dir: string, inConfig: JsonValue | undefined, tcFile: string): Promise<Pick<HfTokenizer, "chatTemplate" | "namedTemplates">> {
  const namedTemplates: Record<string, string> = {};
  if (typeof inConfig === "string") return { chatTemplate: inConfig, namedTemplates };
  if (Array.isArray(inConfig)) {
    let chatTemplate: string | undefined;
    for (const [i, t] of inConfig.entries()) {
      if (!isObj(t) || typeof t.name !== "string" || typeof t.template !== "string") {
        throw new HammerError("INPUT_INVALID", `${tcFile}: chat_template[${i}] is not {name, template}`, { location: `${tcFile}#/chat_template/${i}` });
      }
      if (t.name === "default") chatTemplate = t.template;
      else namedTemplates[t.name] = t.template;
    }
    return { chatTemplate, namedTemplates };
  }
  const jinja = path.join(dir, "chat_template.jinja");
  try {
    return { chatTemplate: await readFile(jinja, "utf8"), namedTemplates };
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw new HammerError("INPUT_INVALID", `cannot read ${jinja}: ${(e as Error).message}`, { location: jinja, cause: e });
  }
  const json = await readJsonFile(path.join(dir, "chat_template.json"), true);
  const t = isObj(json) ? json.chat_template : undefined;
  return { chatTemplate: typeof t === "string" ? t : undefined, namedTemplates };
}
