import { cloneJson, type JsonValue } from "../../../core/json/index.js";
import { pyEquals, pyInList, pyJsonConstant, PyRandom, pyStr } from "../../../core/python/index.js";
import { pyMethod } from "./pyMethod.js";
import {
  AUTOMOBILE_EXTENSION,
  MA_20_EXTENSION,
  MA_5_EXTENSION,
  ORDER_DETAIL_EXTENSION,
  TECHNOLOGY_EXTENSION,
  TRANSACTION_HISTORY_EXTENSION,
  WATCH_LIST_EXTENSION,
  WATCH_LIST_EXTENSION_ENDS_WITH_ELLIPSIS,
} from "./longContext/tradingBot.js";
import { scenarioSeed } from "./scenarioSeed.js";
import { formatUtcTimestamp, pyDateTimeKey, PY_DATETIME_MAX_KEY, PY_DATETIME_MIN_KEY, pyStrptime, utcTimestamp } from "./pyDatetime.js";
import { pyAbs, pyArith, pyAt, pyCompare, pyDictKey, pyGetItem, pyIter, pySet, pyStrKeyIn, pyStrVal, pyToFloat, pyTruthy, pyTypeName, pyV, type PyVal } from "./pyValues.js";
import { PyException, PyOpaque, type ApiMethod, type ApiReturn, type SimulatedApi } from "./SimulatedApi.js";
import { STOCKS_BY_SECTOR, SYMBOL_BY_NAME, TRADING_CURRENT_TIME, TRADING_CURRENT_TIME_TEXT, TRADING_DEFAULT_STATE } from "./tradingBotState.js";

type Args = Readonly<Record<string, JsonValue>>;

/** One entry of `self.orders`, a dict whose keys are ints (digit strings of the scenario become ints) or strs. */
interface OrderEntry {
  readonly key: PyVal;
  value: JsonValue;
}

const SECONDS_PER_DAY = 86400;
// get_stock_info returns these long lists in every long-context answer: their text is written once.
const MA_5 = pyJsonConstant(MA_5_EXTENSION);
const MA_20 = pyJsonConstant(MA_20_EXTENSION);
/** `str()` of the long-context watch-list items, without the brackets: get_watchlist appends it to every list. */
const WATCH_LIST_EXTENSION_ITEMS = pyStr(WATCH_LIST_EXTENSION).slice(1, -1);
const DEFAULT_SEED = 1053520;

/**
 * BFCL's `TradingBot` (trading_bot.py): stocks, orders, an account and a watch list. Transaction
 * timestamps draw from Python's `random.Random` and are printed as UTC wall-clock time (see pyDatetime's
 * `utcTimestamp`: the official figures come from a UTC machine).
 */
export class TradingBot implements SimulatedApi {
  readonly className = "TradingBot";
  readonly copiesScenario = true;
  /** The public methods, shared by every instance (each call gets the instance it runs on). */
  private static readonly METHODS: ReadonlyMap<string, ApiMethod> = new Map(Object.entries(TradingBot.methodTable()));
  readonly methods = TradingBot.METHODS;
  /** Public attributes but `orders`, in a container so float marks survive (`balance` 10000.0). */
  private readonly attrs: Record<string, JsonValue> = {};
  private orders = new Map<string, OrderEntry>();
  private random = new PyRandom(DEFAULT_SEED);

  loadScenario(scenario: Readonly<Record<string, JsonValue>>, longContext: boolean): void {
    const defaults = TRADING_DEFAULT_STATE; // read only: what is kept is cloned below
    const pick = (key: string): JsonValue => cloneJson(key in scenario ? (scenario[key] as JsonValue) : (defaults[key] as JsonValue));
    const orders = pick("orders") as Record<string, JsonValue>;
    this.orders = new Map();
    for (const [k, v] of Object.entries(orders)) {
      const key = /^[0-9]+$/.test(k) ? pyV(Number(k)) : pyV(k);
      const slot = pyDictKey(key);
      const held = this.orders.get(slot);
      if (held) held.value = v;
      else this.orders.set(slot, { key, value: v });
    }
    for (const key of ["account_info", "authenticated", "market_status", "order_counter", "stocks", "watch_list", "transaction_history"]) {
      const value = pyAt(key in scenario ? scenario : defaults, key);
      pySet(this.attrs, key, { v: cloneJson(value.v), float: value.float });
    }
    this.attrs.long_context = longContext;
    this.random = new PyRandom(scenarioSeed(scenario, DEFAULT_SEED));
  }

