import { cloneJson, type JsonValue } from "../../../core/json/index.js";
import { pyEquals, pyInList, pyJsonConstant, PyRandom } from "../../../core/python/index.js";
import { pyMethod } from "./pyMethod.js";
import { CAR_STATUS_METADATA_EXTENSION, INTERMEDIARY_CITIES as INTERMEDIARY_CITY_LIST, LONG_WEATHER_EXTENSION, PARKING_BRAKE_INSTRUCTION } from "./longContext/vehicleControl.js";
import { pyArith, pyAt, pyCompare, pyF, pyGetItem, pyIter, pySet, pyStrVal, pyToFloat, pyTruthy, pyV, type PyVal } from "./pyValues.js";
import { PyException, type ApiMethod, type ApiReturn, type SimulatedApi } from "./SimulatedApi.js";
import { scenarioSeed } from "./scenarioSeed.js";
import { DISTANCES, MAX_FUEL_LEVEL, MILE_PER_GALLON, MIN_FUEL_LEVEL, VEHICLE_DEFAULTS, VEHICLE_PRIVATE_ATTRIBUTES, VEHICLE_PUBLIC_ATTRIBUTES, ZIP_BY_CITY } from "./vehicleTables.js";

// estimate_distance returns this long list in every long-context answer: its text is written once.
const INTERMEDIARY_CITIES = pyJsonConstant(INTERMEDIARY_CITY_LIST);

type Args = Readonly<Record<string, JsonValue>>;
type Reply = Record<string, JsonValue>;

const DEFAULT_SEED = 141053;
const MAX_BRAKE_FORCE = 1000;

/** A reply dict built from `[key, value]` pairs, float marks kept. */
function reply(...pairs: ReadonlyArray<readonly [string, PyVal]>): Reply {
  const out: Reply = {};
  for (const [k, v] of pairs) pySet(out, k, v);
  return out;
}

/**
 * BFCL's `VehicleControlAPI` (vehicle_control.py): doors, engine, brakes, climate, cruise control and a
 * few look-ups. Outside temperature and current speed draw from Python's `random.Random`.
 */
export class VehicleControlAPI implements SimulatedApi {
  readonly className = "VehicleControlAPI";
  readonly copiesScenario = true;
  /** The public methods, shared by every instance (each call gets the instance it runs on). */
  private static readonly METHODS: ReadonlyMap<string, ApiMethod> = new Map(Object.entries(VehicleControlAPI.methodTable()));
  readonly methods = VehicleControlAPI.METHODS;
  /** Public attributes (plus long_context), float marks kept. */
  private readonly attrs: Reply = {};
  /** `_parkingBrakeForce`, `_slopeAngle`, `_brakePedalForce`: read by methods, not compared as state. */
  private readonly hidden: Reply = {};
  private random = new PyRandom(DEFAULT_SEED);

  loadScenario(scenario: Readonly<Record<string, JsonValue>>, longContext: boolean): void {
    this.random = new PyRandom(scenarioSeed(scenario, DEFAULT_SEED));
    const load = (into: Reply, attribute: string, key: string): void => {
      const value = pyAt(key in scenario ? scenario : VEHICLE_DEFAULTS, key);
      pySet(into, attribute, { v: cloneJson(value.v), float: value.float });
    };
    for (const [attribute, key] of VEHICLE_PUBLIC_ATTRIBUTES) load(this.attrs, attribute, key);
    for (const [attribute, key] of VEHICLE_PRIVATE_ATTRIBUTES) load(this.hidden, attribute, key);
    const doors = this.attr("doorStatus");
    const locked = pyIter(doors).filter((door) => pyEquals(pyGetItem(doors, door).v, "locked")).length;
    this.attrs.remainingUnlockedDoors = 4 - locked;
    this.attrs.long_context = longContext;
  }

  publicState(): Record<string, JsonValue> {
    return this.attrs;
  }

  private attr(name: string): PyVal {
    return pyAt(this.attrs, name);
  }

  private get longContext(): boolean {
    return this.attrs.long_context === true;
  }

  /** Python's chained `low <= x <= high` (the second comparison only when the first holds). */
  private static within(low: number, x: PyVal, high: number): boolean {
    return pyCompare("<=", pyV(low), x) && pyCompare("<=", x, pyV(high));
  }

