/** `npx streamlab` (issue 16, item 2): inspect, serve, export, help and exit codes. */
import { spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it, vi } from "vitest";
import { onnx } from "onnx-proto";
import * as ort from "onnxruntime-node";
import {
  AppendModelStreamFileSinkBatchOp,
  BatchOperator,
  CTR_SCHEMA_STR,
  CsvSourceBatchOp,
  FeatureHasher,
  LocalPredictor,
  LogisticRegression,
  LogisticRegressionModel,
  LogisticRegressionTrainBatchOp,
  MemSourceBatchOp,
  OneHotEncoder,
  Pipeline,
  PipelineModel,
  Schema,
  StandardScaler,
  TableSourceBatchOp,
  VectorAssembler,
} from "../../src";
import { EXIT_FAILED, EXIT_OK, EXIT_USAGE, main, program } from "../../src/cli/main";
import { ROOT, tempDir } from "../helpers";

const SCHEMA = "x double, n int";
const model = new Pipeline(
  new VectorAssembler().setSelectedCols(["x"]).setOutputCol("v"),
  new LogisticRegression().setVectorCol("v").setLabelCol("n").setMaxIter(5).setPredictionCol("pred"),
).fit(new MemSourceBatchOp([[1, 1], [-1, 0], [2, 1], [-2, 0]], SCHEMA));

function folder(): string {
  const root = path.join(tempDir(), "stream");
  for (const time of ["2024-03-01 12:00:00", "2024-03-02 12:00:00.5"]) {
    new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(time).linkFrom(model.save());
    BatchOperator.execute();
  }
  // a writer stopped after staging version 2024-03-03 (never committed)
  fs.mkdirSync(path.join(root, "conf", "202403030000000"));
  fs.writeFileSync(path.join(root, "conf", "202403040000000_0"), "partial");
  return root;
}

