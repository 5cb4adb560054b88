// Side-by-side experiments over one replayed stream (re-exported by src/onlinelearning/index.ts).
export { Experiment, rankedTable, EXPERIMENT_TABLE_SCHEMA_STR } from "./Experiment";
export type { ExperimentOptions, ExperimentResult, StrategyResult, Strategy, StrategyOutput } from "./Experiment";
export { ftrlStrategy, fixedModelStrategy } from "./strategies";
export type { PredictionCols } from "./strategies";
export { recoveryTimes, DEFAULT_RECOVERY_TOLERANCE, DEFAULT_BASELINE_WINDOWS } from "./recovery";
export type { MetricWindow, Recovery, RecoveryOptions } from "./recovery";
