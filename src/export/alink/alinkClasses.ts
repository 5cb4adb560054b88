/**
 * streamlab operator → the Alink 1.6 class it stands for (checked against Alink's sources). Memory
 * and table sources are not here: their rows are written to `.ak` files and read back with
 * `AkSourceBatchOp` / `AkSourceStreamOp`.
 */
export const ALINK_OPERATOR_CLASSES: Readonly<Record<string, string>> = {
  LogisticRegressionPredictBatchOp: "com.alibaba.alink.operator.batch.classification.LogisticRegressionPredictBatchOp",
  LogisticRegressionTrainBatchOp: "com.alibaba.alink.operator.batch.classification.LogisticRegressionTrainBatchOp",
  FirstNBatchOp: "com.alibaba.alink.operator.batch.dataproc.FirstNBatchOp",
  JsonValueBatchOp: "com.alibaba.alink.operator.batch.dataproc.JsonValueBatchOp",
  MinMaxScalerPredictBatchOp: "com.alibaba.alink.operator.batch.dataproc.MinMaxScalerPredictBatchOp",
  MinMaxScalerTrainBatchOp: "com.alibaba.alink.operator.batch.dataproc.MinMaxScalerTrainBatchOp",
  SampleBatchOp: "com.alibaba.alink.operator.batch.dataproc.SampleBatchOp",
  SampleWithSizeBatchOp: "com.alibaba.alink.operator.batch.dataproc.SampleWithSizeBatchOp",
  SplitBatchOp: "com.alibaba.alink.operator.batch.dataproc.SplitBatchOp",
  StandardScalerPredictBatchOp: "com.alibaba.alink.operator.batch.dataproc.StandardScalerPredictBatchOp",
  StandardScalerTrainBatchOp: "com.alibaba.alink.operator.batch.dataproc.StandardScalerTrainBatchOp",
  VectorAssemblerBatchOp: "com.alibaba.alink.operator.batch.dataproc.vector.VectorAssemblerBatchOp",
  EvalBinaryClassBatchOp: "com.alibaba.alink.operator.batch.evaluation.EvalBinaryClassBatchOp",
  FeatureHasherBatchOp: "com.alibaba.alink.operator.batch.feature.FeatureHasherBatchOp",
  OneHotPredictBatchOp: "com.alibaba.alink.operator.batch.feature.OneHotPredictBatchOp",
  OneHotTrainBatchOp: "com.alibaba.alink.operator.batch.feature.OneHotTrainBatchOp",
  AkSinkBatchOp: "com.alibaba.alink.operator.batch.sink.AkSinkBatchOp",
  AppendModelStreamFileSinkBatchOp: "com.alibaba.alink.operator.batch.sink.AppendModelStreamFileSinkBatchOp",
  CsvSinkBatchOp: "com.alibaba.alink.operator.batch.sink.CsvSinkBatchOp",
  AkSourceBatchOp: "com.alibaba.alink.operator.batch.source.AkSourceBatchOp",
  CsvSourceBatchOp: "com.alibaba.alink.operator.batch.source.CsvSourceBatchOp",
  PipelinePredictStreamOp: "com.alibaba.alink.operator.stream.onlinelearning.PipelinePredictStreamOp", // 1.6.0's package (master moved it to operator.stream)
  LogisticRegressionPredictStreamOp: "com.alibaba.alink.operator.stream.classification.LogisticRegressionPredictStreamOp",
  JsonValueStreamOp: "com.alibaba.alink.operator.stream.dataproc.JsonValueStreamOp",
  JsonToColumnsBatchOp: "com.alibaba.alink.operator.batch.dataproc.format.JsonToColumnsBatchOp",
  JsonToColumnsStreamOp: "com.alibaba.alink.operator.stream.dataproc.format.JsonToColumnsStreamOp",
  CsvToColumnsBatchOp: "com.alibaba.alink.operator.batch.dataproc.format.CsvToColumnsBatchOp",
  CsvToColumnsStreamOp: "com.alibaba.alink.operator.stream.dataproc.format.CsvToColumnsStreamOp",
  MinMaxScalerPredictStreamOp: "com.alibaba.alink.operator.stream.dataproc.MinMaxScalerPredictStreamOp",
  SplitStreamOp: "com.alibaba.alink.operator.stream.dataproc.SplitStreamOp",
  StandardScalerPredictStreamOp: "com.alibaba.alink.operator.stream.dataproc.StandardScalerPredictStreamOp",
  VectorAssemblerStreamOp: "com.alibaba.alink.operator.stream.dataproc.vector.VectorAssemblerStreamOp",
  EvalBinaryClassStreamOp: "com.alibaba.alink.operator.stream.evaluation.EvalBinaryClassStreamOp",
  FeatureHasherStreamOp: "com.alibaba.alink.operator.stream.feature.FeatureHasherStreamOp",
  OneHotPredictStreamOp: "com.alibaba.alink.operator.stream.feature.OneHotPredictStreamOp",
  BinaryClassModelFilterStreamOp: "com.alibaba.alink.operator.stream.onlinelearning.BinaryClassModelFilterStreamOp",
  FtrlModelFilterStreamOp: "com.alibaba.alink.operator.stream.onlinelearning.FtrlModelFilterStreamOp",
  FtrlPredictStreamOp: "com.alibaba.alink.operator.stream.onlinelearning.FtrlPredictStreamOp",
  FtrlTrainStreamOp: "com.alibaba.alink.operator.stream.onlinelearning.FtrlTrainStreamOp",
  OnlineLearningStreamOp: "com.alibaba.alink.operator.stream.onlinelearning.OnlineLearningStreamOp",
  AkSinkStreamOp: "com.alibaba.alink.operator.stream.sink.AkSinkStreamOp",
  KafkaSinkStreamOp: "com.alibaba.alink.operator.stream.sink.KafkaSinkStreamOp",
  ModelStreamFileSinkStreamOp: "com.alibaba.alink.operator.stream.sink.ModelStreamFileSinkStreamOp",
  AkSourceStreamOp: "com.alibaba.alink.operator.stream.source.AkSourceStreamOp",
  CsvSourceStreamOp: "com.alibaba.alink.operator.stream.source.CsvSourceStreamOp",
  KafkaSourceStreamOp: "com.alibaba.alink.operator.stream.source.KafkaSourceStreamOp",
  ModelStreamFileSourceStreamOp: "com.alibaba.alink.operator.stream.source.ModelStreamFileSourceStreamOp",
  RandomTableSourceStreamOp: "com.alibaba.alink.operator.stream.source.RandomTableSourceStreamOp",
  UnionAllStreamOp: "com.alibaba.alink.operator.stream.sql.UnionAllStreamOp",
};

