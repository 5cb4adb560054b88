import * as fs from "fs";
import * as path from "path";
import { StreamlabError, describeValue } from "../../core/errors";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { StreamOperator } from "../../stream/streamOperator";
import { writeAk } from "../../io/ak/akFile";
import { ModelFolderTicksStreamOp } from "../../io/modelStream/follow";
import { PipelineModel } from "../../pipeline/Pipeline";
import {
  ALINK_OPERATOR_CLASSES,
  EMITTING_OPERATORS,
  FINITE_STREAM_SOURCES,
  MATERIALISED_SOURCES,
  STREAMLAB_ONLY_PARAMS,
  STREAMLAB_ONLY_PARAMS_OF,
  STREAMLAB_ONLY_SIDE_OUTPUTS,
  UNBOUNDED_STREAM_SOURCES,
} from "./alinkClasses";
import { exportReadme } from "./readme";
import { RUNNER_IMPORTS, StreamRunPlan, javaMainPrologue, javaRunnerMembers, javaStreamRun } from "./streamRunner";

type Operator = BatchOperator | StreamOperator;

/** Options of {@link exportAlink}. */
export interface AlinkExportOptions {
  /** Name of the generated Java class (default `StreamlabJob`). */
  className?: string;
  /** Replace files of an earlier export in the folder (default false). */
  overwrite?: boolean;
}

/** What {@link exportAlink} wrote. */
export interface AlinkExportReport {
  dir: string;
  /** The Java job (`javac` against Alink 1.6 + Flink 1.13, then run; see README of the folder). */
  javaFile: string;
  className: string;
  /** The same job for PyAlink. */
  pythonFile: string;
  /** Tables and models the job reads, written in Alink's `.ak` format under `data/`. */
  dataFiles: string[];
  /** Parameters left out per operator (streamlab-only: event time, chunking, version column). */
  dropped: { operator: string; params: string[] }[];
}

interface Node {
  op: Operator;
  variable: string;
  stream: boolean;
  /** Java expression creating the operator (before linkFrom). */
  java: string;
  python: string;
  inputs: string[];
  pythonInputs: string[];
}

/**
 * Exports an operator graph as a job for Alink on Flink (issue 16): a Java `main` and an
 * equivalent PyAlink script that rebuild the same graph — every operator with all its parameters
 * (Alink's own `Params` JSON, so nothing is renamed or retyped by hand) — plus the data and models the
 * graph holds in memory, written as Alink `.ak` files under `data/`. Give the graph's ends (sinks
 * such as `AkSinkBatchOp`, `CsvSinkBatchOp`, `ModelStreamFileSinkStreamOp`, or any operator, which
 * then gets a `print()`).
 *
 * Run it from the folder: `javac -cp <alink classpath> StreamlabJob.java && java -cp .:<classpath>
 * StreamlabJob [--parallelism N] [--max-seconds S] [--quiet-seconds Q]` (a local Flink mini-cluster),
 * or package it and `flink run -c StreamlabJob job.jar` on a cluster; `README.md` in the folder says
 * so with the Maven coordinates.
 *
 * A stream job runs to a bounded stop. Alink's FTRL / online-learning trainers never end (a thread
 * ticks every `timeInterval` seconds forever inside an endless Flink iteration), so the generated
 * `main` starts the job asynchronously, counts rows with probe sinks and cancels it once every finite
 * source (CSV, `.ak`) is read, the data outputs have been quiet for `--quiet-seconds` (2) and the
 * longest emission period of the graph has passed once more — so the last model is written and the
 * last evaluation window closed — or after `--max-seconds`; a graph without a trainer ends by itself.
 * Cancelling closes the sinks: their files are complete.
 *
 * Exporting neither runs nor removes the graph's stream sinks: as with any sink that was built (PyAlink's
 * semantics), the next `StreamOperator.execute()` runs them in streamlab too.
 *
 * What differs on Alink (by design of each system; the folder's README lists the notes that apply):
 * Alink runs streams in processing time. So `SplitStreamOp` is seeded with the wall clock (another
 * split on every run); FTRL trains only full mini-batches and merges the batches that arrive while a
 * gradient is in its feedback loop (with a single full batch its last model equals streamlab's after
 * the same rows; otherwise models differ run to run), and emits models on wall-clock ticks; predictors
 * swap models when they arrive; evaluation windows are processing-time windows (the cumulative `all`
 * row equals streamlab's over the same rows, and on a finite source Flink drops the last, partial
 * window when the input ends); model filters judge models on the rows around their arrival;
 * model-stream folders are named by wall-clock time. Per-row stages (scaling, hashing, prediction with
 * a given model) give the same values. streamlab-only parameters (timeCol, chunkSize,
 * modelVersionCol, evalMode, …) are left out and listed. Operators streamlab has but Alink does not,
 * streamlab-only side outputs (trainer progress, filter verdicts) or internal ones (a pipeline
 * stage's `transform` on a stream) are an error naming them.
 */
