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
  rowDelimiter: Param.string({ doc: 'Row delimiter. With "\\n", a trailing "\\r" is dropped (Windows files).', default: "\n", nonEmpty: true }),
  quoteChar: Param.char({
    doc: "Quote character for fields that hold delimiters; null disables quoting.",
    default: '"',
    optional: true,
  }),
};

export const FilePathParam = {
  filePath: Param.string({ doc: "Path of the file (relative paths are resolved against the working directory).", nonEmpty: true }),
};
