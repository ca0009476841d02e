import type { SimulatedApi } from "./SimulatedApi.js";
import { TradingBot } from "./TradingBot.js";
import { TravelAPI } from "./TravelAPI.js";

/** The simulated API classes by their Python class name; each entry makes a fresh instance. */
export const API_CLASSES: Readonly<Record<string, () => SimulatedApi>> = {
  // Filled by the ports: GorillaFileSystem, MathAPI, MessageAPI, TwitterAPI, TicketAPI,
  // TradingBot, TravelAPI, VehicleControlAPI.
  TradingBot: () => new TradingBot(),
  TravelAPI: () => new TravelAPI(),
};
