/**
 * Every code example in src/'s doc comments runs: the ```ts / ```typescript fences of `/** … *\/`
 * comments (with or without `@example`), read from the source files (read-only), compiled with the
 * TypeScript API (`transpileModule`) and run with every export of the package entry in scope.
 *
 * Conventions for example authors:
 *  - An example may use variables it does not define (`data`, `model`, …) when GIVENS below gives
 *    them for its source file (keyed by file name, so files can move between folders); prefer Alink's
 *    documented data (the alink-docs fixtures) so the example shows what Alink's docs show. A name
 *    neither defined nor given fails the example (ReferenceError): nothing is skipped silently.
 *  - `expression;  // value` where the comment starts with a JSON value (`0.8333333333333334`,
 *    `[[3, 2], [0, 0]]  rows: predicted…`) is checked: the expression must equal that value.
 *    Other trailing comments are prose.
 *  - An illustrative fragment that cannot run (a declaration pattern, elided arguments) opts out
 *    with the fence info string `ts fragment` (```` ```ts fragment ````): editors still highlight it
 *    as TypeScript. Fragments are counted and listed below, so opting out is explicit and reviewed.
 *  - Streams an example prints or collects are run after it (`StreamOperator.execute()`).
 */
import * as fs from "fs";
import * as path from "path";
import ts from "typescript";
import { describe, expect, it, vi } from "vitest";
import * as api from "../../src";
import type { BatchOperator, StreamOperator } from "../../src";
import { FIXTURES, ROOT, tempDir } from "../helpers";
import { inputSource } from "./fixtures";

const SRC = path.join(ROOT, "src");

interface Example {
  file: string;
  line: number;
  info: string;
  code: string;
}

/** The code fences of doc comments in a source file. */
export function extractExamples(file: string, text: string): Example[] {
  const examples: Example[] = [];
  for (const comment of text.matchAll(/\/\*\*([\s\S]*?)\*\//g)) {
    const start = text.slice(0, comment.index).split("\n").length;
    const lines = comment[1].split("\n").map((l) => l.replace(/^[ \t]*\* ?/, ""));
    for (let i = 0; i < lines.length; i++) {
      const open = /^```(ts|typescript)\b\s*(.*)$/.exec(lines[i].trim());
      if (open === null) continue;
      const end = lines.findIndex((l, j) => j > i && l.trim() === "```");
      if (end < 0) throw new Error(`${file}:${start + i}: unclosed code fence in a doc comment`);
      examples.push({ file, line: start + i, info: open[2].trim(), code: lines.slice(i + 1, end).join("\n") });
      i = end;
    }
  }
  return examples;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : e.name.endsWith(".ts") ? [full] : [];
  });
}

const EXAMPLES = sourceFiles(SRC)
  .sort()
  .flatMap((file) => extractExamples(path.relative(ROOT, file), fs.readFileSync(file, "utf8")));

/** Fragments allowed to opt out (file name → why); an opted-out example elsewhere fails the test. */
const FRAGMENTS: Record<string, string> = {
  "withParams.ts": "the declaration pattern an operator file writes (export interface … extends ParamAccessors)",
};

// ---------------------------------------------------------------------------------------------
// Givens: the variables examples use without defining, per source file name.

type Given = () => { vars: Record<string, unknown>; cwd?: string };

const rename = (op: BatchOperator, names: string): BatchOperator => new api.MemSourceBatchOp(op.collect(), `${names}`);
const stream = (op: BatchOperator, timeCol?: string): StreamOperator => new api.TableSourceStreamOp(op, timeCol ? { timeCol } : {});

/** Small click data over sparse vectors (size 30000, as the CTR examples hash into). */
function clicks(n: number, offset = 0): BatchOperator {
  const rows = Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    const a = (i * 7) % 11;
    const b = 100 + ((i * 13) % 17);
    return [i % 3 === 0 || a > 6 ? 1 : 0, `$30000$${a}:1.0 ${b}:${(i % 4) / 2}`, i * 60.0];
  });
  return new api.MemSourceBatchOp(rows, "click int, vec vector, ts double");
}
const initLr = (): BatchOperator => new api.LogisticRegressionTrainBatchOp().setVectorCol("vec").setLabelCol("click").setMaxIter(10).linkFrom(clicks(60));
const ftrlModels = (): StreamOperator =>
  new api.FtrlTrainStreamOp(initLr()).setVectorCol("vec").setLabelCol("click").setVectorSize(30000).setTimeInterval(600).linkFrom(stream(clicks(80, 60), "ts"));

