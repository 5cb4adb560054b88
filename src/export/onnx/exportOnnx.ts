import * as fs from "fs";
import * as path from "path";
import { StreamlabError, describeValue, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { isIntegerType, isNumericType } from "../../core/types";
import { snapshotParams } from "../../common/paramSnapshot";
import { LINEAR_PREDICT_PARAMS } from "../../classification/linear/params";
import { LogisticRegressionModel } from "../../classification/logisticRegression/LogisticRegressionModel";
import { MinMaxScalerModel } from "../../feature/minMaxScaler/MinMaxScalerModel";
import { minMaxScalerModelFromTable } from "../../feature/minMaxScaler/model";
import { OneHotEncoderModel } from "../../feature/oneHot/OneHotEncoderModel";
import { NULL_RESULT, OneHotModelMapper, THROW } from "../../feature/oneHot/mapper";
import { StandardScalerModel } from "../../feature/standardScaler/StandardScalerModel";
import { standardScalerModelFromTable } from "../../feature/standardScaler/model";
import { VectorAssembler } from "../../feature/vectorAssembler/VectorAssembler";
import { FeatureHasher } from "../../feature/hasher/FeatureHasher";
import { FEATURE_HASHER_PARAMS } from "../../feature/hasher/params";
import { featureSlot } from "../../feature/hasher/murmur3";
import { SCALER_MAPPER_PARAMS } from "../../feature/common/columnScalerMapper";
import { ONE_HOT_PREDICT_PARAMS } from "../../feature/oneHot/params";
import { VECTOR_ASSEMBLER_PARAMS } from "../../feature/vectorAssembler/params";
import { PipelineModel } from "../../pipeline/Pipeline";
import { ColumnTensor, GraphBuilder, attr } from "./graphBuilder";

/** Options of {@link exportOnnx}. */
export interface OnnxExportOptions {
  /** Schema of the rows the pipeline is applied to; default: the schema it was fitted on (`trainingDataSchema`). */
  inputSchema?: string;
  /** Replace an existing file (default false). */
  overwrite?: boolean;
}

/** What an export wrote: the graph's inputs and outputs, in order. */
export interface OnnxExportReport {
  file: string;
  inputs: { name: string; type: "double" | "string" }[];
  /** Graph outputs: `column` is the pipeline column; `name` the ONNX name (`<column>_out` where the column is also an input, as for in-place scaling). */
  outputs: { name: string; column: string; type: "double" | "int64" | "string"; width: number }[];
  /** Per detail output, its columns' labels (the probability of each label, in this order). */
  labels: Record<string, string[]>;
}

type Stage = ReturnType<PipelineModel["getStages"]>[number];

/**
 * Writes a fitted pipeline as an ONNX model (opset 17 + ai.onnx.ml 3), so it can be served by
 * any ONNX runtime. Expressible stages: StandardScalerModel, MinMaxScalerModel, OneHotEncoderModel
 * (handleInvalid KEEP; STRING or integer columns), VectorAssembler, FeatureHasher over numeric
 * columns only (their slots are fixed: the hash of the column name) and LogisticRegressionModel;
 * any other stage — a FeatureHasher with categorical columns among them (MurmurHash3 of
 * "column=value" texts has no ONNX operator) — is an error naming the stage and why.
 *
 * The graph has one input per input column a stage reads — numbers as `[N, 1]` float64 (integer
 * columns too), strings as `[N, 1]` string — and one output per column the stages produce:
 * scaled columns `[N, 1]`, one-hot and assembled vectors dense `[N, size]`, the prediction `[N, 1]`
 * (int64, string or float64 like the label) and the prediction detail as `[N, 2]` probabilities in
 * the model's label order (also in the model's metadata, `labels:<column>`). ONNX tensors have no
 * nulls: rows with nulls are outside what the file can express (streamlab's own predictors keep
 * Alink's null handling).
 */
export function exportOnnx(model: PipelineModel, filePath: string, options: OnnxExportOptions = {}): OnnxExportReport {
  const where = "exportOnnx";
  if (!(model instanceof PipelineModel)) throw new StreamlabError(`${where}: expected a fitted PipelineModel, got ${describeValue(model)}.`);
  if (typeof filePath !== "string" || filePath === "") throw new StreamlabError(`${where}: expected the path of the .onnx file to write, got ${describeValue(filePath)}.`);
  const schemaText = options.inputSchema ?? model.trainingDataSchema;
  if (schemaText === null || schemaText === undefined) {
    throw new StreamlabError(`${where}: the pipeline's input schema is unknown (it was not fitted here); pass { inputSchema: "col type, ..." }.`, { param: "inputSchema" });
  }
  const target = path.resolve(filePath);
  if (fs.existsSync(target) && !options.overwrite) throw new StreamlabError(`${where}: ${target} exists; pass { overwrite: true } to replace it.`, { file: target });

  const graph = new GraphBuilder();
  const inputSchema = Schema.parse(schemaText);
  const columns = new Map<string, ColumnTensor>();
  const report: OnnxExportReport = { file: target, inputs: [], outputs: [], labels: {} };
  /** The tensor of a column; input columns become graph inputs when first read. */
  const read = (name: string, stage: string): ColumnTensor => {
    const existing = columns.get(name);
    if (existing !== undefined) return existing;
    const index = inputSchema.indexOf(name);
    if (index < 0) throw new StreamlabError(`${where}: ${stage} reads column ${quote(name)}, which is not in the input schema ${inputSchema}.`, { column: name });
    const type = inputSchema.types[index];
    let tensor: ColumnTensor;
    if (isNumericType(type)) tensor = graph.input(name, "number");
    else if (type === "STRING") tensor = graph.input(name, "string");
    else throw new StreamlabError(`${where}: ${stage} reads column ${quote(name)} of type ${type}; ONNX inputs here are numbers or strings (vector-typed input columns cannot be expressed).`, { column: name });
    report.inputs.push({ name, type: tensor.kind === "string" ? "string" : "double" });
    columns.set(name, tensor);
    return tensor;
  };
  const produced: string[] = [];
  const write = (name: string, tensor: ColumnTensor) => {
    columns.set(name, tensor);
    if (!produced.includes(name)) produced.push(name);
  };

  let schema = inputSchema;
  model.getStages().forEach((stage, i) => {
    const named = `stage ${i} (${stage.operatorName})`;
    const mapper = stage.createMapper(schema); // checks the stage against the data as every predictor does
    try {
      convertStage(stage, schema, { graph, read: (n) => read(n, named), write, report, named });
    } catch (error) {
      if (!(error instanceof StreamlabError)) throw error;
      throw new StreamlabError(`${where}: ${error.message}`, { ...error.context, operator: stage.operatorName });
    }
    schema = mapper.outputSchema;
  });
  // Outputs: every produced column still in the final schema, in schema order.
  for (const name of schema.names) {
    if (!produced.includes(name)) continue;
    const tensor = columns.get(name)!;
    // ONNX names are unique across a graph: a column scaled in place keeps its input name for the input.
    const outputName = report.inputs.some((i) => i.name === name) ? `${name}_out` : name;
    graph.output(tensor, outputName);
    report.outputs.push({ name: outputName, column: name, type: tensor.kind === "string" ? "string" : tensor.kind === "int64" ? "int64" : "double", width: tensor.width });
  }
  if (report.outputs.length === 0) throw new StreamlabError(`${where}: the pipeline produces no column an ONNX graph would output.`);
  const metadata: Record<string, string> = { inputSchema: inputSchema.toString() };
  for (const [col, labels] of Object.entries(report.labels)) metadata[`labels:${col}`] = JSON.stringify(labels);
  const bytes = graph.encode(`streamlab pipeline: ${model.getStages().map((s) => s.operatorName).join(" → ")}`, metadata);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, bytes);
  return report;
}

