/**
 * The prediction-error stream of the FTRL tutorial (notebooks/02-ftrl-stream.ipynb), at a smaller
 * scale so that it runs in a test: the synthetic CTR data with two drifts of the hidden model, a
 * feature pipeline and an initial LR model on the history, FTRL on the training half of the stream
 * and its predictor on the other half. Built with the library's own operators, as the notebook.
 */
import * as fs from "fs";
import * as path from "path";
import {
  CTR_CATEGORICAL_COLS,
  CTR_NUMERIC_COLS,
  CTR_SCHEMA_STR,
  CsvSourceBatchOp,
  CsvSourceStreamOp,
  FeatureHasher,
  FtrlPredictStreamOp,
  FtrlTrainStreamOp,
  LogisticRegressionTrainBatchOp,
  Pipeline,
  SplitStreamOp,
  StandardScaler,
  StreamOperator,
  generateCtr,
} from "../../src";
import { tempDir } from "../helpers";

export interface TutorialPredictions {
  /** The predictor's output: click, pred, details, ts (and model_version). */
  predictions: StreamOperator;
  /** Event times (s) of the hidden model's drifts. */
  driftTimes: number[];
}

/** The tutorial's graph (not yet run): FTRL predictions on the test half of a drifting CTR stream. */
export function tutorialPredictions(rows = 24_000, historyRows = 6_000): TutorialPredictions {
  const { csv, truth } = generateCtr({ rows, seed: 2024, rowsPerSecond: 2, driftAt: [0.45, 0.75] });
  const [header, ...lines] = csv.trim().split("\n");
  const dir = tempDir("streamlab-drift-");
  const historyFile = path.join(dir, "history.csv");
  const streamFile = path.join(dir, "stream.csv");
  fs.writeFileSync(historyFile, [header, ...lines.slice(0, historyRows)].join("\n") + "\n");
  fs.writeFileSync(streamFile, [header, ...lines.slice(historyRows)].join("\n") + "\n");
  const history = new CsvSourceBatchOp().setFilePath(historyFile).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true);
  const tsIndex = header.split(",").indexOf("ts");
  const driftTimes = truth.driftRows.map((row) => Number(lines[row].split(",")[tsIndex]));

  const features = new Pipeline()
    .add(new StandardScaler().setSelectedCols([...CTR_NUMERIC_COLS]))
    .add(new FeatureHasher().setSelectedCols([...CTR_CATEGORICAL_COLS, ...CTR_NUMERIC_COLS]).setCategoricalCols([...CTR_CATEGORICAL_COLS]).setOutputCol("vec").setNumFeatures(30000))
    .fit(history);
  const initModel = new LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setWithIntercept(true).setMaxIter(10).linkFrom(features.transform(history));
  const source = new CsvSourceStreamOp().setFilePath(streamFile).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).setTimeCol("ts");
  const split = new SplitStreamOp().setFraction(0.5).linkFrom(source);
  const models = new FtrlTrainStreamOp(initModel)
    .setVectorCol("vec")
    .setLabelCol("click")
    .setWithIntercept(true)
    .setAlpha(0.5)
    .setBeta(1)
    .setL1(0.001)
    .setL2(0.001)
    .setTimeInterval(600)
    .setVectorSize(30000)
    .linkFrom(features.transform(split));
  const predictions = new FtrlPredictStreamOp(initModel)
    .setVectorCol("vec")
    .setPredictionCol("pred")
    .setPredictionDetailCol("details")
    .setReservedCols(["click", "ts"])
    .linkFrom(models, features.transform(split.getSideOutput(0)));
  return { predictions, driftTimes };
}

/** The tutorial's 0/1 prediction errors (1 = pred ≠ click), in stream order. */
export async function tutorialErrors(): Promise<number[]> {
  const { predictions } = tutorialPredictions();
  const names = predictions.getColNames();
  const click = names.indexOf("click");
  const pred = names.indexOf("pred");
  const rows = await predictions.collect();
  return rows.map((r) => (String(r[click]) === String(r[pred]) ? 0 : 1));
}
