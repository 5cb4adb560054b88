/**
 * PipelineModel in Alink's packed form (reference §11.3). Truth: the pipeline models real Alink
 * 1.6.0 and 1.6.2 wrote (test/fixtures/alink/written-by-alink/alink-1.6.x/pipeline_model.ak, read with the
 * .ak reader tested against Alink elsewhere), and hand-computed values from those files.
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import {
  AkSourceBatchOp,
  AppendModelStreamFileSinkBatchOp,
  BatchOperator,
  LogisticRegression,
  LogisticRegressionModel,
  MemSourceBatchOp,
  OneHotEncoder,
  OneHotEncoderModel,
  Pipeline,
  PipelineModel,
  StandardScaler,
  StandardScalerModel,
  TableSourceBatchOp,
  VectorAssembler,
} from "../../src";
import { Table } from "../../src/core/table";
import { readAk, writeAk } from "../../src/io/ak/akFile";
import { expectError, FIXTURES, tempDir } from "../helpers";

const FIXTURE = (v: string) => path.join(FIXTURES, "alink", "written-by-alink", `alink-${v}`, "pipeline_model.ak");
const DELIM = "__ALINK_META_ROW_DELIMITER__";

function plain(rows: readonly (readonly unknown[])[]): unknown[][] {
  return rows.map((r) => r.map((v) => (v !== null && typeof v === "object" ? String(v) : v)));
}

/** The stage nodes and pipeline params of a packed table's meta row. */
function meta(table: Table): { nodes: Record<string, unknown>[]; params: Record<string, unknown>; text: string } {
  const text = table.toRows().find((r) => r[0] === -1)![1] as string;
  const [stages, params] = text.split(DELIM);
  return { nodes: JSON.parse(JSON.parse(stages).stages), params: JSON.parse(params), text };
}

const INPUT_SCHEMA = "C15 int, C16 int, C18 int, site_category string, device_type string, click int";
const INPUT_ROWS = [
  [320, 50, 0, "f862ef61", "1", 0],
  [300, 250, 3, "50e219e0", "0", 1],
  [216, 36, 2, "28905ebd", "4", 0],
  [480, 90, 1, "a3088e46", "9", 1],
];
const input = () => new MemSourceBatchOp(INPUT_ROWS, INPUT_SCHEMA);

