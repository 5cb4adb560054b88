import * as fs from "fs";
import * as path from "path";
import { Mapper, MapperChain } from "../common/mapper";
import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator } from "../engine/batchOperator";
import { stageClass } from "./registry";
import { EstimatorBase, ModelBase, PipelineStage, TransformerBase } from "./stages";

/**
 * A sequence of estimators and transformers (Alink's `Pipeline`).
 *
 * ```ts
 * const model = new Pipeline()
 *   .add(new StandardScaler().setSelectedCols(["C15", "C16"]))
 *   .add(new FeatureHasher().setSelectedCols([...]).setOutputCol("vec"))
 *   .add(new LogisticRegression().setVectorCol("vec").setLabelCol("click").setPredictionCol("pred"))
 *   .fit(train);
 * model.transform(test).print();
 * ```
 * `fit` fits each estimator on the data transformed by the stages before it (up to the last
 * estimator; later transformers are kept as they are) and returns a {@link PipelineModel}.
 */
export class Pipeline {
  private readonly stages: PipelineStage[];

  constructor(...stages: PipelineStage[]) {
    this.stages = [];
    for (const stage of stages) this.add(stage);
  }

  add(stage: PipelineStage | Pipeline): this {
    if (stage instanceof Pipeline) {
      this.stages.push(...stage.getStages());
      return this;
    }
    if (!(stage instanceof EstimatorBase) && !(stage instanceof TransformerBase)) {
      throw new StreamlabError(`Pipeline.add: expected an estimator or a transformer (e.g. new StandardScaler()), got ${describe(stage)}.`);
    }
    this.stages.push(stage);
    return this;
  }

  getStages(): PipelineStage[] {
    return [...this.stages];
  }

  fit(input: BatchOperator): PipelineModel {
    if (!BatchOperator.isBatchOperator(input)) {
      throw new StreamlabError(`Pipeline.fit: expected a batch operator with the training data, got ${describe(input)}.`);
    }
    let lastEstimator = -1;
    this.stages.forEach((s, i) => {
      if (s instanceof EstimatorBase) lastEstimator = i;
    });
    const fitted: TransformerBase[] = [];
    let current = input;
    this.stages.forEach((stage, i) => {
      const transformer = stage instanceof EstimatorBase && i <= lastEstimator ? stage.fit(current) : (stage as TransformerBase);
      if (transformer instanceof PipelineModel) fitted.push(...transformer.getStages());
      else fitted.push(transformer);
      if (i < lastEstimator) current = transformer.transform(current);
    });
    return new PipelineModel(...fitted);
  }
}

const FORMAT = "streamlab-pipeline-model";

/** What `PipelineModel.save` writes: one JSON document (see the class docs for the layout). */
interface SavedPipelineModel {
  format: typeof FORMAT;
  version: 1;
  stages: { className: string; params: Record<string, unknown>; modelData: { schemaStr: string; rows: unknown[][] } | null }[];
}

/**
 * Fitted stages applied in order (Alink's `PipelineModel`). Its transform is one chain of mappers,
 * the same chain that stream prediction and single-row prediction run.
 *
 * `save(path)` writes one JSON file holding each stage's class, parameters and model table (in
 * Alink's model-table layout); `PipelineModel.load(path)` reads it back. (Alink packs the same
 * content into an `.ak` file; streamlab will read and write that form with the model-stream work.)
 */
export class PipelineModel extends TransformerBase {
  private readonly stages: TransformerBase[];

  constructor(...stages: TransformerBase[]) {
    super();
    stages.forEach((s) => {
      if (!(s instanceof TransformerBase)) throw new StreamlabError(`PipelineModel: stage ${describe(s)} is not a fitted transformer.`);
    });
    this.stages = stages.flatMap((s) => (s instanceof PipelineModel ? s.getStages() : [s]));
  }

  getStages(): TransformerBase[] {
    return [...this.stages];
  }

  createMapper(inputSchema: Schema): Mapper {
    const mappers: Mapper[] = [];
    let schema = inputSchema;
    for (const stage of this.stages) {
      const mapper = stage.createMapper(schema);
      mappers.push(mapper);
      schema = mapper.outputSchema;
    }
    return new MapperChain(mappers, inputSchema);
  }

  /** Writes the fitted pipeline to one file (JSON). */
  save(filePath: string, overwrite = true): void {
    const target = path.resolve(filePath);
    if (!overwrite && fs.existsSync(target)) throw new StreamlabError(`PipelineModel.save: ${target} exists; pass overwrite = true to replace it.`);
    const doc: SavedPipelineModel = {
      format: FORMAT,
      version: 1,
      stages: this.stages.map((stage) => ({
        className: stage.operatorName,
        params: stage.getParams(),
        modelData: stage instanceof ModelBase ? tableToJson(stage.getModelData()) : null,
      })),
    };
    fs.mkdirSync(path.dirname(target), { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, JSON.stringify(doc));
    fs.renameSync(temporary, target);
  }

  static load(filePath: string): PipelineModel {
    const target = path.resolve(filePath);
    if (!fs.existsSync(target)) throw new StreamlabError(`PipelineModel.load: ${target} does not exist.`);
    let doc: SavedPipelineModel;
    try {
      doc = JSON.parse(fs.readFileSync(target, "utf8"));
    } catch (error) {
      throw new StreamlabError(`PipelineModel.load: ${target} is not a saved pipeline model (${(error as Error).message}).`);
    }
    if (doc === null || doc.format !== FORMAT || !Array.isArray(doc.stages)) {
      throw new StreamlabError(`PipelineModel.load: ${target} is not a saved streamlab pipeline model (missing "format": "${FORMAT}").`);
    }
    return new PipelineModel(
      ...doc.stages.map((saved, i) => {
        const cls = stageClass(saved.className);
        const stage = saved.modelData === null ? new cls() : new cls(tableFromJson(saved.modelData, `${target} stage ${i}`));
        for (const [name, value] of Object.entries(saved.params ?? {})) stage.set(name, value);
        return stage;
      }),
    );
  }
}

function tableToJson(table: Table): { schemaStr: string; rows: unknown[][] } {
  return {
    schemaStr: table.schema.toString(),
    rows: table.toRows().map((row) => row.map((v) => (v instanceof Date ? v.getTime() : v !== null && typeof v === "object" ? String(v) : v))),
  };
}

function tableFromJson(json: { schemaStr: string; rows: unknown[][] }, where: string): Table {
  if (json === null || typeof json.schemaStr !== "string" || !Array.isArray(json.rows)) {
    throw new StreamlabError(`PipelineModel.load: ${where} has no valid model data.`);
  }
  return Table.fromRows(json.rows, Schema.parse(json.schemaStr), `PipelineModel.load (${where})`);
}

function describe(value: unknown): string {
  if (value === null || value === undefined) return String(value);
  return typeof value === "object" ? (value as object).constructor?.name ?? "object" : typeof value;
}
