import { cloneJson, type JsonValue } from "../../../core/json/index.js";
import { pyContains, pyEquals, pyInList, pyJsonConstant, PyRandom, pyStr } from "../../../core/python/index.js";
import { pyMethod } from "./pyMethod.js";
import { BOOKING_RECORD_EXTENSION, CREDIT_CARD_EXTENSION } from "./longContext/travel.js";
import { pyStrptime } from "./pyDatetime.js";
import { pyArith, pyAt, pyCompare, pyDictKey, pyF, pyGetItem, pyIter, pyJsonDumpsOrdered, pyKeyError, pyRoundFloat, pySet, pyStrVal, pyToFloat, pyTypeName, pyV, type PyVal } from "./pyValues.js";
import { PyException, PyOpaque, type ApiMethod, type ApiReturn, type SimulatedApi } from "./SimulatedApi.js";
import { scenarioSeed } from "./scenarioSeed.js";
import { AIRPORT_BY_CITY, ALL_AIRPORTS, BASE_FLIGHT_COSTS, CLASS_FACTOR, EXCHANGE_RATES, TRAVEL_CLASSES } from "./travelTables.js";

type Args = Readonly<Record<string, JsonValue>>;

/** A calendar date, for "today" in `verify_traveler_information`. */
export interface TravelDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

export interface TravelApiOptions {
  /** `datetime.today()`'s date; default: the machine's local date now. Tests fix it. */
  readonly today?: () => TravelDate;
}

const SCALAR_ATTRIBUTES = ["access_token", "token_type", "token_expires_in", "token_scope", "user_first_name", "user_last_name", "budget_limit"];
const DEFAULT_SEED = 141053;

function localToday(): TravelDate {
  const now = new Date();
  return { year: now.getFullYear(), month: now.getMonth() + 1, day: now.getDate() };
}

/** A str-keyed Python dict held in insertion order (booking ids are 7-digit strings, which JS objects would sort first). */
type PyStrDict = Map<string, JsonValue>;

function dictFrom(value: JsonValue): PyStrDict {
  return new Map(value !== null && typeof value === "object" && !Array.isArray(value) ? Object.entries(cloneJson(value)) : []);
}

/** `base_costs` of `get_flight_cost` by departure, then arrival airport. */
const ROUTES = new Map<string, Map<string, number>>();
for (const [f, t, base] of BASE_FLIGHT_COSTS) {
  let byArrival = ROUTES.get(f);
  if (!byArrival) ROUTES.set(f, (byArrival = new Map()));
  if (!byArrival.has(t)) byArrival.set(t, base);
}

/**
 * `get_flight_cost`'s checks and factors, raising as it raises: the route's base cost, the class
 * factor and the date's multiplier (2 when the date's digits add up to an even number).
 */
function quoteFactors(from: PyVal, to: PyVal, date: PyVal, travelClass: PyVal): [number, number, number] {
  pyDictKey(from);
  pyDictKey(to);
  // only a str equals a route's airport code
  const base = typeof from.v === "string" && typeof to.v === "string" ? ROUTES.get(from.v)?.get(to.v) : undefined;
  if (base === undefined) throw new PyException("No available route for the given airports.");
  const factor = typeof travelClass.v === "string" && Object.hasOwn(CLASS_FACTOR, travelClass.v) ? CLASS_FACTOR[travelClass.v] : undefined;
  if (factor === undefined) throw new PyException("Invalid travel class. Options are: economy, business, first.");
  let digitSum = 0;
  for (const c of pyIter(date)) {
    if (typeof c.v !== "string") throw new PyException(`'${pyTypeName(c)}' object has no attribute 'isdigit'`);
    if (/^[0-9]$/.test(c.v)) digitSum += Number(c.v);
  }
  return [base, factor, digitSum % 2 === 0 ? 2 : 1];
}

/** The long-context cost list (every route, in table order, as floats) per factor × multiplier, written once. */
const routeCostLists = new Map<number, JsonValue[]>();

function allRouteCosts(scale: number): JsonValue[] {
  let list = routeCostLists.get(scale);
  if (!list) {
    list = [];
    for (const [, , base] of BASE_FLIGHT_COSTS) pySet(list, list.length, pyF(base * scale));
    routeCostLists.set(scale, pyJsonConstant(list));
  }
  return list;
}

/**
 * BFCL's `TravelAPI` (travel_booking.py): an access token that wears out on bad tokens, credit cards,
 * bookings and insurance. Ids and balances draw from Python's `random.Random`.
 */
