import { cloneJson, isFloatAt, markFloat, type JsonValue } from "../../src/core/json/index.js";
import { PyException, PyOpaque, type ApiMethod, type ApiReturn, type PyParam, type SimulatedApi } from "../../src/eval/multiturn/apis/SimulatedApi.js";
import type { ApiClasses } from "../../src/eval/multiturn/execution/ApiSession.js";

// Small simulated APIs that follow the SimulatedApi contract, for runner and checker tests that
// must not depend on the real ports: a folder tree with a current directory, and a stateless
// calculator. Their behaviour is made up; only the contract is real.

const method = (params: PyParam[], call: (args: Readonly<Record<string, JsonValue>>) => ApiReturn): ApiMethod => ({ params, call });
const req = (name: string): PyParam => ({ name, hasDefault: false });
const opt = (name: string): PyParam => ({ name, hasDefault: true });

/** `FakeFs`: folders by name, each a list of file names; `cwd` is public state, `_log` private. */
export class FakeFs implements SimulatedApi {
  readonly className = "FakeFs";
  private cwd = "root";
  private folders: Record<string, JsonValue[]> = { root: [] };
  private long = false;
  readonly methods = new Map<string, ApiMethod>([
    ["cd", method([req("folder")], (a) => this.cd(String(a.folder)))],
    ["mkdir", method([req("dir_name")], (a) => this.mkdir(String(a.dir_name)))],
    ["touch", method([req("file_name")], (a) => this.touch(String(a.file_name)))],
    ["ls", method([opt("a")], (a) => ({ current_directory_content: a.a === true ? [".", ...(this.folders[this.cwd] ?? [])] : (this.folders[this.cwd] ?? []) }))],
    ["pwd", method([], () => ({ current_working_directory: `/${this.cwd}` }))],
    ["count", method([], () => (this.folders[this.cwd] ?? []).length)],
    ["names", method([], () => [...(this.folders[this.cwd] ?? [])])],
    ["opaque", method([], () => new PyOpaque("{'node': <Folder root>}"))],
    ["crash", method([], () => {
      throw new TypeError("a port bug");
    })],
  ]);

  loadScenario(scenario: Readonly<Record<string, JsonValue>>, longContext: boolean): void {
    const folders = scenario.folders;
    if (folders && typeof folders === "object" && !Array.isArray(folders)) this.folders = cloneJson(folders) as Record<string, JsonValue[]>;
    this.long = longContext;
  }

  publicState(): Record<string, JsonValue> {
    return { cwd: this.cwd, folders: this.folders, long_context: this.long };
  }

  private cd(folder: string): ApiReturn {
    if (!(folder in this.folders)) return { error: `cd: ${folder}: No such directory` };
    this.cwd = folder;
    return { current_working_directory: folder };
  }

  private mkdir(name: string): ApiReturn {
    if (name in this.folders) throw new PyException(`mkdir: ${name}: exists`);
    this.folders[name] = [];
    return null;
  }

  private touch(name: string): ApiReturn {
    (this.folders[this.cwd] ??= []).push(name);
    return null;
  }
}

/** `FakeMath`: stateless; `mean` returns a float (45.0 prints as 45.0), `add` keeps Python's int/float. */
export class FakeMath implements SimulatedApi {
  readonly className = "FakeMath";
  readonly methods = new Map<string, ApiMethod>([
    ["mean", method([req("numbers")], (a) => {
      const xs = a.numbers as number[];
      const out: Record<string, JsonValue> = { result: xs.reduce((s, x) => s + x, 0) / xs.length };
      markFloat(out, "result");
      return out;
    })],
    ["add", method([req("a"), req("b"), opt("precision")], (a) => {
      const out: Record<string, JsonValue> = { result: (a.a as number) + (a.b as number), precision: a.precision === undefined ? "default" : a.precision };
      if (isFloatAt(a, "a") || isFloatAt(a, "b")) markFloat(out, "result");
      return out;
    })],
  ]);

  loadScenario(): void {}

  publicState(): Record<string, JsonValue> {
    return {};
  }
}

export const FAKE_CLASSES: ApiClasses = { FakeFs: () => new FakeFs(), FakeMath: () => new FakeMath() };
