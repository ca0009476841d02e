import { parseJson, type JsonValue } from "../../../core/json/index.js";

/**
 * `vehicle_control.py`'s DEFAULT_STATE under the scenario keys `_load_scenario` reads (`engineState`,
 * `parkingBrakeForce`, `slopeAngle`, `brakePedalForce` feed attributes named otherwise), floats kept.
 */
export const VEHICLE_DEFAULTS = parseJson(`{
  "fuelLevel": 0.0, "batteryVoltage": 12.6, "engineState": "stopped", "remainingUnlockedDoors": 4,
  "doorStatus": {"driver": "unlocked", "passenger": "unlocked", "rear_left": "unlocked", "rear_right": "unlocked"},
  "acTemperature": 25.0, "fanSpeed": 50, "acMode": "auto", "humidityLevel": 50.0, "headLightStatus": "off",
  "parkingBrakeStatus": "released", "parkingBrakeForce": 0.0, "slopeAngle": 0.0, "brakePedalStatus": "released",
  "brakePedalForce": 0.0, "distanceToNextVehicle": 50.0, "cruiseStatus": "inactive", "destination": "None",
  "frontLeftTirePressure": 32.0, "frontRightTirePressure": 32.0, "rearLeftTirePressure": 30.0, "rearRightTirePressure": 30.0
}`) as Record<string, JsonValue>;

/** Public attribute name → the scenario key it loads from, in `vars()` order (remainingUnlockedDoors is recomputed). */
export const VEHICLE_PUBLIC_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
  ["fuelLevel", "fuelLevel"],
  ["batteryVoltage", "batteryVoltage"],
  ["engine_state", "engineState"],
  ["remainingUnlockedDoors", "remainingUnlockedDoors"],
  ["doorStatus", "doorStatus"],
  ["acTemperature", "acTemperature"],
  ["fanSpeed", "fanSpeed"],
  ["acMode", "acMode"],
  ["humidityLevel", "humidityLevel"],
  ["headLightStatus", "headLightStatus"],
  ["parkingBrakeStatus", "parkingBrakeStatus"],
  ["brakePedalStatus", "brakePedalStatus"],
  ["distanceToNextVehicle", "distanceToNextVehicle"],
  ["cruiseStatus", "cruiseStatus"],
  ["destination", "destination"],
  ["frontLeftTirePressure", "frontLeftTirePressure"],
  ["frontRightTirePressure", "frontRightTirePressure"],
  ["rearLeftTirePressure", "rearLeftTirePressure"],
  ["rearRightTirePressure", "rearRightTirePressure"],
];

/** Private attributes (not state) → scenario key. */
export const VEHICLE_PRIVATE_ATTRIBUTES: ReadonlyArray<readonly [string, string]> = [
  ["_parkingBrakeForce", "parkingBrakeForce"],
  ["_slopeAngle", "slopeAngle"],
  ["_brakePedalForce", "brakePedalForce"],
];

export const MAX_FUEL_LEVEL = 50;
export const MIN_FUEL_LEVEL = 0.0;
export const MILE_PER_GALLON = 20.0;

/** `estimate_distance`'s zip-code pairs (either order) and their distance in miles, in the order it tests them. */
export const DISTANCES: ReadonlyArray<readonly [string, string, number]> = [
  ["83214", "74532", 750],
  ["56108", "62947", 320],
  ["71354", "83462", 450],
  ["47329", "52013", 290],
  ["69238", "51479", 630],
  ["94016", "83214", 980],
  ["94016", "94704", 600],
  ["94704", "08540", 2550],
  ["94016", "08540", 1950],
  ["62947", "47329", 1053],
  ["94016", "62947", 780],
  ["74532", "94016", 880],
];

/** `get_zipcode_based_on_city`'s table (others get "00000"). */
export const ZIP_BY_CITY: Readonly<Record<string, string>> = {
  Rivermist: "83214",
  Stonebrook: "74532",
  Maplecrest: "56108",
  Silverpine: "62947",
  Shadowridge: "71354",
  "Sunset Valley": "83462",
  Oakendale: "47329",
  Willowbend: "52013",
  "Crescent Hollow": "69238",
  Autumnville: "51479",
  "San Francisco": "94016",
};
