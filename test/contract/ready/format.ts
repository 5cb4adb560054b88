import * as api from "../../../src";
import type { ReadyCases } from "./types";

/** Ready cases for src/dataproc/format (Alink's format operators), on Alink's documented example rows. */
const rows = () =>
  new api.MemSourceBatchOp(
    [
      ["1", '{"f0":"1.0","f1":"2.0"}', "1.0,2.0"],
      ["2", '{"f0":"4.0","f1":"8.0"}', "4.0,8.0"],
    ],
    "row string, json string, csv string",
  );

export const cases: ReadyCases = {
  operators: {
    JsonToColumnsBatchOp: () => new api.JsonToColumnsBatchOp().setJsonCol("json").setSchemaStr("f0 double, f1 double").setReservedCols(["row"]).linkFrom(rows()),
    CsvToColumnsBatchOp: () => new api.CsvToColumnsBatchOp().setCsvCol("csv").setSchemaStr("f0 double, f1 double").setReservedCols(["row"]).linkFrom(rows()),
  },
  stages: {},
  streams: {
    JsonToColumnsStreamOp: () =>
      new api.JsonToColumnsStreamOp().setJsonCol("json").setSchemaStr("f0 double, f1 double").setReservedCols(["row"]).linkFrom(new api.TableSourceStreamOp(rows())),
    CsvToColumnsStreamOp: () =>
      new api.CsvToColumnsStreamOp().setCsvCol("csv").setSchemaStr("f0 double, f1 double").setReservedCols(["row"]).linkFrom(new api.TableSourceStreamOp(rows())),
  },
};
