import type { StreamRunPlan } from "./streamRunner";

/** What the README of an export describes. */
export interface ExportReadmeInput {
  className: string;
  pythonName: string;
  /** The streamlab-only parameters left out, as text. */
  dropped: string;
  /** The stream job's stop rule inputs; null for a batch-only graph. */
  stream: StreamRunPlan | null;
  /** streamlab names of the exported operators (selects the "what differs" notes that apply). */
  operators: ReadonlySet<string>;
}

/**
 * The `README.md` written next to an exported job: how to run it, how its stream job stops, and
 * precisely what differs from streamlab's run of the same graph and why (each note only when the
 * graph has the operator). The reasons are Alink's code, read in Alink's sources (reference §6–§8).
 */
export function exportReadme({ className, pythonName, dropped, stream, operators }: ExportReadmeInput): string {
  const has = (...names: string[]) => names.some((n) => operators.has(n));
  const lines = [
    `# Alink job exported by streamlab`,
    ``,
    `\`${className}.java\` rebuilds the streamlab graph on Alink 1.6.0 (Flink 1.13); \`${pythonName}\` is the same for PyAlink.`,
    `Tables and models the graph held in memory are in \`data/\` as Alink \`.ak\` files. Run from this folder.`,
    ``,
    `- Local (Flink mini-cluster): compile against \`com.alibaba.alink:alink_core_flink-1.13_2.11:1.6.0\` and`,
    `  \`org.apache.flink:flink-clients_2.11:1.13.0\` (+ flink-table-planner_2.11), then \`java -cp .:<classpath> ${className} [options]\``,
    `  (Java 17 needs the \`--add-opens\` flags Flink 1.13 asks for).`,
    `- Cluster: package it with those dependencies (provided: Flink) and \`flink run -c ${className} job.jar [options]\`; put \`data/\``,
    `  where the task managers can read it, or change the paths to a shared file system.`,
    ``,
    `Options: \`--parallelism N\` (both environments, set before the graph is built; 1 keeps a file's row order through`,
    `the whole job), \`--max-seconds S\` (cancel the stream job after S seconds whatever happens), \`--quiet-seconds Q\``,
    `(default 2, see below).`,
    ``,
  ];
  if (stream !== null) {
    lines.push(
      `## How the stream job stops`,
      ``,
      `Alink's FTRL and online-learning trainers never end: each keeps a thread that sleeps \`timeInterval\` seconds and`,
      `emits a model tick forever, inside a Flink iteration that waits for feedback forever, so \`StreamOperator.execute()\``,
      `would never return even on a finite CSV. \`main\` therefore starts the job with \`executeAsync\`, counts rows with small`,
      `probe sinks (same JVM as the local mini-cluster) and cancels the job once`,
      ``,
      `1. every finite source (${stream.sources.length}: ${stream.sources.map((s) => s.label).join(", ") || "none"}) has been read to its end,`,
      `2. no data output (every end except model streams, which grow on every tick) got a row for \`--quiet-seconds\`, and`,
      `3. ${stream.intervalSeconds} s — the longest emission period in this graph (trainer \`timeInterval\`, evaluation window) — plus`,
      `   the quiet time have passed since the sources ended: every periodic emitter has fired once after the last row, so`,
      `   the last model is written and the last evaluation window that is still open is closed (see the evaluation note);`,
      ``,
      `or after \`--max-seconds\`. Cancelling closes the sinks, so their files are complete. A graph without a trainer ends by`,
      `itself. ${stream.unbounded ? "**This graph has a source that never ends** (Kafka, a model-stream folder): only `--max-seconds` or Ctrl-C stops it." : "A graph with a source that never ends (Kafka, a model-stream folder) stops only with `--max-seconds` or Ctrl-C."}`,
      `The last line of the output says why the job stopped and how many rows each source and end saw. On a cluster`,
      `(\`flink run\`) the probes count in the task managers, not in this JVM, so only \`--max-seconds\` (or cancelling the job in`,
      `Flink) stops it there.`,
      `The PyAlink script has no asynchronous execute: with a trainer its \`StreamOperator.execute()\` runs until Ctrl-C.`,
      ``,
    );
  }
  lines.push(
    `## What differs from streamlab, and why`,
    ``,
    `- Event time: streamlab runs streams in event time (the same result on every run); Alink runs them in processing`,
    `  time, so everything periodic below happens at wall-clock moments. streamlab-only parameters were left out: ${dropped}.`,
  );
  if (has("SplitStreamOp")) {
    lines.push(
      `- \`SplitStreamOp\`: Alink seeds each subtask's random generator with the wall clock (\`new Random(System.currentTimeMillis())\`)`,
      `  and ignores \`randomSeed\`, so which rows go to which side changes on every run; streamlab's split is seeded.`,
      `  Stages applied per row (feature hashing, scaling, prediction with a fixed model) give the same value for the same row.`,
    );
  }
  if (has("FtrlTrainStreamOp")) {
    lines.push(
      `- \`FtrlTrainStreamOp\`: the FTRL update of one mini-batch is the same arithmetic, but which rows form a gradient step is not:`,
      `  each subtask trains only full batches of \`max(1, miniBatchSize / parallelism)\` rows (a bounded stream's trailing partial`,
      `  batch is never trained; streamlab trains it at the end of the stream), and a batch that arrives while the previous`,
      `  gradient is still in the feedback loop is buffered and merged into the next step (a file source arrives faster than`,
      `  the loop turns; how many batches are merged depends on timing). Models are emitted every \`timeInterval\``,
      `  wall-clock seconds, the first one interval after the start, with or without new rows, stamped with the wall clock`,
      `  (streamlab: at the end of each event-time interval that trained rows). So with a single full batch the last model`,
      `  equals streamlab's after the same rows; otherwise the number of models and their coefficients differ run to run.`,
    );
  }
  if (has("FtrlPredictStreamOp", "LogisticRegressionPredictStreamOp")) {
    lines.push(
      `- Predictors that follow a model stream switch models when a model arrives on the wall clock; on a file source most`,
      `  rows are predicted before the first trained model arrives (with the initial model). Each prediction equals streamlab's`,
      `  with the same model; which model a row saw differs (streamlab: the model in force at the row's event time).`,
    );
  }
  if (has("FtrlModelFilterStreamOp", "BinaryClassModelFilterStreamOp")) {
    lines.push(
      `- Model filters judge a model on the validation rows that reach them around its wall-clock arrival and ignore`,
      `  \`numEvalSamples\` (\`evalMode\` is streamlab's), so which models pass differs; a passed model is one the trainer emitted.`,
    );
  }
  if (has("EvalBinaryClassStreamOp")) {
    lines.push(
      `- \`EvalBinaryClassStreamOp\`: windows are processing-time windows of \`timeInterval\` seconds, so the \`window\` rows hold other`,
      `  rows than streamlab's event-time windows; each cumulative \`all\` row covers the rows evaluated so far and equals`,
      `  streamlab's \`all\` row over the same rows (both use a 100 000-bin summary for \`all\`; streamlab's \`window\` rows are exact).`,
      `  When the evaluated stream is finite (no model-stream input upstream, e.g. predictions with a fixed model), Flink`,
      `  finishes the window task as soon as its input ends and drops the pending processing-time window: the rows after the`,
      `  last full window are never evaluated. Downstream of a predictor that follows a trainer, the task stays alive and the`,
      `  last window is emitted before the job is stopped. streamlab evaluates every row.`,
    );
  }
  if (has("ModelStreamFileSinkStreamOp")) {
    lines.push(
      `- \`ModelStreamFileSinkStreamOp\`: model folders are named by the wall-clock emission time, not by event time; streamlab`,
      `  reads the folder Alink writes (\`ModelStreamFileSourceStreamOp\`, \`LatestModelStreamFileSourceBatchOp\`).`,
    );
  }
  lines.push(``);
  return lines.join("\n");
}