/** Operators whose rows streamlab writes as an `.ak` file: Alink's job reads that file instead. */
export const MATERIALISED_SOURCES = new Set(["MemSourceBatchOp", "TableSourceBatchOp", "MemSourceStreamOp", "TableSourceStreamOp"]);

/**
 * streamlab-only parameters (event time and chunking, the model-version column): Alink has no such
 * parameter and runs in processing time, so they are left out of the job (and listed in its header).
 */
export const STREAMLAB_ONLY_PARAMS = new Set([
  "timeCol", "timePerSample", "maxOutOfOrderness", "chunkSize", "modelVersionCol",
  // Delayed feedback (DelayedLabelParams): simulated label arrival in event time.
  "labelDelay", "labelDelayDistribution", "labelDelaySeed", "labelDelayCol", "labelTimeCol", "maxLabelDelay",
]);

/**
 * streamlab-only parameters of single operators: Alink's class has no such parameter (its `Params`
 * would carry it silently and ignore it), so they are left out and listed too.
 */
export const STREAMLAB_ONLY_PARAMS_OF: Readonly<Record<string, readonly string[]>> = {
  FtrlTrainStreamOp: ["handleInvalidMethod", "driftAction", "triggerOnWarning"],
  FtrlModelFilterStreamOp: ["evalMode", "featureCols", "driftPeriod", "driftAucThreshold", "driftAccuracyThreshold", "driftLogLossThreshold", "triggerOnWarning"],
  BinaryClassModelFilterStreamOp: ["evalMode", "featureCols", "driftPeriod", "driftAucThreshold", "driftAccuracyThreshold", "driftLogLossThreshold", "triggerOnWarning"],
};

/** Operators whose side outputs only streamlab has (trainer progress, filter verdicts): reading one cannot be exported. */
export const STREAMLAB_ONLY_SIDE_OUTPUTS = new Set(["FtrlTrainStreamOp", "FtrlModelFilterStreamOp", "BinaryClassModelFilterStreamOp"]);

/** Stream sources that end (a file read once, `maxRows` random rows): the exported job stops after they are drained. */
export const FINITE_STREAM_SOURCES = new Set(["CsvSourceStreamOp", "AkSourceStreamOp", "MemSourceStreamOp", "TableSourceStreamOp", "RandomTableSourceStreamOp"]);

/** Stream sources that never end on Alink (a topic, a watched folder): only `--max-seconds` stops a job that has one. */
export const UNBOUNDED_STREAM_SOURCES = new Set(["KafkaSourceStreamOp", "ModelStreamFileSourceStreamOp"]);

/** Operators that emit on a processing-time period (`timeInterval`, seconds) on Alink. */
export const EMITTING_OPERATORS = new Set(["FtrlTrainStreamOp", "OnlineLearningStreamOp", "EvalBinaryClassStreamOp"]);
