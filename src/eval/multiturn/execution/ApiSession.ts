import { cloneJson, type JsonValue } from "../../../core/json/index.js";
import { PyException, type ApiMethod, type SimulatedApi } from "../apis/SimulatedApi.js";
import { API_CLASSES } from "../apis/registry.js";
import { isLongContextId, type ApiCall } from "../types.js";
import { bindingError } from "./bindArguments.js";
import { errorText, resultText } from "./resultText.js";

/** Factories of simulated API classes by Python class name (the registry, or a test's fakes). */
export type ApiClasses = Readonly<Record<string, () => SimulatedApi>>;

/** Classes the official runner never gives a scenario (`STATELESS_CLASSES`). */
const STATELESS_CLASSES = new Set(["MathAPI"]);

/** Names the official runner refuses to evaluate, whatever instance they would reach. */
const REFUSED_NAMES = new Set(["kill", "exit", "quit", "remove", "unlink", "popen", "Popen", "run"]);

const IDENTIFIER = /^[A-Za-z_]\w*$/;

interface BoundMethod {
  className: string;
  instance: SimulatedApi;
  method: ApiMethod;
}

/**
 * The simulated API instances of one entry, as `execute_multi_turn_func_call` holds them between
 * calls: one instance per involved class, loaded with a deep copy of the entry's initial config
 * (long-context data decided from the id), and every public method reachable by its bare name (a
 * later class wins a shared name, as the official name → instance map is filled in class order).
 * State persists across calls and turns; each entry (and each side of a check) has its own session.
 */
export class ApiSession {
  readonly instances = new Map<string, SimulatedApi>();
  private readonly methods = new Map<string, BoundMethod>();
  /** Calls where a port threw something other than PyException (a port bug; parity tests expect 0). */
  portErrors = 0;
  /** Instances loaded or called since {@link takeTouched} last emptied this: only their states can have changed. */
  private readonly touched = new Set<SimulatedApi>();

  constructor(entry: { id: string; initialConfig: Readonly<Record<string, JsonValue>>; involvedClasses: readonly string[] }, classes: ApiClasses = API_CLASSES) {
    const longContext = isLongContextId(entry.id);
    for (const className of entry.involvedClasses) {
      const make = classes[className];
      if (!make) throw new Error(`no simulated API for class ${className}`);
      const instance = make();
      if (!STATELESS_CLASSES.has(className)) {
        const config = entry.initialConfig[className];
        const isDict = config !== null && typeof config === "object" && !Array.isArray(config);
        const scenario = !isDict ? {} : instance.copiesScenario === true ? config : cloneJson(config);
        instance.loadScenario(scenario, longContext);
      }
      this.instances.set(className, instance);
      this.touched.add(instance);
      for (const [name, method] of instance.methods) if (!name.startsWith("_")) this.methods.set(name, { className, instance, method });
    }
  }

  /** Parameter names of a method in signature order (binds positional ground-truth arguments). */
  paramNames(name: string): readonly string[] | undefined {
    return this.methods.get(name)?.method.params.map((p) => p.name);
  }

  /** Execute one call and return the runner's result text (errors become `Error during execution: …`). */
  execute(call: ApiCall): string {
    const refused = refusedName(call.name);
    if (refused !== null) return errorText(`Function call ${refused} is not allowed.`);
    const bound = IDENTIFIER.test(call.name) ? this.methods.get(call.name) : undefined;
    if (!bound) return errorText(unknownNameMessage(call.name));
    const why = bindingError(`${bound.className}.${call.name}`, bound.method.params, call.arguments);
    if (why !== null) return errorText(why);
    this.touched.add(bound.instance);
    try {
      // Python evaluates fresh literals for every call: a port may keep (and later change) what it is given.
      return resultText(bound.method.call(cloneJson(call.arguments), bound.instance));
    } catch (e) {
      if (e instanceof PyException) return errorText(e.message);
      this.portErrors++;
      return errorText(e instanceof Error ? e.message : String(e));
    }
  }

  /**
   * The instances whose state may have changed since the last take (loaded, or a method of theirs
   * called: a simulated API changes only through its own methods), emptied by the take.
   */
  takeTouched(): SimulatedApi[] {
    const out = [...this.touched];
    this.touched.clear();
    return out;
  }

  /** Every public attribute of each instance, by class name. */
  publicStates(): Map<string, Record<string, JsonValue>> {
    const out = new Map<string, Record<string, JsonValue>>();
    for (const [name, instance] of this.instances) out.set(name, instance.publicState());
    return out;
  }
}

/**
 * The runner's refusal check reads the text before `(` and, for a dotted name, its second part
 * (after the instance prefix the runner adds, that is the method name itself).
 */
function refusedName(name: string): string | null {
  // the usual name, a bare identifier, is its own head: no splitting
  if (IDENTIFIER.test(name)) return REFUSED_NAMES.has(name) ? name : null;
  const head = name.split("(")[0] as string;
  const parts = head.split(".");
  if (REFUSED_NAMES.has(head)) return head;
  if (parts.length > 1 && REFUSED_NAMES.has(parts[1] as string)) return parts[1] as string;
  return null;
}

/**
 * What Python says about a name that is no method of the entry's instances: a NameError for an
 * identifier (for a dotted name, its first part), a SyntaxError for anything else. Python's
 * builtins (`print`, `len`) would run instead; they change no state, so the verdict is the same.
 */
function unknownNameMessage(name: string): string {
  const first = name.split(".")[0] as string;
  if (IDENTIFIER.test(first) && name.split(".").every((p) => IDENTIFIER.test(p))) return `name '${first}' is not defined`;
  return "invalid syntax (<string>, line 1)";
}
