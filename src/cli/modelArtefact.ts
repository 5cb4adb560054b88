import * as fs from "fs";
import * as path from "path";
import { ModelBase, PipelineModel, StreamlabError } from "../index";
import { CommittedModel, readCommittedModel, scanModelFolder } from "../io/modelStream/scanner";
import { Table } from "../core/table";

/** A pipeline model read from what a user points the command line at. */
export interface LoadedModel {
  model: PipelineModel;
  /** The model-stream folder it came from (absolute), or null for a saved model file. */
  folder: string | null;
  /** The version (folder name, e.g. 202403021200005) used, or null for a saved model file. */
  version: string | null;
  /** How the command describes it: the file, or "version V of folder F". */
  description: string;
}

const WHERE = "streamlab export";

/**
 * Reads a saved pipeline model (`.ak`, `.json`, or a folder of `.ak` files) or one committed version
 * of a model-stream folder (default: the newest). A folder of one stage's models (what FTRL or a
 * trainer's model stream writes: model tables, not packed pipelines) needs the pipeline they belong
 * to (`pipeline`): the version replaces the one stage whose model has its schema, as `LocalPredictor`
 * and `streamlab serve` do when following such a folder.
 */
export function loadModelArtefact(target: string, options: { version?: string; pipeline?: string } = {}): LoadedModel {
  const resolved = path.resolve(target);
  if (!fs.existsSync(resolved)) throw new StreamlabError(`${WHERE}: ${resolved} does not exist (expected a saved pipeline model or a model-stream folder).`, { file: resolved });
  const scan = fs.statSync(resolved).isDirectory() ? scanModelFolder(resolved, WHERE) : null;
  if (scan === null || scan.models.length === 0) {
    if (options.version !== undefined) {
      throw new StreamlabError(`${WHERE}: --version picks a version of a model-stream folder, but ${resolved} is ${scan === null ? "a file" : "a folder without committed versions"}.`, {
        file: resolved,
      });
    }
    if (scan !== null && !isAkFolder(resolved)) {
      throw new StreamlabError(`${WHERE}: ${resolved} is a folder with no committed model versions (<timestamp>/ folders + conf/) and no saved .ak model.`, { file: resolved });
    }
    return { model: PipelineModel.load(resolved), folder: null, version: null, description: resolved };
  }
  const chosen = chooseVersion(resolved, scan.models, options.version);
  const table = readCommittedModel(resolved, chosen, WHERE);
  const description = `version ${chosen.name} of ${resolved}`;
  if (isPackedPipeline(table)) return { model: PipelineModel.fromPackedTable(table, `${WHERE}: ${description}`), folder: resolved, version: chosen.name, description };
  if (options.pipeline === undefined) {
    throw new StreamlabError(
      `${WHERE}: ${description} is one stage's model (schema ${table.schema}), not a whole pipeline model; ` +
        "give the saved pipeline it belongs to with --pipeline <file> (its stage with that model schema is replaced).",
      { file: chosen.dir },
    );
  }
  const pipeline = loadModelArtefact(options.pipeline).model;
  const stages = pipeline.getStages();
  const fits = stages.map((s, i) => ({ s, i })).filter(({ s }) => s instanceof ModelBase && s.getModelData().schema.equals(table.schema));
  if (fits.length !== 1) {
    throw new StreamlabError(
      `${WHERE}: ${description} has model schema ${table.schema}, which ${fits.length === 0 ? "no stage" : `${fits.length} stages`} of ${path.resolve(options.pipeline)} ` +
        `${fits.length === 0 ? "has" : "have"} (one stage must have it to be replaced).`,
      { file: chosen.dir },
    );
  }
  stages[fits[0].i] = (stages[fits[0].i] as ModelBase).withModelData(table);
  const model = new PipelineModel(...stages);
  model.trainingDataSchema = pipeline.trainingDataSchema;
  return { model, folder: resolved, version: chosen.name, description: `${description} in ${path.resolve(options.pipeline)} (stage ${fits[0].i})` };
}

function chooseVersion(folder: string, models: CommittedModel[], version: string | undefined): CommittedModel {
  if (version === undefined) return models[models.length - 1];
  const found = models.find((m) => m.name === version);
  if (found === undefined) {
    const names = models.map((m) => m.name);
    const shown = names.length > 6 ? [...names.slice(0, 3), "…", ...names.slice(-3)] : names;
    throw new StreamlabError(`${WHERE}: ${folder} has no committed version ${JSON.stringify(version)}; its versions: ${shown.join(", ")} (see \`streamlab inspect ${folder}\`).`, {
      file: folder,
    });
  }
  return found;
}

/** Alink's packed pipeline-model table: `id BIGINT, p0 STRING, …` (a stage's model table has other columns). */
function isPackedPipeline(table: Table): boolean {
  return table.schema.names[0] === "id" && table.schema.names[1] === "p0";
}

function isAkFolder(dir: string): boolean {
  return fs.readdirSync(dir).some((f) => f.endsWith(".ak") || /^\d+$/.test(f));
}
