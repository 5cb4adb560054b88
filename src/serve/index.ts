/**
 * `streamlab/serve`: the prediction service (what `npx streamlab serve` runs) for use from code and
 * notebooks. A separate entry point because the service sits above the library's main entry (it
 * serves a `LocalPredictor` over HTTP); `import { PredictionService } from "streamlab/serve"`.
 */
export { PredictionService } from "./PredictionService";
export type { PredictionServiceOptions } from "./PredictionService";