export function exportAlink(dir: string, targets: Operator | Operator[], options: AlinkExportOptions = {}): AlinkExportReport {
  const where = "exportAlink";
  if (typeof dir !== "string" || dir === "") throw new StreamlabError(`${where}: expected the folder to write the job into, got ${describeValue(dir)}.`);
  const ends = Array.isArray(targets) ? targets : [targets];
  if (ends.length === 0 || ends.some((t) => !BatchOperator.isBatchOperator(t) && !StreamOperator.isStreamOperator(t))) {
    throw new StreamlabError(`${where}: expected the graph's end operators (sinks or any operator), got ${describeValue(targets)}.`);
  }
  const className = options.className ?? "StreamlabJob";
  if (!/^[A-Z][A-Za-z0-9_]*$/.test(className)) throw new StreamlabError(`${where}: className ${JSON.stringify(className)} is not a Java class name.`, { param: "className" });
  const root = path.resolve(dir);
  const javaFile = path.join(root, `${className}.java`);
  const pythonFile = path.join(root, `${className.replace(/[A-Z]/g, (c, i) => (i ? "_" : "") + c.toLowerCase())}.py`);
  if (!options.overwrite && (fs.existsSync(javaFile) || fs.existsSync(pythonFile))) {
    throw new StreamlabError(`${where}: ${javaFile} exists; pass { overwrite: true } to replace the export.`, { file: javaFile });
  }
  fs.mkdirSync(path.join(root, "data"), { recursive: true });

  const nodes = new Map<Operator, Node>();
  const order: Node[] = [];
  const dataFiles: string[] = [];
  const dropped: AlinkExportReport["dropped"] = [];
  const extraJava: string[] = [];
  const extraPython: string[] = [];
  let next = 0;
  const modelTables = new Map<Table, string>();

  const writeTable = (table: Table, name: string, stream: boolean): { java: string; python: string } => {
    const file = `data/${name}.ak`;
    writeAk(table, path.join(root, file), { overwrite: true, operator: where });
    dataFiles.push(path.join(root, file));
    const cls = stream ? "AkSourceStreamOp" : "AkSourceBatchOp";
    const params = JSON.stringify({ filePath: JSON.stringify(file) });
    return { java: `new ${ALINK_OPERATOR_CLASSES[cls]}(Params.fromJson(${javaString(params)}))`, python: `${cls}(filePath=${JSON.stringify(file)})` };
  };

  /** A batch operator or table a constructor takes (an initial model): its variable. */
  const modelArgument = (model: BatchOperator | Table, owner: string): { java: string; python: string } => {
    if (model instanceof Table) {
      // One .ak file per model table, however many operators start from it (trainer and predictors).
      const written = modelTables.get(model);
      if (written !== undefined) return { java: written, python: written };
      const variable = `model${next++}`;
      modelTables.set(model, variable);
      const source = writeTable(model, `${owner}_${variable}`, false);
      extraJava.push(`    BatchOperator<?> ${variable} = ${source.java};`);
      extraPython.push(`${variable} = ${source.python}`);
      return { java: variable, python: variable };
    }
    const node = visit(model);
    return { java: node.variable, python: node.variable };
  };

  const visit = (op: Operator): Node => {
    const seen = nodes.get(op);
    if (seen !== undefined) return seen;
    const stream = StreamOperator.isStreamOperator(op);
    const name = op.operatorName;
    const upstream: { op: Operator; port: number }[] = stream
      ? // A followed folder's hidden source is not exported: Alink's operator follows the folder from its modelStreamFilePath parameter.
        (op as StreamOperator).inputs.filter((i) => !(i.op instanceof ModelFolderTicksStreamOp)).map((i) => ({ op: i.op, port: i.port }))
      : ((op as unknown as { inputs: BatchOperator[] }).inputs ?? []).map((o) => ({ op: o, port: 0 }));
    const sideOutput = /\.getSideOutput\((\d+)\)$/.exec(name);
    for (const [i, { op: input, port }] of upstream.entries()) {
      const side = sideOutput !== null ? Number(sideOutput[1]) : port - 1;
      if ((sideOutput !== null || port > 0) && STREAMLAB_ONLY_SIDE_OUTPUTS.has(input.operatorName)) {
        throw new StreamlabError(
          `${where}: ${name} reads side output ${side} of ${input.operatorName} (input ${i}), which only streamlab has (Alink's ${input.operatorName} has no side outputs); leave it out of the exported graph.`,
          { operator: input.operatorName },
        );
      }
    }
    if (sideOutput !== null && upstream.length === 1) {
      // A side-output reader: Alink's getSideOutput(i) of its parent.
      const parent = visit(upstream[0].op);
      const node: Node = { op, variable: `${parent.variable}.getSideOutput(${sideOutput[1]})`, stream, java: "", python: "", inputs: [], pythonInputs: [] };
      node.python = node.variable;
      nodes.set(op, node);
      return node;
    }
    const inputs = upstream.map(({ op: input, port }) => {
      const parent = visit(input);
      return port === 0 ? parent.variable : `${parent.variable}.getSideOutput(${port - 1})`;
    });
    const variable = `op${next++}`;
    let java: string;
    let python: string;
    if (MATERIALISED_SOURCES.has(name)) {
      const table = stream ? materialiseStream(op as StreamOperator) : (op as BatchOperator).getOutputTable();
      alinkParams(op, dropped); // its rows go to an .ak file; list what is lost (the event-time column's role, chunking)
      ({ java, python } = writeTable(table, variable, stream));
      nodes.set(op, { op, variable, stream, java, python, inputs: [], pythonInputs: [] });
      order.push(nodes.get(op)!);
      return nodes.get(op)!;
    }
    const cls = ALINK_OPERATOR_CLASSES[name];
    if (cls === undefined) {
      throw new StreamlabError(
        `${where}: ${name} has no Alink counterpart streamlab can export (operators: ${Object.keys(ALINK_OPERATOR_CLASSES).length} Alink classes, memory/table sources as .ak data). ` +
          "A pipeline stage's transform of a stream is exported through its …PredictStreamOp, or through PipelinePredictStreamOp for a whole pipeline.",
        { operator: name },
      );
    }
    const params = alinkParams(op, dropped);
    const paramsJava = `Params.fromJson(${javaString(params.json)})`;
    const paramsPython = `**json.loads(${pythonString(params.python)})`;
    // Constructor arguments: an initial model (predictors, trainers), a pipeline model.
    const holder = op as unknown as { initModel?: BatchOperator | Table; getPipelineModel?: () => PipelineModel };
    if (name === "PipelinePredictStreamOp" && holder.getPipelineModel !== undefined) {
      const file = `data/${variable}_pipeline.ak`;
      holder.getPipelineModel().save(path.join(root, file), true);
      dataFiles.push(path.join(root, file));
      java = `new ${cls}(com.alibaba.alink.pipeline.PipelineModel.load(${javaString(file)}), ${paramsJava})`;
      python = `${shortName(cls)}(PipelineModel.load(${JSON.stringify(file)}), ${paramsPython})`;
    } else if (holder.initModel !== undefined) {
      const arg = modelArgument(holder.initModel, variable);
      java = `new ${cls}(${arg.java}, ${paramsJava})`;
      python = `${shortName(cls)}(${arg.python}, ${paramsPython})`;
    } else {
      java = `new ${cls}(${paramsJava})`;
      python = `${shortName(cls)}(${paramsPython})`;
    }
    const node: Node = { op, variable, stream, java, python, inputs, pythonInputs: inputs };
    nodes.set(op, node);
    order.push(node);
    return node;
  };

  const endNodes = ends.map(visit);
  // Batch operators that only feed a stream graph (an initial model) run when the stream job is built.
  const hasBatch = endNodes.some((n) => !n.stream);
  const hasStream = endNodes.some((n) => n.stream);
  const javaLines: string[] = [];
  const pythonLines: string[] = [];
  for (const line of extraJava) javaLines.push(line);
  for (const line of extraPython) pythonLines.push(line);
  for (const node of order) {
    const type = node.stream ? "StreamOperator<?>" : "BatchOperator<?>";
    const link = node.inputs.length > 0 ? `\n        .linkFrom(${node.inputs.join(", ")})` : "";
    javaLines.push(`    ${type} ${node.variable} = ${node.java}${link};`);
    pythonLines.push(`${node.variable} = ${node.python}${node.pythonInputs.length > 0 ? `.linkFrom(${node.pythonInputs.join(", ")})` : ""}`);
  }
  for (const end of endNodes) {
    if (isSink(end.op.operatorName)) continue;
    javaLines.push(end.stream ? `    ${end.variable}.print();` : `    ${end.variable}.lazyPrint(20);`);
    pythonLines.push(end.stream ? `${end.variable}.print()` : `${end.variable}.lazyPrint(20)`);
  }
  if (hasBatch) {
    javaLines.push("    BatchOperator.execute();");
    pythonLines.push("BatchOperator.execute()");
  }
  let streamPlan: StreamRunPlan | null = null;
  if (hasStream) {
    streamPlan = streamRunPlan(className, order, endNodes);
    javaLines.push(...javaStreamRun(streamPlan));
    // PyAlink has no asynchronous execute: with a trainer in the graph this call never returns (README).
    pythonLines.push("StreamOperator.execute()  # never returns with an FTRL / online-learning trainer: stop it with Ctrl-C (README.md)");
  }
  const droppedText = dropped.map((d) => `${d.operator}: ${d.params.join(", ")}`).join("; ") || "none";
  const java = [
    `// Generated by streamlab's exportAlink: the same graph on Alink 1.6 (Flink 1.13). Run from this folder.`,
    `// Left out (streamlab-only parameters): ${droppedText}`,
    `// Options: --parallelism N, --max-seconds S, --quiet-seconds Q; how the stream job stops: README.md.`,
    `import com.alibaba.alink.operator.batch.BatchOperator;`,
    `import com.alibaba.alink.operator.stream.StreamOperator;`,
    `import org.apache.flink.ml.api.misc.param.Params;`,
    ...RUNNER_IMPORTS,
    ``,
    `public class ${className} {`,
    `  public static void main(String[] args) throws Exception {`,
    ...javaMainPrologue(),
    ...javaLines,
    `  }`,
    javaRunnerMembers(),
    `}`,
    ``,
  ].join("\n");
  const python = [
    `# Generated by streamlab's exportAlink: the same graph for PyAlink 1.6. Run from this folder.`,
    `# Left out (streamlab-only parameters): ${droppedText}`,
    `import json`,
    `from pyalink.alink import *`,
    ``,
    `useLocalEnv(2)`,
    ...pythonLines,
    ``,
  ].join("\n");
  fs.writeFileSync(javaFile, java);
  fs.writeFileSync(pythonFile, python);
  const operators = new Set(order.map((n) => n.op.operatorName));
  fs.writeFileSync(path.join(root, "README.md"), exportReadme({ className, pythonName: path.basename(pythonFile), dropped: droppedText, stream: streamPlan, operators }));
  return { dir: root, javaFile, className, pythonFile, dataFiles, dropped };
}