/** An FTRL predictor following a model stream and a static one, both scoring the same click stream. */
function scoredClicks(detailCol: string): { ftrlPredictions: StreamOperator; staticPredictions: StreamOperator } {
  const ftrlPredictions = new api.FtrlPredictStreamOp(initLr()).setVectorCol("vec").setPredictionCol("pred").setPredictionDetailCol(detailCol).linkFrom(ftrlModels(), stream(clicks(80, 60), "ts"));
  const staticPredictions = new api.LogisticRegressionPredictStreamOp(initLr()).setPredictionCol("pred").setPredictionDetailCol(detailCol).linkFrom(stream(clicks(80, 60), "ts"));
  return { ftrlPredictions, staticPredictions };
}

/** age/hours/site/click rows for the pipeline examples. */
function visits(n: number, offset = 0): BatchOperator {
  const rows = Array.from({ length: n }, (_, k) => {
    const i = k + offset;
    return [20 + (i % 40), (i * 3) % 10, "abc"[i % 3], i % 4 === 0 || (i % 40) > 30 ? 1 : 0, i * 60.0];
  });
  return new api.MemSourceBatchOp(rows, "age int, hours double, site string, click int, ts double");
}
const ctr = (n: number) => new api.CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets/ctr_train.csv")).setSchemaStr(api.CTR_SCHEMA_STR).setIgnoreFirstLine(true).firstN(n);

/** A folder holding a model stream of one model, in a fresh working directory. */
function modelStreamIn(folder: string, model: BatchOperator): string {
  const dir = tempDir();
  new api.AppendModelStreamFileSinkBatchOp().setFilePath(path.join(dir, folder)).setModelTime("2026-12-06 00:00:00").linkFrom(model);
  api.BatchOperator.execute();
  return dir;
}

const scalerData: Given = () => ({ vars: { data: inputSource("MinMaxScaler__1") } });
const oneHotData: Given = () => ({ vars: { data: inputSource("OneHotTrainBatchOp__1") } });
const lrData = () => inputSource("LogisticRegression__1");

