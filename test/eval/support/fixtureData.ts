import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";

const weather = {
  name: "get_weather",
  description: "Get the current weather for a city.",
  parameters: {
    type: "dict",
    properties: {
      city: { type: "string", description: "The city name." },
      unit: { type: "string", description: "Temperature unit, celsius by default.", default: "celsius" },
    },
    required: ["city"],
  },
};
const area = {
  name: "geometry.area",
  description: "Area of a triangle, scaled.",
  parameters: {
    type: "dict",
    properties: {
      base: { type: "integer", description: "Base length." },
      height: { type: "integer", description: "Height." },
      scale: { type: "float", description: "Scale factor.", default: 2.5 },
    },
    required: ["base", "height"],
  },
};
const script = {
  name: "<script>alert(1)</script>",
  description: "A tool whose name is markup, to test escaping.",
  parameters: { type: "dict", properties: { x: { type: "string", description: "Anything." } }, required: ["x"] },
};
const flight = {
  name: "book_flight",
  description: "Book a flight between two cities.",
  parameters: {
    type: "dict",
    properties: { origin: { type: "string", description: "From." }, destination: { type: "string", description: "To." } },
    required: ["origin", "destination"],
  },
};
const time = {
  name: "get_time",
  description: "Current time in a time zone.",
  parameters: { type: "dict", properties: { tz: { type: "string", description: "IANA zone or abbreviation." } }, required: ["tz"] },
};
const currency = {
  name: "convert_currency",
  description: "Convert an amount between currencies.",
  parameters: { type: "dict", properties: { amount: { type: "float", description: "Amount." } }, required: ["amount"] },
};

const q = (text: string) => [[{ role: "user", content: text }]];

/** BFCL-shaped categories (question + possible_answer files) and two Hammer sets, small and fully known. */
export const FIXTURE = {
  bfcl: {
    simple: [
      { entry: { id: "simple_0", question: q("What is the weather in Paris in celsius?"), function: [weather] }, answer: [{ get_weather: { city: ["Paris"], unit: ["celsius", ""] } }] },
      { entry: { id: "simple_1", question: q("Area of a triangle with base 10 and height 5, scale 2.5"), function: [area] }, answer: [{ "geometry.area": { base: [10], height: [5], scale: [2.5, ""] } }] },
    ],
    multiple: [{ entry: { id: "multiple_0", question: q("Book me a flight from NYC to LA."), function: [script, flight] }, answer: [{ book_flight: { origin: ["NYC"], destination: ["LA"] } }] }],
    parallel: [{ entry: { id: "parallel_0", question: q("What time is it in UTC and in CET?"), function: [time] }, answer: [{ get_time: { tz: ["UTC"] } }, { get_time: { tz: ["CET"] } }] }],
    irrelevance: [{ entry: { id: "irrelevance_0", question: q("Tell me a joke about cats."), function: [currency] }, answer: null }],
  },
  hammer: {
    sealtool: [
      {
        query: "Translate 'hello' into French.",
        tools: [
          { name: "translateText", description: "Translate text into a language.", parameters: { text: { type: "string", description: "Text." }, lang: { type: "string", description: "Target language." } }, required: ["text", "lang"] },
          { name: "detectLanguage", description: "Detect the language of a text.", parameters: { text: { type: "string", description: "Text." } }, required: ["text"] },
        ],
        answers: [{ tool: "translateText", parameters: { text: "hello", lang: "French" } }],
      },
    ],
    apibank_l1: [
      {
        query: [
          { role: "user", content: "Add a meeting with Bob tomorrow." },
          { role: "agent", content: "Sure, let me check your token first." },
          { role: "assistant", content: '```[{"name": "GetUserToken", "arguments": {"username": "amy"}}]```' },
          { role: "tool", content: "{'token': 'abc'}" },
          { role: "agent", content: "Got it.\nGenerate API Request:" },
        ],
        tools: [
          { name: "GetUserToken", description: "Get the token of a user.", parameters: { username: { type: "str", description: "User name." } } },
          { name: "AddMeeting", description: "Add a meeting to the calendar.", parameters: { token: { type: "str", description: "User token." }, attendee: { type: "str", description: "Who." } } },
        ],
        answers: [{ name: "AddMeeting", arguments: { token: "abc", attendee: "Bob" } }],
      },
    ],
  },
};

/** `n` more simple samples (`simple_2`…), for runs long enough to be stopped halfway. */
interface Row {
  entry: { id: string } & Record<string, unknown>;
  answer: unknown[] | null;
}

function extraSimple(n: number): Row[] {
  return Array.from({ length: n }, (_, k) => {
    const i = k + 2;
    const fn = { ...weather, name: `get_weather_${i}`, description: `Get the current weather for city number ${i}.` };
    return { entry: { id: `simple_${i}`, question: q(`What is the weather in city ${i}?`), function: [fn] }, answer: [{ [fn.name]: { city: [`city ${i}`], unit: ["celsius", ""] } }] };
  });
}

/**
 * Write FIXTURE as a data dir (bfcl_v3/ and hammer_eval/original/) in a new temp folder, with
 * `moreSimple` extra simple samples.
 */
export function writeFixtureData(moreSimple = 0): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), "hammer-eval-run-fixture-"));
  const bfcl = path.join(dir, "bfcl_v3");
  mkdirSync(path.join(bfcl, "possible_answer"), { recursive: true });
  const categories: Record<string, readonly Row[]> = { ...FIXTURE.bfcl, simple: [...FIXTURE.bfcl.simple, ...extraSimple(moreSimple)] };
  for (const [cat, rows] of Object.entries(categories)) {
    writeFileSync(path.join(bfcl, `BFCL_v3_${cat}.json`), rows.map((r) => JSON.stringify(r.entry)).join("\n") + "\n");
    const answers = rows.filter((r) => r.answer !== null);
    if (answers.length > 0) writeFileSync(path.join(bfcl, "possible_answer", `BFCL_v3_${cat}.json`), answers.map((r) => JSON.stringify({ id: r.entry.id, ground_truth: r.answer })).join("\n") + "\n");
  }
  const hammer = path.join(dir, "hammer_eval", "original");
  mkdirSync(hammer, { recursive: true });
  for (const [set, samples] of Object.entries(FIXTURE.hammer)) writeFileSync(path.join(hammer, `${set}.json`), JSON.stringify(samples, null, 1));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Every bench of the fixture. */
export const FIXTURE_BENCH = "bfcl:simple,bfcl:multiple,bfcl:parallel,bfcl:irrelevance,hammer:sealtool,hammer:apibank_l1";
