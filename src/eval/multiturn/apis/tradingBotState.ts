import { parseJson, type JsonValue } from "../../../core/json/index.js";
import type { PyDateTime } from "./pyDatetime.js";

/** `trading_bot.py`'s DEFAULT_STATE, integral floats (`10000.0`, `728.00`) kept as floats. */
export const TRADING_DEFAULT_STATE = parseJson(`{
  "orders": {
    "12345": {"id": 12345, "order_type": "Buy", "symbol": "AAPL", "price": 210.65, "amount": 10, "status": "Completed"},
    "12446": {"id": 12446, "order_type": "Sell", "symbol": "GOOG", "price": 2840.56, "amount": 5, "status": "Pending"}
  },
  "account_info": {"account_id": 12345, "balance": 10000.0, "binding_card": 1974202140965533},
  "authenticated": false,
  "market_status": "Closed",
  "order_counter": 12446,
  "stocks": {
    "AAPL": {"price": 227.16, "percent_change": 0.17, "volume": 2.552, "MA(5)": 227.11, "MA(20)": 227.09},
    "GOOG": {"price": 2840.34, "percent_change": 0.24, "volume": 1.123, "MA(5)": 2835.67, "MA(20)": 2842.15},
    "TSLA": {"price": 667.92, "percent_change": -0.12, "volume": 1.654, "MA(5)": 671.15, "MA(20)": 668.2},
    "MSFT": {"price": 310.23, "percent_change": 0.09, "volume": 3.234, "MA(5)": 309.88, "MA(20)": 310.11},
    "NVDA": {"price": 220.34, "percent_change": 0.34, "volume": 1.234, "MA(5)": 220.45, "MA(20)": 220.67},
    "ALPH": {"price": 1320.45, "percent_change": -0.08, "volume": 1.567, "MA(5)": 1321.12, "MA(20)": 1325.78},
    "OMEG": {"price": 457.23, "percent_change": 0.12, "volume": 2.345, "MA(5)": 456.78, "MA(20)": 458.12},
    "QUAS": {"price": 725.89, "percent_change": -0.03, "volume": 1.789, "MA(5)": 726.45, "MA(20)": 728.0},
    "NEPT": {"price": 88.34, "percent_change": 0.19, "volume": 0.654, "MA(5)": 88.21, "MA(20)": 88.67},
    "SYNX": {"price": 345.67, "percent_change": 0.11, "volume": 2.112, "MA(5)": 345.34, "MA(20)": 346.12},
    "ZETA": {"price": 22.09, "percent_change": -0.05, "volume": 0.789, "MA(5)": 22.12, "MA(20)": 22.34}
  },
  "watch_list": ["NVDA"],
  "transaction_history": [],
  "random_seed": 1053520
}`) as Record<string, JsonValue>;

/** `CURRENT_TIME`: the bot's fixed "now". */
export const TRADING_CURRENT_TIME: PyDateTime = { year: 2024, month: 9, day: 1, hour: 10, minute: 30, second: 0 };

/** `get_current_time`'s text: CURRENT_TIME as `%I:%M %p`. */
export const TRADING_CURRENT_TIME_TEXT = "10:30 AM";

/** `get_symbol_by_name`'s table. */
export const SYMBOL_BY_NAME: Readonly<Record<string, string>> = {
  Apple: "AAPL",
  Google: "GOOG",
  Tesla: "TSLA",
  Microsoft: "MSFT",
  Nvidia: "NVDA",
  "Zeta Corp": "ZETA",
  "Alpha Tech": "ALPH",
  "Omega Industries": "OMEG",
  "Quasar Ltd.": "QUAS",
  "Neptune Systems": "NEPT",
  "Synex Solutions": "SYNX",
  Amazon: "AMZN",
};

/** `get_available_stocks`'s sectors (long context appends the extension lists). */
export const STOCKS_BY_SECTOR: Readonly<Record<string, readonly string[]>> = {
  Technology: ["AAPL", "GOOG", "MSFT", "NVDA"],
  Automobile: ["TSLA", "F", "GM"],
};
