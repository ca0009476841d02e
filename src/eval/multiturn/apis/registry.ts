import { GorillaFileSystem } from "./GorillaFileSystem.js";
import type { SimulatedApi } from "./SimulatedApi.js";
import { TicketAPI } from "./TicketAPI.js";
import { TwitterAPI } from "./TwitterAPI.js";

/** The simulated API classes by their Python class name; each entry makes a fresh instance. */
export const API_CLASSES: Readonly<Record<string, () => SimulatedApi>> = {
  // Filled by the ports: GorillaFileSystem, MathAPI, MessageAPI, TwitterAPI, TicketAPI,
  // TradingBot, TravelAPI, VehicleControlAPI.
  GorillaFileSystem: () => new GorillaFileSystem(),
  TwitterAPI: () => new TwitterAPI(),
  TicketAPI: () => new TicketAPI(),
};
