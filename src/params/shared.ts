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
