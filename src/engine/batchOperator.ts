import { StreamlabError, describeValue } from "../core/errors";
import { Schema } from "../core/schema";
import { Row, Table } from "../core/table";
import { TypeName } from "../core/types";
import { Param, ParamDeclarations } from "../params/param";
import { RandomSeedParam } from "../params/shared";
import { declareParams } from "../params/declareParams";
import { ParamAccessors, WithParams } from "../params/withParams";
import { displayPort } from "./display";
import { registerLazy, runLazy } from "./environment";
import { cycleError, findCycle } from "./graph";
import { bernoulliSampleRows, sampleRowsWithSize } from "./rowSampling";

/** How many inputs `linkFrom` takes: an exact count or an inclusive range. */
export type InputArity = number | readonly [min: number, max: number];

/** What a batch operator computes: its main table and any side tables. */
export interface BatchResult {
  output: Table;
  sideOutputs?: readonly Table[];
}

const BATCH_BRAND = Symbol.for("streamlab.BatchOperator");

/**
 * Base of all batch operators (Alink's `BatchOperator`).
 *
 * Operators form a lazy graph: `linkFrom` only records inputs; work happens when a trigger
 * (`collect`, `print`, `getOutputTable`, `BatchOperator.execute()` for lazy sinks) asks for a
 * result. Results are memoised per operator and recomputed only after a parameter or an input
 * changed, so `print()` followed by `collect()` reads the data once.
 *
 * A subclass declares `static PARAMS` and `static INPUTS`, implements `compute(inputs)` and,
 * where the output schema is known without data, `outputSchema(inputSchemas)` so links are
 * checked (missing columns, wrong types) at the line that made them.
 */
export abstract class BatchOperator extends WithParams {
  static override readonly PARAMS: ParamDeclarations = {};
  /** Number of inputs `linkFrom` accepts. Sources take 0. */
  static readonly INPUTS: InputArity = 1;

  protected inputs: BatchOperator[] = [];
  private evaluating = false;
  private memo:
    | { version: number; inputTables: readonly Table[]; result: BatchResult }
    | undefined;

  /** Brand check that survives two loaded copies of the library (a notebook after a rebuild). */
  static isBatchOperator(value: unknown): value is BatchOperator {
    return typeof value === "object" && value !== null && (value as Record<symbol, unknown>)[BATCH_BRAND] === true;
  }

  get [BATCH_BRAND](): boolean {
    return true;
  }

  /** Computes this operator's result from its inputs' tables. */
  protected abstract compute(inputs: readonly Table[]): Table | BatchResult;

  /** Output schema from the input schemas without touching data; undefined = unknown until computed. */
  protected outputSchema?(inputSchemas: readonly Schema[]): Schema;

  /** How many side outputs this operator produces (`getSideOutput(i)` checks against it). */
  getSideOutputCount(): number {
    return 0;
  }

  /** Sets this operator's inputs; returns this operator (Alink's `linkFrom`). */
  linkFrom(...inputs: BatchOperator[]): this {
    const arity = (this.constructor as typeof BatchOperator).INPUTS;
    const [min, max] = typeof arity === "number" ? [arity, arity] : arity;
    if (max === 0) {
      throw new StreamlabError(`${this.operatorName} is a source: source operators do not support linkFrom().`, {
        operator: this.operatorName,
      });
    }
    if (inputs.length < min || inputs.length > max) {
      const expected = min === max ? `${min}` : `${min} to ${max}`;
      throw new StreamlabError(
        `${this.operatorName}.linkFrom: expected ${expected} input${max === 1 ? "" : "s"}, got ${inputs.length}.`,
        { operator: this.operatorName },
      );
    }
    inputs.forEach((input, i) => {
      if (!BatchOperator.isBatchOperator(input)) {
        const what = input === null || input === undefined ? String(input) : (input as object).constructor?.name ?? typeof input;
        throw new StreamlabError(
          `${this.operatorName}.linkFrom: input ${i} must be a batch operator, got ${what}` +
            (what.endsWith("StreamOp") ? " (a stream operator cannot feed a batch operator)." : "."),
          { operator: this.operatorName },
        );
      }
    });
    const cycle = findCycle(this, inputs, (op) => op.inputs);
    if (cycle !== undefined) throw cycleError(this.operatorName, cycle, (op) => op.operatorName);
    this.inputs = inputs;
    this.paramsVersion++;
    this.checkLinkEarly();
    return this;
  }