export class TravelAPI implements SimulatedApi {
  readonly className = "TravelAPI";
  readonly copiesScenario = true;
  /** The public methods, shared by every instance (each call gets the instance it runs on). */
  private static readonly METHODS: ReadonlyMap<string, ApiMethod> = new Map(Object.entries(TravelAPI.methodTable()));
  readonly methods = TravelAPI.METHODS;
  private readonly attrs: Record<string, JsonValue> = {};
  private cards: PyStrDict = new Map();
  private bookings: PyStrDict = new Map();
  private random = new PyRandom(DEFAULT_SEED);
  private readonly today: () => TravelDate;

  constructor(options: TravelApiOptions = {}) {
    this.today = options.today ?? localToday;
  }

  loadScenario(scenario: Readonly<Record<string, JsonValue>>, longContext: boolean): void {
    this.random = new PyRandom(scenarioSeed(scenario, DEFAULT_SEED));
    this.cards = dictFrom("credit_card_list" in scenario ? (scenario.credit_card_list as JsonValue) : {});
    this.bookings = dictFrom("booking_record" in scenario ? (scenario.booking_record as JsonValue) : {});
    for (const key of SCALAR_ATTRIBUTES) {
      const value = pyAt(scenario, key);
      pySet(this.attrs, key, { v: cloneJson(value.v), float: value.float });
    }
    this.attrs.long_context = longContext;
    if (longContext) {
      // Python shares the extension's dicts with every instance; each instance gets its own copy here.
      for (const [id, card] of Object.entries(CREDIT_CARD_EXTENSION as Record<string, JsonValue>)) if (!this.cards.has(id)) this.cards.set(id, cloneJson(card));
      for (const [id, b] of Object.entries(BOOKING_RECORD_EXTENSION as Record<string, JsonValue>)) if (!this.bookings.has(id)) this.bookings.set(id, cloneJson(b));
    }
  }

  publicState(): Record<string, JsonValue> {
    return {
      credit_card_list: Object.fromEntries(this.cards),
      booking_record: Object.fromEntries(this.bookings),
      ...this.attrs,
    };
  }

  private get longContext(): boolean {
    return this.attrs.long_context === true;
  }

  /** `key in d` for a str-keyed dict: unhashable keys raise, non-str keys are absent. */
  private static has(dict: PyStrDict, key: PyVal): boolean {
    pyDictKey(key);
    return typeof key.v === "string" && dict.has(key.v);
  }

  private static entry(dict: PyStrDict, key: PyVal): PyVal {
    if (!TravelAPI.has(dict, key)) throw pyKeyError(key);
    return pyV(dict.get(key.v as string) as JsonValue);
  }

  /** The expired / invalid token checks most methods start with; a bad token wears the token down. */
  private tokenRefusal(a: Args, failure: Record<string, JsonValue>): JsonValue | undefined {
    if (pyEquals(this.attrs.token_expires_in, 0)) return { ...failure, error: "Token expired" };
    if (!pyEquals(a.access_token, this.attrs.access_token)) {
      pySet(this.attrs, "token_expires_in", pyArith("-=", pyAt(this.attrs, "token_expires_in"), pyV(1)));
      return { ...failure, error: "Invalid access token" };
    }
    return undefined;
  }

  /** `credit_card_list[card_id]["balance"] op= amount`. */
  private changeBalance(cardId: PyVal, op: "+=" | "-=", amount: PyVal): void {
    const card = TravelAPI.entry(this.cards, cardId);
    const balance = pyArith(op, pyGetItem(card, pyV("balance")), amount);
    pySet(card.v as object, "balance", balance);
  }

  /**
   * `get_flight_cost`: the cost of the route, or in long context of every route (Python also
   * refills its private `_flight_cost_lookup` here, which only `book_flight` reads, right after:
   * `bookingCost` gives that one cost instead).
   */
  private flightCost(from: PyVal, to: PyVal, date: PyVal, travelClass: PyVal): JsonValue {
    const [base, factor, multiplier] = quoteFactors(from, to, date, travelClass);
    if (this.longContext) return { travel_cost_list: allRouteCosts(factor * multiplier) };
    const costs: JsonValue[] = [];
    pySet(costs, 0, pyF(base * factor * multiplier));
    return { travel_cost_list: costs };
  }

  /**
   * What `book_flight` reads from `_flight_cost_lookup` after calling `get_flight_cost`: the cost
   * of its route (every route is quoted in long context, the asked one among them). Throws what
   * `get_flight_cost` raises.
   */
  private static bookingCost(from: PyVal, to: PyVal, date: PyVal, travelClass: PyVal): number {
    const [base, factor, multiplier] = quoteFactors(from, to, date, travelClass);
    return base * factor * multiplier;
  }

