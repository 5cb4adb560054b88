/** Unknown accessors, constructor objects and parameter values: StreamlabErrors naming the parameter, never "is not a function". */
import { describe, expect, it } from "vitest";
import {
  EvalBinaryClassStreamOp,
  FirstNBatchOp,
  FtrlTrainStreamOp,
  LogisticRegressionTrainBatchOp,
  MemSourceStreamOp,
  Pipeline,
  PipelineModel,
  SampleBatchOp,
  StandardScaler,
  StandardScalerTrainBatchOp,
} from "../../src";
import { Schema } from "../../src/core/schema";
import { Table } from "../../src/core/table";
import { Param } from "../../src/params/param";
import { expectError } from "../helpers";

type Loose = Record<string, (value?: unknown) => unknown>;
const loose = (op: object) => op as unknown as Loose;
const ftrl = () => new FtrlTrainStreamOp(new LogisticRegressionTrainBatchOp());

describe("unknown setXxx/getXxx", () => {
  it("a name with no close match names the operator, the method and the valid parameters", () => {
    const error = expectError(() => loose(new FirstNBatchOp()).setFooBarBaz(1), 'FirstNBatchOp has no parameter "fooBarBaz" (method setFooBarBaz). Valid parameters: size.');
    expect(error.context).toEqual({ operator: "FirstNBatchOp", param: "fooBarBaz" });
    expectError(() => loose(new FirstNBatchOp()).getFooBarBaz(), 'FirstNBatchOp has no parameter "fooBarBaz" (method getFooBarBaz). Valid parameters: size.');
  });

  it("a close match is suggested as a method, with the valid list", () => {
    expectError(
      () => loose(new StandardScalerTrainBatchOp()).setSelectedCol(["a"]),
      'StandardScalerTrainBatchOp has no parameter "selectedCol" (method setSelectedCol). Did you mean setSelectedCols? Valid parameters: selectedCols, withMean, withStd.',
    );
  });

  it("stream operators and pipeline stages (estimators, fitted models) answer the same way", () => {
    expectError(() => loose(ftrl()).setLearningRate(0.1), /^FtrlTrainStreamOp has no parameter "learningRate" \(method setLearningRate\)\. Valid parameters: labelCol, vectorCol, .*timeInterval, miniBatchSize/);
    expectError(() => loose(new MemSourceStreamOp([[1]], "a int")).setTimeCols("a"), /^MemSourceStreamOp has no parameter "timeCols" \(method setTimeCols\)\. Did you mean setTimeCol\? Valid parameters: timeCol, /);
    expectError(() => loose(new StandardScaler()).setOutputCOLS(["x"]), /^StandardScaler has no parameter "outputCOLS" \(method setOutputCOLS\)\. Did you mean setOutputCols\?/);
    expectError(() => loose(new StandardScaler()).setZzz(1), /^StandardScaler has no parameter "zzz" \(method setZzz\)\. Valid parameters: selectedCols, withMean, withStd, outputCols/);
    expectError(() => loose(new PipelineModel()).setFoo(1), 'PipelineModel has no parameter "foo" (method setFoo). Valid parameters: modelStreamFilePath, modelStreamScanInterval, modelStreamStartTime.');
    expectError(
      () => loose(new Pipeline(new StandardScaler())).setSelectedCols(["x"]),
      'Pipeline has no parameters (method setSelectedCols): set them on its stages, e.g. new Pipeline(new StandardScaler().setSelectedCols(["x"])).',
    );
    expect(new Pipeline(new StandardScaler()).getStages().length).toBe(1);
  });

  it("an alias reaches its parameter's accessor (as set(alias, v) does)", () => {
    const op = new StandardScalerTrainBatchOp();
    expect(loose(op).setSelectedColNames(["a"])).toBe(op);
    expect(loose(op).getSelectedColNames()).toEqual(["a"]);
    expect(op.getSelectedCols()).toEqual(["a"]);
  });

  it("real methods and property checks are untouched", () => {
    const op = new FirstNBatchOp();
    expect("setFooBarBaz" in op).toBe(false);
    expect(typeof op.getSideOutputCount).toBe("function");
    expect((op as unknown as Record<string, unknown>).then).toBeUndefined(); // not mistaken for a promise
  });
});

