import { LogisticRegressionModel } from "../../classification/logisticRegression/LogisticRegressionModel";
import { LinearModelData } from "../../classification/linear/model";
import { labelToString } from "../../common/labels";
import { Mapper } from "../../common/mapper";
import { StreamlabError, quote } from "../../core/errors";
import { javaDoubleToString } from "../../core/javaFormat";
import { parseJavaJson } from "../../core/javaJson";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { isNumericType } from "../../core/types";
import { PipelineModel } from "../Pipeline";
import { META_DELIMITER, unpackPipeline } from "../packed";
import { firstNonFinite } from "../../onlinelearning/trainingRows/invalidRows";
import { LinearModelTableWriter } from "../../onlinelearning/ftrl/modelTableWriter";

/** The last-stage classes OnlineLearningStreamOp can train (Alink also has LinearSvm, LinearRegression, Fm*, Softmax). */
export const SUPPORTED_LAST_STAGES = ["LogisticRegressionModel"];

/**
 * One packed pipeline model as OnlineLearningStreamOp trains it (Alink's `ModelUpdater.loadPipelineModel`):
 * the feature stages (every stage but the last) as one mapper over the training data, the last
 * stage's linear model, where its features and label are in the mapped rows, and how to write a
 * packed model with new last-stage coefficients: the packed rows of the other stages (meta row
 * included) unchanged, then the last stage's model rows in its `p` columns — as Alink splices them.
 */
export class PipelineBase {
  private constructor(
    /** The packed table (`id, p0, …`). */
    readonly packed: Table,
    /** Feature stages over the training data (identity for a one-stage pipeline). */
    readonly features: Mapper,
    /** The last stage's model (coefficients: the starting point of training). */
    readonly model: LinearModelData,
    /** Index of the label column in the mapped rows. */
    readonly labelIndex: number,
    /** Index of the vector column in the mapped rows, or -1 with feature columns. */
    readonly vectorIndex: number,
    /** Indices of the numeric feature columns in the mapped rows (model with featureColNames), or null. */
    readonly featureIndices: number[] | null,
    /** Label texts of the positive and negative class (compared by text, as FtrlTrainStreamOp). */
    readonly positiveText: string,
    readonly negativeText: string,
    /** The packed rows of every stage but the last, in their order. */
    private readonly fixed: Table,
    /** The last stage's node index (its rows' id) and the `p` index of each of its model columns. */
    private readonly lastId: number,
    private readonly lastIndices: number[],
    private readonly writer: LinearModelTableWriter,
  ) {}

  /** The label column's name in the mapped rows. */
  get labelCol(): string {
    return this.features.outputSchema.names[this.labelIndex];
  }

  /** The vector column's name in the mapped rows (null with feature columns). */
  get vectorCol(): string | null {
    return this.vectorIndex < 0 ? null : this.features.outputSchema.names[this.vectorIndex];
  }

