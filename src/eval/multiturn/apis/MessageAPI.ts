import { cloneJson, isFloatAt, markFloat, type JsonValue } from "../../../core/json/index.js";
import { pyEquals, pyHashKey, pyInList, PyRandom } from "../../../core/python/index.js";
import { pyMethod } from "./pyMethod.js";
import { noAttribute, pyKeyText, pyTruthy, requireHashable, strAt, typeAt } from "./pyValueOps.js";
import { expectDict, expectList, scenarioError } from "./scenarioShape.js";
import { PyException, type ApiMethod, type ApiReturn, type SimulatedApi } from "./SimulatedApi.js";

type Args = Record<string, JsonValue>;

/** One `user_map` entry: Python keeps any hashable key (add_contact may store an int), in insertion order. */
interface UserEntry {
  readonly key: JsonValue;
  readonly keyIsFloat: boolean;
  readonly id: JsonValue;
}

/** message_api.DEFAULT_STATE. */
const DEFAULT_USERS: Readonly<Record<string, string>> = { Alice: "USR001", Bob: "USR002", Catherine: "USR003", Daniel: "USR004" };
const DEFAULT_INBOX: readonly Record<string, string>[] = [
  { USR002: "My name is Alice. I want to connect." },
  { USR003: "Could you upload the file?" },
  { USR004: "Could you upload the file?" },
];
const DEFAULT_SEED = 200191;
const NOT_LOGGED_IN = { error: "No user is currently logged in." };

/** `x += 1` on a counter loaded from the scenario (an int, or a float that stays one). */
function incremented(holder: Record<string, JsonValue>, key: string): void {
  const v = holder[key];
  if (typeof v !== "number" && typeof v !== "boolean") {
    const type = typeAt(holder, key);
    if (type === "str" || type === "list") throw new PyException(`can only concatenate ${type} (not "int") to ${type}`);
    throw new PyException(`unsupported operand type(s) for +=: '${type}' and 'int'`);
  }
  const float = isFloatAt(holder, key);
  holder[key] = Number(v) + 1;
  if (float && Number.isInteger(holder[key])) markFloat(holder, key);
}

/** Python `str(n).zfill(width)`. */
function zfill(s: string, width: number): string {
  if (s.length >= width) return s;
  const sign = s.startsWith("-") || s.startsWith("+") ? s.slice(0, 1) : "";
  return sign + "0".repeat(width - s.length) + s.slice(sign.length);
}

/**
 * BFCL v3's MessageAPI (`message_api.py`): users, a login and an inbox of one-entry dicts
 * `{receiver_id: message}`. Message ids come from Python's `random.Random(200191)` (randint
 * 10000–99999, redrawn while taken), so extra sends shift later ids exactly as in Python.
 */
export class MessageAPI implements SimulatedApi {
  readonly className = "MessageAPI";
  readonly copiesScenario = true;
  /** The public methods, shared by every instance (each call gets the instance it runs on). */
  private static readonly METHODS: ReadonlyMap<string, ApiMethod> = new Map<string, ApiMethod>([
    ["list_users", pyMethod<MessageAPI>([], (_a, s) => s.listUsers())],
    ["get_user_id", pyMethod<MessageAPI>(["user"], (a, s) => s.getUserId(a))],
    ["message_login", pyMethod<MessageAPI>(["user_id"], (a, s) => s.login(a))],
    ["message_get_login_status", pyMethod<MessageAPI>([], (_a, s) => ({ login_status: pyTruthy(s.attrs.current_user) }))],
    ["send_message", pyMethod<MessageAPI>(["receiver_id", "message"], (a, s) => s.send(a))],
    ["delete_message", pyMethod<MessageAPI>(["receiver_id"], (a, s) => s.deleteLatest(a))],
    ["view_messages_sent", pyMethod<MessageAPI>([], (_a, s) => s.viewSent())],
    ["add_contact", pyMethod<MessageAPI>(["user_name"], (a, s) => s.addContact(a))],
    ["search_messages", pyMethod<MessageAPI>(["keyword"], (a, s) => s.search(a))],
    ["get_message_stats", pyMethod<MessageAPI>([], (_a, s) => s.stats())],
  ]);
  readonly methods = MessageAPI.METHODS;
  private random = new PyRandom(DEFAULT_SEED);
  /** A set of ints (Python's default), or the list a scenario gave (then `.add` fails as in Python). */
  private generatedIds: Set<number> | JsonValue[] = new Set();
  private users: UserEntry[] = [];
  /** user_count, message_count, current_user and inbox, as JSON (float marks kept). */
  private attrs: Record<string, JsonValue> = {};

