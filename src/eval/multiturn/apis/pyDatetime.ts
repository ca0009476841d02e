import { pyStrRepr } from "../../../core/python/index.js";
import { PyException } from "./SimulatedApi.js";
import { pyTypeName, type PyVal } from "./pyValues.js";

/**
 * The pieces of Python's `datetime` the simulated APIs use: `datetime.strptime` for the formats they
 * pass (CPython's `_strptime` regexes, error texts and range checks), naive datetimes as comparable
 * numbers, and `fromtimestamp` / `strftime` for the trading bot's timestamps.
 */
export interface PyDateTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

/** CPython's `_strptime` regex for each directive (the locale is C: `%p` is am/pm). */
const DIRECTIVES: Readonly<Record<string, string>> = {
  Y: "(\\d\\d\\d\\d)",
  m: "(1[0-2]|0[1-9]|[1-9])",
  d: "(3[0-1]|[1-2]\\d|0[1-9]|[1-9]| [1-9])",
  H: "(2[0-3]|[0-1]\\d|\\d)",
  I: "(1[0-2]|0[1-9]|[1-9])",
  M: "([0-5]\\d|\\d)",
  S: "(6[0-1]|[0-5]\\d|\\d)",
  p: "(am|pm)",
};

const compiled = new Map<string, { re: RegExp; fields: string[] }>();

function compile(format: string): { re: RegExp; fields: string[] } {
  let hit = compiled.get(format);
  if (hit) return hit;
  const fields: string[] = [];
  let source = "";
  for (let i = 0; i < format.length; i++) {
    const c = format[i] as string;
    if (c === "%") {
      const d = format[++i] as string;
      source += DIRECTIVES[d] as string;
      fields.push(d);
    } else if (/\s/.test(c)) {
      while (i + 1 < format.length && /\s/.test(format[i + 1] as string)) i++;
      source += "\\s+";
    } else source += c.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&");
  }
  hit = { re: new RegExp(`^(?:${source})`, "i"), fields };
  compiled.set(format, hit);
  return hit;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** `datetime.strptime(text, format)` for formats built from %Y %m %d %H %I %M %S %p; raises as CPython does. */
export function pyStrptime(text: PyVal, format: string): PyDateTime {
  if (typeof text.v !== "string") throw new PyException(`strptime() argument 1 must be str, not ${pyTypeName(text)}`);
  const s = text.v;
  const { re, fields } = compile(format);
  const m = re.exec(s);
  if (m === null) throw new PyException(`time data ${pyStrRepr(s)} does not match format ${pyStrRepr(format)}`);
  if (m[0].length !== s.length) throw new PyException(`unconverted data remains: ${s.slice(m[0].length)}`);
  const got: Record<string, string> = {};
  fields.forEach((f, i) => (got[f] = m[i + 1] as string));
  const num = (f: string, fallback: number): number => (got[f] === undefined ? fallback : Number((got[f] as string).trim()));
  let hour = num("H", 0);
  if (got.I !== undefined) {
    const h12 = num("I", 0);
    const pm = (got.p ?? "am").toLowerCase() === "pm";
    hour = pm ? (h12 === 12 ? 12 : h12 + 12) : h12 === 12 ? 0 : h12;
  }
  const dt = { year: num("Y", 1900), month: num("m", 1), day: num("d", 1), hour, minute: num("M", 0), second: num("S", 0) };
  if (dt.year < 1) throw new PyException(`year ${dt.year} is out of range`);
  const days = dt.month === 2 && isLeap(dt.year) ? 29 : (DAYS_IN_MONTH[dt.month - 1] as number);
  if (dt.day > days) throw new PyException("day is out of range for month");
  if (dt.second > 59) throw new PyException("second must be in 0..59");
  return dt;
}

/** A number that orders naive datetimes as Python's comparison does. */
export function pyDateTimeKey(d: PyDateTime): number {
  return ((d.year * 100 + d.month) * 100 + d.day) * 1e6 + d.hour * 1e4 + d.minute * 100 + d.second;
}

/** `datetime.min` and `datetime.max` as {@link pyDateTimeKey} values (max carries its .999999 seconds). */
export const PY_DATETIME_MIN_KEY = pyDateTimeKey({ year: 1, month: 1, day: 1, hour: 0, minute: 0, second: 0 });
export const PY_DATETIME_MAX_KEY = pyDateTimeKey({ year: 9999, month: 12, day: 31, hour: 23, minute: 59, second: 59 }) + 0.5;

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/**
 * `datetime(...).timestamp()` for a naive datetime taken as UTC. Python takes naive datetimes as local time;
 * BFCL's official numbers come from machines where that is UTC, and a round trip through the same zone
 * (timestamp, then fromtimestamp) gives the same wall-clock text anyway unless a DST change falls inside.
 */
export function utcTimestamp(d: PyDateTime): number {
  return Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second) / 1000;
}

/** `datetime.fromtimestamp(t).strftime("%Y-%m-%d %H:%M:%S")` in UTC (see {@link utcTimestamp}). */
export function formatUtcTimestamp(t: number): string {
  const d = new Date(t * 1000);
  return (
    `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())} ` +
    `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`
  );
}