  /** `a.link(b)` ≡ `b.linkFrom(a)`; returns `b` with its type, so chains read left to right. */
  link<T extends BatchOperator>(next: T): T {
    if (!BatchOperator.isBatchOperator(next)) {
      throw new StreamlabError(`${this.operatorName}.link: expected a batch operator to link to, got ${describeValue(next)}.`, {
        operator: this.operatorName,
      });
    }
    next.linkFrom(this);
    return next;
  }

  /** Alias of {@link link}. */
  linkTo<T extends BatchOperator>(next: T): T {
    return this.link(next);
  }

  /** The i-th side output as an operator (e.g. the rows `SplitBatchOp` did not select). */
  getSideOutput(index: number): BatchOperator {
    const count = this.getSideOutputCount();
    if (count === 0) {
      throw new StreamlabError(`${this.operatorName} has no side output.`, { operator: this.operatorName });
    }
    if (!Number.isInteger(index) || index < 0 || index >= count) {
      throw new StreamlabError(
        `${this.operatorName}.getSideOutput(${index}): index out of range, it has ${count} side output${count === 1 ? "" : "s"} (0..${count - 1}).`,
        { operator: this.operatorName },
      );
    }
    return new SideOutputBatchOp(this, index);
  }

  // ------------------------------------------------------------------ results

  /** @internal Computes (or reuses) this operator's full result. */
  evaluate(): BatchResult {
    // linkFrom refuses cycles; this guards graphs wired by other means (a subclass setting
    // `inputs`), which would otherwise end in a stack overflow.
    if (this.evaluating) {
      throw new StreamlabError(`${this.operatorName} reads its own output: the operator graph has a cycle through it.`, {
        operator: this.operatorName,
      });
    }
    this.evaluating = true;
    try {
      return this.evaluateOnce();
    } finally {
      this.evaluating = false;
    }
  }

  private evaluateOnce(): BatchResult {
    if (this.inputs.length === 0 && (this.constructor as typeof BatchOperator).INPUTS !== 0) {
      const arity = (this.constructor as typeof BatchOperator).INPUTS;
      const min = typeof arity === "number" ? arity : arity[0];
      if (min > 0) {
        throw new StreamlabError(`${this.operatorName} has no input: call linkFrom(...) or link it from another operator first.`, {
          operator: this.operatorName,
        });
      }
    }
    const inputTables = this.inputs.map((op) => op.getOutputTable());
    const memo = this.memo;
    const version = this.memoVersion();
    if (
      memo !== undefined &&
      memo.version === version &&
      memo.inputTables.length === inputTables.length &&
      memo.inputTables.every((t, i) => t === inputTables[i])
    ) {
      return memo.result;
    }
    const computed = this.compute(inputTables);
    const result: BatchResult = computed instanceof Table ? { output: computed } : computed;
    this.memo = { version, inputTables, result };
    return result;
  }

  /** What a memoised result depends on besides the inputs (parameters; subclasses may add more). */
  protected memoVersion(): number {
    return this.paramsVersion;
  }

  /** The computed output table (runs the graph up to here if needed). */
  getOutputTable(): Table {
    return this.evaluate().output;
  }

  getSchema(): Schema {
    return this.cheapSchema() ?? this.getOutputTable().schema;
  }

  getColNames(): string[] {
    return [...this.getSchema().names];
  }

  getColTypes(): TypeName[] {
    return [...this.getSchema().types];
  }

