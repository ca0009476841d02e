import { cloneJson, isFloatAt, markFloat, type JsonValue } from "../../../core/json/index.js";
import { pyEquals } from "../../../core/python/index.js";
import { pyMethod } from "./pyMethod.js";
import { copySlot, itemOf, noAttribute, pyTruthy, strAt, strFor, strItem, typeAt } from "./pyValueOps.js";
import { expectDict, expectList } from "./scenarioShape.js";
import { PyException, type ApiMethod, type ApiReturn, type SimulatedApi } from "./SimulatedApi.js";

type Args = Record<string, JsonValue>;
type Ticket = Record<string, JsonValue>;

/** The attributes a scenario may set, with their defaults (`ticket_api.DEFAULT_STATE`). */
const DEFAULTS: Readonly<Record<string, JsonValue>> = { ticket_queue: [], ticket_counter: 1, current_user: null };

/** The fields `edit_ticket` may change. */
const EDITABLE = new Set(["title", "description", "status", "priority"]);

/**
 * BFCL v3's TicketAPI (`ticket_api.py`): a queue of support tickets and a logged-in user. Any
 * non-empty username and password log in; tickets are found by `==` on their id, so `1.0` finds
 * ticket 1. A loaded ticket may lack fields the methods read (many lack `created_by`): reading
 * one raises the KeyError Python raises.
 */
export class TicketAPI implements SimulatedApi {
  readonly className = "TicketAPI";
  /** `ticket_queue`, `ticket_counter`, `current_user` as JSON (float marks kept). */
  private attrs: Record<string, JsonValue> = cloneJson(DEFAULTS as Record<string, JsonValue>);
  /** The public methods, shared by every instance (each call gets the instance it runs on). */
  private static readonly METHODS: ReadonlyMap<string, ApiMethod> = new Map<string, ApiMethod>([
    ["create_ticket", pyMethod<TicketAPI>(["title", ["description", ""], ["priority", 1]], (a, s) => s.create(a))],
    ["get_ticket", pyMethod<TicketAPI>(["ticket_id"], (a, s) => s.find(a) ?? notFound(a))],
    ["close_ticket", pyMethod<TicketAPI>(["ticket_id"], (a, s) => s.setStatus(a, "Closed", "closed"))],
    ["resolve_ticket", pyMethod<TicketAPI>(["ticket_id", "resolution"], (a, s) => s.setStatus(a, "Resolved", "resolved"))],
    ["edit_ticket", pyMethod<TicketAPI>(["ticket_id", "updates"], (a, s) => s.edit(a))],
    ["ticket_login", pyMethod<TicketAPI>(["username", "password"], (a, s) => s.login(a))],
    ["ticket_get_login_status", pyMethod<TicketAPI>([], (_a, s) => ({ username: pyTruthy(s.attrs.current_user) }))],
    ["logout", pyMethod<TicketAPI>([], (_a, s) => s.logout())],
    ["get_user_tickets", pyMethod<TicketAPI>([["status", null]], (a, s) => s.userTickets(a))],
  ]);
  readonly methods = TicketAPI.METHODS;

  loadScenario(scenario: Readonly<Record<string, JsonValue>>, _longContext: boolean): void {
    const attrs: Record<string, JsonValue> = {};
    for (const key of Object.keys(DEFAULTS)) {
      if (Object.prototype.hasOwnProperty.call(scenario, key)) copySlot(attrs, key, scenario, key);
      else attrs[key] = cloneJson(DEFAULTS[key] as JsonValue);
    }
    expectList(attrs.ticket_queue, this.className, "ticket_queue").forEach((t, i) => expectDict(t, this.className, `ticket_queue[${i}]`));
    this.attrs = attrs;
  }

  publicState(): Record<string, JsonValue> {
    return this.attrs;
  }

  private get queue(): Ticket[] {
    return this.attrs.ticket_queue as Ticket[];
  }

  /** Python `_find_ticket`: the first ticket whose id `==` the argument. */
  private find(a: Args): Ticket | undefined {
    return this.queue.find((t) => pyEquals(itemOf(t, "id"), a.ticket_id));
  }

  private create(a: Args): ApiReturn {
    if (!pyTruthy(this.attrs.current_user)) return { error: "User not authenticated. Please log in to create a ticket." };
    const priority = a.priority;
    if (typeof priority !== "number" && typeof priority !== "boolean") {
      throw new PyException(`'<' not supported between instances of '${typeAt(a, "priority")}' and 'int'`);
    }
    if (Number(priority) < 1 || Number(priority) > 5) return { error: "Invalid priority. Priority must be between 1 and 5." };
    const ticket: Ticket = {};
    copySlot(ticket, "id", this.attrs, "ticket_counter");
    copySlot(ticket, "title", a, "title");
    copySlot(ticket, "description", a, "description");
    ticket.status = "Open";
    copySlot(ticket, "priority", a, "priority");
    copySlot(ticket, "created_by", this.attrs, "current_user");
    this.queue.push(ticket);
    const float = isFloatAt(this.attrs, "ticket_counter");
    this.attrs.ticket_counter = (this.attrs.ticket_counter as number) + 1;
    if (float) markFloat(this.attrs, "ticket_counter");
    return ticket;
  }

  /** `close_ticket` / `resolve_ticket`: refuse a ticket already in `status`, else set it (and the resolution). */
  private setStatus(a: Args, status: string, done: string): ApiReturn {
    const ticket = this.find(a);
    if (ticket === undefined) return notFound(a);
    const id = strAt(a, "ticket_id");
    if (itemOf(ticket, "status") === status) return { error: `Ticket with ID ${id} is already ${done}.` };
    ticket.status = status;
    if (status === "Resolved") copySlot(ticket, "resolution", a, "resolution");
    return { status: `Ticket ${id} has been ${done} successfully.` };
  }

  private edit(a: Args): ApiReturn {
    const ticket = this.find(a);
    if (ticket === undefined) return notFound(a);
    const updates = a.updates;
    if (updates === null || typeof updates !== "object" || Array.isArray(updates)) throw noAttribute(typeAt(a, "updates"), "keys");
    // Python joins a set here, whose order varies with the process's string hashing; one field reads the same.
    const invalid = Object.keys(updates).filter((k) => !EDITABLE.has(k));
    if (invalid.length > 0) return { error: `Invalid fields for update: ${invalid.join(", ")}` };
    for (const key of Object.keys(updates)) if (updates[key] !== null) copySlot(ticket, key, updates, key);
    return { status: `Ticket ${strAt(a, "ticket_id")} has been updated successfully.` };
  }

  private login(a: Args): ApiReturn {
    if (!pyTruthy(a.username) || !pyTruthy(a.password)) return { success: false };
    copySlot(this.attrs, "current_user", a, "username");
    return { success: true };
  }

  private logout(): ApiReturn {
    if (!pyTruthy(this.attrs.current_user)) return { success: false };
    this.attrs.current_user = null;
    return { success: true };
  }

  private userTickets(a: Args): ApiReturn {
    if (!pyTruthy(this.attrs.current_user)) return [{ error: "User not authenticated. Please log in to view tickets." }];
    let mine = this.queue.filter((t) => pyEquals(itemOf(t, "created_by"), this.attrs.current_user));
    if (pyTruthy(a.status)) {
      mine = mine.filter((t) => strItem(t, "status", "lower").toLowerCase() === strFor(a, "status", "lower").toLowerCase());
    }
    return mine;
  }
}

function notFound(a: Args): ApiReturn {
  return { error: `Ticket with ID ${strAt(a, "ticket_id")} not found.` };
}