  private static methodTable(): Record<string, ApiMethod> {
    const arg = (a: Args, name: string): PyVal => pyAt(a, name);
    return {
      authenticate_travel: pyMethod<TravelAPI>(["client_id", "client_secret", "refresh_token", "grant_type", "user_first_name", "user_last_name"], (a, s) => {
        s.attrs.token_expires_in = 2;
        s.attrs.access_token = String(s.random.randint(100000, 999999));
        s.attrs.token_type = "Bearer";
        pySet(s.attrs, "token_scope", arg(a, "grant_type"));
        pySet(s.attrs, "user_first_name", arg(a, "user_first_name"));
        pySet(s.attrs, "user_last_name", arg(a, "user_last_name"));
        const reply: Record<string, JsonValue> = { expires_in: 2, access_token: s.attrs.access_token, token_type: "Bearer" };
        pySet(reply, "scope", arg(a, "grant_type"));
        return reply;
      }),
      travel_get_login_status: pyMethod<TravelAPI>([], (_a, s) => {
        const left = s.attrs.token_expires_in ?? null;
        return { status: !(left === null || pyEquals(left, 0)) };
      }),
      get_budget_fiscal_year: pyMethod<TravelAPI>([["lastModifiedAfter", null], ["includeRemoved", null]], () => ({ budget_fiscal_year: "2018" })),
      register_credit_card: pyMethod<TravelAPI>(["access_token", "card_number", "expiration_date", "cardholder_name", "card_verification_number"], (a, s) => {
        if (s.attrs.token_expires_in === null) return { error: "Token not initialized" };
        const refused = s.tokenRefusal(a, {});
        if (refused !== undefined) return refused;
        if (TravelAPI.has(s.cards, arg(a, "card_number"))) return { error: "Card already registered" };
        const cardId = String(s.random.randint(100000000000, 999999999999));
        const card: Record<string, JsonValue> = {};
        for (const key of ["card_number", "expiration_date", "cardholder_name", "card_verification_number"]) pySet(card, key, arg(a, key));
        card.balance = s.random.randint(10000, 99999);
        s.cards.set(cardId, card);
        return { card_id: cardId };
      }),
      get_flight_cost: pyMethod<TravelAPI>(["travel_from", "travel_to", "travel_date", "travel_class"], (a, s) =>
        s.flightCost(arg(a, "travel_from"), arg(a, "travel_to"), arg(a, "travel_date"), arg(a, "travel_class")),
      ),
      get_credit_card_balance: pyMethod<TravelAPI>(["access_token", "card_id"], (a, s) => {
        const refused = s.tokenRefusal(a, {});
        if (refused !== undefined) return refused;
        const cardId = arg(a, "card_id");
        if (!TravelAPI.has(s.cards, cardId)) return { error: `Card not registered. Here are a list of card_id's: ${pyStr([...s.cards.keys()])}` };
        const reply: Record<string, JsonValue> = {};
        pySet(reply, "card_balance", pyGetItem(TravelAPI.entry(s.cards, cardId), pyV("balance")));
        return reply;
      }),
      book_flight: pyMethod<TravelAPI>(["access_token", "card_id", "travel_date", "travel_from", "travel_to", "travel_class"], (a, s) => s.bookFlight(a)),
      retrieve_invoice: pyMethod<TravelAPI>(["access_token", ["booking_id", null], ["insurance_id", null]], (a, s) => {
        const refused = s.tokenRefusal(a, {});
        if (refused !== undefined) return refused;
        const bookingId = arg(a, "booking_id");
        if (!TravelAPI.has(s.bookings, bookingId)) return { error: "Booking not found" };
        const booking = TravelAPI.entry(s.bookings, bookingId);
        const invoice: Record<string, JsonValue> = {};
        pySet(invoice, "booking_id", bookingId);
        for (const key of ["travel_date", "travel_from", "travel_to", "travel_class", "travel_cost", "transaction_id"]) {
          pySet(invoice, key, pyGetItem(booking, pyV(key)));
        }
        return { invoice };
      }),
      list_all_airports: pyMethod<TravelAPI>([], () => [...ALL_AIRPORTS]),
      cancel_booking: pyMethod<TravelAPI>(["access_token", "booking_id"], (a, s) => {
        const refused = s.tokenRefusal(a, { cancel_status: false });
        if (refused !== undefined) return refused;
        const bookingId = arg(a, "booking_id");
        if (!TravelAPI.has(s.bookings, bookingId)) return { cancel_status: false, error: "Booking not found" };
        const booking = TravelAPI.entry(s.bookings, bookingId);
        const cardId = pyGetItem(booking, pyV("card_id"));
        const cost = pyGetItem(booking, pyV("travel_cost"));
        s.changeBalance(cardId, "+=", cost);
        s.bookings.delete(bookingId.v as string);
        return { cancel_status: true };
      }),
      compute_exchange_rate: pyMethod<TravelAPI>(["base_currency", "target_currency", "value"], (a) => {
        const base = a.base_currency ?? null;
        const target = a.target_currency ?? null;
        for (const r of EXCHANGE_RATES) {
          const rate = { v: r.rate, float: r.float };
          if (pyEquals(base, r.base) && pyEquals(target, r.target)) {
            const reply: Record<string, JsonValue> = {};
            pySet(reply, "exchanged_value", pyArith("*", arg(a, "value"), rate));
            return reply;
          }
          if (pyEquals(base, r.target) && pyEquals(target, r.base)) {
            const quotient = pyArith("/", arg(a, "value"), rate);
            const reply: Record<string, JsonValue> = {};
            pySet(reply, "exchanged_value", pyF(pyRoundFloat(quotient.v as number, 2)));
            return reply;
          }
        }
        throw new PyException("No available exchange rate for the given currencies.");
      }),
      verify_traveler_information: pyMethod<TravelAPI>(["first_name", "last_name", "date_of_birth", "passport_number"], (a, s) => s.verifyTraveler(a)),
      set_budget_limit: pyMethod<TravelAPI>(["access_token", "budget_limit"], (a, s) => {
        const refused = s.tokenRefusal(a, {});
        if (refused !== undefined) return refused;
        const limit = pyToFloat(arg(a, "budget_limit"));
        pySet(s.attrs, "budget_limit", limit);
        const reply: Record<string, JsonValue> = {};
        pySet(reply, "budget_limit", limit);
        return reply;
      }),
      get_nearest_airport_by_city: pyMethod<TravelAPI>(["location"], (a) => {
        const location = arg(a, "location");
        pyDictKey(location);
        const code = typeof location.v === "string" && Object.hasOwn(AIRPORT_BY_CITY, location.v) ? AIRPORT_BY_CITY[location.v] : undefined;
        return { nearest_airport: code ?? "Unknown" };
      }),
      purchase_insurance: pyMethod<TravelAPI>(["access_token", "insurance_type", "booking_id", "insurance_cost", "card_id"], (a, s) => {
        const refused = s.tokenRefusal(a, { insurance_status: false });
        if (refused !== undefined) return refused;
        const cost = arg(a, "insurance_cost");
        const limit = pyAt(s.attrs, "budget_limit");
        if (limit.v !== null && pyCompare("<", limit, cost)) return { insurance_status: false, error: "Exceeded budget limit" };
        if (!TravelAPI.has(s.bookings, arg(a, "booking_id"))) return { insurance_status: false, error: "Booking not found" };
        if (!TravelAPI.has(s.cards, arg(a, "card_id"))) return { insurance_status: false, error: "Credit card not registered" };
        s.changeBalance(arg(a, "card_id"), "-=", cost);
        return { insurance_id: String(s.random.randint(100000000, 999999999)), insurance_status: true };
      }),
      contact_customer_support: pyMethod<TravelAPI>(["booking_id", "message"], (a, s): JsonValue => {
        if (!TravelAPI.has(s.bookings, arg(a, "booking_id"))) return { error: "Booking not found" };
        return {
          customer_support_message:
            "Thank you for contacting customer support. Your message has been received and we will get back to you shortly.",
        };
      }),
      // json.dumps text: card ids may be digit strings, which a JS object would reorder
      get_all_credit_cards: pyMethod<TravelAPI>([], (_a, s) => new PyOpaque(`{"credit_card_list": ${pyJsonDumpsOrdered(s.cards)}}`)),
    };
  }

