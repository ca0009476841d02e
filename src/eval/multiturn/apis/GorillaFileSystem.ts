import type { JsonValue } from "../../../core/json/index.js";
import { pyStripChars } from "../../../core/python/index.js";
import { FsDirectory, FsFile, itemState, loadDirectory, sameItem, type FsItem } from "./gorillaFileTree.js";
import { gorillaTextMethods } from "./gorillaTextMethods.js";
import { pyMethod } from "./pyMethod.js";
import { expectDict, scenarioError } from "./scenarioShape.js";
import { copySlot, inStr, noAttribute, pyIn, pyTruthy, pyUtf8Length, requireHashable, strAt, typeAt } from "./pyValueOps.js";
import { PyException, type ApiMethod, type ApiReturn, type SimulatedApi } from "./SimulatedApi.js";

type Args = Record<string, JsonValue>;

/** Characters a new file or directory name may not hold. */
const INVALID_NAME_CHARS = '|/\\?%*:"><';

/**
 * BFCL v3's GorillaFileSystem (`gorilla_file_system.py`): a small in-memory file system with a
 * working directory. Results, error texts and state follow the Python class, quirks included
 * (`pwd` joins the root's name in, `find` always searches the working directory, `cd` accepts a
 * path despite its error text, `cp` of a directory shares the children).
 */
export class GorillaFileSystem implements SimulatedApi {
  readonly className = "GorillaFileSystem";
  private root = new FsDirectory("/", null);
  /** Private in Python (`_current_dir`): not state, but it decides every relative operation. */
  currentDir: FsDirectory = this.root;
  private longContext = false;
  /** The public methods, shared by every instance (each call gets the instance it runs on). */
  private static readonly METHODS: ReadonlyMap<string, ApiMethod> = new Map<string, ApiMethod>([
    ["pwd", pyMethod<GorillaFileSystem>([], (_a, s) => s.pwd())],
    ["ls", pyMethod<GorillaFileSystem>([["a", false]], (a, s) => s.ls(a))],
    ["cd", pyMethod<GorillaFileSystem>(["folder"], (a, s) => s.cd(a))],
    ["mkdir", pyMethod<GorillaFileSystem>(["dir_name"], (a, s) => s.create(a, "dir_name", "mkdir: cannot create directory", true))],
    ["touch", pyMethod<GorillaFileSystem>(["file_name"], (a, s) => s.create(a, "file_name", "touch: cannot touch", false))],
    ["echo", pyMethod<GorillaFileSystem>(["content", ["file_name", null]], (a, s) => s.echo(a))],
    ["cat", pyMethod<GorillaFileSystem>(["file_name"], (a, s) => s.cat(a))],
    ["find", pyMethod<GorillaFileSystem>([["path", "."], ["name", null]], (a, s) => s.find(a))],
    ["du", pyMethod<GorillaFileSystem>([["human_readable", false]], (a, s) => s.du(a))],
    ["mv", pyMethod<GorillaFileSystem>(["source", "destination"], (a, s) => s.moveOrCopy(a, "mv"))],
    ["rm", pyMethod<GorillaFileSystem>(["file_name"], (a, s) => s.rm(a))],
    ["rmdir", pyMethod<GorillaFileSystem>(["dir_name"], (a, s) => s.rmdir(a))],
    ["cp", pyMethod<GorillaFileSystem>(["source", "destination"], (a, s) => s.moveOrCopy(a, "cp"))],
    ...gorillaTextMethods(),
  ]);
  readonly methods = GorillaFileSystem.METHODS;

  loadScenario(scenario: Readonly<Record<string, JsonValue>>, longContext: boolean): void {
    this.longContext = longContext;
    this.root = new FsDirectory("/", null);
    if (scenario.root !== undefined) {
      // Python reads only the first key of `root`: the root directory's name.
      const spec = expectDict(scenario.root, this.className, "root");
      const [rootName] = Object.keys(spec);
      if (rootName === undefined) throw scenarioError(this.className, "root", "names no root directory");
      const where = `root.${rootName}.contents`;
      const contents = expectDict(expectDict(spec[rootName], this.className, `root.${rootName}`).contents, this.className, where);
      this.root = loadDirectory(contents, new FsDirectory(rootName, null), longContext, where);
    }
    this.currentDir = this.root;
  }

  /** Python compares `root` with `Directory.__eq__` (names and contents, not parents) and `long_context` with `==`. */
  publicState(): Record<string, JsonValue> {
    return { root: itemState(this.root), long_context: this.longContext };
  }

  /** `name in self._current_dir.contents` for `a[key]` (CPython's TypeError for a list or dict). */
  hasName(a: Args, key: string): boolean {
    requireHashable(a, key);
    const v = a[key];
    return typeof v === "string" && this.currentDir.contents.has(v);
  }