describe("constructor parameter objects", () => {
  it("an unknown key names the operator and the valid parameters", () => {
    expectError(() => new FirstNBatchOp({ unknownParam: 1 } as never), 'FirstNBatchOp has no parameter "unknownParam". Valid parameters: size.');
  });

  it("anything but a plain object is refused instead of having its fields read as parameters", () => {
    const table = Table.fromRows([[1]], Schema.parse("a int"));
    expectError(() => new FirstNBatchOp(table as never), "FirstNBatchOp: expected a parameter object such as { selectedCols: [\"a\"] }, got a Table.");
    expectError(() => new FirstNBatchOp([3] as never), /^FirstNBatchOp: expected a parameter object .*got an array\.$/);
    expectError(() => new FirstNBatchOp("size=3" as never), /^FirstNBatchOp: expected a parameter object .*got string size=3\.$/);
    expect(new FirstNBatchOp(Object.assign(Object.create(null), { size: 2 })).getSize()).toBe(2);
  });
});

describe("parameter values", () => {
  it("NaN and ±Infinity are refused for every number parameter, naming it", () => {
    expectError(() => ftrl().setAlpha(Number.NaN), 'FtrlTrainStreamOp.setAlpha: "alpha" must be a number > 0; got NaN (only finite numbers are accepted).');
    expectError(() => ftrl().setTimeInterval(Infinity), 'FtrlTrainStreamOp.setTimeInterval: "timeInterval" must be a number > 0; got Infinity (only finite numbers are accepted).');
    expectError(() => new EvalBinaryClassStreamOp().setTimeInterval(Infinity), /"timeInterval" must be a number > 0; got Infinity \(only finite/);
    expectError(() => new MemSourceStreamOp([[1]], "a int").setMaxOutOfOrderness(Infinity), /"maxOutOfOrderness" must be a number ≥ 0; got Infinity/);
    expectError(() => new MemSourceStreamOp([[1]], "a int").setStartTime(-Infinity), /"startTime" must be a number; got -Infinity \(only finite/);
    expectError(() => new SampleBatchOp().setRatio(Number.NaN), /"ratio" must be a number ≥ 0 and ≤ 1; got NaN \(only finite/);
    const error = expectError(() => new FirstNBatchOp({ size: Infinity }), /"size" must be an integer ≥ 0; got Infinity/);
    expect(error.context.param).toBe("size");
  });

  it("integers beyond 2^53 are refused (they are no longer exact)", () => {
    expectError(() => new FirstNBatchOp().setSize(2 ** 53), 'FirstNBatchOp.setSize: "size" must be an integer ≥ 0; got 9007199254740992 (integers must stay within ±(2^53 − 1)).');
    expect(new FirstNBatchOp().setSize(2 ** 53 - 1).getSize()).toBe(2 ** 53 - 1);
  });

  it("wrong types are named plainly: undefined, null, objects", () => {
    expectError(() => new FirstNBatchOp().setSize(undefined as never), 'FirstNBatchOp.setSize: "size" must be an integer ≥ 0; got undefined.');
    expectError(() => new FirstNBatchOp().setSize(null as never), 'FirstNBatchOp.setSize: "size" must be an integer ≥ 0; got null.');
    expectError(() => new StandardScaler().setWithMean({} as never), 'StandardScaler.setWithMean: "withMean" must be true or false; got an object.');
    expectError(() => new StandardScaler().setSelectedCols(null as never), 'StandardScaler.setSelectedCols: "selectedCols" must be a non-empty array of strings; got null.');
  });

  it("number arrays refuse non-finite elements", () => {
    const spec = Param.doubles({ doc: "Some weights for the test." });
    expect(spec.check([1, Number.NaN])).toEqual({ ok: false, why: "got [1, NaN] (only finite numbers are accepted)" });
    expect(spec.check([1, Infinity]).ok).toBe(false);
    expect(spec.check([1, 2])).toEqual({ ok: true, value: [1, 2] });
  });
});