  /** @internal The output schema if it can be known without computing data. */
  cheapSchema(): Schema | undefined {
    if (this.outputSchema === undefined) return this.memo?.result.output.schema;
    const inputSchemas: Schema[] = [];
    for (const input of this.inputs) {
      const s = input.cheapSchema();
      if (s === undefined) return undefined;
      inputSchemas.push(s);
    }
    return this.outputSchema(inputSchemas);
  }

  private checkLinkEarly(): void {
    if (this.outputSchema !== undefined) this.cheapSchema();
  }

  // ------------------------------------------------------------------ triggers

  /** All rows, as arrays of values in column order. */
  collect(): Row[] {
    return this.getOutputTable().toRows();
  }

  /** Registers a callback that receives the rows on the next `BatchOperator.execute()`. */
  lazyCollect(callback: (rows: Row[]) => void): this {
    if (typeof callback !== "function") {
      throw new StreamlabError(`${this.operatorName}.lazyCollect: expected a callback receiving the rows, e.g. lazyCollect((rows) => ...), got ${describeValue(callback)}.`, {
        operator: this.operatorName,
      });
    }
    registerLazy(() => callback(this.collect()));
    return this;
  }

  /** Number of rows (computes the graph). */
  count(): number {
    return this.getOutputTable().numRows;
  }

  /**
   * Shows the rows: an HTML table in a notebook, an aligned text table elsewhere.
   * `n > 0` shows the first n rows; otherwise long tables show the first and last 10 rows
   * (Alink's rule for more than 21 rows).
   */
  print(n = 0, title?: string): void {
    checkPrintArgs(this.operatorName, "print", n, title);
    const table = this.getOutputTable();
    const shown = n > 0 ? table.slice(0, n) : table;
    const options = { title, footnote: this.printFootnote() };
    displayPort().showTable(shown, options);
  }

  /** Like {@link print}, run on the next `BatchOperator.execute()`. Returns this for chaining. */
  lazyPrint(n = 0, title?: string): this {
    checkPrintArgs(this.operatorName, "lazyPrint", n, title);
    registerLazy(() => this.print(n, title));
    return this;
  }

  /** A note shown under printed tables (e.g. skipped malformed lines); none by default. */
  protected printFootnote(): string | undefined {
    return undefined;
  }

  /** The first n rows, as an operator (Alink's `FirstNBatchOp`). */
  firstN(n: number): BatchOperator {
    return this.link(new FirstNBatchOp().setSize(n));
  }

  /** A Bernoulli sample of about `ratio` of the rows (seeded: same rows on every run). */
  sample(ratio: number, withReplacement = false, randomSeed = 0): BatchOperator {
    return this.link(new SampleBatchOp().setRatio(ratio).setWithReplacement(withReplacement).setRandomSeed(randomSeed));
  }

  /** Exactly `size` rows drawn at random (all rows if there are fewer). */
  sampleWithSize(size: number, withReplacement = false, randomSeed = 0): BatchOperator {
    return this.link(new SampleWithSizeBatchOp().setSize(size).setWithReplacement(withReplacement).setRandomSeed(randomSeed));
  }

  /** Runs everything registered with `lazyPrint`, `lazyCollect` and sinks. */
  static execute(): void {
    runLazy();
  }
}

/** `n` of print/lazyPrint must be an integer (≤ 0: the default truncation) and the title a string. */
function checkPrintArgs(operator: string, method: string, n: unknown, title: unknown): void {
  if (typeof n !== "number" || !Number.isSafeInteger(n)) {
    throw new StreamlabError(`${operator}.${method}(n): n must be an integer (the number of rows to show; 0 = first and last 10 of long tables), got ${describeValue(n)}.`, {
      operator,
    });
  }
  if (title !== undefined && title !== null && typeof title !== "string") {
    throw new StreamlabError(`${operator}.${method}(n, title): title must be a string, got ${describeValue(title)}.`, { operator });
  }
}