  /** The file named `a[key]` in the working directory, if it is one (`hasName` first). */
  fileNamed(a: Args, key: string): FsFile | undefined {
    if (!this.hasName(a, key)) return undefined;
    const item = this.currentDir.item(a[key] as string);
    return item instanceof FsFile ? item : undefined;
  }

  /** Python `_validate_file_or_directory_name`: false when the name holds a forbidden character. */
  private validName(a: Args, key: string): boolean {
    for (const c of INVALID_NAME_CHARS) if (pyIn(c, a, key)) return false;
    return true;
  }

  /** Python `_navigate_to_directory`: the directory at a path, or undefined where Python returns its error dict. */
  private navigate(a: Args, key: string): FsDirectory | undefined {
    const path = a[key];
    if (path === null || path === ".") return this.currentDir;
    if (path === "/") return this.root;
    if (typeof path !== "string") throw noAttribute(typeAt(a, key), "strip");
    let dir = path.startsWith("/") ? this.root : this.currentDir;
    for (const name of pyStripChars(path, "/").split("/")) {
      const next = dir.item(name);
      if (!(next instanceof FsDirectory)) return undefined;
      dir = next;
    }
    return dir;
  }

  private pwd(): ApiReturn {
    const names: string[] = [];
    // Python's loop test `dir.name != self.root` compares a str with a Directory: it never stops early.
    for (let dir: FsDirectory | null = this.currentDir; dir !== null; dir = dir.parent) names.push(dir.name);
    return { current_working_directory: `/${names.reverse().join("/")}` };
  }

  private ls(a: Args): ApiReturn {
    let names = [...this.currentDir.contents.keys()];
    if (!pyTruthy(a.a)) names = names.filter((n) => !n.startsWith("."));
    return { current_directory_content: names };
  }

  private cd(a: Args): ApiReturn {
    if (a.folder === "..") {
      if (this.currentDir.parent !== null) this.currentDir = this.currentDir.parent;
      else if (sameItem(this.root, this.currentDir)) return { error: "Cuurent directory is already the root. Cannot go back." };
      else return { error: "cd: ..: No such directory" };
      return {};
    }
    const target = this.navigate(a, "folder");
    if (target === undefined) return { error: `cd: ${strAt(a, "folder")}: No such directory. You cannot use path to change directory.` };
    this.currentDir = target;
    return { current_working_directory: target.name };
  }

  /** `mkdir` and `touch`: the same checks, then a directory or an empty file. */
  private create(a: Args, key: string, failure: string, directory: boolean): ApiReturn {
    if (!this.validName(a, key)) return { error: `${failure} '${strAt(a, key)}': Invalid character` };
    if (this.hasName(a, key)) return { error: `${failure} '${strAt(a, key)}': File exists` };
    if (directory) this.currentDir.addDirectory(a[key] as string);
    else this.currentDir.addFile(a[key] as string);
    return null;
  }

  private echo(a: Args): ApiReturn {
    const terminal = (): ApiReturn => {
      const out: Record<string, JsonValue> = {};
      copySlot(out, "terminal_output", a, "content");
      return out;
    };
    if (a.file_name === null) return terminal();
    if (!this.validName(a, "file_name")) return { error: `echo: cannot touch '${strAt(a, "file_name")}': Invalid character` };
    if (!pyTruthy(a.file_name)) return terminal();
    if (this.hasName(a, "file_name")) {
      const item = this.currentDir.item(a.file_name as string) as FsItem;
      if (!(item instanceof FsFile)) throw noAttribute("Directory", "_write");
      item.writeFrom(a, "content");
    } else this.currentDir.addFile(a.file_name as string, a, "content");
    return null;
  }

  private cat(a: Args): ApiReturn {
    const name = strAt(a, "file_name");
    if (!this.validName(a, "file_name")) return { error: `cat: '${name}': Invalid character` };
    if (!this.hasName(a, "file_name")) return { error: `cat: ${name}: No such file or directory` };
    const item = this.currentDir.item(a.file_name as string);
    if (!(item instanceof FsFile)) return { error: `cat: ${name}: Is a directory` };
    const out: Record<string, JsonValue> = {};
    copySlot(out, "file_content", item, "content");
    return out;
  }

  private find(a: Args): ApiReturn {
    if (typeof a.path !== "string") throw noAttribute(typeAt(a, "path"), "rstrip");
    const matches: string[] = [];
    const walk = (dir: FsDirectory, base: string, depth: number): void => {
      if (depth > MAX_RECURSION) throw recursionError(" while calling a Python object");
      for (const [name, item] of dir.contents) {
        const itemPath = `${base}/${name}`;
        if (a.name === null || inStr(a, "name", name)) matches.push(itemPath);
        if (item instanceof FsDirectory) walk(item, itemPath, depth + 1);
      }
    };
    walk(this.currentDir, a.path.replace(/\/+$/, ""), 0);
    return { matches };
  }

