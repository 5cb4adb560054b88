import { StreamlabError } from "../core/errors";
import { TransformerBase } from "./stages";

/**
 * Transformer classes by name, so a saved pipeline model can be rebuilt. Each fitted-model and
 * map-transformer class registers itself when its module loads; models are rebuilt as
 * `new Cls(modelTable)`, map transformers as `new Cls()`, then their parameters are set.
 */
type StageClass = new (modelData?: any) => TransformerBase;
const stages = new Map<string, StageClass>();

export function registerStage(name: string, cls: StageClass): void {
  stages.set(name, cls);
}

export function stageClass(name: string): StageClass {
  const cls = stages.get(name);
  if (cls === undefined) {
    throw new StreamlabError(
      `Cannot load a pipeline stage of class "${name}": no such transformer in this version of streamlab. Known: ${[...stages.keys()].sort().join(", ")}.`,
    );
  }
  return cls;
}
