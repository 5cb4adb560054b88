/** Exported base classes meant for subclassing, not for use: the contract tests skip them (by export name). */
export const ABSTRACT_STAGES = new Set(["PipelineStage", "TransformerBase", "MapTransformer", "ModelBase", "EstimatorBase", "TrainerEstimator", "PipelineModel"]);
