import type { BatchOperator, PipelineStage, StreamOperator } from "../../../src";

/**
 * Ready-to-run instances for the contract test, one file per area (io, feature, ...):
 * `operators` maps each exported operator class name to a factory returning an instance linked to
 * small inputs; `stages` maps each exported pipeline-stage class name to a factory returning a
 * configured stage plus the batch data to fit/transform it on.
 */
export interface ReadyCases {
  operators: Record<string, () => BatchOperator>;
  stages: Record<string, () => { stage: PipelineStage; data: BatchOperator }>;
  /** Each exported stream operator: a factory returning an instance linked to small inputs. */
  streams?: Record<string, () => StreamOperator>;
}