  private lockDoors(unlock: boolean, doors: PyVal): Reply {
    const status = unlock ? "unlocked" : "locked";
    const doorStatus = this.attr("doorStatus");
    for (const door of pyIter(doors)) {
      if (pyEquals(pyGetItem(doorStatus, door).v, status)) continue;
      (doorStatus.v as Reply)[door.v as string] = status;
      pySet(this.attrs, "remainingUnlockedDoors", pyArith(unlock ? "+=" : "-=", this.attr("remainingUnlockedDoors"), pyV(1)));
    }
    return reply(["lockStatus", pyV(status)], ["remainingUnlockedDoors", this.attr("remainingUnlockedDoors")]);
  }

  private startEngine(mode: PyVal): ApiReturn {
    if (pyEquals(mode.v, "STOP")) this.attrs.engine_state = "stopped";
    if (pyCompare(">", this.attr("remainingUnlockedDoors"), pyV(0))) {
      const doors = this.attr("doorStatus");
      const unlocked = pyIter(doors).filter((d) => pyEquals(pyGetItem(doors, d).v, "unlocked"));
      return { error: `All doors must be locked before starting the engine. Here are the unlocked doors: ${unlocked.map((d) => d.v as string).join(", ")}` };
    }
    if (!pyEquals(this.attrs.brakePedalStatus, "pressed")) return { error: "Brake pedal needs to be pressed when starting the engine." };
    if (!pyEquals(this.hidden._brakePedalForce, MAX_BRAKE_FORCE)) return { error: "Must press the brake fully before starting the engine." };
    if (pyCompare("<", this.attr("fuelLevel"), pyF(MIN_FUEL_LEVEL))) return { error: "Fuel tank is empty." };
    if (!pyEquals(mode.v, "START")) return { error: "Invalid ignition mode." };
    this.attrs.engine_state = "running";
    return reply(["engineState", this.attr("engine_state")], ["fuelLevel", this.attr("fuelLevel")], ["batteryVoltage", this.attr("batteryVoltage")]);
  }

  private displayCarStatus(option: JsonValue): Reply {
    const status: Reply = {};
    if (this.longContext) status.metadata = CAR_STATUS_METADATA_EXTENSION;
    const copy = (pairs: ReadonlyArray<readonly [string, PyVal]>): Reply => {
      for (const [k, v] of pairs) pySet(status, k, v);
      return status;
    };
    const a = (name: string): PyVal => this.attr(name);
    const h = (name: string): PyVal => pyAt(this.hidden, name);
    const options: Readonly<Record<string, () => Reply>> = {
      fuel: () => copy([["fuelLevel", a("fuelLevel")]]),
      battery: () => copy([["batteryVoltage", a("batteryVoltage")]]),
      doors: () => copy([["doorStatus", a("doorStatus")]]),
      climate: () => copy([["currentACTemperature", a("acTemperature")], ["fanSpeed", a("fanSpeed")], ["climateMode", a("acMode")], ["humidityLevel", a("humidityLevel")]]),
      headlights: () => copy([["headlightStatus", a("headLightStatus")]]),
      parkingBrake: () => copy([["parkingBrakeStatus", a("parkingBrakeStatus")], ["parkingBrakeForce", h("_parkingBrakeForce")], ["slopeAngle", h("_slopeAngle")]]),
      brakePedal: () => copy([["brakePedalStatus", a("brakePedalStatus")], ["brakePedalForce", h("_brakePedalForce")]]),
      engine: () => copy([["engineState", a("engine_state")]]),
    };
    const chosen = Object.keys(options).find((k) => pyEquals(option, k));
    if (chosen === undefined) return copy([["error", pyV("Invalid option")]]);
    return (options[chosen] as () => Reply)();
  }

