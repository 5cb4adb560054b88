import * as fs from "fs";
import * as path from "path";
import { Command, CommanderError } from "commander";
import { AkSinkStreamOp, AkSourceStreamOp, CsvSourceStreamOp, PipelinePredictStreamOp, StreamlabError, exportAlink, exportOnnx } from "../index";
import { loadModelArtefact } from "./modelArtefact";

/** The exit codes, as `--help` and the README state them (main.ts returns them). */
export const EXIT_CODES_HELP = `
Exit codes:
  0  done (or --help shown)
  1  the command failed: a model, folder or input that is missing or cannot be read, a model that
     cannot be exported (the message names the stage and why), an output that exists (see --overwrite)
  2  usage error: unknown command or option, a missing or malformed argument`;

const MODEL_ARGUMENT = "saved pipeline model (.ak, .json) or model-stream folder (<timestamp>/ versions + conf/)";
const NOT_EXPORTED =
  "A saved model or model stream holds no training graph: the trainer that wrote the versions (e.g. FTRL) is not part of " +
  "the export. Export a training job from code: exportAlink(dir, sink) on the graph (see notebooks/05-export.ipynb).";

function usage(message: string): CommanderError {
  return new CommanderError(2, "streamlab.usage", `error: ${message}`);
}

/** Refuses an output path that would be silently replaced or that is a folder. */
function checkOutputFile(file: string, overwrite: boolean | undefined): string {
  const target = path.resolve(file);
  if (fs.existsSync(target) && fs.statSync(target).isDirectory()) throw new StreamlabError(`streamlab export: ${target} is a folder; give the path of the file to write.`, { file: target });
  if (fs.existsSync(target) && !overwrite) throw new StreamlabError(`streamlab export: ${target} exists; pass --overwrite to replace it.`, { file: target });
  return target;
}

interface OnnxOptions {
  version?: string;
  pipeline?: string;
  schema?: string;
  overwrite?: boolean;
}

interface AlinkOptions extends OnnxOptions {
  input: string;
  header?: boolean;
  output?: string;
  follow: boolean;
  className?: string;
}