  publicState(): Record<string, JsonValue> {
    const orders = Object.fromEntries([...this.orders.values()].map((e) => [pyStrVal(e.key), e.value]));
    return { orders, ...this.attrs };
  }

  private get authenticated(): boolean {
    return pyTruthy(pyAt(this.attrs, "authenticated"));
  }

  private get longContext(): boolean {
    return this.attrs.long_context === true;
  }

  private stocks(): PyVal {
    return pyAt(this.attrs, "stocks");
  }

  private stockKnown(symbol: PyVal): boolean {
    const stocks = this.stocks().v;
    return stocks !== null && typeof stocks === "object" && !Array.isArray(stocks) && pyStrKeyIn(stocks, symbol);
  }

  private order(id: PyVal): OrderEntry | undefined {
    return this.orders.get(pyDictKey(id));
  }

  private orderKeys(): JsonValue[] {
    return [...this.orders.values()].map((e) => e.key.v);
  }

  private transactionTimestamp(): string {
    const start = utcTimestamp(TRADING_CURRENT_TIME);
    return formatUtcTimestamp(this.random.randint(start, start + SECONDS_PER_DAY));
  }

  /** `balance += amount`, a transaction_history entry, and the reply. */
  private credit(op: "+=" | "-=", type: string, amount: PyVal, status: string): ApiReturn {
    const account = pyAt(this.attrs, "account_info");
    const balance = pyArith(op, pyGetItem(account, pyV("balance")), amount);
    pySet(account.v as object, "balance", balance);
    const entry: Record<string, JsonValue> = { type };
    pySet(entry, "amount", amount);
    entry.timestamp = this.transactionTimestamp();
    (pyAt(this.attrs, "transaction_history").v as JsonValue[]).push(entry);
    const reply: Record<string, JsonValue> = { status };
    pySet(reply, "new_balance", balance);
    return reply;
  }