  private static methodTable(): Record<string, ApiMethod> {
    const arg = (a: Args, name: string): PyVal => pyAt(a, name);
    return {
      startEngine: pyMethod<VehicleControlAPI>(["ignitionMode"], (a, s) => s.startEngine(arg(a, "ignitionMode"))),
      fillFuelTank: pyMethod<VehicleControlAPI>(["fuelAmount"], (a, s) => {
        const amount = arg(a, "fuelAmount");
        if (pyCompare("<", amount, pyV(0))) return { error: "Fuel amount cannot be negative." };
        if (pyCompare(">", pyArith("+", s.attr("fuelLevel"), amount), pyV(MAX_FUEL_LEVEL))) return { error: "Cannot fill gas above the tank capacity." };
        if (pyCompare("<", pyArith("+", s.attr("fuelLevel"), amount), pyF(MIN_FUEL_LEVEL))) return { error: "Fuel tank is empty. Min fuel level is 0 gallons." };
        pySet(s.attrs, "fuelLevel", pyArith("+=", s.attr("fuelLevel"), amount));
        return reply(["fuelLevel", s.attr("fuelLevel")]);
      }),
      lockDoors: pyMethod<VehicleControlAPI>(["unlock", "door"], (a, s) => s.lockDoors(pyTruthy(arg(a, "unlock")), arg(a, "door"))),
      adjustClimateControl: pyMethod<VehicleControlAPI>(["temperature", ["unit", "celsius"], ["fanSpeed", 50], ["mode", "auto"]], (a, s) => {
        const temperature = arg(a, "temperature");
        const fanSpeed = arg(a, "fanSpeed");
        const mode = arg(a, "mode");
        if (!VehicleControlAPI.within(0, fanSpeed, 100)) return { error: "Fan speed must be between 0 and 100." };
        pySet(s.attrs, "acTemperature", temperature);
        if (pyEquals(a.unit ?? null, "fahrenheit")) {
          pySet(s.attrs, "acTemperature", pyArith("/", pyArith("*", pyArith("-", temperature, pyV(32)), pyV(5)), pyV(9)));
        }
        pySet(s.attrs, "fanSpeed", fanSpeed);
        pySet(s.attrs, "acMode", mode);
        return reply(["currentACTemperature", temperature], ["climateMode", mode], ["humidityLevel", s.attr("humidityLevel")]);
      }),
      get_outside_temperature_from_google: pyMethod<VehicleControlAPI>([], (_a, s) => {
        const temperature = pyF(s.random.uniform(-10.0, 40.0));
        if (!s.longContext) return reply(["outsideTemperature", temperature]);
        const weather = cloneJson(LONG_WEATHER_EXTENSION) as Reply;
        pySet(weather, "outsideTemperature", temperature);
        return weather;
      }),
      get_outside_temperature_from_weather_com: pyMethod<VehicleControlAPI>([], () => ({ error: 404 })),
      setHeadlights: pyMethod<VehicleControlAPI>(["mode"], (a, s): JsonValue => {
        const mode = a.mode ?? null;
        if (!pyInList(mode, ["on", "off", "auto"])) return { error: "Invalid headlight mode." };
        s.attrs.headLightStatus = pyEquals(mode, "on") ? "on" : "off";
        return { headlightStatus: s.attrs.headLightStatus };
      }),
      displayCarStatus: pyMethod<VehicleControlAPI>(["option"], (a, s) => s.displayCarStatus(a.option ?? null)),
      activateParkingBrake: pyMethod<VehicleControlAPI>(["mode"], (a, s) => {
        const mode = a.mode ?? null;
        if (!pyInList(mode, ["engage", "release"])) return { error: "Invalid mode" };
        const engage = pyEquals(mode, "engage");
        const status = engage ? "engaged" : "released";
        const force = engage ? 500 : 0;
        s.attrs.parkingBrakeStatus = status;
        pySet(s.hidden, "_parkingBrakeForce", pyF(force));
        pySet(s.hidden, "_slopeAngle", pyF(10));
        const fields = [["parkingBrakeStatus", pyV(status)], ["_parkingBrakeForce", pyF(force)], ["_slopeAngle", pyF(10)]] as const;
        return s.longContext ? reply(["parkingBrakeInstruction", pyV(PARKING_BRAKE_INSTRUCTION)], ...fields) : reply(...fields);
      }),
      pressBrakePedal: pyMethod<VehicleControlAPI>(["pedalPosition"], (a, s) => {
        const position = arg(a, "pedalPosition");
        if (!VehicleControlAPI.within(0, position, 1)) return { error: "Pedal position must be between 0 and 1." };
        if (pyEquals(position.v, 0)) {
          s.attrs.brakePedalStatus = "released";
          pySet(s.hidden, "_brakePedalForce", pyF(0));
          return reply(["brakePedalStatus", pyV("released")], ["brakePedalForce", pyF(0)]);
        }
        const force = pyArith("*", position, pyV(MAX_BRAKE_FORCE));
        s.attrs.brakePedalStatus = "pressed";
        pySet(s.hidden, "_brakePedalForce", force);
        return reply(["brakePedalStatus", pyV("pressed")], ["brakePedalForce", pyToFloat(force)]);
      }),
      releaseBrakePedal: pyMethod<VehicleControlAPI>([], (_a, s) => {
        s.attrs.brakePedalStatus = "released";
        pySet(s.hidden, "_brakePedalForce", pyF(0));
        return reply(["brakePedalStatus", pyV("released")], ["brakePedalForce", pyF(0)]);
      }),
      setCruiseControl: pyMethod<VehicleControlAPI>(["speed", "activate", "distanceToNextVehicle"], (a, s) => {
        const distance = pyToFloat(arg(a, "distanceToNextVehicle"));
        const speed = pyToFloat(arg(a, "speed"));
        if (pyEquals(s.attrs.engine_state, "stopped")) return { error: "Start the engine before activating the cruise control." };
        const activate = pyTruthy(arg(a, "activate"));
        pySet(s.attrs, "distanceToNextVehicle", distance);
        if (activate) {
          const kmh = speed.v as number;
          if (kmh < 0 || kmh > 120 || (pyArith("%", speed, pyV(5)).v as number) !== 0) return { error: "Invalid speed" };
        }
        s.attrs.cruiseStatus = activate ? "active" : "inactive";
        return reply(["cruiseStatus", pyV(s.attrs.cruiseStatus)], ["currentSpeed", speed], ["distanceToNextVehicle", distance]);
      }),
      get_current_speed: pyMethod<VehicleControlAPI>([], (_a, s) => reply(["currentSpeed", pyF(s.random.uniform(0.0, 120.0))])),
      display_log: pyMethod<VehicleControlAPI>(["messages"], (a) => reply(["log", arg(a, "messages")])),
      estimate_drive_feasibility_by_mileage: pyMethod<VehicleControlAPI>(["distance"], (a, s) => {
        const range = pyArith("*", s.attr("fuelLevel"), pyF(MILE_PER_GALLON));
        return { canDrive: !pyCompare("<", range, arg(a, "distance")) };
      }),
      liter_to_gallon: pyMethod<VehicleControlAPI>(["liter"], (a) => reply(["gallon", pyArith("*", arg(a, "liter"), pyF(0.264172))])),
      gallon_to_liter: pyMethod<VehicleControlAPI>(["gallon"], (a) => reply(["liter", pyArith("*", arg(a, "gallon"), pyF(3.78541))])),
      estimate_distance: pyMethod<VehicleControlAPI>(["cityA", "cityB"], (a, s) => {
        const [x, y] = [a.cityA ?? null, a.cityB ?? null];
        const hit = DISTANCES.find(([p, q]) => (pyEquals(x, p) && pyEquals(y, q)) || (pyEquals(x, q) && pyEquals(y, p)));
        const out: Reply = hit ? reply(["distance", pyF(hit[2])]) : { error: "distance not found in database." };
        if (s.longContext) out.intermediaryCities = INTERMEDIARY_CITIES;
        return out;
      }),
      get_zipcode_based_on_city: pyMethod<VehicleControlAPI>(["city"], (a) => {
        const city = Object.keys(ZIP_BY_CITY).find((c) => pyEquals(a.city ?? null, c));
        return { zipcode: city === undefined ? "00000" : (ZIP_BY_CITY[city] as string) };
      }),
      set_navigation: pyMethod<VehicleControlAPI>(["destination"], (a, s) => {
        const destination = arg(a, "destination");
        pySet(s.attrs, "destination", destination);
        return { status: pyArith("+", pyV("Navigating to "), destination).v };
      }),
      check_tire_pressure: pyMethod<VehicleControlAPI>([], (_a, s) => {
        const tires = ["frontLeftTirePressure", "frontRightTirePressure", "rearLeftTirePressure", "rearRightTirePressure"];
        const total = tires.map((t) => s.attr(t)).reduce((sum, p) => pyArith("+", sum, p));
        const healthy = VehicleControlAPI.within(30, pyArith("/", total, pyV(4)), 35);
        const out = reply(...tires.map((t) => [t, s.attr(t)] as const), ["healthy_tire_pressure", pyV(healthy)]);
        out.car_info = s.longContext ? CAR_STATUS_METADATA_EXTENSION : {};
        return out;
      }),
      find_nearest_tire_shop: pyMethod<VehicleControlAPI>([], () => ({ shopLocation: "456 Oakwood Avenue, Rivermist, 83214" })),
    };
  }
}