/** An operator's parameters as Alink's `Params` JSON: `{"name": "<JSON text of the value>", …}`. */
function alinkParams(op: Operator, dropped: AlinkExportReport["dropped"]): { json: string; python: string } {
  const specs = op.paramSpecs;
  const eventTimeSource = "timePerSample" in specs;
  const only = STREAMLAB_ONLY_PARAMS_OF[op.operatorName] ?? [];
  const out: Record<string, string> = {};
  const plain: Record<string, unknown> = {};
  const left: string[] = [];
  for (const [name, value] of Object.entries(op.getParams())) {
    if (STREAMLAB_ONLY_PARAMS.has(name) || only.includes(name) || (eventTimeSource && name === "startTime")) {
      left.push(name);
      continue;
    }
    if (value === null || value === undefined) continue;
    const v = value instanceof Date ? value.getTime() : value;
    out[name] = JSON.stringify(v);
    plain[name] = v;
  }
  if (left.length > 0) dropped.push({ operator: op.operatorName, params: left });
  return { json: JSON.stringify(out), python: JSON.stringify(plain) };
}

/** Where the stream job's stop rule looks: finite sources, ends (a sink's input), the longest emission period. */
function streamRunPlan(className: string, order: readonly Node[], ends: readonly Node[]): StreamRunPlan {
  const label = (n: Node) => `${n.variable} ${n.op.operatorName}`;
  const sources = order.filter((n) => n.stream && FINITE_STREAM_SOURCES.has(n.op.operatorName)).map((n) => ({ expr: n.variable, label: label(n) }));
  const unbounded = order.some((n) => n.stream && UNBOUNDED_STREAM_SOURCES.has(n.op.operatorName));
  const outputs = ends
    .filter((n) => n.stream)
    .map((n) => {
      const sink = isSink(n.op.operatorName) && n.inputs.length === 1;
      const watched = sink ? (n.op as StreamOperator).inputs[0].op : (n.op as StreamOperator);
      // A model stream grows on every emission tick, with or without new rows: it does not count for "quiet".
      const model = watched.getSchema().names.some((c) => c.toLowerCase() === "alinkmodelstreamtimestamp");
      return { expr: sink ? n.inputs[0] : n.variable, label: label(n), model };
    });
  let intervalSeconds = 0;
  for (const n of order) {
    if (!n.stream || !EMITTING_OPERATORS.has(n.op.operatorName)) continue;
    const value = (n.op as unknown as { getTimeInterval?: () => number }).getTimeInterval?.();
    if (typeof value === "number" && Number.isFinite(value)) intervalSeconds = Math.max(intervalSeconds, value);
  }
  return { className, sources, outputs, unbounded, intervalSeconds };
}

function materialiseStream(op: StreamOperator): Table {
  // The rows a memory / table source holds (MemSourceStreamOp.table, TableSourceStreamOp.source).
  const holder = op as unknown as { table?: Table; source?: Table | BatchOperator };
  if (holder.table instanceof Table) return holder.table;
  if (holder.source instanceof Table) return holder.source;
  if (holder.source !== undefined && BatchOperator.isBatchOperator(holder.source)) return holder.source.getOutputTable();
  throw new StreamlabError(`exportAlink: the rows of ${op.operatorName} cannot be read for export; write them with AkSinkBatchOp and read them with AkSourceStreamOp.`, {
    operator: op.operatorName,
  });
}

function isSink(name: string): boolean {
  return /Sink(Batch|Stream)Op$/.test(name);
}

function shortName(cls: string): string {
  return cls.slice(cls.lastIndexOf(".") + 1);
}

function javaString(text: string): string {
  return JSON.stringify(text); // a JSON string literal is a valid Java string literal for these texts (no \u2028 tricks needed)
}

function pythonString(text: string): string {
  return JSON.stringify(text);
}
