/**
 * Graph pieces shared by the Kafka tests and their child process (no vitest import here: the child
 * runs under vite-node): the tutorial's features, initial model and predictor, and a decoder of a
 * topic's JSON messages written for the tests.
 */
import * as api from "../../src";
import { columnFromValues } from "../../src/core/column";
import { Table } from "../../src/core/table";

/**
 * Typed rows of `schemaStr` from the `message` column of a Kafka source: each message parsed with
 * JSON.parse (not the library's JSON code) and each field converted by its type. A missing key is
 * null (the sink leaves null fields out, as Alink does).
 */
export function jsonMessagesAs(source: api.StreamOperator, schemaStr: string): api.StreamOperator {
  const schema = api.Schema.parse(schemaStr);
  const mapper: api.Mapper = {
    outputSchema: schema,
    map(chunk: Table): Table {
      const messages = chunk.column("message").values as (string | null)[];
      const objects = messages.map((m) => JSON.parse(m!) as Record<string, unknown>);
      const columns = schema.names.map((name, c) => {
        const type = schema.types[c];
        const values = objects.map((o) => {
          const v = o[name];
          if (v === undefined || v === null) return null;
          if (type === "STRING") return String(v);
          if (type === "TIMESTAMP") return utcMillis(String(v));
          if (type === "BOOLEAN") return v === true;
          return Number(v);
        });
        return columnFromValues(type, values as never);
      });
      return new Table(schema, columns);
    },
  };
  return new api.MapperStreamOp(() => mapper, "jsonMessagesAs").linkFrom(source);
}


/** "yyyy-MM-dd HH:mm:ss[.fff]" (UTC) → epoch ms. */
export function utcMillis(text: string): number {
  const m = /^(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d)(?:\.(\d{1,3}))?$/.exec(text);
  if (m === null) throw new Error(`not a timestamp: ${text}`);
  const n = m.slice(1, 7).map(Number);
  return Date.UTC(n[0], n[1] - 1, n[2], n[3], n[4], n[5], m[7] === undefined ? 0 : Number(m[7].padEnd(3, "0")));
}

/** The tutorial-02 feature pipeline and initial model, fitted on the shipped history (as test/onlinelearning/determinism.test.ts). */
export function ctrFeaturesAndInitModel(root: string) {
  const history = new api.CsvSourceBatchOp().setFilePath(`${root}/datasets/ctr_train.csv`).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true);
  const features = new api.Pipeline()
    .add(new api.StandardScaler().setSelectedCols([...api.CTR_NUMERIC_COLS]))
    .add(new api.FeatureHasher().setSelectedCols([...api.CTR_CATEGORICAL_COLS, ...api.CTR_NUMERIC_COLS]).setCategoricalCols([...api.CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(30000))
    .fit(history);
  const init = new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(10).linkFrom(features.transform(history));
  return { features, init };
}

/** The tutorial's FTRL predictor (reads a model stream and a test stream). */
export function ftrlPredictor(init: api.BatchOperator) {
  return new api.FtrlPredictStreamOp(init).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("details").setReservedCols(["id", "click"]);
}
