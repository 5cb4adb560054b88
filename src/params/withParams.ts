import { StreamlabError } from "../core/errors";
import { closest, didYouMean } from "../core/suggest";
import { ParamDeclarations, ParamSpec, ParamValue } from "./param";

/** `{ filePath?: string, ... }`: the object form accepted by constructors (PyAlink's keyword args). */
export type ParamInit<P> = { -readonly [K in keyof P]?: ParamValue<P[K]> };

/**
 * Typed fluent accessors derived from a declaration: `setFilePath(v): Self`, `getFilePath(): string`.
 * An operator class merges this into its instance type with an interface of the same name:
 *
 * ```ts
 * export interface CsvSourceBatchOp extends ParamAccessors<CsvSourceBatchOp, typeof PARAMS> {}
 * ```
 * The runtime methods are installed from the same declaration (see {@link WithParams}).
 */
export type ParamAccessors<Self, P> = {
  [K in keyof P & string as `set${Capitalize<K>}`]: (value: ParamValue<P[K]>) => Self;
} & {
  [K in keyof P & string as `get${Capitalize<K>}`]: () => ParamValue<P[K]>;
};

const INSTALLED = Symbol.for("streamlab.paramAccessorsInstalled");

function capitalize(name: string): string {
  return name.charAt(0).toUpperCase() + name.slice(1);
}

/**
 * Base of everything that holds parameters (operators, pipeline stages). Subclasses declare
 * `static readonly PARAMS = {...}`; the first construction of each class installs its setters
 * and getters on the prototype. Values are validated when they are set, so a typo or a bad value
 * fails at the line that made it.
 */
export abstract class WithParams {
  /** Parameter declarations of this class (subclasses spread their parent's in). */
  static readonly PARAMS: ParamDeclarations = {};

  /** Values set explicitly; defaults come from the declarations. */
  protected readonly paramValues = new Map<string, unknown>();
  /** Bumped on every change, so cached results know when they are stale. */
  protected paramsVersion = 0;

  constructor(params?: Record<string, unknown>) {
    installAccessors(new.target as unknown as ParamOwnerClass);
    if (params !== undefined && params !== null) {
      if (typeof params !== "object" || Array.isArray(params)) {
        throw new StreamlabError(`${new.target.name}: expected a parameter object such as { selectedCols: ["a"] }, got ${typeof params}.`);
      }
      for (const [name, value] of Object.entries(params)) this.set(name, value);
    }
    // Calling a misspelt accessor (`setFilPath`) from plain JS names the closest real one
    // instead of failing with "is not a function".
    return new Proxy(this, MISSPELT_ACCESSOR_TRAP);
  }

  /** How many times parameters (or inputs, model data) changed: lets derived results tell they are stale. */
  get changeCount(): number {
    return this.paramsVersion;
  }

  /** The declarations of this operator's class. */
  get paramSpecs(): ParamDeclarations {
    return (this.constructor as unknown as ParamOwnerClass).PARAMS;
  }

  /** Operator name used in messages. */
  get operatorName(): string {
    return this.constructor.name;
  }

  /** Sets a parameter by name (or alias); validates the value. */
  set(name: string, value: unknown): this {
    const canonical = this.resolveParamName(name);
    const spec = this.paramSpecs[canonical];
    const result = spec.check(value);
    if (!result.ok) {
      throw new StreamlabError(
        `${this.operatorName}.set${capitalize(canonical)}: "${canonical}" must be ${spec.describe()}; ${result.why.replace(/\.$/, "")}.`,
        { operator: this.operatorName, param: canonical },
      );
    }
    this.paramValues.set(canonical, result.value);
    this.paramsVersion++;
    return this;
  }

  /** Reads a parameter: the value set, else the default; a required parameter never set is an error. */
  get(name: string): unknown {
    const canonical = this.resolveParamName(name);
    if (this.paramValues.has(canonical)) return this.paramValues.get(canonical);
    const spec = this.paramSpecs[canonical];
    if (spec.defaultValue === undefined) {
      throw new StreamlabError(
        `${this.operatorName}: parameter "${canonical}" is required but was not set; call set${capitalize(canonical)}(…) ` +
          `with ${spec.describe()}.`,
        { operator: this.operatorName, param: canonical },
      );
    }
    return spec.defaultValue;
  }

