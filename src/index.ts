/**
 * streamlab — notebook-first online machine learning with PyAlink's API, in TypeScript.
 *
 * Everything a notebook needs is exported here by the names PyAlink users know.
 */
import { installDisplay } from "./engine/display";
import { notebookDisplayPort } from "./notebook/display";

// The engine prints through a port it declares (src/engine/display.ts); the notebook implements it.
// Installed here, at the package entry, so the engine never imports the notebook layer.
installDisplay(notebookDisplayPort);

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
export { declareParams } from "./params/declareParams";
export type { ParamsClass } from "./params/declareParams";

export { BatchOperator } from "./engine/batchOperator";
export type { BatchResult, InputArity } from "./engine/batchOperator";

export { FirstNBatchOp, SampleBatchOp, SampleWithSizeBatchOp } from "./engine/batchOperator";

export * from "./io";

export { display, inNotebook, LiveDisplay } from "./notebook/display";
export { formatTableHtml, formatTableText } from "./notebook/tableFormat";
export { vegaLiteToSvg, showChart, lineChart, barChart, curveChart, coefficientChart, tableToRecords } from "./notebook/charts";
export type { VegaLiteSpec, CurveSeries } from "./notebook/charts";
export { showInteractive, plotlyHtml } from "./notebook/interactive";
export { StreamChart } from "./notebook/streamChart";
export type { StreamChartOptions } from "./notebook/streamChart";
export type { PlotlyTrace, PlotlyLayout } from "./notebook/interactive";
export { plotlyStaticSvg } from "./notebook/interactive";
export type { MarkerKind } from "./notebook/streamChart";
export { toRecords, toRecord, tableOf } from "./notebook/records";
export type { RowRecord, TableLike } from "./notebook/records";
export { showRows, rowsToTable } from "./notebook/showRows";
export type { ShowRowsOptions } from "./notebook/showRows";
export { EvalStreamCharts, windowName } from "./notebook/evalStreamCharts";
export type { EvalStreamChartsOptions } from "./notebook/evalStreamCharts";
export { addDriftMarkers } from "./notebook/driftMarkers";
export type { DriftMarkerOptions, MarkerTarget } from "./notebook/driftMarkers";
export { modelFilterChart } from "./notebook/modelFilterChart";
export type { ModelFilterChartOptions } from "./notebook/modelFilterChart";
export { experimentChart, showExperiment } from "./notebook/experimentChart";
export type { ExperimentChartOptions } from "./notebook/experimentChart";
export { hashedFeatureNames } from "./notebook/hashedFeatureNames";
export type { HasherLike } from "./notebook/hashedFeatureNames";
export { seriesColor, markerColor, resetPalette, SERIES_PALETTE } from "./notebook/palette";
export { svgToPng, svgSize, showSvg } from "./notebook/richOutput";

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
export { PipelineStage, TransformerBase, MapTransformer, ModelBase, EstimatorBase, TrainerEstimator } from "./base/stages";
export { ModelMapStreamOp, ModelVersionParam } from "./base/ModelMapStreamOp";
export type { ModelSwapEvent } from "./base/ModelMapStreamOp";
export { Pipeline, PipelineModel } from "./pipeline/Pipeline";
export { PipelinePredictStreamOp } from "./pipeline/PipelinePredictStreamOp";
export { LocalPredictor, collectLocalPredictor, LOCAL_PREDICTOR_PARAMS, type LocalModelSwap } from "./pipeline/LocalPredictor";
export { exportOnnx, type OnnxExportOptions, type OnnxExportReport } from "./export/onnx/exportOnnx";
export { onnxFeeds, onnxOutputRows, type OnnxFeed, type OnnxOutputTensor } from "./export/onnx/onnxFeeds";
export { exportAlink, type AlinkExportOptions, type AlinkExportReport } from "./export/alink/exportAlink";
export { OnlineLearningStreamOp } from "./pipeline/onlineLearning/OnlineLearningStreamOp";
export type { OptimMethod } from "./pipeline/onlineLearning/params";

export * from "./feature";
export * from "./classification";
export * from "./evaluation";
export * from "./dataproc";
export * from "./stream";
export * from "./onlinelearning";
export { KafkaSourceStreamOp, KAFKA_SOURCE_SCHEMA_STR } from "./io/kafka/KafkaSourceStreamOp";
export { KafkaSinkStreamOp } from "./io/kafka/KafkaSinkStreamOp";
