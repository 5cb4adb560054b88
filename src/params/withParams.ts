import { StreamlabError, describeValue } from "../core/errors";
import { closest, didYouMean } from "../core/suggest";
import { ParamDeclarations, ParamSpec, ParamValue } from "./param";
import { showParamTable } from "./paramTable";

/** `{ filePath?: string, ... }`: the object form accepted by constructors (PyAlink's keyword args). */
export type ParamInit<P> = { -readonly [K in keyof P]?: ParamValue<P[K]> };

/**
 * Typed fluent accessors derived from a declaration: `setFilePath(v): Self`, `getFilePath(): string`.
 * An operator class merges this into its instance type with an interface of the same name:
 *
 * ```ts fragment
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
      // Only plain objects: a table, an operator or an array passed where parameters go would
      // otherwise have its own fields read as parameter names.
      const proto = typeof params === "object" ? Object.getPrototypeOf(params) : undefined;
      if (proto !== Object.prototype && proto !== null) {
        const got = typeof params !== "object" ? `${typeof params} ${String(params)}` : Array.isArray(params) ? "an array" : `a ${proto?.constructor?.name ?? "non-plain object"}`;
        throw new StreamlabError(`${new.target.name}: expected a parameter object such as { selectedCols: ["a"] }, got ${got}.`, {
          operator: new.target.name,
        });
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
   * Shows every parameter of this operator or stage — name, type, default, current value and doc —
   * as an HTML table in a notebook and as text elsewhere.
   */
  showParams(): void {
    showParamTable(this.operatorName, this.paramSpecs, (name) => (this.paramValues.has(name) ? { value: this.paramValues.get(name) } : undefined));
  }

  /** Shows the parameters a class declares (name, type, default, doc) without making one: `CsvSourceBatchOp.params()`. */
  static params(this: { readonly PARAMS: ParamDeclarations; readonly name: string }): void {
    showParamTable(this.name, this.PARAMS);
  }

  /**
   * Copies the parameters set on `other` that this holder also declares (a pipeline stage hands
   * its settings to the trainer and the model it makes). Returns this.
   */
  copyParamsFrom(other: WithParams, only?: readonly string[]): this {
    if (!(other instanceof WithParams)) {
      throw new StreamlabError(`${this.operatorName}.copyParamsFrom: expected an operator or a pipeline stage, got ${describeValue(other)}.`, {
        operator: this.operatorName,
      });
    }
    for (const [name, value] of other.paramValues) {
      if (name in this.paramSpecs && (only === undefined || only.includes(name))) this.set(name, value);
    }
    return this;
  }

  private resolveParamName(name: string): string {
    const canonical = typeof name === "string" ? findParamName(this.paramSpecs, name) : undefined;
    if (canonical !== undefined) return canonical;
    const names = Object.keys(this.paramSpecs);
    throw new StreamlabError(
      `${this.operatorName} has no parameter ${JSON.stringify(name) ?? String(name)}.${didYouMean(String(name), names)} ${validParamsText(names)}`,
      { operator: this.operatorName, param: String(name) },
    );
  }
}

/** The declared name `name` stands for: itself, an alias, or the same name in other letter case. */
function findParamName(specs: ParamDeclarations, name: string): string | undefined {
  if (Object.prototype.hasOwnProperty.call(specs, name)) return name;
  for (const [canonical, spec] of Object.entries(specs)) {
    if (spec.aliases.includes(name)) return canonical;
  }
  const lower = name.toLowerCase();
  for (const canonical of Object.keys(specs)) if (canonical.toLowerCase() === lower) return canonical;
  return undefined;
}

function validParamsText(names: readonly string[]): string {
  return names.length ? `Valid parameters: ${names.join(", ")}.` : "It takes no parameters.";
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

/**
 * Calling an accessor that does not exist (`setFilPath`, `setFooBarBaz`) from plain JS or a
 * notebook would fail with a bare "is not a function". Any missing `setXxx`/`getXxx` instead
 * names the operator, the parameter it was taken for, the closest real one and the valid ones;
 * an alias (`setSelectedColNames`) reaches its parameter's accessor. Only reads of missing
 * properties come here, so the cost is nil on real methods; `"setX" in op` stays false.
 */
const MISSPELT_ACCESSOR_TRAP: ProxyHandler<WithParams> = {
  get(target, property, receiver) {
    if (typeof property === "string" && !(property in target)) {
      const match = /^(set|get)([A-Z]\w*)$/.exec(property);
      if (match !== null) {
        const [, kind, rest] = match;
        const wanted = rest.charAt(0).toLowerCase() + rest.slice(1);
        const specs = target.paramSpecs;
        const alias = findAlias(specs, wanted);
        if (alias !== undefined) return Reflect.get(target, `${kind}${capitalize(alias)}`, receiver);
        const names = Object.keys(specs);
        const hit = closest(wanted, names);
        throw new StreamlabError(
          `${target.operatorName} has no parameter "${wanted}" (method ${property}).` +
            (hit !== undefined ? ` Did you mean ${kind}${capitalize(hit)}?` : "") +
            ` ${validParamsText(names)}`,
          { operator: target.operatorName, param: wanted },
        );
      }
    }
    return Reflect.get(target, property, receiver);
  },
};

/** The parameter `name` is an alias of (exactly as declared), if any. */
function findAlias(specs: ParamDeclarations, name: string): string | undefined {
  for (const [canonical, spec] of Object.entries(specs)) if (spec.aliases.includes(name)) return canonical;
  return undefined;
}

/** Describes one parameter for docs and the notebook display. */
export function describeParam(name: string, spec: ParamSpec<unknown>): string {
  const dflt = spec.defaultValue === undefined ? "required" : `default ${JSON.stringify(spec.defaultValue)}`;
  return `${name} (${spec.typeLabel}, ${dflt}): ${spec.doc}`;
}