  private static methodTable(): Record<string, ApiMethod> {
    const arg = (args: Args, name: string): PyVal => pyAt(args, name);
    const notAuthenticated = (what: string): JsonValue => ({ error: `User not authenticated. Please log in to ${what}.` });
    return {
      get_current_time: pyMethod<TradingBot>([], () => ({ current_time: TRADING_CURRENT_TIME_TEXT })),
      update_market_status: pyMethod<TradingBot>(["current_time_str"], (a, s) => {
        const t = pyStrptime(arg(a, "current_time_str"), "%I:%M %p");
        const minutes = t.hour * 60 + t.minute + t.second / 60;
        const status = minutes >= 9 * 60 + 30 && minutes <= 16 * 60 ? "Open" : "Closed";
        s.attrs.market_status = status;
        return { status };
      }),
      get_symbol_by_name: pyMethod<TradingBot>(["name"], (a) => {
        const name = arg(a, "name");
        pyDictKey(name);
        const symbol = typeof name.v === "string" && Object.hasOwn(SYMBOL_BY_NAME, name.v) ? SYMBOL_BY_NAME[name.v] : undefined;
        return { symbol: symbol ?? "Stock not found" };
      }),
      get_stock_info: pyMethod<TradingBot>(["symbol"], (a, s) => {
        const symbol = arg(a, "symbol");
        if (!s.stockKnown(symbol)) return { error: `Stock with symbol '${pyStrVal(symbol)}' not found.` };
        const stock = pyGetItem(s.stocks(), symbol).v;
        if (!s.longContext) return stock;
        const copy = cloneJson(stock) as Record<string, JsonValue>;
        copy["MA(5)"] = MA_5;
        copy["MA(20)"] = MA_20;
        return copy;
      }),
      get_order_details: pyMethod<TradingBot>(["order_id"], (a, s) => {
        const id = arg(a, "order_id");
        const entry = s.order(id);
        if (!entry) {
          return { error: `Order with ID ${pyStrVal(id)} not found.Here is the list of orders_id: ${pyStr(s.orderKeys())}` };
        }
        if (!s.longContext) return entry.value;
        if (entry.value === null || typeof entry.value !== "object") {
          throw new PyException(`'${pyTypeName(pyV(entry.value))}' object has no attribute 'copy'`);
        }
        const order = cloneJson(entry.value);
        const symbol = pyStrVal(pyGetItem(pyV(order), pyV("symbol")));
        const metadata: Record<string, JsonValue> = {};
        // str.format(symbol=…): the texts hold no other braces
        for (const [k, text] of Object.entries(ORDER_DETAIL_EXTENSION as Record<string, string>)) metadata[k] = text.replaceAll("{symbol}", symbol);
        // (a list order raised above: list indices must be integers)
        (order as Record<string, JsonValue>).metadata = metadata;
        return order;
      }),
      cancel_order: pyMethod<TradingBot>(["order_id"], (a, s) => {
        const id = arg(a, "order_id");
        const entry = s.order(id);
        if (!entry) return { error: `Order with ID ${pyStrVal(id)} not found.` };
        if (pyEquals(pyGetItem(pyV(entry.value), pyV("status")).v, "Completed")) {
          return { error: `Can't cancel order ${pyStrVal(id)}. Order is already completed.` };
        }
        (entry.value as Record<string, JsonValue>).status = "Cancelled";
        const reply: Record<string, JsonValue> = {};
        pySet(reply, "order_id", id);
        reply.status = "Cancelled";
        return reply;
      }),
      place_order: pyMethod<TradingBot>(["order_type", "symbol", "price", "amount"], (a, s) => {
        if (!s.authenticated) return notAuthenticated("place an order");
        const symbol = arg(a, "symbol");
        if (!s.stockKnown(symbol)) return { error: `Invalid stock symbol: ${pyStrVal(symbol)}` };
        const amount = arg(a, "amount");
        if (pyCompare("<=", arg(a, "price"), pyV(0)) || pyCompare("<=", amount, pyV(0))) {
          return { error: "Price and amount must be positive values." };
        }
        const price = pyToFloat(arg(a, "price"));
        const id = pyAt(s.attrs, "order_counter");
        const order: Record<string, JsonValue> = {};
        pySet(order, "id", id);
        pySet(order, "order_type", arg(a, "order_type"));
        pySet(order, "symbol", symbol);
        pySet(order, "price", price);
        pySet(order, "amount", amount);
        order.status = "Open";
        const slot = pyDictKey(id);
        const held = s.orders.get(slot);
        if (held) held.value = order;
        else s.orders.set(slot, { key: id, value: order });
        pySet(s.attrs, "order_counter", pyArith("+=", id, pyV(1)));
        const reply: Record<string, JsonValue> = {};
        pySet(reply, "order_id", id);
        pySet(reply, "order_type", arg(a, "order_type"));
        reply.status = "Pending";
        pySet(reply, "price", price);
        pySet(reply, "amount", amount);
        return reply;
      }),
      make_transaction: pyMethod<TradingBot>(["account_id", "xact_type", "amount"], (a, s) => {
        if (!s.authenticated) return notAuthenticated("make a transaction");
        if (!pyEquals(s.attrs.market_status, "Open")) return { error: "Market is closed. Transactions are not allowed." };
        const accountId = arg(a, "account_id");
        if (!pyEquals(accountId.v, pyGetItem(pyAt(s.attrs, "account_info"), pyV("account_id")).v)) {
          return { error: `Account with ID ${pyStrVal(accountId)} not found.` };
        }
        const amount = arg(a, "amount");
        if (pyCompare("<=", amount, pyV(0))) return { error: "Transaction amount must be positive." };
        const type = arg(a, "xact_type").v;
        if (pyEquals(type, "deposit")) return s.credit("+=", "deposit", amount, "Deposit successful");
        if (pyEquals(type, "withdrawal")) {
          if (pyCompare(">", amount, pyGetItem(pyAt(s.attrs, "account_info"), pyV("balance")))) return { error: "Insufficient funds for withdrawal." };
          return s.credit("-=", "withdrawal", amount, "Withdrawal successful");
        }
        return { error: "Invalid transaction type. Use 'deposit' or 'withdrawal'." };
      }),
      get_account_info: pyMethod<TradingBot>([], (_a, s) => (s.authenticated ? (s.attrs.account_info as JsonValue) : notAuthenticated("view account information"))),
      trading_login: pyMethod<TradingBot>(["username", "password"], (_a, s) => {
        if (s.authenticated) return { status: "Already logged in" };
        s.attrs.authenticated = true;
        return { status: "Logged in successfully" };
      }),
      trading_get_login_status: pyMethod<TradingBot>([], (_a, s) => ({ status: s.authenticated })),
      trading_logout: pyMethod<TradingBot>([], (_a, s) => {
        if (!s.authenticated) return { status: "No user is currently logged in" };
        s.attrs.authenticated = false;
        return { status: "Logged out successfully" };
      }),
      fund_account: pyMethod<TradingBot>(["amount"], (a, s) => {
        if (!s.authenticated) return notAuthenticated("fund the account");
        const amount = arg(a, "amount");
        if (pyCompare("<=", amount, pyV(0))) return { error: "Funding amount must be positive." };
        return s.credit("+=", "deposit", amount, "Account funded successfully");
      }),
      remove_stock_from_watchlist: pyMethod<TradingBot>(["symbol"], (a, s) => {
        if (!s.authenticated) return notAuthenticated("modify the watchlist");
        const symbol = arg(a, "symbol");
        const list = s.attrs.watch_list as JsonValue[];
        const at = list.findIndex((x) => pyEquals(x, symbol.v));
        if (at < 0) return { error: `Stock ${pyStrVal(symbol)} not found in watchlist.` };
        list.splice(at, 1);
        return { status: `Stock ${pyStrVal(symbol)} removed from watchlist successfully.` };
      }),
      get_watchlist: pyMethod<TradingBot>([], (_a, s) => {
        if (!s.authenticated) return ["Error: User not authenticated. Please log in to view the watchlist."];
        const list = s.attrs.watch_list as JsonValue[];
        if (!s.longContext) return { watchlist: list };
        // str() of list + extension (each item's repr stands alone), whose last item is Ellipsis
        const text = list.length === 0 ? `[${WATCH_LIST_EXTENSION_ITEMS}]` : `${pyStr(list).slice(0, -1)}, ${WATCH_LIST_EXTENSION_ITEMS}]`;
        return new PyOpaque(WATCH_LIST_EXTENSION_ENDS_WITH_ELLIPSIS ? `${text.slice(0, -1)}, Ellipsis]` : text);
      }),
      get_order_history: pyMethod<TradingBot>([], (_a, s) => {
        if (!s.authenticated) return [notAuthenticated("view order history")];
        return { history: s.orderKeys() };
      }),
      get_transaction_history: pyMethod<TradingBot>([["start_date", null], ["end_date", null]], (a, s) => {
        if (!s.authenticated) return [notAuthenticated("view transaction history")];
        const start = pyTruthy(arg(a, "start_date")) ? pyDateTimeKey(pyStrptime(arg(a, "start_date"), "%Y-%m-%d")) : PY_DATETIME_MIN_KEY;
        const end = pyTruthy(arg(a, "end_date")) ? pyDateTimeKey(pyStrptime(arg(a, "end_date"), "%Y-%m-%d")) : PY_DATETIME_MAX_KEY;
        const history = (s.attrs.transaction_history as JsonValue[]).filter((t) => {
          const at = pyDateTimeKey(pyStrptime(pyGetItem(pyV(t), pyV("timestamp")), "%Y-%m-%d %H:%M:%S"));
          return start <= at && at <= end;
        });
        if (s.longContext) history.push(...(TRANSACTION_HISTORY_EXTENSION as JsonValue[]));
        return { transaction_history: history };
      }),
      update_stock_price: pyMethod<TradingBot>(["symbol", "new_price"], (a, s) => {
        const symbol = arg(a, "symbol");
        if (!s.stockKnown(symbol)) return { error: `Stock with symbol '${pyStrVal(symbol)}' not found.` };
        const newPrice = arg(a, "new_price");
        if (pyCompare("<=", newPrice, pyV(0))) return { error: "New price must be a positive value." };
        const stock = pyGetItem(s.stocks(), symbol);
        const oldPrice = pyGetItem(stock, pyV("price"));
        pySet(stock.v as object, "price", newPrice);
        const change = pyArith("*", pyArith("/", pyArith("-", newPrice, oldPrice), oldPrice), pyV(100));
        pySet(stock.v as object, "percent_change", change);
        const reply: Record<string, JsonValue> = {};
        pySet(reply, "symbol", symbol);
        pySet(reply, "old_price", oldPrice);
        pySet(reply, "new_price", newPrice);
        return reply;
      }),
      get_available_stocks: pyMethod<TradingBot>(["sector"], (a, s) => {
        const sector = arg(a, "sector");
        pyDictKey(sector);
        const base = typeof sector.v === "string" && Object.hasOwn(STOCKS_BY_SECTOR, sector.v) ? STOCKS_BY_SECTOR[sector.v] : undefined;
        if (base === undefined) return { stock_list: [] };
        const extension = sector.v === "Technology" ? TECHNOLOGY_EXTENSION : AUTOMOBILE_EXTENSION;
        return { stock_list: s.longContext ? [...base, ...(extension as JsonValue[])] : [...base] };
      }),
      filter_stocks_by_price: pyMethod<TradingBot>(["stocks", "min_price", "max_price"], (a, s) => {
        const priceOf = (symbol: PyVal): PyVal => {
          const stocks = s.stocks().v as Record<string, JsonValue>;
          const stock = pyStrKeyIn(stocks, symbol) ? pyAt(stocks, symbol.v as string) : pyV({});
          const value = stock.v;
          if (value === null || typeof value !== "object" || Array.isArray(value)) throw new PyException(`'${pyTypeName(pyV(value))}' object has no attribute 'get'`);
          return "price" in value ? pyAt(value, "price") : pyV(0);
        };
        const filtered = pyIter(arg(a, "stocks")).filter(
          (symbol) => pyCompare(">=", priceOf(symbol), arg(a, "min_price")) && pyCompare("<=", priceOf(symbol), arg(a, "max_price")),
        );
        const list: JsonValue[] = [];
        filtered.forEach((s, i) => pySet(list, i, s));
        return { filtered_stocks: list };
      }),
      add_to_watchlist: pyMethod<TradingBot>(["stock"], (a, s) => {
        const stock = arg(a, "stock");
        const list = s.attrs.watch_list as JsonValue[];
        if (!pyInList(stock.v, list) && s.stockKnown(stock)) pySet(list, list.length, stock);
        return { symbol: list };
      }),
      notify_price_change: pyMethod<TradingBot>(["stocks", "threshold"], (a, s) => {
        const changed = pyIter(arg(a, "stocks")).filter(
          (symbol) =>
            s.stockKnown(symbol) &&
            pyCompare(">=", pyAbs(pyGetItem(pyGetItem(s.stocks(), symbol), pyV("percent_change"))), arg(a, "threshold")),
        );
        if (changed.length === 0) return { notification: "No significant price changes in the selected stocks." };
        return { notification: `Stocks ${changed.map((s) => s.v as string).join(", ")} have significant price changes.` };
      }),
    };
  }
}