const GIVENS: Record<string, Given> = {
  "LogisticRegression.ts": () => ({ vars: { data: lrData() } }),
  "LogisticRegressionPredictBatchOp.ts": () => ({
    vars: { data: lrData(), model: new api.LogisticRegressionTrainBatchOp().setFeatureCols(["f0", "f1"]).setLabelCol("label").linkFrom(lrData()) },
  }),
  "JsonValueBatchOp.ts": () => ({ vars: { data: inputSource("JsonValueBatchOp__1") } }),
  "SplitBatchOp.ts": () => ({ vars: { data: inputSource("SplitBatchOp__1") } }),
  // Alink's documented example: AUC 0.8333…, all five predicted positive (the example's checked values).
  "BinaryClassMetrics.ts": () => ({ vars: { predictions: rename(inputSource("EvalBinaryClassBatchOp__1"), "label string, detail string") } }),
  "EvalBinaryClassBatchOp.ts": () => ({ vars: { data: inputSource("EvalBinaryClassBatchOp__1") } }),
  "FeatureHasher.ts": () => ({ vars: { data: inputSource("FeatureHasherBatchOp__1"), categorical: ["str", "bool"], numeric: ["double", "number"] } }),
  "FeatureHasherBatchOp.ts": () => ({ vars: { data: inputSource("FeatureHasherBatchOp__1") } }),
  "MinMaxScaler.ts": scalerData,
  "MinMaxScalerPredictBatchOp.ts": scalerData,
  "MinMaxScalerTrainBatchOp.ts": scalerData,
  "StandardScaler.ts": scalerData,
  "StandardScalerPredictBatchOp.ts": scalerData,
  "StandardScalerTrainBatchOp.ts": scalerData,
  "OneHotEncoder.ts": oneHotData,
  "OneHotPredictBatchOp.ts": oneHotData,
  "OneHotTrainBatchOp.ts": oneHotData,
  "VectorAssembler.ts": () => ({ vars: { data: new api.MemSourceBatchOp([["$3$0:1.0", 31], ["$3$2:1.0", 45]], "output vector, age int") } }),
  "VectorAssemblerBatchOp.ts": () => ({ vars: { data: inputSource("VectorAssemblerBatchOp__1") } }),
  "AkSourceBatchOp.ts": () => ({ vars: {}, cwd: path.join(FIXTURES, "alink/written-by-alink/alink-1.6.2") }),
  "CsvSourceBatchOp.ts": () => ({ vars: {}, cwd: path.join(ROOT, "notebooks") }),
  "LatestModelStreamFileSourceBatchOp.ts": () => {
    const todaysData = new api.MemSourceBatchOp([["$4$0:1.0", 1], ["$4$1:1.0", 0], ["$4$0:1.0 2:1.0", 1], ["$4$3:1.0", 0]], "v vector, y int");
    return { vars: { todaysData }, cwd: modelStreamIn("models", new api.LogisticRegressionTrainBatchOp().setVectorCol("v").setLabelCol("y").linkFrom(todaysData)) };
  },
  "history.ts": () => ({ vars: {}, cwd: modelStreamIn("models/ctr", initLr()) }),
  "streamChart.ts": () => {
    const { ftrlPredictions: predictor, staticPredictions } = scoredClicks("detail");
    // Window metrics with the AUC taken out of Alink's metrics JSON, as the notebooks do.
    const auc = (scored: StreamOperator) =>
      new api.JsonValueStreamOp()
        .setSelectedCol("Data")
        .setJsonPath(["$.AUC"])
        .setOutputCols(["AUC"])
        .setReservedCols(["Statistics"])
        .linkFrom(new api.EvalBinaryClassStreamOp().setLabelCol("click").setPredictionDetailCol("detail").setTimeInterval(1200).linkFrom(scored));
    return { vars: { ftrlAuc: auc(predictor), staticAuc: auc(staticPredictions), predictor } };
  },
  "evalStreamCharts.ts": () => ({ vars: { ...scoredClicks("details"), driftTimes: [1800, 3600] } }),
  "hashedFeatureNames.ts": () => {
    const train = ctr(300);
    const model = new api.Pipeline(
      new api.StandardScaler().setSelectedCols(["C15", "C16"]),
      new api.FeatureHasher().setSelectedCols(["C1", "site_id", "C15", "C16"]).setCategoricalCols(["C1", "site_id"]).setOutputCol("vec").setNumFeatures(50),
      new api.LogisticRegression().setVectorCol("vec").setLabelCol("click").setPredictionCol("pred").setMaxIter(5),
    ).fit(train);
    return { vars: { model, train, coef: Array.from({ length: 51 }, (_, i) => (i % 7) / 10 - 0.3) } };
  },
  "records.ts": () => ({
    vars: {
      verdicts: new api.MemSourceBatchOp([["2026-12-06 01:00:00", true, ""], ["2026-12-06 02:00:00", false, "auc"]], "model_version string, accepted boolean, failed string"),
    },
  }),
  "BinaryClassModelFilterStreamOp.ts": () => ({
    vars: { models: ftrlModels(), validationStream: stream(clicks(80, 60), "ts"), testStream: stream(clicks(80, 60), "ts"), initModel: initLr() },
  }),
  "FtrlModelFilterStreamOp.ts": () => ({
    vars: { models: ftrlModels(), validation: stream(clicks(80, 60), "ts"), data: stream(clicks(80, 60), "ts"), initModel: initLr() },
  }),
  "FtrlTrainStreamOp.ts": () => ({ vars: { initModel: initLr(), trainStream: stream(clicks(80, 60), "ts") } }),
  "LocalPredictor.ts": () => {
    const dir = tempDir();
    const model = new api.Pipeline(
      new api.FeatureHasher().setSelectedCols(["C1", "banner_pos", "site_id"]).setCategoricalCols(["C1", "banner_pos", "site_id"]).setOutputCol("vec").setNumFeatures(1000),
      new api.LogisticRegression().setVectorCol("vec").setLabelCol("click").setPredictionCol("pred").setMaxIter(5),
    ).fit(ctr(300));
    model.save(path.join(dir, "models/initial_pipeline.json"));
    return { vars: { row: ctr(1).collect()[0] }, cwd: dir };
  },
  "Pipeline.ts": () => ({ vars: { train: ctr(300), test: ctr(20) } }),
  "PipelinePredictStreamOp.ts": () => {
    const pipelineModel = new api.Pipeline(
      new api.VectorAssembler().setSelectedCols(["age", "hours"]).setOutputCol("vec"),
      new api.LogisticRegression().setVectorCol("vec").setLabelCol("click").setPredictionCol("pred"),
    ).fit(visits(60));
    return { vars: { pipelineModel, train: stream(visits(60, 60), "ts"), test: stream(visits(60, 60), "ts") } };
  },
  "OnlineLearningStreamOp.ts": () => ({ vars: { batchData: visits(60), trainStream: stream(visits(60, 60), "ts"), testStream: stream(visits(60, 60), "ts") } }),
};

// ---------------------------------------------------------------------------------------------

/** Rewrites `expr;  // <JSON value>…` lines into checks; returns the code and how many it made. */
export function withChecks(code: string): { code: string; checks: number } {
  let checks = 0;
  const lines = code.split("\n");
  const out = lines.map((line, i) => {
    const m = /^(\s*)([^/].*?);\s*\/\/\s*(.+)$/.exec(line);
    if (m === null || /^(const|let|var|return|await|new)\b/.test(m[2]) || m[2].startsWith(".")) return line;
    const before = lines.slice(0, i).reverse().find((l) => l.trim() !== "" && !l.trim().startsWith("//"));
    if (before !== undefined && !/[;{}]\s*(\/\/.*)?$/.test(before)) return line; // part of a longer statement
    for (const candidate of [m[3], m[3].split(/\s{2,}/)[0]]) {
      try {
        const value = JSON.parse(candidate);
        checks++;
        return `${m[1]}__check(${m[2]}, ${JSON.stringify(value)}, ${JSON.stringify(m[2].trim())});`;
      } catch {
        // not a value: a prose comment
      }
    }
    return line;
  });
  return { code: out.join("\n"), checks };
}

