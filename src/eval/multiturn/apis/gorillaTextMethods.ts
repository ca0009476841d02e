import { isFloatAt, type JsonValue } from "../../../core/json/index.js";
import type { GorillaFileSystem } from "./GorillaFileSystem.js";
import { FsFile } from "./gorillaFileTree.js";
import { pyMethod } from "./pyMethod.js";
import { compareCodePoints, inStr, pyLenStr, pySplitlines, pySplitWords, strAt, strFor, typeAt } from "./pyValueOps.js";
import { PyException, type ApiMethod, type ApiReturn } from "./SimulatedApi.js";

type Args = Record<string, JsonValue>;

const WC_UNITS: Readonly<Record<string, string>> = { l: "lines", w: "words", c: "characters" };

/**
 * GorillaFileSystem's methods that read a file's text (`wc`, `sort`, `grep`, `tail`, `diff`), for
 * the class's shared method table (each call gets the file system it runs on). A
 * file may hold a non-str value (a model can `echo` a number into it); reading it then fails
 * with the AttributeError the Python str method call raises.
 */
export function gorillaTextMethods(): Array<[string, ApiMethod]> {
  const lines = (file: FsFile): string[] => pySplitlines(strFor(file, "content", "splitlines"));
  const missing = (op: string, a: Args): ApiReturn => ({ error: `${op}: ${strAt(a, "file_name")}: No such file or directory` });

  const wc = (a: Args, fs: GorillaFileSystem): ApiReturn => {
    if (typeof a.mode !== "string" || WC_UNITS[a.mode] === undefined) return { error: `wc: invalid mode '${strAt(a, "mode")}'` };
    const file = fs.fileNamed(a, "file_name");
    if (file === undefined) return missing("wc", a);
    const count = a.mode === "l" ? lines(file).length : a.mode === "w" ? pySplitWords(strFor(file, "content", "split")).length : pyLen(file);
    return { count, type: WC_UNITS[a.mode] as string };
  };

  const sort = (a: Args, fs: GorillaFileSystem): ApiReturn => {
    const file = fs.fileNamed(a, "file_name");
    if (file === undefined) return missing("sort", a);
    return { sorted_content: lines(file).sort(compareCodePoints).join("\n") };
  };

  const grep = (a: Args, fs: GorillaFileSystem): ApiReturn => {
    const file = fs.fileNamed(a, "file_name");
    if (file === undefined) return missing("grep", a);
    return { matching_lines: lines(file).filter((line) => inStr(a, "pattern", line)) };
  };

  const tail = (a: Args, fs: GorillaFileSystem): ApiReturn => {
    const file = fs.fileNamed(a, "file_name");
    if (file === undefined) return missing("tail", a);
    const all = lines(file);
    const n = a.lines;
    if (typeof n !== "number" && typeof n !== "boolean") {
      throw new PyException(`'>' not supported between instances of '${typeAt(a, "lines")}' and 'int'`);
    }
    let count = Number(n);
    let integral = typeof n === "boolean" || !isFloatAt(a, "lines");
    if (count > all.length) {
      count = all.length;
      integral = true;
    }
    if (!integral) throw new PyException("slice indices must be integers or None or have an __index__ method");
    // Python's content[-count:]: a negative start counts from the end, -0 is the whole list.
    const start = -count < 0 ? Math.max(0, all.length - count) : -count;
    return { last_lines: all.slice(start).join("\n") };
  };

  const diff = (a: Args, fs: GorillaFileSystem): ApiReturn => {
    if (fs.hasName(a, "file_name1") && fs.hasName(a, "file_name2")) {
      const first = fs.currentDir.item(a.file_name1 as string);
      const second = fs.currentDir.item(a.file_name2 as string);
      if (first instanceof FsFile && second instanceof FsFile) {
        const x = lines(first);
        const y = lines(second);
        const out: string[] = [];
        for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) out.push(`- ${x[i] as string}\n+ ${y[i] as string}`);
        return { diff_lines: out.join("\n") };
      }
    }
    return { error: `diff: ${strAt(a, "file_name1")} or ${strAt(a, "file_name2")}: No such file or directory` };
  };

  return [
    ["wc", pyMethod<GorillaFileSystem>(["file_name", ["mode", "l"]], wc)],
    ["sort", pyMethod<GorillaFileSystem>(["file_name"], sort)],
    ["grep", pyMethod<GorillaFileSystem>(["file_name", "pattern"], grep)],
    ["tail", pyMethod<GorillaFileSystem>(["file_name", ["lines", 10]], tail)],
    ["diff", pyMethod<GorillaFileSystem>(["file_name1", "file_name2"], diff)],
  ];
}

/** `len(file.content)` for any content a file may hold. */
function pyLen(file: FsFile): number {
  const v = file.content;
  if (typeof v === "string") return pyLenStr(v);
  if (Array.isArray(v)) return v.length;
  if (typeof v === "object" && v !== null) return Object.keys(v).length;
  throw new PyException(`object of type '${typeAt(file, "content")}' has no len()`);
}
