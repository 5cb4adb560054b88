/**
 * streamlab — notebook-first online machine learning with PyAlink's API, in TypeScript.
 *
 * Everything a notebook needs is exported here by the names PyAlink users know.
 */
export { StreamlabError } from "./core/errors";
export { Schema, parseSchemaStr } from "./core/schema";
export type { TypeName } from "./core/types";
export { DenseVector, SparseVector, parseVector, parseDenseVector, parseSparseVector, toVector } from "./core/vector";
export type { Vector } from "./core/vector";
export { Table } from "./core/table";
export type { Row } from "./core/table";
export type { Column, Value } from "./core/column";
export { javaDoubleToString, javaFormatFixed, formatTimestamp } from "./core/javaFormat";
export { Random } from "./core/random";

export { Param } from "./params/param";
export type { ParamSpec } from "./params/param";
export { WithParams, describeParam } from "./params/withParams";
export type { ParamAccessors, ParamInit } from "./params/withParams";

export { BatchOperator } from "./engine/batchOperator";
export type { BatchResult, InputArity } from "./engine/batchOperator";

export { FirstNBatchOp } from "./batch/FirstNBatchOp";
export { SampleBatchOp } from "./batch/SampleBatchOp";
export { SampleWithSizeBatchOp } from "./batch/SampleWithSizeBatchOp";

export { MemSourceBatchOp } from "./io/MemSourceBatchOp";
export { TableSourceBatchOp } from "./io/TableSourceBatchOp";
export { CsvSourceBatchOp } from "./io/CsvSourceBatchOp";
export { CsvSinkBatchOp } from "./io/CsvSinkBatchOp";
export { AkSourceBatchOp } from "./io/AkSourceBatchOp";
export { AkSinkBatchOp } from "./io/AkSinkBatchOp";
export { AppendModelStreamFileSinkBatchOp } from "./io/AppendModelStreamFileSinkBatchOp";
export { LatestModelStreamFileSourceBatchOp, getLatestModelPath } from "./io/modelStream/LatestModelStreamFileSourceBatchOp";
export { modelStreamHistory, MODEL_STREAM_HISTORY_SCHEMA } from "./io/modelStream/history";
export { formatModelTimestamp, parseModelTimestamp } from "./io/modelStream/timestampName";
export type { ModelTimestamp } from "./io/modelStream/timestampName";

export { display, inNotebook, LiveDisplay } from "./notebook/display";
export { formatTableHtml, formatTableText } from "./notebook/tableFormat";
export { vegaLiteToSvg, showChart, lineChart, barChart, curveChart, coefficientChart, tableToRecords } from "./notebook/charts";
export type { VegaLiteSpec, CurveSeries } from "./notebook/charts";
export { showInteractive, plotlyHtml } from "./notebook/interactive";
export { StreamChart } from "./notebook/streamChart";
export type { StreamChartOptions } from "./notebook/streamChart";
export type { PlotlyTrace, PlotlyLayout } from "./notebook/interactive";

export {
  CTR_SCHEMA_STR,
  CTR_CATEGORICAL_COLS,
  CTR_NUMERIC_COLS,
  generateCtr,
  ctrLines,
  writeCtrDataset,
} from "./datasets/ctr";
export type { CtrOptions, CtrGroundTruth } from "./datasets/ctr";

export { OutputColsHelper } from "./common/outputCols";
export { MapperChain } from "./common/mapper";
export type { Mapper, ParamReader } from "./common/mapper";
export { buildLabeledModelTable, readLabeledModelTable, labeledModelSchema } from "./common/modelTable";
export { MapBatchOp, ModelMapBatchOp } from "./engine/mapBatchOps";
export { PipelineStage, TransformerBase, MapTransformer, ModelBase, EstimatorBase, TrainerEstimator } from "./pipeline/stages";
export { Pipeline, PipelineModel } from "./pipeline/Pipeline";
export { PipelinePredictStreamOp } from "./pipeline/PipelinePredictStreamOp";
export { LocalPredictor, collectLocalPredictor, LOCAL_PREDICTOR_PARAMS, type LocalModelSwap } from "./pipeline/LocalPredictor";

export * from "./feature";
export * from "./classification";
export * from "./evaluation";
export * from "./dataproc";
export * from "./stream";
export * from "./onlinelearning";