  /** True when the parameter was set explicitly (not left at its default). */
  hasParam(name: string): boolean {
    return this.paramValues.has(this.resolveParamName(name));
  }

  /** Explicitly set parameters, in declaration order: what a notebook display or a saved model shows. */
  getParams(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const name of Object.keys(this.paramSpecs)) if (this.paramValues.has(name)) out[name] = this.paramValues.get(name);
    return out;
  }

  /**
   * Copies the parameters set on `other` that this holder also declares (a pipeline stage hands
   * its settings to the trainer and the model it makes). Returns this.
   */
  copyParamsFrom(other: WithParams, only?: readonly string[]): this {
    for (const [name, value] of other.paramValues) {
      if (name in this.paramSpecs && (only === undefined || only.includes(name))) this.set(name, value);
    }
    return this;
  }

  private resolveParamName(name: string): string {
    const specs = this.paramSpecs;
    if (typeof name === "string") {
      if (Object.prototype.hasOwnProperty.call(specs, name)) return name;
      for (const [canonical, spec] of Object.entries(specs)) {
        if (spec.aliases.includes(name)) return canonical;
      }
      const lower = name.toLowerCase();
      for (const canonical of Object.keys(specs)) if (canonical.toLowerCase() === lower) return canonical;
    }
    const names = Object.keys(specs);
    throw new StreamlabError(
      `${this.operatorName} has no parameter ${JSON.stringify(name)}.${didYouMean(String(name), names)} ` +
        (names.length ? `Valid parameters: ${names.join(", ")}.` : "It takes no parameters."),
      { operator: this.operatorName, param: String(name) },
    );
  }
}

interface ParamOwnerClass {
  readonly PARAMS: ParamDeclarations;
  readonly prototype: object;
  readonly name: string;
}

function installAccessors(cls: ParamOwnerClass): void {
  const proto = cls.prototype as Record<string | symbol, unknown>;
  if (Object.prototype.hasOwnProperty.call(proto, INSTALLED)) return;
  for (const name of Object.keys(cls.PARAMS)) {
    const setter = `set${capitalize(name)}`;
    const getter = `get${capitalize(name)}`;
    if (!Object.prototype.hasOwnProperty.call(proto, setter)) {
      Object.defineProperty(proto, setter, {
        value: function (this: WithParams, value: unknown) {
          return this.set(name, value);
        },
        configurable: true,
        writable: true,
      });
    }
    if (!Object.prototype.hasOwnProperty.call(proto, getter)) {
      Object.defineProperty(proto, getter, {
        value: function (this: WithParams) {
          return this.get(name);
        },
        configurable: true,
        writable: true,
      });
    }
  }
  Object.defineProperty(proto, INSTALLED, { value: true });
}

const MISSPELT_ACCESSOR_TRAP: ProxyHandler<WithParams> = {
  get(target, property, receiver) {
    if (typeof property === "string" && !(property in target)) {
      const match = /^(set|get)([A-Z]\w*)$/.exec(property);
      if (match !== null) {
        const wanted = match[2].charAt(0).toLowerCase() + match[2].slice(1);
        const names = Object.keys(target.paramSpecs);
        const hit = closest(wanted, names);
        if (hit !== undefined) {
          throw new StreamlabError(
            `${target.operatorName} has no parameter "${wanted}" (method ${property}). Did you mean ${match[1]}${capitalize(hit)}?`,
            { operator: target.operatorName, param: wanted },
          );
        }
      }
    }
    return Reflect.get(target, property, receiver);
  },
};

/** Describes one parameter for docs and the notebook display. */
export function describeParam(name: string, spec: ParamSpec<unknown>): string {
  const dflt = spec.defaultValue === undefined ? "required" : `default ${JSON.stringify(spec.defaultValue)}`;
  return `${name} (${spec.typeLabel}, ${dflt}): ${spec.doc}`;
}
