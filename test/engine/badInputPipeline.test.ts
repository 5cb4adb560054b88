/** Malformed pipelines and saved pipeline models: errors naming the stage index, class and file. */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { MemSourceBatchOp, Pipeline, PipelineModel, StandardScaler, StandardScalerTrainBatchOp, VectorAssembler } from "../../src";
import { expectError, tempDir, writeTemp } from "../helpers";

const data = () => new MemSourceBatchOp([[1.0, 2.0], [3.0, 5.0], [4.0, 6.0]], "x double, y double");

/** A real saved model (StandardScalerModel + VectorAssembler) as a parsed document, to corrupt. */
function savedDoc(): { file: string; doc: { format: string; version: number; stages: Record<string, unknown>[] } } {
  const model = new Pipeline(
    new StandardScaler().setSelectedCols(["x", "y"]),
    new VectorAssembler().setSelectedCols(["x", "y"]).setOutputCol("vec"),
  ).fit(data());
  const file = path.join(tempDir(), "model.json");
  model.save(file);
  return { file, doc: JSON.parse(fs.readFileSync(file, "utf8")) };
}

function loadDoc(doc: unknown): { file: string; load: () => PipelineModel } {
  const file = writeTemp("model.json", JSON.stringify(doc));
  return { file, load: () => PipelineModel.load(file) };
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("PipelineModel.load of bad files", () => {
  it("the untouched file loads and transforms (the corruptions below are the only difference)", () => {
    const { file } = savedDoc();
    expect(PipelineModel.load(file).transform(data()).getColNames()).toEqual(["x", "y", "vec"]);
  });

  it("a truncated file names the file and says it looks cut short", () => {
    const { file } = savedDoc();
    const text = fs.readFileSync(file, "utf8");
    fs.writeFileSync(file, text.slice(0, Math.floor(text.length / 2)));
    const error = expectError(() => PipelineModel.load(file), new RegExp(`^PipelineModel\\.load: ${escape(file)} is not a saved pipeline model: it is not valid JSON \\(.*; the file looks cut short\\)\\.$`));
    expect(error.context.file).toBe(file);
  });

  it("a file that is not JSON, JSON of another shape, another version, a directory", () => {
    const notJson = writeTemp("model.json", "id,x\n1,2\n");
    expectError(() => PipelineModel.load(notJson), /is not a saved pipeline model: it is not valid JSON \(/);
    expectError(() => loadDoc([1, 2]).load(), /is not a saved streamlab pipeline model \(expected a JSON object with "format": "streamlab-pipeline-model"\)\.$/);
    expectError(() => loadDoc(null).load(), /is not a saved streamlab pipeline model/);
    const { doc } = savedDoc();
    expectError(() => loadDoc({ ...doc, version: 2 }).load(), /has format version 2; this version of streamlab reads version 1\.$/);
    expectError(() => loadDoc({ ...doc, stages: { 0: doc.stages[0] } }).load(), /has no "stages" array \(got an object\)\.$/);
    const dir = tempDir();
    expectError(() => PipelineModel.load(dir), /is a directory; expected a file written by PipelineModel\.save\.$/);
    expectError(() => PipelineModel.load(undefined as never), "PipelineModel.load: expected the path of a saved model, got undefined.");
  });

  it("a null stage, a stage without className and an unknown class name the stage index", () => {
    const { doc } = savedDoc();
    const nullStage = loadDoc({ ...doc, stages: [doc.stages[0], null] });
    expectError(nullStage.load, `PipelineModel.load: ${nullStage.file} stage 1 is null; expected an object with "className", "params" and "modelData".`);
    expectError(() => loadDoc({ ...doc, stages: [{ ...doc.stages[0], className: undefined }] }).load(), /stage 0 has no "className" \(got undefined\)\.$/);
    const unknown = loadDoc({ ...doc, stages: [doc.stages[0], { ...doc.stages[1], className: "VectorAsembler" }] });
    const error = expectError(unknown.load, /stage 1: Cannot load a pipeline stage of class "VectorAsembler": no such transformer in this version of streamlab\. Known: .*VectorAssembler/);
    expect(error.context).toMatchObject({ file: unknown.file, operator: "VectorAsembler" });
  });

  it("params of the wrong shape, an unknown parameter, a value of the wrong type", () => {
    const { doc } = savedDoc();
    const [scaler, assembler] = doc.stages;
    expectError(() => loadDoc({ ...doc, stages: [scaler, { ...assembler, params: "x" }] }).load(), /stage 1 \(VectorAssembler\): "params" must be an object of parameter values, got string "x"\.$/);
    expectError(
      () => loadDoc({ ...doc, stages: [scaler, { ...assembler, params: { selectedCols: ["x"], outputCl: "v" } }] }).load(),
      /stage 1 \(VectorAssembler\): VectorAssembler has no parameter "outputCl"\. Did you mean "outputCol"\?/,
    );
    const wrongType = loadDoc({ ...doc, stages: [{ ...scaler, params: { outputCols: 5 } }, assembler] });
    const error = expectError(wrongType.load, /stage 0 \(StandardScalerModel\): StandardScalerModel\.setOutputCols: "outputCols" must be an array of strings or null; got 5\.$/);
    expect(error.context).toMatchObject({ file: wrongType.file, operator: "StandardScalerModel", param: "outputCols" });
  });

  it("model data missing for a model, present for a plain transformer, or malformed", () => {
    const { doc } = savedDoc();
    const [scaler, assembler] = doc.stages;
    expectError(() => loadDoc({ ...doc, stages: [{ ...scaler, modelData: null }, assembler] }).load(), /stage 0 \(StandardScalerModel\): a fitted model needs its "modelData" \(schemaStr and rows\), but it is null\.$/);
    expectError(() => loadDoc({ ...doc, stages: [scaler, { ...assembler, modelData: scaler.modelData }] }).load(), /stage 1 \(VectorAssembler\): a transformer without training has no model data, but "modelData" is set\.$/);
    expectError(() => loadDoc({ ...doc, stages: [{ ...scaler, modelData: { rows: [] } }] }).load(), /stage 0 \(StandardScalerModel\): "modelData" must be an object with a "schemaStr" string and a "rows" array of arrays\.$/);
    const md = scaler.modelData as { schemaStr: string; rows: unknown[] };
    expectError(() => loadDoc({ ...doc, stages: [{ ...scaler, modelData: { ...md, rows: [md.rows[0], null] } }] }).load(), /stage 0 \(StandardScalerModel\): model data row 1 is null; expected an array of values\.$/);
    expectError(() => loadDoc({ ...doc, stages: [{ ...scaler, modelData: { ...md, schemaStr: "model_id bigint, x notatype" } }] }).load(), /stage 0 \(StandardScalerModel\): .*notatype/);
  });
});

describe("PipelineModel.save to bad paths", () => {
  it("a directory, an empty or missing path: errors, not EISDIR/TypeError from Node", () => {
    const { file } = savedDoc();
    const model = PipelineModel.load(file);
    const dir = tempDir();
    expectError(() => model.save(dir), `PipelineModel.save: ${dir} is a directory; give the path of a file, e.g. ${path.join(dir, "model.ak")}.`);
    expectError(() => model.save(""), 'PipelineModel.save: expected the path of the file to write, got string "".');
    expectError(() => model.save(null as never), "PipelineModel.save: expected the path of the file to write, got null.");
    expect(fs.readdirSync(dir)).toEqual([]); // nothing half-written
  });
});

describe("Pipeline and PipelineModel construction", () => {
  it("null/undefined stages name their index", () => {
    expectError(() => new Pipeline(null as never), "new Pipeline(...): stage 0: expected an estimator or a transformer (e.g. new StandardScaler()), got null.");
    expectError(() => new Pipeline(new StandardScaler().setSelectedCols(["x"]), undefined as never), /^new Pipeline\(\.\.\.\): stage 1: expected an estimator or a transformer .*got undefined\.$/);
  });

  it("add() of a non-stage, of an operator, of several stages at once", () => {
    expectError(() => new Pipeline().add({} as never), "Pipeline.add (stage 0): expected an estimator or a transformer (e.g. new StandardScaler()), got an object.");
    expectError(
      () => new Pipeline(new StandardScaler().setSelectedCols(["x"])).add(new StandardScalerTrainBatchOp() as never),
      "Pipeline.add (stage 1): expected an estimator or a transformer (e.g. new StandardScaler()), got a StandardScalerTrainBatchOp " +
        "(an operator; pipelines take the stage classes, e.g. StandardScaler rather than StandardScalerTrainBatchOp).",
    );
    const add = new Pipeline().add as (...stages: unknown[]) => Pipeline;
    expectError(() => add.call(new Pipeline(), new StandardScaler(), new StandardScaler()), /^Pipeline\.add: expected one stage, got 2 arguments/);
  });

  it("a PipelineModel of an unfitted estimator says to fit it", () => {
    expectError(
      () => new PipelineModel(new StandardScaler() as never),
      "new PipelineModel(...): stage 0 is a StandardScaler, not a fitted transformer (an estimator: fit it, or a Pipeline holding it, first).",
    );
  });
});