interface StageContext {
  graph: GraphBuilder;
  read(name: string): ColumnTensor;
  write(name: string, tensor: ColumnTensor): void;
  report: OnnxExportReport;
  named: string;
}

/** A scaler's output columns: outputCols, or the selected columns in place. */
function outputNames(stage: StandardScalerModel | MinMaxScalerModel, selected: readonly string[]): readonly string[] {
  const { outputCols } = snapshotParams(SCALER_MAPPER_PARAMS, stage);
  return outputCols === null || outputCols.length === 0 ? selected : outputCols;
}

function number(name: string): ColumnTensor {
  return { name, kind: "number", width: 1 };
}

function convertStage(stage: Stage, schema: Schema, ctx: StageContext): void {
  const { graph } = ctx;
  if (stage instanceof StandardScalerModel) {
    const model = standardScalerModelFromTable(stage.getModelData(), stage.operatorName);
    const outputs = outputNames(stage, model.selectedCols);
    model.selectedCols.forEach((col, k) => {
      const x = numberInput(ctx, col);
      const std = model.stds[k];
      // The mapper's arithmetic, step for step: (v − mean) / std, or 0 when std is 0.
      const y =
        std > 0
          ? graph.node("Div", [graph.node("Sub", [x.name, graph.doubles("mean", [model.means[k]], [])]), graph.doubles("std", [std], [])])
          : graph.node("Mul", [x.name, graph.doubles("zero", [0], [])]);
      ctx.write(outputs[k], number(y));
    });
    return;
  }
  if (stage instanceof MinMaxScalerModel) {
    const model = minMaxScalerModelFromTable(stage.getModelData(), stage.operatorName);
    const outputs = outputNames(stage, model.selectedCols);
    model.selectedCols.forEach((col, k) => {
      const x = numberInput(ctx, col);
      const eMin = model.eMins[k];
      const eMax = model.eMaxs[k];
      let y: string;
      if (eMin !== eMax && eMin === eMin && eMax === eMax) {
        const scaled = graph.node("Div", [graph.node("Sub", [x.name, graph.doubles("eMin", [eMin], [])]), graph.doubles("range", [eMax - eMin], [])]);
        y = graph.node("Add", [graph.node("Mul", [scaled, graph.doubles("span", [model.max - model.min], [])]), graph.doubles("min", [model.min], [])]);
      } else {
        y = graph.node("Add", [graph.node("Mul", [x.name, graph.doubles("zero", [0], [])]), graph.doubles("mid", [0.5 * (model.max + model.min)], [])]);
      }
      ctx.write(outputs[k], number(y));
    });
    return;
  }
  if (stage instanceof OneHotEncoderModel) {
    convertOneHot(stage, schema, ctx);
    return;
  }
  if (stage instanceof VectorAssembler) {
    const { selectedCols: selected, outputCol } = snapshotParams(VECTOR_ASSEMBLER_PARAMS, stage);
    const parts = selected.map((col) => {
      const t = ctx.read(col);
      if (t.kind === "string") throw new StreamlabError(`${ctx.named}: column ${quote(col)} is a vector string; ONNX cannot parse vector texts.`, { column: col });
      return t.kind === "int64" ? graph.node("Cast", [t.name], { attributes: [attr.int("to", 11)] }) : t.name;
    });
    const width = selected.reduce((w, col) => w + ctx.read(col).width, 0);
    const out = parts.length === 1 ? graph.node("Identity", parts) : graph.node("Concat", parts, { attributes: [attr.int("axis", 1)] });
    ctx.write(outputCol, { name: out, kind: "vector", width });
    return;
  }
  if (stage instanceof LogisticRegressionModel) {
    convertLogisticRegression(stage, ctx);
    return;
  }
  if (stage instanceof FeatureHasher) {
    convertFeatureHasher(stage, schema, ctx);
    return;
  }
  throw new StreamlabError(
    `${ctx.named} cannot be exported to ONNX: streamlab exports StandardScaler, MinMaxScaler, OneHotEncoder, VectorAssembler, FeatureHasher (numeric columns) and LogisticRegression models.`,
  );
}