async function run(args: string[]): Promise<{ code: number; out: string[] }> {
  const out: string[] = [];
  const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  const err = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  try {
    return { code: await main(["node", "streamlab", ...args]), out };
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
}

describe("streamlab inspect", () => {
  it("lists versions with time, rows, files, bytes and status, and commits that never finished", async () => {
    const root = folder();
    const lines: string[] = [];
    await program((t) => lines.push(t)).parseAsync(["node", "streamlab", "inspect", root]);
    const text = lines.join("\n");
    const sizes = ["202403011200000", "202403021200005"].map((v) => fs.readdirSync(path.join(root, v)).reduce((s, f) => s + fs.statSync(path.join(root, v, f)).size, 0));
    const rows = model.save().getOutputTable().numRows;
    expect(text).toContain(`${root}: 2 versions`);
    expect(text).toMatch(new RegExp(`202403011200000\\s+2024-03-01 12:00:00\\.000\\s+${rows}\\s+1\\s+${sizes[0]}\\s+committed`));
    expect(text).toMatch(new RegExp(`202403021200005\\s+2024-03-02 12:00:00\\.500\\s+${rows}\\s+1\\s+${sizes[1]}\\s+committed`));
    expect(text).toContain("incomplete commits (2; readers ignore them):");
    expect(text).toContain("202403030000000  conf/202403030000000/ (staged, never committed)");
    expect(text).toContain("202403040000000  conf/202403040000000_0 (file 0 written, never moved)");
    const json: string[] = [];
    await program((t) => json.push(t)).parseAsync(["node", "streamlab", "inspect", "--json", root]);
    const parsed = JSON.parse(json.join(""));
    expect(parsed.versions.map((v: { version: string }) => v.version)).toEqual(["202403011200000", "202403021200005"]);
    expect(parsed.incomplete).toHaveLength(2);
  });

  it("exit codes: 0 done or help, 1 failed, 2 usage", async () => {
    expect((await run(["--help"])).code).toBe(EXIT_OK);
    expect((await run(["inspect", "--help"])).code).toBe(EXIT_OK);
    const missing = await run(["inspect", path.join(tempDir(), "nope")]);
    expect(missing.code).toBe(EXIT_FAILED);
    expect(missing.out.join("")).toMatch(/does not exist/);
    expect((await run(["frob"])).code).toBe(EXIT_USAGE);
    expect((await run(["inspect"])).code).toBe(EXIT_USAGE);
    expect((await run(["serve"])).code).toBe(EXIT_USAGE); // --schema is required
    const neither = await run(["serve", "--schema", SCHEMA]);
    expect(neither.code).toBe(EXIT_USAGE);
    expect(neither.out.join("")).toMatch(/give --model-stream <dir>, --model <file>, or both/);
    expect((await run(["serve", "--schema", SCHEMA, "--model-stream", "x", "--port", "-3"])).code).toBe(EXIT_USAGE);
  });
});

describe("streamlab serve (the built command, as a user runs it)", () => {
  const bin = path.join(ROOT, "bin", "streamlab.js");
  const built = fs.existsSync(path.join(ROOT, "dist", "cli", "main.js"));

  it.runIf(built)("serves a model-stream folder on loopback and stops cleanly on SIGTERM (exit 0)", async () => {
    const root = folder();
    const child = spawn(process.execPath, [bin, "serve", "--model-stream", root, "--schema", SCHEMA, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no URL printed:\n${output}`)), 30_000);
      child.stdout.on("data", () => {
        const m = /serving on (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
        if (m) {
          clearTimeout(timer);
          resolve(m[1]);
        }
      });
    });
    expect(output).toContain("model version 202403021200005");
    const answer = await (await fetch(`${url}/predict`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify([2, null]) })).json();
    expect(answer.version).toBe("202403021200005");
    expect(answer.rows[0][answer.columns.indexOf("pred")]).toBe(1);
    const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    child.kill("SIGTERM");
    expect(await exit).toBe(0);
    expect(output).toContain("streamlab: stopped");
  }, 60_000);
});

/**
 * `streamlab export onnx|alink` (issue 16), as a user runs it: the built bin, spawned. Truth for the
 * ONNX files: LocalPredictor on the in-memory model each was exported from, the file run in
 * onnxruntime-node; for the Alink job: the pipeline saved under data/ loads back and predicts as
 * the model did, and the job's text names the source, the predictor and the sink.
 */
describe.runIf(fs.existsSync(path.join(ROOT, "dist", "cli", "exportCommands.js")))("streamlab export (the built command, spawned)", () => {
  const bin = path.join(ROOT, "bin", "streamlab.js");
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", cwd: tempDir() });
    return { code: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  const NUMERIC = ["C15", "C16", "C18", "C19", "C21"];
  const CATEGORICAL = ["C1", "banner_pos", "site_category", "device_type"];
  const ctr = new CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets", "ctr_train.csv")).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).getOutputTable();
  const rows = ctr.slice(3000, 3200).toRows();
  const fit = (from: number, l2: number) =>
    new Pipeline(
      new StandardScaler().setSelectedCols(NUMERIC),
      new OneHotEncoder().setSelectedCols(CATEGORICAL).setOutputCols(["oh"]),
      new VectorAssembler().setSelectedCols([...NUMERIC, "oh"]).setOutputCol("features"),
      new LogisticRegression().setVectorCol("features").setLabelCol("click").setL2(l2).setMaxIter(20).setPredictionCol("pred").setPredictionDetailCol("detail"),
    ).fit(new TableSourceBatchOp(ctr.slice(from, from + 1500)));
  const day1 = fit(0, 0.01);
  const day2 = fit(1500, 0.001);

  /** p(click = 1) per row from an ONNX file (onnxruntime-node). */
  async function onnxProbabilities(file: string): Promise<number[]> {
    const session = await ort.InferenceSession.create(file);
    const names = Schema.parse(CTR_SCHEMA_STR).names;
    const feeds: Record<string, ort.Tensor> = {};
    for (const input of session.inputNames) {
      const values = rows.map((r) => r[names.indexOf(input)]);
      feeds[input] = typeof values[0] === "string" ? new ort.Tensor("string", values as string[], [rows.length, 1]) : new ort.Tensor("float64", Float64Array.from(values as number[]), [rows.length, 1]);
    }
    const detail = (await session.run(feeds)).detail;
    const metadata = onnx.ModelProto.decode(fs.readFileSync(file)).metadataProps;
    const labels = JSON.parse(metadata.find((p) => p.key === "labels:detail")!.value!) as string[];
    const one = labels.indexOf("1");
    return rows.map((_, r) => Number((detail.data as Float64Array)[r * 2 + one]));
  }
  /** p(click = 1) per row from LocalPredictor on the in-memory model. */
  function truth(model: PipelineModel): number[] {
    const predictor = new LocalPredictor(model, CTR_SCHEMA_STR);
    const d = predictor.getOutputSchema().indexOf("detail");
    return rows.map((row) => Number(JSON.parse(predictor.map(row)[d] as string)["1"]));
  }
  const maxDiff = (a: number[], b: number[]) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

  function modelFolder(): string {
    const root = path.join(tempDir(), "models");
    [day1, day2].forEach((m, k) => {
      new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime(`2024-03-0${k + 1} 02:30:00`).linkFrom(m.save());
      BatchOperator.execute();
    });
    return root;
  }

  it("export onnx: a saved model and each version of a model-stream folder, as LocalPredictor predicts", async () => {
    const dir = tempDir();
    const saved = path.join(dir, "day1.ak");
    day1.save(saved);
    const a = cli("export", "onnx", saved, path.join(dir, "day1.onnx"));
    expect(a.stderr).toBe("");
    expect(a.code).toBe(EXIT_OK);
    expect(a.stdout).toContain(`wrote ${path.join(dir, "day1.onnx")} from ${saved}`);
    expect(a.stdout).toContain("stages:  StandardScalerModel → OneHotEncoderModel → VectorAssembler → LogisticRegressionModel");
    expect(maxDiff(await onnxProbabilities(path.join(dir, "day1.onnx")), truth(day1))).toBeLessThan(1e-6);

    const root = modelFolder();
    expect(cli("export", "onnx", root, path.join(dir, "newest.onnx")).stdout).toContain(`from version 202403020230000 of ${root}`);
    expect(cli("export", "onnx", root, path.join(dir, "v1.onnx"), "--version", "202403010230000").code).toBe(EXIT_OK);
    const [newest, v1] = [await onnxProbabilities(path.join(dir, "newest.onnx")), await onnxProbabilities(path.join(dir, "v1.onnx"))];
    expect(maxDiff(newest, truth(day2))).toBeLessThan(1e-6);
    expect(maxDiff(v1, truth(day1))).toBeLessThan(1e-6);
    expect(maxDiff(newest, v1)).toBeGreaterThan(1e-3); // the two versions are different models
  }, 120_000);

  it("export onnx: a folder of one stage's models with --pipeline replaces that stage's model", async () => {
    const dir = tempDir();
    const pipelineFile = path.join(dir, "day1.ak");
    day1.save(pipelineFile);
    // LR model tables (what a trainer's model stream holds), fitted on day-2 features.
    const features = new PipelineModel(...day1.getStages().slice(0, 3));
    const lr = new LogisticRegressionTrainBatchOp().setVectorCol("features").setLabelCol("click").setMaxIter(15).linkFrom(features.transform(new TableSourceBatchOp(ctr.slice(1500, 3000))));
    const root = path.join(dir, "lr-models");
    new AppendModelStreamFileSinkBatchOp().setFilePath(root).setModelTime("2024-03-05 00:00:00").linkFrom(lr);
    BatchOperator.execute();
    const bare = cli("export", "onnx", root, path.join(dir, "x.onnx"));
    expect(bare.code).toBe(EXIT_FAILED);
    expect(bare.stderr).toMatch(/version 202403050000000 of .* is one stage's model \(schema .*\), not a whole pipeline model; give the saved pipeline it belongs to with --pipeline <file>/);
    const r = cli("export", "onnx", root, path.join(dir, "spliced.onnx"), "--pipeline", pipelineFile);
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain("(stage 3)");
    const spliced = new PipelineModel(...day1.getStages().slice(0, 3), (day1.getStages()[3] as LogisticRegressionModel).withModelData(lr.getOutputTable()));
    expect(maxDiff(await onnxProbabilities(path.join(dir, "spliced.onnx")), truth(spliced))).toBeLessThan(1e-6);
  }, 120_000);

  it("export onnx: failures exit 1 with a message naming the file, version or stage; usage errors exit 2", () => {
    const dir = tempDir();
    const saved = path.join(dir, "m.ak");
    day1.save(saved);
    const missing = cli("export", "onnx", path.join(dir, "nope.ak"), path.join(dir, "o.onnx"));
    expect([missing.code, missing.stderr]).toEqual([EXIT_FAILED, `streamlab export: ${path.join(dir, "nope.ak")} does not exist (expected a saved pipeline model or a model-stream folder).\n`]);
    const root = modelFolder();
    const version = cli("export", "onnx", root, path.join(dir, "o.onnx"), "--version", "202401010000000");
    expect(version.code).toBe(EXIT_FAILED);
    expect(version.stderr).toContain(`${root} has no committed version "202401010000000"; its versions: 202403010230000, 202403020230000`);
    const fileVersion = cli("export", "onnx", saved, path.join(dir, "o.onnx"), "--version", "202403010230000");
    expect([fileVersion.code, fileVersion.stderr]).toEqual([EXIT_FAILED, expect.stringContaining("is a file")]);
    expect(cli("export", "onnx", saved, path.join(dir, "o.onnx")).code).toBe(EXIT_OK);
    const exists = cli("export", "onnx", saved, path.join(dir, "o.onnx"));
    expect([exists.code, exists.stderr]).toEqual([EXIT_FAILED, `streamlab export: ${path.join(dir, "o.onnx")} exists; pass --overwrite to replace it.\n`]);
    expect(cli("export", "onnx", saved, path.join(dir, "o.onnx"), "--overwrite").code).toBe(EXIT_OK);
    const folderOut = cli("export", "onnx", saved, dir);
    expect([folderOut.code, folderOut.stderr]).toEqual([EXIT_FAILED, expect.stringContaining("is a folder; give the path of the file to write")]);

    const hashed = path.join(dir, "hashed.ak");
    new Pipeline(
      new FeatureHasher().setSelectedCols(CATEGORICAL).setOutputCol("vec").setNumFeatures(100),
      new LogisticRegression().setVectorCol("vec").setLabelCol("click").setMaxIter(5).setPredictionCol("pred"),
    )
      .fit(new TableSourceBatchOp(ctr.slice(0, 1000)))
      .save(hashed);
    const cannot = cli("export", "onnx", hashed, path.join(dir, "h.onnx"));
    expect(cannot.code).toBe(EXIT_FAILED);
    expect(cannot.stderr).toMatch(/^streamlab: exportOnnx: stage 0 \(FeatureHasher\) cannot be expressed in ONNX: it hashes "column=value" texts/);
    expect(fs.existsSync(path.join(dir, "h.onnx"))).toBe(false);

    // No schema saved with the model (a PipelineModel assembled from stages): --schema is required.
    const noSchema = path.join(dir, "bare.ak");
    new PipelineModel(...day1.getStages()).save(noSchema);
    const schemaless = cli("export", "onnx", noSchema, path.join(dir, "b.onnx"));
    expect([schemaless.code, schemaless.stderr]).toEqual([EXIT_USAGE, expect.stringContaining('was not saved with it; give --schema "col type, …"')]);
    expect(cli("export", "onnx", noSchema, path.join(dir, "b.onnx"), "--schema", CTR_SCHEMA_STR).code).toBe(EXIT_OK);

    for (const args of [[], ["export"], ["export", "frob"], ["export", "onnx"], ["export", "onnx", saved], ["export", "onnx", saved, "x.onnx", "--frob"], ["export", "onnx", saved, "x.onnx", "--version"]]) {
      const r = cli(...args);
      expect(r.code, args.join(" ")).toBe(EXIT_USAGE);
      expect(r.stdout, args.join(" ")).toBe("");
    }
    for (const args of [["export", "--help"], ["export", "onnx", "--help"], ["export", "alink", "--help"]]) {
      const r = cli(...args);
      expect(r.code, args.join(" ")).toBe(EXIT_OK);
      expect(r.stdout).toContain("Exit codes:\n  0  done (or --help shown)\n  1  the command failed");
      expect(r.stdout).toContain("2  usage error");
    }
  }, 180_000);

  it("export alink: a prediction job (CSV stream → PipelinePredictStreamOp → .ak) from a saved model and from a model-stream folder", () => {
    const dir = tempDir();
    const saved = path.join(dir, "day1.ak");
    day1.save(saved);
    const input = path.join(ROOT, "datasets", "ctr_stream.csv");
    const job = path.join(dir, "job");
    const r = cli("export", "alink", saved, job, "--input", input, "--header", "--output", path.join(dir, "predictions.ak"));
    expect(r.stderr).toBe("");
    expect(r.code).toBe(EXIT_OK);
    const java = fs.readFileSync(path.join(job, "StreamlabJob.java"), "utf8");
    expect(java).toContain("new com.alibaba.alink.operator.stream.source.CsvSourceStreamOp(Params.fromJson(");
    expect(java).toContain(input); // the input's absolute path (the job runs from its folder)
    expect(java).toMatch(/new com\.alibaba\.alink\.operator\.stream\.onlinelearning\.PipelinePredictStreamOp\(com\.alibaba\.alink\.pipeline\.PipelineModel\.load\("data\/op\d+_pipeline\.ak"\)/);
    expect(java).toContain("com.alibaba.alink.operator.stream.sink.AkSinkStreamOp");
    expect(java).not.toContain("modelStreamFilePath");
    expect(r.stdout).toContain("not exported: A saved model or model stream holds no training graph");
    // The model the job loads is the one given: it predicts as day1 does.
    const dataFile = fs.readdirSync(path.join(job, "data")).find((f) => f.endsWith("_pipeline.ak"))!;
    expect(maxDiffOf(truthOf(PipelineModel.load(path.join(job, "data", dataFile))), truthOf(day1))).toBe(0);

    const root = modelFolder();
    const followed = cli("export", "alink", root, path.join(dir, "job2"), "--input", input, "--header", "--class-name", "ScoreClicks");
    expect(followed.code).toBe(EXIT_OK);
    const java2 = fs.readFileSync(path.join(dir, "job2", "ScoreClicks.java"), "utf8");
    expect(java2).toMatch(new RegExp(`PipelinePredictStreamOp\\(.*modelStreamFilePath[^,]*${root}`));
    expect(java2).toMatch(/op\d+\.print\(\);/);
    expect(followed.stdout).toContain(`following ${root}`);

    const pinned = cli("export", "alink", root, path.join(dir, "job3"), "--input", input, "--header", "--no-follow", "--version", "202403010230000");
    expect(pinned.code).toBe(EXIT_OK);
    expect(fs.readFileSync(path.join(dir, "job3", "StreamlabJob.java"), "utf8")).not.toContain("modelStreamFilePath");
    expect(pinned.stdout).toContain("not followed: --no-follow: the job serves version 202403010230000 only");

    expect(cli("export", "alink", saved, path.join(dir, "job4")).code).toBe(EXIT_USAGE); // --input is required
    const noInput = cli("export", "alink", saved, path.join(dir, "job4"), "--input", path.join(dir, "nope.csv"));
    expect([noInput.code, noInput.stderr]).toEqual([EXIT_FAILED, `streamlab export alink: --input ${path.join(dir, "nope.csv")} is not a file.\n`]);
    const again = cli("export", "alink", saved, job, "--input", input, "--header");
    expect([again.code, again.stderr]).toEqual([EXIT_FAILED, expect.stringContaining("exists; pass { overwrite: true } to replace the export")]);
    expect(fs.existsSync(path.join(dir, "job4"))).toBe(false);
  }, 120_000);

  function truthOf(model: PipelineModel): number[] {
    return truth(model);
  }
  function maxDiffOf(a: number[], b: number[]): number {
    return maxDiff(a, b);
  }
});