/** `streamlab export onnx|alink …`. */
export function addExportCommands(cli: Command, out: (text: string) => void): void {
  const exporter = cli
    .command("export")
    .description("Export a saved pipeline model or a model-stream version: as an ONNX file, or as an Alink (Flink) prediction job.")
    .addHelpText("after", EXIT_CODES_HELP);

  exporter
    .command("onnx")
    .summary("write a pipeline model (or a model-stream version) as an ONNX file")
    .description(
      "Write a pipeline model as an ONNX file (opset 17 + ai.onnx.ml 3) for any ONNX runtime. Exported stages: StandardScaler, MinMaxScaler, " +
        "OneHotEncoder (handleInvalid KEEP), VectorAssembler, FeatureHasher over numeric columns, LogisticRegression; any other stage is an " +
        "error naming it and why (exit 1).",
    )
    .argument("<model>", MODEL_ARGUMENT)
    .argument("<out.onnx>", "the ONNX file to write")
    .option("--version <version>", "version of the model-stream folder to export (a folder name as `streamlab inspect` lists it); default: the newest committed")
    .option("--pipeline <file>", "for a folder of one stage's models (e.g. FTRL's): the saved pipeline they belong to")
    .option("--schema <schemaStr>", "input schema of the rows; default: the schema the pipeline was fitted on, saved with it")
    .option("--overwrite", "replace an existing output file")
    .addHelpText("after", EXIT_CODES_HELP)
    .action((model: string, file: string, opts: OnnxOptions) => {
      const loaded = loadModelArtefact(model, opts);
      const schema = opts.schema ?? loaded.model.trainingDataSchema;
      if (schema === null) throw usage(`the input schema of ${loaded.description} was not saved with it; give --schema "col type, …".`);
      const target = checkOutputFile(file, opts.overwrite);
      const report = exportOnnx(loaded.model, target, { inputSchema: schema, overwrite: opts.overwrite });
      const outputs = report.outputs.map((o) => `${o.name} ${o.type}[${o.width}]${report.labels[o.column] ? ` (probabilities of ${report.labels[o.column].join(", ")})` : ""}`);
      out(
        [
          `streamlab: wrote ${report.file} from ${loaded.description}`,
          `  stages:  ${loaded.model.getStages().map((s) => s.operatorName).join(" → ")}`,
          `  inputs:  ${report.inputs.map((i) => `${i.name} ${i.type}`).join(", ")}`,
          `  outputs: ${outputs.join(", ")}`,
        ].join("\n"),
      );
    });

  exporter
    .command("alink")
    .summary("write an Alink (Flink) job that predicts with a pipeline model (following its model-stream folder)")
    .description(
      "Write an Alink 1.6 (Flink 1.13) prediction job: a Java main + PyAlink script that read --input as a stream, predict with the pipeline " +
        "(PipelinePredictStreamOp; given a model-stream folder of pipeline models it follows the folder) and write --output (else print). " +
        "The model is saved in Alink's .ak format under <outDir>/data/. " +
        NOT_EXPORTED,
    )
    .argument("<model>", MODEL_ARGUMENT)
    .argument("<outDir>", "folder to write the job into (Java main, PyAlink script, README.md, data/)")
    .requiredOption("--input <file>", "rows to predict: a .csv file (columns as --schema) or an .ak file")
    .option("--schema <schemaStr>", "schema of the CSV input; default: the schema the pipeline was fitted on, saved with it")
    .option("--header", "the CSV input's first line is a header")
    .option("--output <file.ak>", "where the job writes the predictions (AkSinkStreamOp); default: print them")
    .option("--version <version>", "version of the model-stream folder the job starts from; default: the newest committed")
    .option("--pipeline <file>", "for a folder of one stage's models (e.g. FTRL's): the saved pipeline they belong to (the job serves that version; Alink's PipelinePredictStreamOp follows folders of whole pipeline models only)")
    .option("--no-follow", "serve the exported model only: follow neither the model-stream folder given nor one the saved model names")
    .option("--class-name <name>", "Java class name of the job", "StreamlabJob")
    .option("--overwrite", "replace an earlier export in <outDir>")
    .addHelpText("after", EXIT_CODES_HELP)
    .action((model: string, outDir: string, opts: AlinkOptions) => {
      const input = path.resolve(opts.input);
      if (!fs.existsSync(input) || fs.statSync(input).isDirectory()) throw new StreamlabError(`streamlab export alink: --input ${input} is not a file.`, { file: input });
      const loaded = loadModelArtefact(model, opts);
      const ak = input.endsWith(".ak");
      const schema = opts.schema ?? loaded.model.trainingDataSchema;
      if (!ak && schema === null) throw usage(`the input schema of ${loaded.description} was not saved with it; give --schema "col type, …" for the CSV input.`);
      const target = path.resolve(outDir);
      if (fs.existsSync(target) && !fs.statSync(target).isDirectory()) throw new StreamlabError(`streamlab export alink: ${target} is a file; give a folder for the job.`, { file: target });
      const output = opts.output === undefined ? null : checkOutputFile(opts.output, true);

      const source = ak ? new AkSourceStreamOp().setFilePath(input) : new CsvSourceStreamOp().setFilePath(input).setSchemaStr(schema!).setIgnoreFirstLine(opts.header === true);
      const follows = loaded.folder !== null && opts.follow && opts.pipeline === undefined;
      // Alink 1.6's PipelinePredictStreamOp follows the folder its pipeline model names (saved with the model under data/).
      if (follows) loaded.model.setModelStreamFilePath(loaded.folder!);
      // --no-follow: not the folder a saved pipeline model may name either.
      else if (!opts.follow) loaded.model.setModelStreamFilePath(null);
      const predict = new PipelinePredictStreamOp(loaded.model).linkFrom(source);
      const end = output === null ? predict : new AkSinkStreamOp().setFilePath(output).setOverwriteSink(true).linkFrom(predict);
      const report = exportAlink(target, end, { className: opts.className, overwrite: opts.overwrite });

      const lines = [
        `streamlab: wrote the Alink job ${report.javaFile} (and ${path.basename(report.pythonFile)}, README.md) from ${loaded.description}`,
        `  graph:   ${ak ? "AkSourceStreamOp" : "CsvSourceStreamOp"}(${input}) → PipelinePredictStreamOp(${loaded.model.getStages().map((s) => s.operatorName).join(" → ")})` +
          `${follows ? `, following ${loaded.folder}` : ""} → ${output === null ? "print()" : `AkSinkStreamOp(${output})`}`,
        `  data:    ${report.dataFiles.map((f) => path.relative(report.dir, f)).join(", ")}`,
        `  left out (streamlab-only parameters): ${report.dropped.map((d) => `${d.operator}: ${d.params.join(", ")}`).join("; ") || "none"}`,
      ];
      if (loaded.folder !== null && !follows) {
        lines.push(`  not followed: ${opts.pipeline !== undefined ? "Alink's PipelinePredictStreamOp follows folders of whole pipeline models only, so" : "--no-follow:"} the job serves version ${loaded.version} only`);
      }
      lines.push(`  not exported: ${NOT_EXPORTED}`);
      lines.push(`  run: cd ${report.dir} && javac -cp <alink classpath> ${report.className}.java, then java -cp .:<classpath> ${report.className} or flink run -c ${report.className} job.jar (README.md)`);
      out(lines.join("\n"));
    });
}