function numberInput(ctx: StageContext, col: string): ColumnTensor {
  const t = ctx.read(col);
  if (t.kind === "number") return t;
  if (t.kind === "int64") return { name: ctx.graph.node("Cast", [t.name], { attributes: [attr.int("to", 11)] }), kind: "number", width: 1 };
  throw new StreamlabError(`${ctx.named}: column ${quote(col)} is not a number column in the ONNX graph.`, { column: col });
}

/**
 * FeatureHasher over numeric columns: each column adds its value at a slot fixed by its name, so
 * the graph scatters the values into `[N, numFeatures]` (collisions add up, as in the mapper).
 * A categorical column's slot depends on the row's text ("column=value" through MurmurHash3 over
 * UTF-16 code units), which no ONNX operator computes: that is the error.
 */
function convertFeatureHasher(stage: FeatureHasher, schema: Schema, ctx: StageContext): void {
  const { graph } = ctx;
  const params = snapshotParams(FEATURE_HASHER_PARAMS, stage);
  const listed = new Set(params.categoricalCols ?? []);
  const categorical = params.selectedCols.filter((col) => {
    const type = schema.types[schema.indexOf(col)];
    return listed.has(col) || type === "STRING" || type === "BOOLEAN";
  });
  if (categorical.length > 0) {
    throw new StreamlabError(
      `${ctx.named} cannot be expressed in ONNX: it hashes "column=value" texts of its categorical columns (${categorical.map((c) => quote(c)).join(", ")}) with MurmurHash3, ` +
        "for which ONNX has no operator (only a FeatureHasher over numeric columns, whose slots are fixed, is exported). " +
        "Encode categorical columns with OneHotEncoder for an ONNX export, or serve this pipeline with LocalPredictor / `streamlab serve`.",
      { param: "categoricalCols" },
    );
  }
  const width = params.numFeatures;
  const values = graph.node("Concat", params.selectedCols.map((col) => numberInput(ctx, col).name), { attributes: [attr.int("axis", 1)] });
  const slots = params.selectedCols.map((col) => featureSlot(col, width));
  // zeros [N, numFeatures] (ConstantOfShape, so the file does not hold numFeatures zeros), then values added at their slots.
  const rows = graph.node("Shape", [values], { attributes: [attr.int("start", 0), attr.int("end", 1)] });
  const shape = graph.node("Concat", [rows, graph.int64s("numFeatures", [width], [1])], { attributes: [attr.int("axis", 0)] });
  const zeros = graph.node("ConstantOfShape", [shape], { attributes: [attr.doubleTensor("value", 0)] });
  const indices = graph.node("Expand", [graph.int64s("slots", slots, [1, slots.length]), graph.node("Shape", [values])]);
  const out = graph.node("ScatterElements", [zeros, indices, values], { attributes: [attr.int("axis", 1), attr.string("reduction", "add")] });
  ctx.write(params.outputCol, { name: out, kind: "vector", width });
}