  private bookFlight(a: Args): ApiReturn {
    const arg = (name: string): PyVal => pyAt(a, name);
    const refused = this.tokenRefusal(a, { booking_status: false });
    if (refused !== undefined) return refused;
    const cardId = arg("card_id");
    if (!TravelAPI.has(this.cards, cardId)) return { booking_status: false, error: "Card not registered" };
    const card = TravelAPI.entry(this.cards, cardId);
    const hasBalance = pyContains(card.v, "balance");
    if (hasBalance === undefined) throw new PyException(`argument of type '${pyTypeName(card)}' is not iterable`);
    if (!hasBalance) return { booking_status: false, error: "Balance not found" };
    const [from, to, date, travelClass] = [arg("travel_from"), arg("travel_to"), arg("travel_date"), arg("travel_class")];
    if (!pyInList(from.v, ALL_AIRPORTS)) return { booking_status: false, error: `Invalid departure airport code: ${pyStrVal(from)}` };
    if (!pyInList(to.v, ALL_AIRPORTS)) return { booking_status: false, error: `Invalid destination airport code: ${pyStrVal(to)}` };
    try {
      pyStrptime(date, "%Y-%m-%d");
    } catch (e) {
      if (e instanceof PyException && typeof date.v === "string") return { booking_status: false, error: "Invalid date format. Use YYYY-MM-DD." };
      throw e;
    }
    pyDictKey(travelClass);
    if (!pyInList(travelClass.v, TRAVEL_CLASSES)) {
      // str() of a Python set: its order follows string hashing, which varies per process (PYTHONHASHSEED).
      return { booking_status: false, error: `Invalid travel class. Must be one of {${TRAVEL_CLASSES.map((c) => `'${c}'`).join(", ")}}` };
    }
    let cost: number;
    try {
      // the lookup always holds the route just quoted: Python's "No available route for the given parameters" cannot happen
      cost = TravelAPI.bookingCost(from, to, date, travelClass);
    } catch (e) {
      // get_flight_cost's ValueErrors (no route) become the reply; its TypeErrors cannot happen past the checks above
      if (e instanceof PyException) return { booking_status: false, error: e.message };
      throw e;
    }
    const balance = pyGetItem(card, pyV("balance"));
    if (pyCompare("<", balance, pyF(cost))) return { booking_status: false, error: "Insufficient funds" };
    const limit = pyAt(this.attrs, "budget_limit");
    if (limit.v !== null && pyCompare("<", balance, limit)) return { booking_status: false, error: "Balance is less than budget limit" };
    this.changeBalance(cardId, "-=", pyF(cost));
    const bookingId = String(this.random.randint(1000000, 9999999));
    const transactionId = String(this.random.randint(10000000, 99999999));
    const booking: Record<string, JsonValue> = {};
    pySet(booking, "card_id", cardId);
    pySet(booking, "travel_date", date);
    pySet(booking, "travel_from", from);
    pySet(booking, "travel_to", to);
    pySet(booking, "travel_class", travelClass);
    pySet(booking, "travel_cost", pyF(cost));
    booking.transaction_id = transactionId;
    this.bookings.set(bookingId, booking);
    // json.dumps text: the booking history's 7-digit ids would come first in a JS object
    const head = `{"booking_id": "${bookingId}", "transaction_id": "${transactionId}", "booking_status": true, "booking_history": `;
    return new PyOpaque(`${head}${this.longContext ? pyJsonDumpsOrdered(this.bookings) : "{}"}}`);
  }