  /**
   * Reads a packed pipeline model for training on data of `dataSchema`; every problem is an error
   * naming `operator` and `what` (the initial model, or the model of a followed folder).
   */
  static load(packed: Table, dataSchema: Schema, operator: string, what: string): PipelineBase {
    const fail = (why: string, param?: string): never => {
      throw new StreamlabError(`${operator}: ${what} ${why}`, param === undefined ? { operator } : { operator, param });
    };
    let stages;
    try {
      stages = unpackPipeline(packed, `${operator}: ${what}`, { operator }).stages;
    } catch (error) {
      if (error instanceof StreamlabError && packed.schema.names.includes("model_info")) {
        throw new StreamlabError(
          `${error.message} It looks like the table of one model: pass a PipelineModel (e.g. new PipelineModel(lrModel)) or its save(); FtrlTrainStreamOp trains a bare LR model table.`,
          error.context,
        );
      }
      throw error;
    }
    if (stages.length === 0) fail("has no stages.");
    const last = stages[stages.length - 1];
    if (!(last instanceof LogisticRegressionModel)) {
      return fail(
        `ends with a ${last.operatorName} stage; online learning trains the pipeline's last stage, which must be one of ${SUPPORTED_LAST_STAGES.join(", ")}` +
          " (Alink also trains LinearSvm, LinearRegression, FM and Softmax models, which streamlab does not have yet).",
      );
    }
    const model = last.getLinearModelData();
    if (model.linearModelType !== "LR" || model.labelValues.length !== 2) fail(`ends with a ${model.linearModelType} model with ${model.labelValues.length} labels; expected a binary logistic-regression model.`);
    const k = firstNonFinite(model.coefVector, 0, model.coefVector.length);
    if (k >= 0) fail(`has a last stage whose coefficient ${k} is ${javaDoubleToString(model.coefVector[k])}; online learning needs finite coefficients to start from.`);

    const features = new PipelineModel(...stages.slice(0, -1)).createMapper(dataSchema);
    const mapped = features.outputSchema;
    const after = stages.length > 1 ? ` after the feature stages (${stages.slice(0, -1).map((s) => s.operatorName).join(", ")})` : "";
    const find = (name: string | null, role: string): number => {
      if (name === null) return fail(`has a last stage whose model does not name its ${role} column; it cannot be trained online.`);
      const i = mapped.indexOf(name);
      if (i < 0) fail(`has a last stage trained on ${role} column ${quote(name)}, but the training rows${after} have columns ${mapped.names.join(", ")}.`);
      return i;
    };
    const labelIndex = find(model.labelName, "label");
    let vectorIndex = -1;
    let featureIndices: number[] | null = null;
    if (model.featureNames !== null) {
      featureIndices = model.featureNames.map((name) => {
        const i = find(name, "feature");
        if (!isNumericType(mapped.types[i])) fail(`has a last stage with feature column ${quote(name)}, which is ${mapped.types[i]} in the training rows${after}; expected a number.`);
        return i;
      });
    } else {
      vectorIndex = find(model.vectorColName, "vector");
      const type = mapped.types[vectorIndex];
      if (type !== "VECTOR" && type !== "SPARSE_VECTOR" && type !== "DENSE_VECTOR" && type !== "STRING") {
        fail(`has a last stage trained on vector column ${quote(model.vectorColName!)}, which is ${type} in the training rows${after}; expected a vector.`);
      }
    }

    const { lastId, lastIndices } = lastNode(packed);
    const ids = packed.columns[0];
    const keep: number[] = [];
    for (let r = 0; r < packed.numRows; r++) if (ids.get(r) !== lastId) keep.push(r);
    return new PipelineBase(
      packed,
      features,
      model,
      labelIndex,
      vectorIndex,
      featureIndices,
      labelToString(model.labelValues[0], model.labelType),
      labelToString(model.labelValues[1], model.labelType),
      packed.take(keep),
      lastId,
      lastIndices,
      new LinearModelTableWriter(model),
    );
  }

  /** The packed pipeline model with these last-stage coefficients (intercept first when there is one). */
  packedWith(coefVector: Float64Array): Table {
    const lastTable = this.writer.write(coefVector);
    const width = this.packed.schema.size;
    const rows = lastTable.toRows().map((cells) => {
      const row: unknown[] = new Array(width).fill(null);
      row[0] = this.lastId;
      this.lastIndices.forEach((p, j) => (row[p + 1] = cells[j]));
      return row;
    });
    return Table.concat([this.fixed, Table.fromRows(rows, this.packed.schema, "OnlineLearningStreamOp")]);
  }
}

/** The last stage node of a packed table's meta row: its index (= its rows' id) and its `schemaIndices`. */
function lastNode(packed: Table): { lastId: number; lastIndices: number[] } {
  // unpackPipeline has checked the meta row and the nodes; only read them here.
  const ids = packed.columns[0];
  let meta = "";
  for (let r = 0; r < packed.numRows; r++) if (ids.get(r) === -1) meta = packed.columns[1].get(r) as string;
  const cut = meta.indexOf(META_DELIMITER);
  const outer = parseJavaJson(cut < 0 ? meta : meta.slice(0, cut)) as { stages: string };
  const nodes = parseJavaJson(outer.stages) as { schemaIndices: number[] | null }[];
  return { lastId: nodes.length - 1, lastIndices: nodes[nodes.length - 1].schemaIndices ?? [] };
}
