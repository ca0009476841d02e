/** BFCL's function-doc file of each simulated API class, under `bfcl_v3/multi_turn_func_doc/`. */
export const FUNC_DOC_FILES: Readonly<Record<string, string>> = {
  GorillaFileSystem: "gorilla_file_system.json",
  MathAPI: "math_api.json",
  MessageAPI: "message_api.json",
  TwitterAPI: "posting_api.json",
  TicketAPI: "ticket_api.json",
  TradingBot: "trading_bot.json",
  TravelAPI: "travel_booking.json",
  VehicleControlAPI: "vehicle_control.json",
};

/** The user message BFCL sends at a miss_func turn, when the held-out functions are added. */
export const ADDED_FUNCTIONS_PROMPT = "I have updated some more functions you can choose from. What about now?";

/** BFCL's step limit: a turn that reaches more steps force-quits the conversation. */
export const MAXIMUM_STEP_LIMIT = 20;