  private du(a: Args): ApiReturn {
    const size = (item: FsItem, depth: number): number => {
      if (depth > MAX_RECURSION) throw recursionError("");
      if (item instanceof FsFile) {
        if (typeof item.content !== "string") throw noAttribute(typeAt(item, "content"), "encode");
        return pyUtf8Length(item.content);
      }
      let total = 0;
      for (const child of item.contents.values()) total += size(child, depth + 1);
      return total;
    };
    const total = size(this.currentDir, 0);
    if (!pyTruthy(a.human_readable)) return { disk_usage: `${total} bytes` };
    let value = total;
    for (const unit of ["B", "KB", "MB", "GB", "TB"]) {
      if (value < 1024) return { disk_usage: `${pyFixed2(value)} ${unit}` };
      value /= 1024;
    }
    return { disk_usage: `${pyFixed2(value)} PB` };
  }

  /** `mv` and `cp`: the same checks and messages; `mv` takes the item out, `cp` copies the directory's dict. */
  private moveOrCopy(a: Args, op: "mv" | "cp"): ApiReturn {
    const [verb, done] = op === "mv" ? ["move", "moved"] : ["copy", "copied"];
    if (!this.hasName(a, "source")) return { error: `${op}: cannot ${verb} '${strAt(a, "source")}': No such file or directory` };
    const source = a.source as string;
    const item = this.currentDir.item(source) as FsItem;
    if (pyIn("/", a, "destination")) {
      return op === "mv"
        ? { error: "mv: no path allowed in destination. Only file name and folder name is supported for this operation." }
        : { error: "cp: don't allow path in destination. Only file name and folder name is supported for this operation." };
    }
    const into = (dir: FsDirectory, name: string): void => {
      if (item instanceof FsFile) dir.addFile(name, item, "content");
      else {
        const made = dir.addDirectory(name);
        // mv hands over the same dict; cp a shallow copy, taken after the new directory exists (as in Python).
        made.contents = op === "mv" ? item.contents : new Map(item.contents);
      }
    };
    if (this.hasName(a, "destination")) {
      const destination = a.destination as string;
      const target = this.currentDir.item(destination);
      if (!(target instanceof FsDirectory)) return { error: `${op}: cannot ${verb} '${source}' to '${destination}': Not a directory` };
      // mv looks for the source's name in the target; cp for "target/source", which never exists.
      if (target.contents.has(op === "mv" ? source : `${destination}/${source}`)) {
        return { error: `${op}: cannot ${verb} '${source}' to '${destination}/${source}': File exists` };
      }
      if (op === "mv") this.currentDir.contents.delete(source);
      into(target, source);
      return { result: `'${source}' ${done} to '${destination}/${source}'` };
    }
    if (op === "mv") this.currentDir.contents.delete(source);
    into(this.currentDir, a.destination as string);
    return { result: `'${source}' ${done} to '${a.destination as string}'` };
  }

  private rm(a: Args): ApiReturn {
    if (!this.hasName(a, "file_name")) return { error: `rm: cannot remove '${strAt(a, "file_name")}': No such file or directory` };
    this.currentDir.contents.delete(a.file_name as string);
    return { result: `'${a.file_name as string}' removed` };
  }

  private rmdir(a: Args): ApiReturn {
    const name = strAt(a, "dir_name");
    if (!this.hasName(a, "dir_name")) return { error: `rmdir: cannot remove '${name}': No such file or directory` };
    const item = this.currentDir.item(name);
    if (!(item instanceof FsDirectory)) return { error: `rmdir: cannot remove '${name}': Not a directory` };
    if (item.contents.size > 0) return { error: `rmdir: failed to remove '${name}': Directory not empty` };
    this.currentDir.contents.delete(name);
    return { result: `'${name}' removed` };
  }
}

/** Python's default recursion limit, less the frames the runner itself uses (only a cycle gets near it). */
const MAX_RECURSION = 980;

/**
 * The RecursionError of `find` / `du` on a directory that contains itself (`cp` of a directory into
 * itself makes one). CPython 3.11 words it by where the limit is hit: `find`'s recursion reaches it
 * in a C-level call, `du`'s in its generator.
 */
function recursionError(where: string): PyException {
  return new PyException(`maximum recursion depth exceeded${where}`);
}


/** Python `f"{x:.2f}"`: the exact binary value rounded half to even (JavaScript's toFixed rounds ties up). */
export function pyFixed2(x: number): string {
  const exact = x.toFixed(60);
  const [whole, frac] = exact.split(".") as [string, string];
  const kept = BigInt(whole + frac.slice(0, 2));
  const rest = frac.slice(2);
  const tie = rest[0] === "5" && !/[1-9]/.test(rest.slice(1));
  const up = rest[0] !== undefined && (rest[0] > "5" || (rest[0] === "5" && (!tie || kept % 2n === 1n)));
  const digits = (up ? kept + 1n : kept).toString().padStart(3, "0");
  return `${digits.slice(0, -2)}.${digits.slice(-2)}`;
}
