/**
 * exportAlink on stream graphs, without running Alink: what the generated job is told about its
 * stop (finite sources, ends, the longest emission period), which streamlab-only parameters and
 * side outputs cannot go to Alink, and what the README says. The run on real Alink is
 * alinkExportStream.test.ts.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { afterAll, describe, expect, it } from "vitest";
import {
  AkSinkStreamOp,
  EvalBinaryClassStreamOp,
  FtrlModelFilterStreamOp,
  FtrlPredictStreamOp,
  FtrlTrainStreamOp,
  MemSourceStreamOp,
  ModelStreamFileSinkStreamOp,
  ModelStreamFileSourceStreamOp,
  RandomTableSourceStreamOp,
  Schema,
  StreamlabError,
  Table,
  exportAlink,
} from "../../src";
import { takeStreamSinks } from "../../src/stream/environment";

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), "streamlab-export-plan-"));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
  takeStreamSinks(); // graphs built for export only
});

// A binary LR model with an intercept and 2 features, in Alink's linear-model table layout.
const MODEL = Table.fromRows(
  [
    [0, '{"hasInterceptItem":"true","modelName":"\\"Logistic Regression\\"","labelCol":null,"linearModelType":"\\"LR\\"","vectorSize":"2"}', null],
    [1048576, '{"featureColNames":null,"featureColTypes":null,"coefVector":{"data":[0.1,0.2,-0.3]},"coefVectors":null,"convergenceInfo":null}', null],
    [2251799812636672, null, 1],
    [2251799812636673, null, 0],
  ],
  new Schema(["model_id", "model_info", "label_value"], ["BIGINT", "STRING", "INT"]),
);
const ROWS = [
  [1, "$2$0:1.0 1:0.5", 1],
  [2, "$2$0:-1.0 1:0.5", 0],
];
const source = () => new MemSourceStreamOp(ROWS, "t double, vec string, y int").setTimeCol("t");

describe("exportAlink: stream jobs run to a bounded stop", () => {
  it("tells the job its finite sources, its ends (model streams apart) and the longest emission period", () => {
    const data = source();
    const models = new FtrlTrainStreamOp(MODEL).setVectorCol("vec").setLabelCol("y").setVectorSize(2).setTimeInterval(7).setHandleInvalidMethod("SKIP").linkFrom(data);
    const predictions = new FtrlPredictStreamOp(MODEL).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol("details").linkFrom(models, data);
    const evaluation = new EvalBinaryClassStreamOp().setLabelCol("y").setPredictionDetailCol("details").setTimeInterval(3).linkFrom(predictions);
    const filtered = new FtrlModelFilterStreamOp().setLabelCol("y").setEvalMode("FOLLOWING").linkFrom(models, data);
    const dir = tmp();
    const report = exportAlink(dir, [
      new AkSinkStreamOp().setFilePath(path.join(dir, "eval.ak")).linkFrom(evaluation),
      new ModelStreamFileSinkStreamOp().setFilePath(path.join(dir, "models")).linkFrom(filtered),
      predictions,
    ]);
    const java = fs.readFileSync(report.javaFile, "utf8");
    expect(java).toContain(`Probe.source(op0, "op0 MemSourceStreamOp");`);
    // the sink's input is watched; a model stream does not count for "quiet"; a plain end gets a print() and a probe
    expect(java).toMatch(/Probe\.output\(op\d+, "op\d+ AkSinkStreamOp", false\);/);
    expect(java).toMatch(/Probe\.output\(op\d+, "op\d+ ModelStreamFileSinkStreamOp", true\);/);
    expect(java).toMatch(/Probe\.output\(op\d+, "op\d+ FtrlPredictStreamOp", false\);/);
    expect(java).toContain(`runStream(options, "StreamlabJob", 1, false, 7);`); // max(FTRL 7 s, evaluation 3 s)
    expect(java).toContain("Options options = Options.parse(args);");
    expect(java).not.toContain("StreamOperator.execute()");
    // one .ak for the model table, although the trainer and the predictor both start from it
    expect(report.dataFiles.filter((f) => /model/.test(path.basename(f)))).toHaveLength(1);
    expect(report.dropped).toEqual([
      { operator: "MemSourceStreamOp", params: ["timeCol"] },
      { operator: "FtrlTrainStreamOp", params: ["handleInvalidMethod"] },
      { operator: "FtrlModelFilterStreamOp", params: ["evalMode"] },
    ]);
    const readme = fs.readFileSync(path.join(dir, "README.md"), "utf8");
    expect(readme).toContain("3. 7 s — the longest emission period");
    expect(readme).toContain("op0 MemSourceStreamOp");
    for (const op of ["FtrlTrainStreamOp", "EvalBinaryClassStreamOp", "ModelStreamFileSinkStreamOp"]) expect(readme).toContain(`\`${op}\``);
    expect(readme).not.toContain("SplitStreamOp"); // notes only for operators in the graph
    expect(fs.readFileSync(report.pythonFile, "utf8")).toMatch(/StreamOperator\.execute\(\) {2}# never returns/);
  });

  it("a source that never ends: no drain detection, only --max-seconds stops the job", () => {
    const dir = tmp();
    const models = new ModelStreamFileSourceStreamOp().setFilePath(path.join(dir, "in")).setSchemaStr("model_id bigint, model_info string, label_value int");
    const report = exportAlink(dir, new ModelStreamFileSinkStreamOp().setFilePath(path.join(dir, "out")).linkFrom(models));
    expect(fs.readFileSync(report.javaFile, "utf8")).toContain(`runStream(options, "StreamlabJob", 0, true, 0);`);
    expect(fs.readFileSync(path.join(dir, "README.md"), "utf8")).toContain("**This graph has a source that never ends**");
  });

  it("random rows (maxRows) are a finite source", () => {
    const dir = tmp();
    const rows = new RandomTableSourceStreamOp().setNumCols(2).setMaxRows(10);
    const report = exportAlink(dir, new AkSinkStreamOp().setFilePath(path.join(dir, "r.ak")).linkFrom(rows));
    expect(fs.readFileSync(report.javaFile, "utf8")).toContain(`runStream(options, "StreamlabJob", 1, false, 0);`);
  });

  it("a streamlab-only side output (FTRL progress, filter verdicts) is an error naming it", () => {
    const data = source();
    const models = new FtrlTrainStreamOp(MODEL).setVectorCol("vec").setLabelCol("y").setVectorSize(2).linkFrom(data);
    const dir = tmp();
    expect(() => exportAlink(dir, new AkSinkStreamOp().setFilePath(path.join(dir, "p.ak")).linkFrom(models.getSideOutput(0)))).toThrow(
      /reads side output 0 of FtrlTrainStreamOp .*only streamlab has/,
    );
    const verdicts = new FtrlModelFilterStreamOp().setLabelCol("y").linkFrom(models, data).getSideOutput(0);
    expect(() => exportAlink(tmp(), verdicts)).toThrow(StreamlabError);
  });
});