  constructor() {
    this.loadScenario({}, false);
  }

  loadScenario(scenario: Readonly<Record<string, JsonValue>>, _longContext: boolean): void {
    const name = this.className;
    const seed = Object.prototype.hasOwnProperty.call(scenario, "random_seed") ? scenario.random_seed : DEFAULT_SEED;
    // random.Random(None) would seed from the clock: no recorded run could be reproduced.
    if (!(typeof seed === "string" || Number.isSafeInteger(seed))) throw scenarioError(name, "random_seed", "expected an int or a str");
    this.random = new PyRandom(seed as number | string);
    this.generatedIds = scenario.generated_ids === undefined ? new Set() : expectList(cloneJson(scenario.generated_ids), name, "generated_ids");
    const userMap = expectDict(cloneJson(scenario.user_map ?? DEFAULT_USERS), name, "user_map");
    this.users = Object.keys(userMap).map((key) => ({ key, keyIsFloat: false, id: userMap[key] as JsonValue }));
    const attrs: Record<string, JsonValue> = { user_count: 4, inbox: cloneJson(DEFAULT_INBOX as JsonValue[]), message_count: 3, current_user: null };
    for (const key of ["user_count", "inbox", "message_count", "current_user"]) {
      if (Object.prototype.hasOwnProperty.call(scenario, key)) {
        attrs[key] = cloneJson(scenario[key] as JsonValue);
        if (isFloatAt(scenario, key) && Number.isInteger(attrs[key])) markFloat(attrs, key);
      }
    }
    expectList(attrs.inbox, name, "inbox").forEach((m, i) => expectDict(m, name, `inbox[${i}]`));
    this.attrs = attrs;
  }

  publicState(): Record<string, JsonValue> {
    const userMap: Record<string, JsonValue> = {};
    for (const u of this.users) userMap[pyKeyText(u.key)] = u.id;
    const ids = this.generatedIds instanceof Set ? [...this.generatedIds].sort((a, b) => a - b) : this.generatedIds;
    const state: Record<string, JsonValue> = { generated_ids: ids, ...this.attrs, user_map: userMap };
    return state;
  }

  private get inbox(): Record<string, JsonValue>[] {
    return this.attrs.inbox as Record<string, JsonValue>[];
  }

  private loggedIn(): boolean {
    return pyTruthy(this.attrs.current_user);
  }

  private findUser(args: Args, key: string): UserEntry | undefined {
    requireHashable(args, key);
    const hash = pyHashKey(args[key]);
    return this.users.find((u) => pyHashKey(u.key) === hash);
  }

  private userIds(): JsonValue[] {
    return this.users.map((u) => u.id);
  }

  private listUsers(): ApiReturn {
    const list = this.users.map((u) => u.key);
    this.users.forEach((u, i) => u.keyIsFloat && Number.isInteger(u.key) && markFloat(list, i));
    return { user_list: list };
  }

  private getUserId(a: Args): ApiReturn {
    const user = this.findUser(a, "user");
    if (!user) return { error: `User '${strAt(a, "user")}' not found in the workspace.` };
    return { user_id: user.id };
  }

  private login(a: Args): ApiReturn {
    if (!pyInList(a.user_id, this.userIds())) return { login_status: false, message: `User ID '${strAt(a, "user_id")}' not found.` };
    this.attrs.current_user = a.user_id as JsonValue;
    if (isFloatAt(a, "user_id")) markFloat(this.attrs, "current_user");
    return { login_status: true, message: `User '${strAt(a, "user_id")}' logged in successfully.` };
  }