  private verifyTraveler(a: Args): ApiReturn {
    const arg = (name: string): PyVal => pyAt(a, name);
    const first = pyAt(this.attrs, "user_first_name");
    const last = pyAt(this.attrs, "user_last_name");
    if (!pyEquals(first.v, a.first_name) || !pyEquals(last.v, a.last_name)) {
      return {
        verification_status: false,
        verification_failure:
          "Cannot book flight information for another user." +
          `Expected ${pyStrVal(first)} ${pyStrVal(last)}, got ${pyStrVal(arg("first_name"))} ${pyStrVal(arg("last_name"))}`,
      };
    }
    let birth;
    try {
      birth = pyStrptime(arg("date_of_birth"), "%Y-%m-%d");
    } catch (e) {
      if (e instanceof PyException && typeof a.date_of_birth === "string") {
        return { verification_status: false, verification_failure: "Invalid date of birth format. Please use YYYY-MM-DD." };
      }
      throw e;
    }
    const today = this.today();
    const beforeBirthday = today.month < birth.month || (today.month === birth.month && today.day < birth.day);
    if (today.year - birth.year - (beforeBirthday ? 1 : 0) < 18) {
      return { verification_status: false, verification_failure: "Traveler must be at least 18 years old." };
    }
    const passport = arg("passport_number");
    if (typeof passport.v !== "string") throw new PyException(`'${pyTypeName(passport)}' object has no attribute 'startswith'`);
    if (!passport.v.startsWith("US")) return { verification_status: false, verification_failure: "Passport must be issued by the United States." };
    return { verification_status: true };
  }
}