/** Picks side table `index` of another operator. */
class SideOutputBatchOp extends BatchOperator {
  static override readonly INPUTS = 1;

  constructor(parent: BatchOperator, private readonly index: number) {
    super();
    this.linkFrom(parent);
  }

  override get operatorName(): string {
    return `${this.inputs[0]?.operatorName}.getSideOutput(${this.index})`;
  }

  protected compute(): Table {
    const sides = this.inputs[0].evaluate().sideOutputs ?? [];
    const table = sides[this.index];
    if (table === undefined) {
      throw new StreamlabError(`${this.inputs[0].operatorName} produced no side output ${this.index}.`);
    }
    return table;
  }
}

// ---------------------------------------------------------------- the fluent helpers' operators
//
// `firstN`, `sample` and `sampleWithSize` return these. They live in this file because they extend
// BatchOperator and BatchOperator's methods create them: split into modules, each would import the
// other, and which class is defined first would depend on which module a program imports first.
// The sampling itself is in ./rowSampling (plain functions of row count and settings).

const FIRST_N_PARAMS = {
  size: Param.int({ doc: "Number of rows to keep from the start of the input.", min: 0 }),
};

export interface FirstNBatchOp extends ParamAccessors<FirstNBatchOp, typeof FIRST_N_PARAMS> {}

/** What the helpers' operators share: the output has the input's schema, `rowsOf` picks the rows. */
abstract class RowSubsetBatchOp extends BatchOperator {
  protected override outputSchema([input]: readonly Schema[]): Schema {
    return input;
  }

  protected compute([input]: readonly Table[]): Table {
    return this.rowsOf(input);
  }

  protected abstract rowsOf(input: Table): Table;
}

/** The first `size` rows of its input (Alink's `FirstNBatchOp`, used by `firstN(n)`). */
export class FirstNBatchOp extends declareParams(RowSubsetBatchOp, FIRST_N_PARAMS) {
  protected rowsOf(input: Table): Table {
    return input.slice(0, this.getSize());
  }
}

const SAMPLE_PARAMS = {
  ratio: Param.double({ doc: "Expected fraction of rows kept (each row independently), in [0, 1].", min: 0, max: 1 }),
  withReplacement: Param.bool({
    doc: "Draw with replacement: each row appears a Poisson(ratio)-distributed number of times.",
    default: false,
  }),
  ...RandomSeedParam,
};

export interface SampleBatchOp extends ParamAccessors<SampleBatchOp, typeof SAMPLE_PARAMS> {}

/** A random sample of about `ratio` of the rows, in input order (Alink's `SampleBatchOp`). */
export class SampleBatchOp extends declareParams(RowSubsetBatchOp, SAMPLE_PARAMS) {
  protected rowsOf(input: Table): Table {
    return input.take(bernoulliSampleRows(input.numRows, this.getRatio(), this.getWithReplacement(), this.getRandomSeed()));
  }
}

const SAMPLE_WITH_SIZE_PARAMS = {
  size: Param.int({ doc: "Number of rows to draw (all rows when the input has fewer and no replacement).", min: 0 }),
  withReplacement: Param.bool({ doc: "Draw with replacement (rows may repeat).", default: false }),
  ...RandomSeedParam,
};

export interface SampleWithSizeBatchOp extends ParamAccessors<SampleWithSizeBatchOp, typeof SAMPLE_WITH_SIZE_PARAMS> {}

/** Exactly `size` random rows, kept in input order (Alink's `SampleWithSizeBatchOp`). */
export class SampleWithSizeBatchOp extends declareParams(RowSubsetBatchOp, SAMPLE_WITH_SIZE_PARAMS) {
  protected rowsOf(input: Table): Table {
    const rows = sampleRowsWithSize(input.numRows, this.getSize(), this.getWithReplacement(), this.getRandomSeed());
    return rows === undefined ? input : input.take(rows);
  }
}