  /** `_generate_id`: draw until the id is new, then `generated_ids.add(id)`. */
  private generateId(): number {
    const taken = (id: number) => (this.generatedIds instanceof Set ? this.generatedIds.has(id) : pyInList(id, this.generatedIds));
    let id = this.random.randint(10000, 99999);
    while (taken(id)) id = this.random.randint(10000, 99999);
    if (!(this.generatedIds instanceof Set)) throw noAttribute("list", "add");
    this.generatedIds.add(id);
    return id;
  }

  private send(a: Args): ApiReturn {
    if (!this.loggedIn()) return NOT_LOGGED_IN;
    if (!pyInList(a.receiver_id, this.userIds())) return { error: `Receiver ID '${strAt(a, "receiver_id")}' not found.` };
    const id = this.generateId();
    // The receiver equals a user id, which the scenario or add_contact made a str.
    const entry: Record<string, JsonValue> = { [String(a.receiver_id)]: a.message as JsonValue };
    if (isFloatAt(a, "message") && Number.isInteger(a.message)) markFloat(entry, String(a.receiver_id));
    this.inbox.push(entry);
    incremented(this.attrs, "message_count");
    return { sent_status: true, message_id: { new_id: id }, message: `Message sent to '${strAt(a, "receiver_id")}' successfully.` };
  }

  /** `list(message.items())[0]`: the first key of an inbox entry (IndexError for an empty one). */
  private firstItem(message: Record<string, JsonValue>): [string, JsonValue] {
    const key = Object.keys(message)[0];
    if (key === undefined) throw new PyException("list index out of range");
    return [key, message[key] as JsonValue];
  }

  private deleteLatest(a: Args): ApiReturn {
    if (!this.loggedIn()) return NOT_LOGGED_IN;
    for (const message of [...this.inbox].reverse()) {
      const [receiver] = this.firstItem(message);
      if (pyEquals(receiver, a.receiver_id)) {
        // list.remove drops the first entry equal to it, which may be an earlier duplicate.
        this.inbox.splice(this.inbox.findIndex((m) => pyEquals(m, message)), 1);
        return { deleted_status: true, message_id: receiver, message: `Receiver ${strAt(a, "receiver_id")}'s first message deleted successfully.` };
      }
    }
    return { error: `Receiver ID ${strAt(a, "receiver_id")} not found.` };
  }

  private viewSent(): ApiReturn {
    if (!this.loggedIn()) return NOT_LOGGED_IN;
    const sent: Record<string, JsonValue[]> = {};
    for (const message of this.inbox) {
      const [receiver, content] = this.firstItem(message);
      const list = (sent[receiver] ??= []);
      list.push(content);
      if (isFloatAt(message, receiver) && Number.isInteger(content)) markFloat(list, list.length - 1);
    }
    return { messages: sent };
  }

  private addContact(a: Args): ApiReturn {
    if (this.findUser(a, "user_name")) return { error: `User name '${strAt(a, "user_name")}' already exists.` };
    incremented(this.attrs, "user_count");
    const userId = `USR${zfill(strAt(this.attrs, "user_count"), 3)}`;
    if (pyInList(userId, this.userIds())) return { error: `User ID '${userId}' already exists.` };
    this.users.push({ key: a.user_name as JsonValue, keyIsFloat: isFloatAt(a, "user_name"), id: userId });
    return { added_status: true, user_id: userId, message: `Contact '${strAt(a, "user_name")}' added successfully.` };
  }

  private search(a: Args): ApiReturn {
    if (!this.loggedIn()) return NOT_LOGGED_IN;
    if (typeof a.keyword !== "string") throw noAttribute(typeAt(a, "keyword"), "lower");
    const keyword = a.keyword.toLowerCase();
    const results: JsonValue[] = [];
    for (const message of this.inbox) {
      const [receiver, content] = this.firstItem(message);
      if (typeof content !== "string") throw noAttribute(typeAt(message, receiver), "lower");
      if (content.toLowerCase().includes(keyword)) results.push({ receiver_id: receiver, message: content });
    }
    return { results };
  }

  private stats(): ApiReturn {
    if (!this.loggedIn()) return NOT_LOGGED_IN;
    const contacts = new Set<string>();
    for (const message of this.inbox) contacts.add(this.firstItem(message)[0]);
    return { stats: { received_count: this.inbox.length, total_contacts: contacts.size } };
  }
}