function convertOneHot(stage: OneHotEncoderModel, schema: Schema, ctx: StageContext): void {
  const { graph } = ctx;
  const params = snapshotParams(ONE_HOT_PREDICT_PARAMS, stage);
  const mapper = stage.createMapper(schema) as OneHotModelMapper;
  const { plans, encode, dropLast, inputIndices } = mapper.describe();
  const blocks = plans.map((plan, k) => {
    const colName = schema.names[inputIndices[k]];
    const type = schema.types[inputIndices[k]];
    if (plan.unseenIndex === THROW || plan.unseenIndex === NULL_RESULT) {
      throw new StreamlabError(
        `${ctx.named}: handleInvalid ${params.handleInvalid} cannot be expressed in ONNX (an unseen token must map to a slot, not to an error or a null output); use KEEP.`,
        { param: "handleInvalid" },
      );
    }
    const input = ctx.read(colName);
    let text: string;
    if (type === "STRING") text = input.name;
    else if (isIntegerType(type)) {
      // Integer tokens are their decimal text ("7"), as Java prints them.
      const asInt = graph.node("Cast", [input.name], { attributes: [attr.int("to", 7)] });
      text = graph.node("Cast", [asInt], { attributes: [attr.int("to", 8)] });
    } else {
      throw new StreamlabError(`${ctx.named}: column ${quote(colName)} is ${type}; ONNX export one-hot encodes STRING and integer columns only (the token texts of ${type} values follow Java's formatting).`, {
        column: colName,
      });
    }
    const tokens = [...plan.tokens.keys()];
    const index = graph.node("LabelEncoder", [text], {
      domain: "ai.onnx.ml",
      attributes: [attr.strings("keys_strings", tokens), attr.ints("values_int64s", tokens.map((t) => plan.tokens.get(t)!)), attr.int("default_int64", plan.unseenIndex)],
    });
    if (encode === "INDEX") return { index, width: 1, isIndex: true };
    // One-hot over the raw slots, then (dropLast) the slot of the last token index left out.
    // ONNX Runtime's OneHot has float, not double, values: 0 and 1 convert exactly.
    const hot = graph.node("OneHot", [index, graph.int64s("depth", [plan.vectorSize], []), graph.floats("offOn", [0, 1], [2])], { attributes: [attr.int("axis", -1)] });
    const hotDoubles = graph.node("Cast", [hot], { attributes: [attr.int("to", 11)] });
    let dense = graph.node("Reshape", [hotDoubles, graph.int64s("shape", [-1, plan.vectorSize], [2])]);
    if (dropLast) {
      const keep = Array.from({ length: plan.vectorSize }, (_, s) => s).filter((s) => s !== plan.maxIdx);
      dense = graph.node("Gather", [dense, graph.int64s("keep", keep, [keep.length])], { attributes: [attr.int("axis", 1)] });
    }
    return { index: dense, width: plan.outputSize, isIndex: false };
  });
  const outputs = params.outputCols ?? [];
  if (encode === "ASSEMBLED_VECTOR") {
    const width = blocks.reduce((w, b) => w + b.width, 0);
    const out = blocks.length === 1 ? blocks[0].index : graph.node("Concat", blocks.map((b) => b.index), { attributes: [attr.int("axis", 1)] });
    ctx.write(outputs[0], { name: out, kind: "vector", width });
    return;
  }
  const names = outputs.length === 0 ? plans.map((p) => p.name) : outputs;
  blocks.forEach((b, k) => ctx.write(names[k], b.isIndex ? { name: b.index, kind: "int64", width: 1 } : { name: b.index, kind: "vector", width: b.width }));
}

