import { closeSync, openSync, writeSync } from "node:fs";
import { parseJson } from "../../core/json/index.js";
import { pyJsonDumps } from "../../core/python/index.js";
import { Rng } from "../../core/rng.js";

/** An xLAM record as stored in `xlam_function_calling_60k.json`: tools and answers are JSON text. */
export interface XlamRecord {
  id: number;
  query: string;
  answers: string;
  tools: string;
}

const VERBS: Record<string, string> = {
  get: "Gets", fetch: "Fetches", search: "Searches", list: "Lists", calculate: "Calculates",
  convert: "Converts", find: "Finds", lookup: "Looks up", validate: "Validates", retrieve: "Retrieves",
};
const VERB_NAMES = Object.keys(VERBS);
const NOUNS = [
  "weather", "stock_price", "exchange_rate", "user_profile", "movie_details", "recipe", "flight_status", "news",
  "hotel_offers", "match_results", "air_quality", "crypto_quote", "postcode", "timezone", "player_stats", "book_info",
];
const CITIES = ["London", "Paris", "Sydney", "Berlin", "Tokyo", "New York", "Nairobi", "Lima", "Oslo", "Mumbai"];
const WORDS = ["beta", "game", "nike", "adidas", "mining", "farming", "jazz", "python", "tesla", "apple", "AAPL", "EUR", "USD"];

type ParamKind = "str" | "int" | "float" | "bool" | "List[int]" | "str, optional";
interface ParamSpec {
  name: string;
  kind: ParamKind;
  about: string;
}
const PARAMS: ParamSpec[] = [
  { name: "city", kind: "str", about: "The name of the city" },
  { name: "query", kind: "str", about: "The search term" },
  { name: "symbol", kind: "str", about: "The ticker symbol" },
  { name: "username", kind: "str", about: "The user's handle" },
  { name: "language", kind: "str, optional", about: "The language code of the results" },
  { name: "limit", kind: "int", about: "The maximum number of results" },
  { name: "page", kind: "int", about: "The page of results to return" },
  { name: "year", kind: "int", about: "The year of interest" },
  { name: "is_id", kind: "int", about: "The identifier of the item" },
  { name: "latitude", kind: "float", about: "The latitude of the location" },
  { name: "longitude", kind: "float", about: "The longitude of the location" },
  { name: "amount", kind: "float", about: "The amount to convert" },
  { name: "include_details", kind: "bool", about: "Whether to include details" },
  { name: "numbers", kind: "List[int]", about: "The list of numbers" },
];

function value(kind: ParamKind, rng: Rng): unknown {
  switch (kind) {
    case "str":
      return rng.next() < 0.5 ? rng.pick(CITIES) : rng.pick(WORDS);
    case "str, optional":
      return rng.pick(["en", "fr", "de", "es"]);
    case "int":
      return rng.int(1, 2025);
    case "float":
      // mostly like 46.95828; now and then an integral float (1.0), as real data has
      return rng.next() < 0.1 ? rng.int(0, 90) : Math.round((rng.next() * 180 - 90) * 1e5) / 1e5;
    case "bool":
      return rng.next() < 0.5;
    case "List[int]":
      return Array.from({ length: rng.int(2, 6) }, () => rng.int(0, 100));
  }
}

/** Python text of a value, as it would appear in a query. */
function spoken(v: unknown): string {
  return typeof v === "string" ? v : pyJsonDumps(v);
}

interface SynthTool {
  name: string;
  params: Array<ParamSpec & { default?: unknown; floatDefault: boolean }>;
  text: string;
}

function makeTool(rng: Rng): SynthTool {
  const verb = rng.pick(VERB_NAMES);
  const noun = rng.pick(NOUNS);
  const name = rng.next() < 0.8 ? `${verb}_${noun}` : `${noun.replace(/_/g, "")}${rng.int(1, 9)}`;
  const picks = rng.shuffle(PARAMS.slice()).slice(0, rng.int(1, 3));
  const params = picks.map((p) => {
    const hasDefault = p.kind !== "List[int]" && rng.next() < 0.7;
    const d = hasDefault ? (p.kind === "str, optional" && rng.next() < 0.5 ? "" : value(p.kind, rng)) : undefined;
    return { ...p, default: d, floatDefault: p.kind === "float" && typeof d === "number" && Number.isInteger(d) };
  });
  const parts = params.map((p) => {
    const desc = `${p.about}.${p.default !== undefined && p.default !== "" ? ` Defaults to ${spoken(p.default)}.` : ""}`;
    const d = p.default === undefined ? "" : `, "default": ${p.floatDefault ? `${String(p.default)}.0` : pyJsonDumps(p.default)}`;
    return `${pyJsonDumps(p.name)}: {"description": ${pyJsonDumps(desc)}, "type": ${pyJsonDumps(p.kind)}${d}}`;
  });
  const description = `${VERBS[verb] as string} the ${noun.replace(/_/g, " ")} for the given input using the RapidAPI service.`;
  const text = `{"name": ${pyJsonDumps(name)}, "description": ${pyJsonDumps(description)}, "parameters": {${parts.join(", ")}}}`;
  return { name, params, text };
}

