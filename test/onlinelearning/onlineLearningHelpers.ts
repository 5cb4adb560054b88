import * as api from "../../src";

/** The packed pipeline models of a model-stream table, by timestamp (seconds). */
export function pipelinesByTime(table: api.Table): Map<number, api.PipelineModel> {
  const packedSchema = new api.Schema(table.schema.names.slice(2), table.schema.types.slice(2));
  const rows = table.toRows();
  const out = new Map<number, api.PipelineModel>();
  for (const t of [...new Set(rows.map((r) => (r[0] as Date).getTime()))]) {
    const packed = api.Table.fromRows(rows.filter((r) => (r[0] as Date).getTime() === t).map((r) => r.slice(2)), packedSchema);
    out.set(t / 1000, api.PipelineModel.collectLoad(new api.TableSourceBatchOp(packed)));
  }
  return out;
}

/** The last stage's coefficients of a pipeline model. */
export function lastCoefs(model: api.PipelineModel): number[] {
  const stages = model.getStages();
  return Array.from((stages[stages.length - 1] as api.LogisticRegressionModel).getLinearModelData().coefVector);
}
