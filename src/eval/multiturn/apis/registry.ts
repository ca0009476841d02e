import { GorillaFileSystem } from "./GorillaFileSystem.js";
import { MathAPI } from "./MathAPI.js";
import { MessageAPI } from "./MessageAPI.js";
import type { SimulatedApi } from "./SimulatedApi.js";
import { TicketAPI } from "./TicketAPI.js";
import { TradingBot } from "./TradingBot.js";
import { TravelAPI } from "./TravelAPI.js";
import { TwitterAPI } from "./TwitterAPI.js";
import { VehicleControlAPI } from "./VehicleControlAPI.js";

/** The simulated API classes by their Python class name; each entry makes a fresh instance. */
export const API_CLASSES: Readonly<Record<string, () => SimulatedApi>> = {
  GorillaFileSystem: () => new GorillaFileSystem(),
  MathAPI: () => new MathAPI(),
  MessageAPI: () => new MessageAPI(),
  TwitterAPI: () => new TwitterAPI(),
  TicketAPI: () => new TicketAPI(),
  TradingBot: () => new TradingBot(),
  TravelAPI: () => new TravelAPI(),
  VehicleControlAPI: () => new VehicleControlAPI(),
};
