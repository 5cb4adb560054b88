// Public API of src/onlinelearning/driftTrigger (re-exported by src/onlinelearning/index.ts).
export { DRIFT_ACTIONS, FTRL_DRIFT_PARAMS, FILTER_DRIFT_PARAMS, DRIFT_TRIGGER_KIND_PARAMS } from "./params";
export type { DriftAction } from "./params";
export type { DriftTriggerEvent } from "./driftTrigger";
