import { Param } from "./param";

/**
 * Parameter groups shared by many operators, declared once (Alink's `Has*` param interfaces).
 * Operators spread the groups they use into their own declaration.
 */
export const CsvFormatParams = {
  fieldDelimiter: Param.string({
    doc: 'Field delimiter; may be several characters (e.g. "_alink_").',
    default: ",",
    nonEmpty: true,
  }),
  rowDelimiter: Param.string({
    doc: 'Row delimiter. With "\\n" (the default), "\\r\\n" or "\\r", every line end — \\n, \\r\\n or a bare \\r — ends a row (Windows and old Mac files).',
    default: "\n",
    nonEmpty: true,
  }),
  quoteChar: Param.char({
    doc: "Quote character for fields that hold delimiters; null disables quoting.",
    default: '"',
    optional: true,
  }),
};

export const FilePathParam = {
  filePath: Param.string({ doc: "Path of the file (relative paths are resolved against the working directory).", nonEmpty: true }),
};

export const SelectedColsParam = {
  selectedCols: Param.strings({ doc: "Names of the input columns to process.", nonEmpty: true, aliases: ["selectedColNames"] }),
};

export const OutputColsParam = {
  outputCols: Param.strings({
    doc: "Names of the output columns; null writes the results over the selected columns in place.",
    optional: true,
    aliases: ["outputColNames"],
  }),
};

export const OutputColParam = {
  outputCol: Param.string({ doc: "Name of the output column.", nonEmpty: true, aliases: ["outputColName"] }),
};

export const ReservedColsParam = {
  reservedCols: Param.strings({
    doc: "Input columns copied to the output (null = all). A name not in the input is an error (Alink ignores it silently).",
    optional: true,
    aliases: ["keepColNames"],
  }),
};

export const PredictionParams = {
  predictionCol: Param.string({
    doc: "Name of the column receiving the predicted label.",
    nonEmpty: true,
    aliases: ["predResultColName", "predColName", "outputColName", "predResultCol"],
  }),
  predictionDetailCol: Param.string({
    doc: 'Name of the column receiving the prediction detail, a JSON map from each label to its probability, e.g. {"1":"0.83","0":"0.17"}; null = no detail column.',
    optional: true,
    aliases: ["predDetailColName"],
  }),
};

export const LabelColParam = {
  labelCol: Param.string({ doc: "Name of the label column.", nonEmpty: true, aliases: ["labelColName"] }),
};

export const VectorColParam = {
  vectorCol: Param.string({
    doc: "Name of a vector (or vector-string) feature column; null = use featureCols.",
    optional: true,
    aliases: ["vectorColName", "selectedCol"],
  }),
};

/** The vector column of a predictor or filter, which by default reads the model's own feature columns. */
export const ModelVectorColParam = {
  vectorCol: Param.string({
    doc: "Name of the vector (or vector-string) feature column; null = the model's feature columns or vector column.",
    optional: true,
    aliases: ["vectorColName", "selectedCol"],
  }),
};

export const FeatureColsParam = {
  featureCols: Param.strings({
    doc: "Names of numeric feature columns; null with vectorCol unset = all numeric columns except the label.",
    optional: true,
    aliases: ["featureColNames"],
  }),
};

export const WeightColParam = {
  weightCol: Param.string({ doc: "Name of a numeric sample-weight column; null = every row weighs 1.", optional: true, aliases: ["weightColName"] }),
};

/**
 * Following a model-stream folder (Alink's `ModelStreamScanParams`, reference §5.6, §6.5, §11.4):
 * shared by every stream predictor built on `ModelMapStreamOp` and by `FtrlTrainStreamOp`.
 */
export const ModelStreamScanParams = {
  modelStreamFilePath: Param.string({
    doc:
      "Model-stream folder to follow (<root>/<timestamp>/ model folders + conf/, as written by AppendModelStreamFileSinkBatchOp, " +
      "ModelStreamFileSinkStreamOp or Alink). In simulated event time the folder is listed once when the run starts and each committed " +
      "model with timestamp T takes effect at event time T, exactly as if the folder were linked as a model stream; a paced run also scans " +
      "it every modelStreamScanInterval seconds for models committed meanwhile. " +
      "Null = no folder. Setting it and also linking a model stream is an error.",
    optional: true,
    nonEmpty: true,
  }),
  modelStreamScanInterval: Param.int({
    doc: "Wall-clock seconds between scans of modelStreamFilePath (default 10, as Alink) in a paced run (execute({ speedFactor })), where models committed while the run goes take effect at the event time reached. An unpaced run lists the folder once when it starts.",
    default: 10,
    min: 1,
  }),
  modelStreamStartTime: Param.string({
    doc:
      'Only models of modelStreamFilePath with a timestamp ≥ this "yyyy-mm-dd hh:mm:ss[.fffffffff]" (UTC) are followed; ' +
      "null = every committed model (Alink: the time the job starts, which in simulated time would skip every model already written).",
    optional: true,
  }),
};

/**
 * The seed of every random draw (sampling, splitting a stream, generating rows). streamlab always
 * seeds, so the same seed gives the same rows on every run; Alink seeds from the clock or its task
 * layout unless told. (SplitBatchOp keeps its own nullable variant: Alink's batch split takes null.)
 */
export const RandomSeedParam = {
  randomSeed: Param.int({
    doc: "Seed of the random draws: the same seed gives the same rows on every run (Alink, unless given one, seeds from the clock).",
    default: 0,
  }),
};
