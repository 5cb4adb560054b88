import { Command, CommanderError, InvalidArgumentError } from "commander";
import { StreamlabError } from "../index";
import { PredictionService } from "../serve/PredictionService";
import { EXIT_CODES_HELP, addExportCommands } from "./exportCommands";
import { formatInspection, inspectModelStream } from "./inspect";

/**
 * `npx streamlab <command>` — the command line of the production hand-over.
 *
 * Exit codes: 0 done (for `serve`: stopped by SIGINT/SIGTERM after finishing the requests in
 * flight); 1 the command failed (a folder or model that cannot be read, a model that cannot be
 * exported, a port in use); 2 usage error (unknown command or option, a missing or malformed
 * argument, a command without its subcommand).
 */
export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

function positiveInt(name: string) {
  return (text: string): number => {
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError(`${name} must be a whole number ≥ 0, got ${JSON.stringify(text)}.`);
    return n;
  };
}

export function program(out: (text: string) => void = (t) => process.stdout.write(t + "\n")): Command {
  const cli = new Command("streamlab")
    .description("streamlab's command line: serve a model (stream), inspect a model-stream folder, export a model to ONNX or an Alink job.")
    .exitOverride()
    .configureOutput({ writeOut: (t) => out(t.trimEnd()), writeErr: (t) => process.stderr.write(t) })
    .showHelpAfterError()
    .addHelpText("after", EXIT_CODES_HELP);

  cli
    .command("inspect")
    .description("List the versions of a model-stream folder: time, rows, files, size, commit status, and commits that never finished.")
    .argument("<dir>", "model-stream folder (<timestamp>/ folders + conf/)")
    .option("--json", "print JSON instead of a table")
    .action((dir: string, opts: { json?: boolean }) => {
      const inspection = inspectModelStream(dir);
      out(opts.json ? JSON.stringify(inspection, null, 2) : formatInspection(inspection));
    });

  cli
    .command("serve")
    .description("Serve predictions over HTTP (POST /predict, GET /model, /health, /metrics) from a saved pipeline model and/or a model-stream folder it follows.")
    .requiredOption("--schema <schemaStr>", 'input schema of the rows, e.g. "id string, x double"')
    .option("--model-stream <dir>", "model-stream folder to follow (starts from its newest version)")
    .option("--model <file>", "saved pipeline model (.ak or .json); with --model-stream, serves until the folder has a version")
    .option("--host <host>", "interface to bind", "127.0.0.1")
    .option("--port <port>", "port (0 = any free port)", positiveInt("--port"), 8080)
    .option("--scan-interval <seconds>", "seconds between scans of the folder", positiveInt("--scan-interval"), 10)
    .option("--start-time <time>", 'only versions from this "yyyy-mm-dd hh:mm:ss" on')
    .option("--max-body-bytes <bytes>", "largest request body", positiveInt("--max-body-bytes"), 1 << 20)
    .option("--max-rows <rows>", "most rows in one request", positiveInt("--max-rows"), 10_000)
    .action(async (opts: { schema: string; modelStream?: string; model?: string; host: string; port: number; scanInterval: number; startTime?: string; maxBodyBytes: number; maxRows: number }) => {
      if (opts.modelStream === undefined && opts.model === undefined) throw new CommanderError(EXIT_USAGE, "streamlab.usage", "error: give --model-stream <dir>, --model <file>, or both.");
      const service = new PredictionService({ ...opts, scanInterval: opts.scanInterval === 0 ? 1 : opts.scanInterval });
      const url = await service.listen();
      out(`streamlab serving on ${url} (model version ${service.predictor.getModelVersion() ?? "given at start"}); Ctrl-C stops`);
      await new Promise<void>((resolve) => {
        const stop = () => {
          process.off("SIGINT", stop);
          process.off("SIGTERM", stop);
          void service.close().then(resolve);
        };
        process.on("SIGINT", stop);
        process.on("SIGTERM", stop);
      });
      out("streamlab: stopped");
    });

  addExportCommands(cli, out);
  return cli;
}

/** Runs the command line; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  try {
    await program().parseAsync(argv);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return EXIT_OK;
      // Help shown because no (sub)command was given: a usage error.
      if (error.code === "commander.help") return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
      if (error.code === "streamlab.usage") process.stderr.write(error.message + "\n");
      return EXIT_USAGE;
    }
    const message = error instanceof StreamlabError || error instanceof Error ? error.message : String(error);
    process.stderr.write(message.startsWith("streamlab") ? `${message}\n` : `streamlab: ${message}\n`);
    return EXIT_FAILED;
  }
}