function convertLogisticRegression(stage: LogisticRegressionModel, ctx: StageContext): void {
  const { graph } = ctx;
  const model = stage.getLinearModelData();
  const { vectorCol, predictionCol, predictionDetailCol: detailCol } = snapshotParams(LINEAR_PREDICT_PARAMS, stage);
  // Feature source as in the mapper: param vectorCol > model feature names > model vectorCol.
  let features: string;
  let width: number;
  if (vectorCol !== null || model.featureNames === null) {
    const col = vectorCol ?? model.vectorColName;
    if (col === null) throw new StreamlabError(`${ctx.named}: the model names neither feature columns nor a vector column; set vectorCol.`, { param: "vectorCol" });
    const t = ctx.read(col);
    if (t.kind !== "vector") throw new StreamlabError(`${ctx.named}: column ${quote(col)} is not a vector the graph computes (vector input columns cannot be expressed).`, { column: col });
    features = t.name;
    width = t.width;
  } else {
    const parts = model.featureNames.map((n) => numberInput(ctx, n).name);
    features = parts.length === 1 ? parts[0] : graph.node("Concat", parts, { attributes: [attr.int("axis", 1)] });
    width = parts.length;
  }
  const offset = model.hasInterceptItem ? 1 : 0;
  if (width !== model.vectorSize) {
    throw new StreamlabError(`${ctx.named}: the features have ${width} slots but the model has vectorSize ${model.vectorSize}.`);
  }
  const weights = Array.from(model.coefVector.subarray(offset));
  let dot = graph.node("MatMul", [features, graph.doubles("coef", weights, [weights.length, 1])]);
  if (offset === 1) dot = graph.node("Add", [graph.doubles("intercept", [model.coefVector[0]], [1]), dot]);
  const labels = model.labelValues;
  const labelType = model.labelType;
  // prediction = labels[0] if dot ≥ 0 else labels[1]
  const cond = graph.node("GreaterOrEqual", [dot, graph.doubles("zero", [0], [])]);
  let labelTensors: [string, string];
  let kind: ColumnTensor["kind"];
  if (labelType === "STRING") {
    labelTensors = [graph.strings("label0", [String(labels[0])], []), graph.strings("label1", [String(labels[1])], [])];
    kind = "string";
  } else if (isIntegerType(labelType)) {
    labelTensors = [graph.int64s("label0", [Number(labels[0])], []), graph.int64s("label1", [Number(labels[1])], [])];
    kind = "int64";
  } else if (labelType === "DOUBLE" || labelType === "FLOAT") {
    labelTensors = [graph.doubles("label0", [Number(labels[0])], []), graph.doubles("label1", [Number(labels[1])], [])];
    kind = "number";
  } else {
    throw new StreamlabError(`${ctx.named}: labels of type ${labelType} cannot be expressed in ONNX.`);
  }
  ctx.write(predictionCol, { name: graph.node("Where", [cond, labelTensors[0], labelTensors[1]]), kind, width: 1 });
  if (detailCol !== null) {
    // p(labels[0]) = 1 − 1/(1 + e^dot), as the mapper (and Alink) computes it; p(labels[1]) = 1 − p0.
    const one = graph.doubles("one", [1], []);
    const p0 = graph.node("Sub", [one, graph.node("Div", [one, graph.node("Add", [one, graph.node("Exp", [dot])])])]);
    const p1 = graph.node("Sub", [one, p0]);
    ctx.write(detailCol, { name: graph.node("Concat", [p0, p1], { attributes: [attr.int("axis", 1)] }), kind: "vector", width: 2 });
    ctx.report.labels[detailCol] = labels.map(String);
  }
}

declare module "../../pipeline/Pipeline" {
  interface PipelineModel {
    /** Writes this fitted pipeline as an ONNX model (see {@link exportOnnx}). */
    exportOnnx(filePath: string, options?: OnnxExportOptions): OnnxExportReport;
  }
}

// Installed from here so that the pipeline layer does not depend on the ONNX exporter above it.
PipelineModel.prototype.exportOnnx = function (this: PipelineModel, filePath: string, options?: OnnxExportOptions) {
  return exportOnnx(this, filePath, options);
};