/**
 * A deterministic synthetic xLAM row: 1–6 tools (mean 3.5; now and then a duplicate), 1–4 calls
 * (parallel calls to one tool included), realistic names, descriptions, types and defaults, gold
 * values equal to the default about a third of the time, and a query that mentions the values.
 */
export function syntheticXlamRow(id: number, rng: Rng): XlamRecord {
  const tools: SynthTool[] = [];
  const n = rng.int(1, 6);
  const names = new Set<string>();
  while (tools.length < n) {
    const t = makeTool(rng);
    if (names.has(t.name)) continue;
    names.add(t.name);
    tools.push(t);
  }
  const calls: string[] = [];
  const asks: string[] = [];
  const nCalls = rng.int(1, 4);
  for (let c = 0; c < nCalls; c++) {
    const t = rng.pick(tools);
    const args: string[] = [];
    const said: string[] = [];
    for (const p of t.params) {
      if (p.default === "" && rng.next() < 0.5) continue;
      const useDefault = p.default !== undefined && p.default !== "" && rng.next() < 0.35;
      const v = useDefault ? p.default : value(p.kind, rng);
      const float = useDefault ? p.floatDefault : p.kind === "float" && typeof v === "number" && Number.isInteger(v);
      args.push(`${pyJsonDumps(p.name)}: ${float ? `${String(v)}.0` : pyJsonDumps(v)}`);
      said.push(`${p.name.replace(/_/g, " ")} ${float ? `${String(v)}.0` : spoken(v)}`);
    }
    calls.push(`{"name": ${pyJsonDumps(t.name)}, "arguments": {${args.join(", ")}}}`);
    asks.push(`${t.name.replace(/_/g, " ")}${said.length ? ` with ${said.join(", ")}` : ""}`);
  }
  const listed = tools.map((t) => t.text);
  if (rng.next() < 0.02) listed.push(rng.pick(listed));
  const query = `${rng.pick(["Could you", "Please", "I need to", "Can you"])} ${asks.join(" and also ")}?`;
  return { id, query, answers: `[${calls.join(", ")}]`, tools: `[${listed.join(", ")}]` };
}

export interface WriteSyntheticOptions {
  rows: number;
  seed?: number;
  /** Write irrelevance rows instead: gold tools removed, answers `[]` (rows left without tools are redrawn). */
  irrelevance?: boolean;
  /** "json-array" (like the xLAM release, indent 4) or "jsonl". Default "json-array". */
  layout?: "json-array" | "jsonl";
}

/** Write a synthetic xLAM-format dataset; streams, so any size fits in memory. Returns bytes written. */
export function writeSyntheticXlam(path: string, options: WriteSyntheticOptions): number {
  const rng = new Rng(options.seed ?? 1).fork(options.irrelevance ? "irrelevance" : "xlam");
  const jsonl = options.layout === "jsonl";
  const fd = openSync(path, "w");
  let bytes = 0;
  let pending: string[] = [];
  const put = (s: string, force = false): void => {
    pending.push(s);
    if (force || pending.length >= 512) {
      bytes += writeSync(fd, pending.join(""));
      pending = [];
    }
  };
  try {
    if (!jsonl) put("[");
    for (let id = 0, made = 0; made < options.rows; id++) {
      let rec = syntheticXlamRow(id, rng);
      if (options.irrelevance) {
        const gold = new Set((JSON.parse(rec.answers) as Array<{ name: string }>).map((a) => a.name));
        const kept = (parseJson(rec.tools) as Array<{ name: string }>).filter((t) => !gold.has(t.name));
        if (kept.length === 0) continue;
        rec = { ...rec, answers: "[]", tools: pyJsonDumps(kept) };
      }
      const text = jsonl ? JSON.stringify(rec) : JSON.stringify(rec, null, 4).replace(/\n/g, "\n    ");
      put(jsonl ? `${text}\n` : `${made === 0 ? "\n    " : ",\n    "}${text}`);
      made++;
    }
    put(jsonl ? "" : "\n]", true);
  } finally {
    closeSync(fd);
  }
  return bytes;
}