describe("PipelineModel.load of Alink-written packed models", () => {
  for (const version of ["1.6.0", "1.6.2"]) {
    it(`reads Alink ${version}'s StandardScaler + OneHotEncoder + VectorAssembler + LogisticRegression`, () => {
      const model = PipelineModel.load(FIXTURE(version));
      const stages = model.getStages();
      expect(stages.map((s) => s.operatorName)).toEqual(["StandardScalerModel", "OneHotEncoderModel", "VectorAssembler", "LogisticRegressionModel"]);
      const [scaler, oneHot, assembler, lr] = stages as [StandardScalerModel, OneHotEncoderModel, VectorAssembler, LogisticRegressionModel];
      // Values as Alink wrote them in the meta row / model rows (see the fixture's README).
      expect(oneHot.getSelectedCols()).toEqual(["site_category", "device_type"]);
      expect(oneHot.getOutputCols()).toEqual(["oh"]);
      expect(assembler.getSelectedCols()).toEqual(["C15", "C16", "C18", "oh"]);
      expect(assembler.getOutputCol()).toBe("features");
      expect(lr.getVectorCol()).toBe("features");
      expect(lr.getPredictionCol()).toBe("pred");
      expect(lr.getPredictionDetailCol()).toBe("details");
      expect(plain(scaler.getModelData().toRows())).toEqual([
        [0, '{"withMean":"true","withStd":"true"}', null, null, null],
        [1048576, "[320.396,90.228,0.9255]", null, null, null],
        [2097152, "[71.20141856032436,98.66368773585761,1.246084312178164]", null, null, null],
      ]);
      expect(scaler.getModelData().schema.toString()).toBe("model_id BIGINT,model_info STRING,C15 DOUBLE,C16 DOUBLE,C18 DOUBLE");
      expect(oneHot.getModelData().numRows).toBe(1 + 21 + 4);
      expect(lr.getModelData().schema.toString()).toBe("model_id BIGINT,model_info STRING,label_value INT");
      expect(lr.getLinearModelData().vectorSize).toBe(28);
      expect(model.trainingDataSchema).toMatch(/^id (VARCHAR|STRING),click INT,hour INT,/);
    });
  }

  it("transforms: scaled columns, one-hot slots and the LR probability agree with values computed by hand from the file", () => {
    const model = PipelineModel.load(FIXTURE("1.6.2"));
    const out = model.transform(input());
    expect(out.getColNames()).toEqual(["C15", "C16", "C18", "site_category", "device_type", "click", "oh", "features", "pred", "details"]);
    const row = out.collect()[1];
    // StandardScaler: (x − mean) / std with the file's statistics.
    expect(row[0]).toBe((300 - 320.396) / 71.20141856032436);
    expect(row[1]).toBe((250 - 90.228) / 98.66368773585761);
    expect(row[2]).toBe((3 - 0.9255) / 1.246084312178164);
    // LR: sigmoid(intercept + w · features) with the file's coefficients (index 0 = intercept).
    const coef = [
      -1.0621791857113447, 0.014627567616049044, 0.039602947954642864, -0.22230040575582904, -0.175850647791909, -0.15337024009374978, 0.026592513631682642,
      -0.060036104763692325, 0.027308611967482813, 0.0021459547467406466, -0.035494149036148386, 0.0047682403418852345, -0.01911992160245381, -0.037027108765185154,
      -0.4185806449852777, -0.04213491104663962, -0.02469547233989565, -0.008159643511676468, -0.044669083040746446, -0.00500307590008491, -0.056489568422775,
      -0.01004482298444421, 0.013593530979728697, -0.02149303414011939, 0.0, -0.2673616417994763, -0.4705586591562941, -0.21226988199279367, 0.0,
    ];
    const features = String(row[7]);
    let dot = coef[0];
    const sparse = /^\$(\d+)\$(.*)$/.exec(features);
    expect(sparse, features).not.toBeNull();
    expect(Number(sparse![1])).toBe(28);
    for (const pair of sparse![2].trim().split(" ")) {
      const [i, v] = pair.split(":");
      dot += coef[Number(i) + 1] * Number(v);
    }
    // "50e219e0" is site_category token 1 (slot 3 + 1); site_category takes 21 slots (21 tokens + the
    // unseen slot − the dropped last), so device_type "0", token 0, is slot 3 + 21 + 0.
    expect(features).toContain(" 4:1.0 24:1.0");
    const p1 = 1 / (1 + Math.exp(-dot));
    const details = JSON.parse(String(row[9]));
    expect(Number(details["1"])).toBeCloseTo(p1, 14);
    expect(row[8]).toBe(p1 > 0.5 ? 1 : 0);
  });

  it("a nested PipelineModel node (as Alink packs a PipelineModel inside a pipeline) is flattened in pre-order", () => {
    const t = readAk(FIXTURE("1.6.2"));
    const rows = t.toRows().map((r) => [...r]);
    const text = rows[0][1] as string;
    const [stagesPart, paramsPart] = text.split(DELIM);
    const nodes = JSON.parse(JSON.parse(stagesPart).stages);
    // root → PipelineModel(1) → the four stages (2…5), whose parent becomes 1.
    const nested = [nodes[0], { identifier: "com.alibaba.alink.pipeline.PipelineModel", params: { params: {} }, schemaIndices: nodes[0].schemaIndices, colNames: null, parent: 0 }];
    for (const n of nodes.slice(1)) nested.push({ ...n, parent: 1 });
    rows[0][1] = JSON.stringify({ stages: JSON.stringify(nested) }) + DELIM + paramsPart;
    for (const r of rows.slice(1)) r[0] = (r[0] as number) + 1;
    const model = PipelineModel.collectLoad(new TableSourceBatchOp(Table.fromRows(rows, t.schema)));
    expect(model.getStages().map((s) => s.operatorName)).toEqual(["StandardScalerModel", "OneHotEncoderModel", "VectorAssembler", "LogisticRegressionModel"]);
    expect(plain(model.transform(input()).collect())).toEqual(plain(PipelineModel.load(FIXTURE("1.6.2")).transform(input()).collect()));
  });

  it("collectLoad reads the same model from a batch operator (AkSourceBatchOp)", () => {
    const a = PipelineModel.load(FIXTURE("1.6.0")).transform(input()).collect();
    const b = PipelineModel.collectLoad(new AkSourceBatchOp().setFilePath(FIXTURE("1.6.0"))).transform(input()).collect();
    expect(plain(b)).toEqual(plain(a));
  });
});

