import { type JsonValue } from "../../../core/json/index.js";
import { pyEquals } from "../../../core/python/index.js";
import { copySlot } from "./pyValueOps.js";
import { expectDict, scenarioError } from "./scenarioShape.js";
import { PyException } from "./SimulatedApi.js";
import { FILE_CONTENT_EXTENSION, FILES_TAIL_USED, POPULATE_FILE_EXTENSION } from "./longContext/gorillaFileSystem.js";

const CLASS = "GorillaFileSystem";

/**
 * The file tree of BFCL's GorillaFileSystem, kept as an object graph like the Python one: `cp` of
 * a directory shares its children with the original (a shallow dict copy) and `mv` hands the
 * same contents to a new directory whose children still name the old one as parent. Writes
 * through either path, and `cd ..` from such a child, then behave as in Python.
 */

/** A file. Its content is whatever value was written (a model may echo a number or a list). */
export class FsFile {
  content: JsonValue;
  constructor(
    readonly name: string,
    content: JsonValue,
  ) {
    this.content = content;
  }

  /** Set the content to `holder[at]`, keeping a float's mark on this file. */
  writeFrom(holder: object, at: string | number): void {
    copySlot(this, "content", holder, at);
  }
}

export type FsItem = FsFile | FsDirectory;

export class FsDirectory {
  /** Python dict of name to item: a Map keeps insertion order for any name (JS objects hoist "123"). */
  contents = new Map<string, FsItem>();
  constructor(
    readonly name: string,
    readonly parent: FsDirectory | null,
  ) {}

  /** Python `_add_file`: a new file, or ValueError when the name is taken. */
  addFile(name: string, holder?: object, at?: string | number): FsFile {
    if (this.contents.has(name)) throw new PyException(`File '${name}' already exists in directory '${this.name}'.`);
    const file = new FsFile(name, "");
    if (holder !== undefined && at !== undefined) file.writeFrom(holder, at);
    this.contents.set(name, file);
    return file;
  }

  /** Python `_add_directory`: a new empty subdirectory, or ValueError when the name is taken. */
  addDirectory(name: string): FsDirectory {
    if (this.contents.has(name)) throw new PyException(`Directory '${name}' already exists in directory '${this.name}'.`);
    const dir = new FsDirectory(name, this);
    this.contents.set(name, dir);
    return dir;
  }

  /** Python `_get_item`: `.` is the directory itself. */
  item(name: string): FsItem | undefined {
    return name === "." ? this : this.contents.get(name);
  }
}

/**
 * Python `Directory.__eq__` / `File.__eq__`: name and content (files) or name and contents
 * (directories), recursively; the parent is ignored. A cycle (a directory moved into itself)
 * compares unequal here, where Python would hit its recursion limit.
 */
export function sameItem(a: FsItem, b: FsItem, depth = 0): boolean {
  if (a === b) return true;
  if (depth > 1000) return false;
  if (a instanceof FsFile || b instanceof FsFile) {
    return a instanceof FsFile && b instanceof FsFile && a.name === b.name && pyEquals(fileState(a).content, fileState(b).content);
  }
  if (a.name !== b.name || a.contents.size !== b.contents.size) return false;
  for (const [name, x] of a.contents) {
    const y = b.contents.get(name);
    if (y === undefined || !sameItem(x, y, depth + 1)) return false;
  }
  return true;
}

/** The data `File.__eq__` compares, with the content's float mark. */
function fileState(f: FsFile): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = { name: f.name };
  copySlot(out, "content", f, "content");
  return out;
}

/**
 * The data `Directory.__eq__` compares, as JSON: `{name, contents: {name: file | directory}}`,
 * files as `{name, content}`. A tree `cp` made cyclic (Python's `==` would hit its recursion limit)
 * is cut where the recorder of the official state cuts it: a directory met again below itself
 * becomes `{"__cycle__": "Directory"}`, a contents dict met again `{"__cycle__": "dict"}`.
 */
export function itemState(item: FsItem, onPath: Set<object> = new Set()): Record<string, JsonValue> {
  if (item instanceof FsFile) return fileState(item);
  if (onPath.has(item)) return { __cycle__: "Directory" };
  onPath.add(item);
  let contents: Record<string, JsonValue>;
  if (onPath.has(item.contents)) contents = { __cycle__: "dict" };
  else {
    onPath.add(item.contents);
    contents = {};
    for (const [name, child] of item.contents) {
      if (name === "__proto__") Object.defineProperty(contents, name, { value: itemState(child, onPath), enumerable: true, writable: true, configurable: true });
      else contents[name] = itemState(child, onPath);
    }
    onPath.delete(item.contents);
  }
  onPath.delete(item);
  return { name: item.name, contents };
}

/**
 * Python `_load_directory`: fill `dir` from a scenario's `contents` (`where` names it in errors). In
 * the long-context category file contents get the long text appended (except the files whose tail
 * a task reads) and every innermost directory gets the extra image files. Entries of another type
 * are skipped, as in Python.
 */
export function loadDirectory(contents: Record<string, JsonValue>, dir: FsDirectory, longContext: boolean, where: string): FsDirectory {
  let innermost = true;
  for (const [name, value] of Object.entries(contents)) {
    const at = `${where}.${name}`;
    const entry = expectDict(value, CLASS, at);
    if (!Object.prototype.hasOwnProperty.call(entry, "type")) throw scenarioError(CLASS, at, 'no "type"');
    if (entry.type === "directory") {
      innermost = false;
      const sub = new FsDirectory(name, dir);
      dir.contents.set(name, loadDirectory(expectDict(entry.contents, CLASS, `${at}.contents`), sub, longContext, `${at}.contents`));
    } else if (entry.type === "file") {
      if (!Object.prototype.hasOwnProperty.call(entry, "content")) throw scenarioError(CLASS, at, 'a file without "content"');
      const file = new FsFile(name, "");
      file.writeFrom(entry, "content");
      if (longContext && !FILES_TAIL_USED.has(name)) {
        if (typeof file.content !== "string") throw scenarioError(CLASS, `${at}.content`, "expected a string");
        file.content = `${file.content}${FILE_CONTENT_EXTENSION}`;
      }
      dir.contents.set(name, file);
    }
  }
  if (innermost && longContext) for (const name of POPULATE_FILE_EXTENSION) dir.addFile(name);
  return dir;
}
