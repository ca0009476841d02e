import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { hasToken, isTokenAt, queryCasings, replaceInDescription, replaceInQuery, replaceTokens } from "./replaceText.js";
import { HAS_PYTHON } from "../../../test/support/python.js";

describe("faithful replacement (Hammer's plain substrings)", () => {
  it("rewrites inside longer numbers and words", () => {
    expect(replaceInQuery("take 10 or 100 or 10.5", "10", "12", "faithful")).toBe("take 12 or 120 or 12.5");
    expect(replaceInDescription("Defaults to 10; max 100.", "10", "13", "faithful")).toBe("Defaults to 13; max 130.");
  });

  it("rewrites the four casings one after the other, cascading like Python", () => {
    expect(queryCasings("new York")).toEqual(["new York", "New york", "new york", "NEW YORK"]);
    expect(replaceInQuery("London, london, LONDON, lONDON", "London", "Paris", "faithful")).toBe("Paris, paris, PARIS, lONDON");
    // the as-is pass writes "xABCx", whose upper-case "ABC" the last pass rewrites again
    expect(replaceInQuery("abc", "abc", "xABCx", "faithful")).toBe("xXABCXx");
  });
});

describe("fixed replacement (whole tokens, one pass)", () => {
  it("leaves longer numbers, decimals, signed numbers and words alone", () => {
    expect(replaceInQuery("take 10 or 100 or 10.5 or 3.10 or -10 or x10 or 10", "10", "12", "fixed")).toBe(
      "take 12 or 100 or 10.5 or 3.10 or -10 or x10 or 12",
    );
    expect(replaceInQuery("on 2021-10-01, 10.", "10", "12", "fixed")).toBe("on 2021-12-01, 12.");
    expect(replaceInDescription("Defaults to 10; max 100.", "10", "13", "fixed")).toBe("Defaults to 13; max 100.");
    expect(replaceInQuery("Londoner in London", "London", "Paris", "fixed")).toBe("Londoner in Paris");
  });

  it("rewrites each casing once, never a replacement again", () => {
    expect(replaceInQuery("London, london, LONDON, lONDON", "London", "Paris", "fixed")).toBe("Paris, paris, PARIS, lONDON");
    expect(replaceInQuery("abc", "abc", "xABCx", "fixed")).toBe("xABCx");
  });

  it("keeps casings that are other gold values", () => {
    expect(replaceInQuery("London and london", "London", "Paris", "fixed", new Set(["london"]))).toBe("Paris and london");
  });

  it("handles non-word edges and Unicode letters", () => {
    expect(replaceInQuery("find 'Zürich' now", "'Zürich'", "'Bern'", "fixed")).toBe("find 'Bern' now");
    expect(replaceInQuery("éLondon London", "London", "Paris", "fixed")).toBe("éLondon Paris");
    expect(isTokenAt("a 1e5", 2, 3)).toBe(false);
    expect(hasToken("costs 1.5 or 15", "5")).toBe(false);
    expect(hasToken("costs 1.5 or 5", "5")).toBe(true);
  });

  it("equals the text when no pair matches, and replacing back restores it (property)", () => {
    fc.assert(
      fc.property(fc.string(), fc.stringMatching(/^[a-z]{1,4}$/), (text, word) => {
        const to = "\u2603"; // a character the text cannot contain as a word
        fc.pre(!text.includes(to));
        const once = replaceTokens(text, [[word, to]]);
        expect(replaceTokens(once, [[to, word]])).toBe(text);
      }),
      { numRuns: 300 },
    );
  });
});


describe.skipIf(!HAS_PYTHON)("faithful replace_in_query matches Hammer's Python", () => {
  it("on random ASCII queries", () => {
    const cases = fc.sample(
      fc.tuple(fc.stringMatching(/^[A-Za-z0-9 .,'-]{0,40}$/), fc.stringMatching(/^[A-Za-z0-9.]{1,5}$/), fc.stringMatching(/^[A-Za-z0-9.]{1,6}$/)),
      { numRuns: 200, seed: 7 },
    );
    const py = `
import json, sys
def replace_in_query(query, old_value, new_value):
    old_value, new_value = str(old_value), str(new_value)
    query = query.replace(old_value, new_value)
    query = query.replace(old_value.capitalize(), new_value.capitalize())
    query = query.replace(old_value.lower(), new_value.lower())
    query = query.replace(old_value.upper(), new_value.upper())
    return query
print(json.dumps([replace_in_query(*c) for c in json.loads(sys.stdin.read())]))`;
    const want = JSON.parse(execFileSync("python3", ["-c", py], { input: JSON.stringify(cases) }).toString()) as string[];
    expect(cases.map(([q, o, n]) => replaceInQuery(q, o, n, "faithful"))).toEqual(want);
  });
});
