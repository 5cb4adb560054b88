// Reading and rolling back the versions of a model-stream folder (the inspector's io part).
export { readModelStreamVersions } from "./versions";
export type { StoredModelVersion } from "./versions";
export { rollbackModelStream } from "./rollback";
export type { Rollback } from "./rollback";
