import { BooleanColumn, Column, NumberColumn, StringColumn, VectorColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { isNumericType } from "../../core/types";
import { Mapper } from "../../common/mapper";
import { ParamSource, snapshotParams } from "../../common/paramSnapshot";
import { ChunkPosition, describeNonFinite, rowContext, rowRef } from "../../common/rowPosition";
import { OutputColsHelper } from "../../common/outputCols";
import { indexOfName } from "../common/columns";
import { CsrWriter } from "../common/csrWriter";
import { javaStringOf, javaStringifier } from "../common/javaString";
import { featureSlot } from "./murmur3";
import { FEATURE_HASHER_PARAMS } from "./params";

/** Rows hashed per block: the categorical slots of a block are computed column by column first. */
const BLOCK = 1024;
/** Distinct values remembered per categorical column (later new values are hashed each time). */
const CACHE_LIMIT = 1 << 20;
const EMPTY_VALUES = new Float64Array(0);

interface NumericFeature {
  column: number;
  slot: number;
}

interface CategoricalFeature {
  column: number;
  /** `colName=` with the name as spelled in selectedCols (errata E17). */
  prefix: string;
  /** Slot per distinct value seen (string values, or numbers for numeric columns). */
  cache: Map<string | number, number>;
  /** For dictionary-coded columns: the dictionary and the slot per code (−1 = not hashed yet). */
  codeDictionary?: readonly string[];
  slotByCode?: Int32Array;
  /** For integer columns: the slot per small non-negative value (−1 = not hashed yet), read without a Map lookup. */
  slotBySmallInt?: Int32Array;
}

/** Integer category values below this are looked up in a table (`slotBySmallInt`) instead of the Map. */
const SMALL_INTS = 1024;

/**
 * Feature hashing (Alink `FeatureHasherMapper`), shared by FeatureHasherBatchOp, the
 * FeatureHasher stage and (later) the stream op.
 *
 * Numeric columns add their value at the slot of the column name; categorical columns
 * (`categoricalCols` plus every STRING or BOOLEAN column) add 1.0 at the slot of
 * `colName=value` (Java `toString` of the value: `true`, `2`, `1.0`). The slot is
 * `floorMod(abs(murmur3_32(key)), numFeatures)` over the key's UTF-16 code units; nulls are
 * skipped; collisions add up (numeric columns first, then categorical, each in selectedCols
 * order, as Alink sums them); the output is a sparse vector of size numFeatures with ascending
 * indices. A NaN or ±Infinity in a numeric column is an error naming the row and column (Alink
 * passes it into the vector).
 *
 * Speed: a numeric column's slot is fixed, so it is hashed once; a categorical column's slot is
 * cached per distinct value (CSV strings are interned, so the lookups are cheap); slots are
 * computed column by column per block of rows and written straight into the CSR arrays.
 */
export class FeatureHasherMapper implements Mapper {
  readonly outputSchema: Schema;
  private readonly helper: OutputColsHelper;
  private readonly numeric: NumericFeature[];
  private readonly categorical: CategoricalFeature[];
  private readonly numFeatures: number;
  /**
   * Per-call scratch that depends only on the schema, kept across calls so that a one-row chunk
   * (LocalPredictor) does not pay for building it each time: the numeric slots in merge order,
   * the numeric columns' value/null arrays of the current chunk, and a block of slots per
   * categorical column. map() is synchronous, so one set per mapper is enough.
   */
  private readonly numericSlots: Int32Array;
  private readonly numericValues: (Float64Array | Int32Array)[];
  private readonly numericNulls: (Uint8Array | null)[];
  private readonly blockSlots: Int32Array[];
  private readonly catSlots: Int32Array;
  /** The numeric values of a block of rows, row-major (see hashBlock). */
  private readonly numericBlock: Float64Array;

  constructor(dataSchema: Schema, source: ParamSource<typeof FEATURE_HASHER_PARAMS>, readonly operator: string) {
    const params = snapshotParams(FEATURE_HASHER_PARAMS, source);
    const selected = params.selectedCols;
    const categoricalParam = params.categoricalCols;
    this.numFeatures = params.numFeatures;
    for (const name of categoricalParam ?? []) {
      if (indexOfName(selected, name) < 0) {
        throw new StreamlabError(
          `${operator}: categoricalCols must be a subset of selectedCols, but ${quote(name)} is not selected (selectedCols: ${selected.join(", ")}).`,
          { operator, param: "categoricalCols", column: name },
        );
      }
    }
    const numeric: NumericFeature[] = [];
    this.categorical = [];
    for (const name of selected) {
      const column = dataSchema.require(name, { operator, param: "selectedCols" });
      const type = dataSchema.types[column];
      const listed = categoricalParam !== null && indexOfName(categoricalParam, name) >= 0;
      if (listed || type === "STRING" || type === "BOOLEAN") {
        // Every field present from the start: one object layout for all features (see codedSlots, categoricalSlots).
        this.categorical.push({ column, prefix: name + "=", cache: new Map(), codeDictionary: undefined, slotByCode: undefined, slotBySmallInt: undefined });
      } else if (isNumericType(type)) {
        numeric.push({ column, slot: featureSlot(name, this.numFeatures) });
      } else {
        throw new StreamlabError(
          `${operator}: column ${quote(name)} (parameter "selectedCols") is ${type}; FeatureHasher adds the value of numeric columns ` +
            "and hashes STRING and BOOLEAN columns as categories. List it in categoricalCols to hash its text as a category.",
          { operator, param: "selectedCols", column: name },
        );
      }
    }
    // Sorted by slot once (stable, so equal slots keep selectedCols order for the sums).
    this.numeric = numeric.map((f, i) => ({ f, i })).sort((a, b) => a.f.slot - b.f.slot || a.i - b.i).map(({ f }) => f);
    this.numericSlots = Int32Array.from(this.numeric, (f) => f.slot);
    this.numericValues = new Array(this.numeric.length);
    this.numericNulls = new Array(this.numeric.length);
    this.blockSlots = this.categorical.map(() => new Int32Array(BLOCK));
    this.catSlots = new Int32Array(Math.max(1, this.categorical.length));
    this.numericBlock = new Float64Array(BLOCK * this.numeric.length);
    this.helper = new OutputColsHelper(
      dataSchema,
      [params.outputCol],
      ["VECTOR"],
      params.reservedCols,
      operator,
    );
    this.outputSchema = this.helper.resultSchema;
  }

  /** Output-reuse mode (Mapper.reuseOutputs): the writer kept across calls. */
  private reuse = false;
  private writer: CsrWriter | null = null;

  reuseOutputs(): void {
    this.reuse = true;
    this.helper.reuseOutputs();
  }

  map(chunk: Table, at?: ChunkPosition): Table {
    this.checkNumericValues(chunk, at);
    return this.helper.combine(chunk, [this.hash(chunk)]);
  }

  /**
   * A numeric column's value is added to the vector as it is, so a NaN or ±Infinity would reach
   * the model unseen: it is an error naming the row and column (one typed-array pass per column;
   * integer columns cannot hold one). Nulls are skipped, as in Alink.
   */
  private checkNumericValues(chunk: Table, at: ChunkPosition | undefined): void {
    for (const feature of this.numeric) {
      const { values, nulls } = chunk.columns[feature.column] as NumberColumn;
      if (!(values instanceof Float64Array)) continue;
      // A one-row chunk checks its row directly (see hash() for why the loop stays out of that path).
      const bad = values.length === 1 ? (isFiniteOrNull(values, nulls, 0) ? -1 : 0) : firstNonFiniteRow(values, nulls);
      if (bad >= 0) {
        const name = chunk.schema.names[feature.column];
        const ref = rowRef(at, bad);
        throw new StreamlabError(
          `${this.operator}: ${ref.text}, column ${quote(name)} is ${describeNonFinite(values[bad])}; FeatureHasher adds numeric values to the vector, ` +
            "so they must be finite (filter the row or impute the value first; null values are skipped).",
          { operator: this.operator, column: name, ...rowContext(ref) },
        );
      }
    }
  }

  private hash(chunk: Table): VectorColumn {
    const n = chunk.numRows;
    const numNumeric = this.numeric.length;
    const numCategorical = this.categorical.length;
    const capacity = n * (numNumeric + numCategorical);
    let writer: CsrWriter;
    if (!this.reuse) writer = new CsrWriter(n, capacity);
    else if (this.writer !== null && this.writer.rowCapacity === n) (writer = this.writer).restart();
    else writer = this.writer = CsrWriter.reusable(n, capacity);

    const numeric = this.numeric;
    const numericValues = this.numericValues;
    const numericNulls = this.numericNulls;
    for (let m = 0; m < numNumeric; m++) {
      const column = chunk.columns[numeric[m].column] as NumberColumn;
      numericValues[m] = column.values;
      numericNulls[m] = column.nulls;
    }
    const slots = this.blockSlots;
    const categorical = this.categorical;
    if (n === 1) {
      // A one-row chunk calls the row function for its categorical slots directly: V8 compiles a loop that ran long (a
      // batch) "on stack", and a function that later enters that compiled loop once per call, as
      // a one-row chunk would, can stay several times slower than its normally compiled form.
      for (let j = 0; j < numCategorical; j++) slots[j][0] = this.categoricalSlotOfRow(chunk.columns[categorical[j].column], categorical[j], 0);
      this.hashBlock(writer, 0, 1);
    } else {
      for (let start = 0; start < n; start += BLOCK) {
        const end = Math.min(n, start + BLOCK);
        for (let j = 0; j < numCategorical; j++) this.categoricalSlots(chunk.columns[categorical[j].column], categorical[j], start, end, slots[j]);
        this.hashBlock(writer, start, end);
      }
    }
    // The scratch must not keep the chunk's columns alive after the call.
    numericValues.fill(EMPTY_VALUES);
    numericNulls.fill(null);
    return writer.build("VECTOR");
  }

  /**
   * Rows [start, end) of a chunk, with the per-row work in one loop: the block's numeric values are first copied
   * row-major into one Float64Array (null → NaN, which no numeric value can be: they are checked
   * finite), so the merge reads one array kind and tests no null masks.
   */
  private hashBlock(writer: CsrWriter, start: number, end: number): void {
    const numNumeric = this.numeric.length;
    const numCategorical = this.categorical.length;
    const numFeatures = this.numFeatures;
    const numericSlots = this.numericSlots;
    const block = this.numericBlock;
    for (let m = 0; m < numNumeric; m++) {
      const values = this.numericValues[m];
      const nulls = this.numericNulls[m];
      if (nulls === null) for (let r = start, k = m; r < end; r++, k += numNumeric) block[k] = values[r];
      else for (let r = start, k = m; r < end; r++, k += numNumeric) block[k] = nulls[r] === 1 ? NaN : values[r];
    }
    const slots = this.blockSlots;
    const catSlots = this.catSlots;
    const indices = writer.indices;
    const values = writer.values;
    let w = writer.entries;
    for (let r = start, base = 0; r < end; r++, base += numNumeric) {
      const rr = r - start;
      // The row's categorical slots, sorted (insertion sort; all their values are 1.0).
      let numCat = 0;
      for (let j = 0; j < numCategorical; j++) {
        const slot = slots[j][rr];
        if (slot < 0) continue;
        let p = numCat;
        while (p > 0 && catSlots[p - 1] > slot) {
          catSlots[p] = catSlots[p - 1];
          p--;
        }
        catSlots[p] = slot;
        numCat++;
      }
      // Merge with the numeric features (in slot order; numeric first on a tie). Collisions add up.
      const at = w;
      let m = 0;
      let c = 0;
      for (;;) {
        let slot: number;
        let value: number;
        if (m < numNumeric && (c >= numCat || numericSlots[m] <= catSlots[c])) {
          value = block[base + m];
          slot = numericSlots[m];
          m++;
          if (value !== value) continue; // null
        } else if (c < numCat) {
          slot = catSlots[c];
          value = 1.0;
          c++;
        } else break;
        if (w > at && indices[w - 1] === slot) values[w - 1] += value;
        else {
          indices[w] = slot;
          values[w] = value;
          w++;
        }
      }
      writer.endSparseRow(numFeatures, w);
    }
  }

  /** The slot of `colName=v` for a string value (cached per distinct value). */
  private slotOfString(feature: CategoricalFeature, v: string): number {
    let slot = feature.cache.get(v);
    if (slot === undefined) {
      slot = featureSlot(feature.prefix + v, this.numFeatures);
      if (feature.cache.size < CACHE_LIMIT) feature.cache.set(v, slot);
    }
    return slot;
  }

  /** The slot of `colName=<Java text of v>` for row r of a number column (cached by value; −0.0 prints differently from 0.0 in Java, so it bypasses the cache). */
  private slotOfNumber(feature: CategoricalFeature, column: Column, r: number, v: number): number {
    if (v === 0 && 1 / v < 0) return featureSlot(feature.prefix + javaStringOf(column, r), this.numFeatures);
    let slot = feature.cache.get(v);
    if (slot === undefined) {
      slot = featureSlot(feature.prefix + javaStringOf(column, r), this.numFeatures);
      if (feature.cache.size < CACHE_LIMIT) feature.cache.set(v, slot);
    }
    return slot;
  }

  /** Slot of row r of one categorical column (−1 for null), for one-row chunks. */
  private categoricalSlotOfRow(column: Column, feature: CategoricalFeature, r: number): number {
    if (column.isNull(r)) return -1;
    switch (column.kind) {
      case "string":
        return this.slotOfString(feature, column.values[r] as string);
      case "boolean":
        return featureSlot(feature.prefix + (column.values[r] === 1 ? "true" : "false"), this.numFeatures);
      case "number":
        return this.slotOfNumber(feature, column, r, column.values[r]);
      default:
        return this.slotOfString(feature, javaStringOf(column, r));
    }
  }

  /**
   * Slots of a dictionary-coded STRING column (a CSV stream source's): each distinct value is
   * hashed once, then rows look their slot up by code; rows without a code are read as text.
   */
  private codedSlots(
    column: StringColumn,
    coded: { codes: Int32Array; dictionary: readonly string[] },
    feature: CategoricalFeature,
    start: number,
    end: number,
    out: Int32Array,
  ): void {
    const { codes, dictionary } = coded;
    if (feature.codeDictionary !== dictionary || feature.slotByCode === undefined) {
      feature.codeDictionary = dictionary;
      feature.slotByCode = new Int32Array(Math.max(1024, dictionary.length)).fill(-1);
    }
    if (feature.slotByCode.length < dictionary.length) {
      const grown = new Int32Array(Math.max(dictionary.length, 2 * feature.slotByCode.length)).fill(-1);
      grown.set(feature.slotByCode);
      feature.slotByCode = grown;
    }
    const slots = feature.slotByCode;
    const numFeatures = this.numFeatures;
    for (let r = start; r < end; r++) {
      const code = codes[r];
      if (code >= 0) {
        let slot = slots[code];
        if (slot < 0) slot = slots[code] = featureSlot(feature.prefix + dictionary[code], numFeatures);
        out[r - start] = slot;
      } else {
        // Values the column's dictionary does not hold (rarely repeating ones) use the per-value cache.
        const text = column.origin!.text!(r);
        out[r - start] = text === null ? -1 : this.slotOfString(feature, text);
      }
    }
  }

  /** Slots of one categorical column for rows [start, end) into `out` (−1 for null). */
  private categoricalSlots(column: Column, feature: CategoricalFeature, start: number, end: number, out: Int32Array): void {
    const numFeatures = this.numFeatures;
    if (column.kind === "string") {
      const coded = (column as StringColumn).origin?.dictionaryCodes?.() ?? null;
      if (coded !== null) {
        this.codedSlots(column as StringColumn, coded, feature, start, end, out);
        return;
      }
      const vals = (column as StringColumn).values;
      for (let r = start; r < end; r++) {
        const v = vals[r];
        out[r - start] = v === null ? -1 : this.slotOfString(feature, v);
      }
      return;
    }
    if (column.kind === "boolean") {
      const { values: vals, nulls } = column as BooleanColumn;
      const yes = featureSlot(feature.prefix + "true", numFeatures);
      const no = featureSlot(feature.prefix + "false", numFeatures);
      for (let r = start; r < end; r++) out[r - start] = nulls !== null && nulls[r] === 1 ? -1 : vals[r] === 1 ? yes : no;
      return;
    }
    if (column.kind === "number") {
      const { values: vals, nulls } = column;
      if (vals instanceof Int32Array) {
        // Small codes (flags, positions, levels) are the common integer categories: a table beats the Map.
        const table = (feature.slotBySmallInt ??= new Int32Array(SMALL_INTS).fill(-1));
        for (let r = start; r < end; r++) {
          if (nulls !== null && nulls[r] === 1) out[r - start] = -1;
          else {
            const v = vals[r];
            if (v >>> 0 < SMALL_INTS) {
              let slot = table[v];
              if (slot < 0) slot = table[v] = this.slotOfNumber(feature, column, r, v);
              out[r - start] = slot;
            } else out[r - start] = this.slotOfNumber(feature, column, r, v);
          }
        }
        return;
      }
      for (let r = start; r < end; r++) out[r - start] = nulls !== null && nulls[r] === 1 ? -1 : this.slotOfNumber(feature, column, r, vals[r]);
      return;
    }
    const text = javaStringifier(column);
    for (let r = start; r < end; r++) out[r - start] = column.isNull(r) ? -1 : this.slotOfString(feature, text(r));
  }
}

/** Whether row r of a DOUBLE column is finite or null (a NaN or ±Infinity would reach the vector unseen). */
function isFiniteOrNull(values: Float64Array, nulls: Uint8Array | null, r: number): boolean {
  const v = values[r];
  return v - v === 0 || (nulls !== null && nulls[r] === 1);
}

/** The first row of a DOUBLE column holding NaN or ±Infinity (nulls skipped), or −1. */
function firstNonFiniteRow(values: Float64Array, nulls: Uint8Array | null): number {
  for (let r = 0; r < values.length; r++) if (!isFiniteOrNull(values, nulls, r)) return r;
  return -1;
}