describe("PipelineModel.save in Alink's packed form", () => {
  it("re-saving an Alink-written model reproduces Alink's packed table exactly (meta row, ids, p columns)", () => {
    for (const version of ["1.6.0", "1.6.2"]) {
      const file = path.join(tempDir(), "again.ak");
      PipelineModel.load(FIXTURE(version)).save(file);
      const alink = readAk(FIXTURE(version));
      const ours = readAk(file);
      expect(ours.schema.toString()).toBe(alink.schema.toString());
      expect(plain(ours.toRows())).toEqual(plain(alink.toRows()));
    }
  });

  it("a pipeline fitted in streamlab packs with Alink's layout: column types, schemaIndices, classes, params", () => {
    const train = new MemSourceBatchOp(
      Array.from({ length: 40 }, (_, i) => [100 + ((i * 37) % 50), (i * 11) % 7, i % 3, ["a", "b", "c"][i % 3], String(i % 4), i % 2]),
      INPUT_SCHEMA,
    );
    const model = new Pipeline(
      new StandardScaler().setSelectedCols(["C15", "C16", "C18"]),
      new OneHotEncoder().setSelectedCols(["site_category", "device_type"]).setOutputCols(["oh"]),
      new VectorAssembler().setSelectedCols(["C15", "C16", "C18", "oh"]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("click").setMaxIter(5).setPredictionCol("pred").setPredictionDetailCol("details"),
    ).fit(train);
    const packed = (model.save() as BatchOperator).getOutputTable();
    const alink = readAk(FIXTURE("1.6.2"));
    expect(packed.schema.toString()).toBe(alink.schema.toString()); // id BIGINT,p0 STRING,p1 BIGINT,p2..p4 DOUBLE,p5 BIGINT,p6 INT
    const ours = meta(packed);
    const theirs = meta(alink);
    expect(ours.nodes.map((n) => [n.identifier, n.schemaIndices, n.colNames, n.parent])).toEqual(theirs.nodes.map((n) => [n.identifier, n.schemaIndices, n.colNames, n.parent]));
    expect(Object.keys(ours.params)).toEqual(Object.keys(theirs.params)); // HashMap order: trainingDataSchema, MLEnvironmentId, timestamp
    expect(JSON.parse(ours.params.trainingDataSchema as string)).toBe("C15 INT,C16 INT,C18 INT,site_category STRING,device_type STRING,click INT");
    expect(ours.params.MLEnvironmentId).toBe("0");
    expect(JSON.parse(ours.params.timestamp as string)).toMatch(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    // Params are Alink's JSON texts: strings quoted, arrays as JSON, in HashMap order.
    const lrParams = (ours.nodes[4].params as { params: Record<string, string> }).params;
    expect(lrParams).toMatchObject({ vectorCol: '"features"', predictionCol: '"pred"', predictionDetailCol: '"details"' });
    expect((ours.nodes[2].params as { params: Record<string, string> }).params).toMatchObject({ selectedCols: '["site_category","device_type"]', outputCols: '["oh"]' });
    // Model rows: stage index in id, model columns where schemaIndices say.
    const lrRows = packed.toRows().filter((r) => r[0] === 4);
    expect(plain(lrRows.map((r) => [r[2], r[1], r[7]]))).toEqual(plain(model.getStages()[3] instanceof LogisticRegressionModel ? (model.getStages()[3] as LogisticRegressionModel).getModelData().toRows() : []));
    // And it loads back to the same transform, from a file and from save()'s operator.
    const file = path.join(tempDir(), "fitted.ak");
    model.save(file);
    const expected = plain(model.transform(input()).collect());
    expect(plain(PipelineModel.load(file).transform(input()).collect())).toEqual(expected);
    expect(plain(PipelineModel.collectLoad(model.save()).transform(input()).collect())).toEqual(expected);
  });

  it("save() links into AppendModelStreamFileSinkBatchOp: the model-stream file holds the packed table", () => {
    const model = PipelineModel.load(FIXTURE("1.6.2"));
    const root = path.join(tempDir(), "ms");
    new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("2026-12-06 10:00:00").linkFrom(model.save());
    BatchOperator.execute();
    const table = readAk(path.join(root, "202612061000000"));
    expect(plain(table.toRows())).toEqual(plain(readAk(FIXTURE("1.6.2")).toRows()));
    expect(plain(PipelineModel.collectLoad(new TableSourceBatchOp(table)).transform(input()).collect())).toEqual(plain(model.transform(input()).collect()));
  });

  it("overwrite defaults to false for .ak (Alink's default); .json paths keep streamlab's JSON document", () => {
    const model = PipelineModel.load(FIXTURE("1.6.2"));
    const dir = tempDir();
    const file = path.join(dir, "m.ak");
    model.save(file);
    expectError(() => model.save(file), `PipelineModel.save: ${file} exists; pass overwrite = true to replace it.`);
    model.save(file, true);
    expect(fs.readFileSync(file).subarray(0, 2).toString("latin1")).toBe("PK");
    const json = path.join(dir, "m.json");
    model.save(json);
    model.save(json); // as before: JSON documents are replaced by default
    expect(JSON.parse(fs.readFileSync(json, "utf8")).format).toBe("streamlab-pipeline-model");
    expect(plain(PipelineModel.load(json).transform(input()).collect())).toEqual(plain(model.transform(input()).collect()));
  });
});

describe("bad packed pipeline models", () => {
  const alink = () => readAk(FIXTURE("1.6.2"));
  /** The fixture's table with its meta row's p0 replaced by `edit(p0)`, or rows filtered. */
  function edited(edit: (text: string) => string, keep: (row: unknown[], i: number) => boolean = () => true): string {
    const t = alink();
    const rows = t.toRows().filter(keep).map((r) => (r[0] === -1 ? [r[0], edit(r[1] as string), ...r.slice(2)] : [...r]));
    const file = path.join(tempDir(), "bad.ak");
    writeAk(Table.fromRows(rows, t.schema), file);
    return file;
  }
  const stagesOf = (text: string) => JSON.parse(JSON.parse(text.split(DELIM)[0]).stages);
  const withStages = (text: string, nodes: unknown) => JSON.stringify({ stages: JSON.stringify(nodes) }) + DELIM + text.split(DELIM)[1];

  it("a partial table: no meta row, model rows of a stage missing, a cut-short meta text, a cut-short file", () => {
    let file = edited((t) => t, (r) => r[0] !== -1);
    expectError(() => PipelineModel.load(file), new RegExp(`^PipelineModel\\.load: .*bad\\.ak: not a complete packed pipeline model: it has no meta row \\(id = -1\\) holding the stages \\(33 rows; the table may be cut short\\)\\.$`));
    file = edited((t) => t, (r) => r[0] !== 4);
    expectError(() => PipelineModel.load(file), /stage node 4 \(com\.alibaba\.alink\.pipeline\.classification\.LogisticRegressionModel\): a fitted model has no model rows \(id = 4\); the table may be cut short\.$/);
    file = edited((t) => t.slice(0, 300));
    expectError(() => PipelineModel.load(file), /meta row: the stages part is not valid JSON \(.*\); the table may be cut short or damaged\.$/);
    const whole = fs.readFileSync(FIXTURE("1.6.2"));
    const cut = path.join(tempDir(), "cut.ak");
    fs.writeFileSync(cut, whole.subarray(0, whole.length - 200));
    const error = expectError(() => PipelineModel.load(cut), /^PipelineModel\.load: .*cut\.ak/);
    expect(error.context.file).toContain("cut.ak");
  });

  it("not a packed table: other column names", () => {
    const op = new MemSourceBatchOp([[1, "x"]], "id bigint, model string");
    expectError(() => PipelineModel.collectLoad(op), /^PipelineModel\.collectLoad \(MemSourceBatchOp\): not a packed pipeline model: columns are \(id, model\); expected id, p0, p1, … \(Alink's PipelineModel table\)\.$/);
    expectError(() => PipelineModel.collectLoad("x" as never), 'PipelineModel.collectLoad: expected a batch operator holding a packed pipeline model, got string "x".');
  });

  it("an unknown stage class is named", () => {
    const file = edited((t) => {
      const nodes = stagesOf(t);
      nodes[3].identifier = "com.alibaba.alink.pipeline.dataproc.vector.VectorNormalizer";
      return withStages(t, nodes);
    });
    const error = expectError(() => PipelineModel.load(file), /stage node 3 \(com\.alibaba\.alink\.pipeline\.dataproc\.vector\.VectorNormalizer\): streamlab cannot load Alink stage class com\.alibaba\.alink\.pipeline\.dataproc\.vector\.VectorNormalizer; supported: .*com\.alibaba\.alink\.pipeline\.feature\.OneHotEncoderModel/);
    expect(error.context.file).toBe(file);
  });

  it("schemaIndices out of range, or not matching colNames", () => {
    let file = edited((t) => {
      const nodes = stagesOf(t);
      nodes[1].schemaIndices = [1, 0, 2, 3, 7];
      return withStages(t, nodes);
    });
    expectError(() => PipelineModel.load(file), /stage node 1 \(com\.alibaba\.alink\.pipeline\.dataproc\.StandardScalerModel\): schemaIndices\[4\] \(model column "C18"\) is 7, out of range: the table has columns p0…p6\.$/);
    file = edited((t) => {
      const nodes = stagesOf(t);
      nodes[2].schemaIndices = [1, 0];
      return withStages(t, nodes);
    });
    expectError(() => PipelineModel.load(file), /stage node 2 .*"schemaIndices" has 2 entries and "colNames" 3; expected one index per model column\.$/);
  });

  it("a row of no stage, a parameter streamlab would not apply, a bad parameter value", () => {
    const t = alink();
    const rows = t.toRows().map((r) => [...r]);
    rows[5][0] = 3; // a model row tagged with the VectorAssembler's node
    let file = path.join(tempDir(), "row.ak");
    writeAk(Table.fromRows(rows, t.schema), file);
    expectError(() => PipelineModel.load(file), /stage node 3 \(com\.alibaba\.alink\.pipeline\.dataproc\.vector\.VectorAssembler\): a transformer without training has no model rows, but 1 rows have id 3\.$/);
    rows[5][0] = 9;
    writeAk(Table.fromRows(rows, t.schema), file, { overwrite: true });
    expectError(() => PipelineModel.load(file), /: row 5 has id 9; expected the index \(1…4\) of the stage node it belongs to\.$/);
    file = edited((text) => {
      const nodes = stagesOf(text);
      nodes[3].params.params.handleInvalidMethod = '"SKIPP"';
      nodes[2].params.params.numBuckets = "10";
      return withStages(text, nodes);
    });
    expectError(() => PipelineModel.load(file), /stage node 2 \(com\.alibaba\.alink\.pipeline\.feature\.OneHotEncoderModel\): parameter "numBuckets" \(10\) is not one streamlab's OneHotEncoderModel reads, so the stage would not transform as in Alink\. Parameters it reads: selectedCols, /);
    file = edited((text) => {
      const nodes = stagesOf(text);
      nodes[3].params.params.handleInvalidMethod = '"SKIPP"';
      return withStages(text, nodes);
    });
    expectError(() => PipelineModel.load(file), /stage node 3 \(com\.alibaba\.alink\.pipeline\.dataproc\.vector\.VectorAssembler\): .*handleInvalidMethod.*SKIPP/);
  });

  it("a schema of the packed table that Alink could not have written", () => {
    const op = new MemSourceBatchOp([[-1, 1.5]], "id bigint, p0 double");
    expectError(() => PipelineModel.collectLoad(op), /not a packed pipeline model: column id is BIGINT and p0 is DOUBLE; expected id BIGINT and p0 STRING\.$/);
  });
});
