import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { HammerError } from "../../../src/core/errors.js";
import type { JsonValue } from "../../../src/core/json/index.js";
import { API_CLASSES } from "../../../src/eval/multiturn/apis/registry.js";
import { HAS_SHARED_DATA, SKIP_SHARED_REASON, sharedPath } from "../../support/sharedData.js";

const PORTS = { GorillaFileSystem: "gorilla_file_system", TwitterAPI: "posting_api", TicketAPI: "ticket_api" } as const;

describe.skipIf(!HAS_SHARED_DATA)("GorillaFileSystem, TwitterAPI, TicketAPI: signatures as BFCL documents them", () => {
  it.each(Object.entries(PORTS))("%s has every documented method, parameters in order, defaults where optional", (className, docFile) => {
    const docs = readFileSync(sharedPath("bfcl_v3", "multi_turn_func_doc", `${docFile}.json`), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "")
      .map((l) => JSON.parse(l) as { name: string; parameters: { properties: Record<string, unknown>; required?: string[] } });
    const api = API_CLASSES[className]!();
    expect([...api.methods.keys()].sort()).toEqual(docs.map((d) => d.name).sort());
    for (const doc of docs) {
      const params = api.methods.get(doc.name)!.params;
      expect(params.map((p) => p.name), doc.name).toEqual(Object.keys(doc.parameters.properties));
      expect(params.filter((p) => !p.hasDefault).map((p) => p.name), doc.name).toEqual(doc.parameters.required ?? []);
    }
  });
});

describe.skipIf(HAS_SHARED_DATA)("signature check", () => {
  it.skip(`needs BFCL's function docs: ${SKIP_SHARED_REASON}`, () => {});
});

describe("a malformed initial_config is refused with INPUT_INVALID naming the place", () => {
  const bad: Array<[string, Record<string, JsonValue>, RegExp]> = [
    ["GorillaFileSystem", { root: [] }, /GorillaFileSystem initial_config: root: expected an object/],
    ["GorillaFileSystem", { root: {} }, /root: names no root directory/],
    ["GorillaFileSystem", { root: { r: { type: "directory" } } }, /root\.r\.contents: expected an object/],
    ["GorillaFileSystem", { root: { r: { contents: { a: { type: "file" } } } } }, /root\.r\.contents\.a: a file without "content"/],
    ["GorillaFileSystem", { root: { r: { contents: { a: { content: "x" } } } } }, /root\.r\.contents\.a: no "type"/],
    ["TwitterAPI", { tweets: { x: {} } }, /TwitterAPI initial_config: tweets\.x: a tweet id int\(\) cannot read/],
    ["TwitterAPI", { tweets: { "0": "text" } }, /tweets\.0: expected an object/],
    ["TwitterAPI", { comments: { "0": "nice" } }, /comments\.0: expected a list/],
    ["TwitterAPI", { following_list: "alice" }, /following_list: expected a list/],
    ["TicketAPI", { ticket_queue: {} }, /TicketAPI initial_config: ticket_queue: expected a list/],
    ["TicketAPI", { ticket_queue: [{ id: 1 }, 2] }, /ticket_queue\[1\]: expected an object/],
  ];
  it.each(bad)("%s %j", (className, scenario, message) => {
    const api = API_CLASSES[className]!();
    let thrown: unknown;
    try {
      api.loadScenario(scenario, false);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(HammerError);
    expect((thrown as HammerError).code).toBe("INPUT_INVALID");
    expect((thrown as HammerError).message).toMatch(message);
  });

  it("a long-context file with non-text content is refused (Python cannot append the long text to it)", () => {
    const api = API_CLASSES.GorillaFileSystem!();
    expect(() => api.loadScenario({ root: { r: { type: "directory", contents: { "a.txt": { type: "file", content: 5 } } } } }, true)).toThrow(/root\.r\.contents\.a\.txt\.content: expected a string/);
  });
});