function compile(example: Example): string {
  const result = ts.transpileModule(example.code, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    reportDiagnostics: true,
    fileName: "example.ts",
  });
  const errors = (result.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  if (errors.length > 0) throw new Error(`${example.file}:${example.line}: the example does not compile: ${errors.join("; ")}`);
  return result.outputText;
}

const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => (...values: unknown[]) => Promise<void>;

async function run(example: Example): Promise<number> {
  const given = GIVENS[path.basename(example.file)]?.() ?? { vars: {} };
  const { code, checks } = withChecks(example.code);
  const js = compile({ ...example, code });
  const declared = new Set([...js.matchAll(/\b(?:const|let|var|function|class)\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
  const scope: Record<string, unknown> = { ...api, ...given.vars };
  const names = Object.keys(scope).filter((n) => !declared.has(n) && /^[A-Za-z_$][\w$]*$/.test(n));
  const check = (actual: unknown, expected: unknown, what: string) => expect(actual, `${example.file}:${example.line}: ${what}`).toEqual(expected);
  const fn = new AsyncFunction(...names, "__check", js);
  const cwd = process.cwd();
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  try {
    if (given.cwd) process.chdir(given.cwd);
    await fn(...names.map((n) => scope[n]), check);
    await drainStreams();
  } finally {
    process.chdir(cwd);
    log.mockRestore();
  }
  return checks;
}

/** Runs the streams an example printed or collected (none is not an error). */
async function drainStreams(): Promise<void> {
  try {
    await api.StreamOperator.execute();
  } catch (error) {
    if (!(error instanceof api.StreamlabError && /nothing to run/.test(error.message))) throw error;
  }
}

describe("doc-comment examples in src/ run", () => {
  it("finds the examples (and opted-out fragments only where listed)", () => {
    expect(EXAMPLES.length).toBeGreaterThanOrEqual(30);
    const fragments = EXAMPLES.filter((e) => e.info === "fragment");
    expect(fragments.map((e) => path.basename(e.file)).filter((f) => !(f in FRAGMENTS))).toEqual([]);
    expect(EXAMPLES.filter((e) => e.info !== "" && e.info !== "fragment").map((e) => `${e.file}:${e.line} "${e.info}"`)).toEqual([]);
    // Checked values exist (BinaryClassMetrics' AUC and confusion matrix at least), so the rewriting is exercised on real examples.
    expect(EXAMPLES.reduce((n, e) => n + withChecks(e.code).checks, 0)).toBeGreaterThanOrEqual(2);
  });

  for (const example of EXAMPLES.filter((e) => e.info !== "fragment")) {
    it(`${example.file}:${example.line}`, async () => {
      await run(example);
    });
  }
});

describe("the example runner itself", () => {
  it("extracts fenced examples from doc comments only", () => {
    const text = "/**\n * Intro.\n * @example\n * ```ts\n * f(1);\n * ```\n */\nconst s = `\n```ts\nnot a doc\n```\n`;\n/** ```ts fragment\n * x\n * ``` */";
    const found = extractExamples("a.ts", text);
    expect(found.map((e) => [e.info, e.code])).toEqual([["", "f(1);"], ["fragment", "x"]]);
  });

  it("turns value comments into checks and leaves prose alone", () => {
    const { code, checks } = withChecks("const m = f();\nm.auc();   // 0.5\nm.cm();   // [[1, 2]]  rows: x\nm.roc();  // { x: [...] }\nnew A();  // explicit");
    expect(checks).toBe(2);
    expect(code).toContain('__check(m.auc(), 0.5, "m.auc()");');
    expect(code).toContain('__check(m.cm(), [[1,2]], "m.cm()");');
    expect(code).toContain("m.roc();  // { x: [...] }");
  });

  it("fails an example whose checked value is wrong, or that uses an undefined name", async () => {
    await expect(run({ file: "src/x/Nothing.ts", line: 1, info: "", code: "1 + 1;  // 3" })).rejects.toThrow(/expected 2 to deeply equal 3/);
    await expect(run({ file: "src/x/Nothing.ts", line: 1, info: "", code: "undefinedThing.print();" })).rejects.toThrow(/undefinedThing/);
  });
});
