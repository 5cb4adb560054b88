import { StreamlabError } from "../core/errors";
import { TransformerBase } from "../base/stages";
import { LogisticRegressionModel } from "../classification/logisticRegression/LogisticRegressionModel";
import { FeatureHasher } from "../feature/hasher/FeatureHasher";
import { MinMaxScalerModel } from "../feature/minMaxScaler/MinMaxScalerModel";
import { OneHotEncoderModel } from "../feature/oneHot/OneHotEncoderModel";
import { StandardScalerModel } from "../feature/standardScaler/StandardScalerModel";
import { VectorAssembler } from "../feature/vectorAssembler/VectorAssembler";

/**
 * Transformer classes by name, so a saved pipeline model can be rebuilt: fitted models are rebuilt as
 * `new Cls(modelTable)`, map transformers as `new Cls()`, then their parameters are set.
 *
 * An explicit table in the pipeline layer, which may import every algorithm: the classes do not
 * register themselves, so what can be loaded does not depend on which modules a program happened to
 * import. A new stage that can be saved gets one line here.
 */
type StageClass = new (modelData?: any) => TransformerBase;

const STAGES: ReadonlyMap<string, StageClass> = new Map<string, StageClass>([
  ["LogisticRegressionModel", LogisticRegressionModel],
  ["StandardScalerModel", StandardScalerModel],
  ["MinMaxScalerModel", MinMaxScalerModel],
  ["OneHotEncoderModel", OneHotEncoderModel],
  ["VectorAssembler", VectorAssembler],
  ["FeatureHasher", FeatureHasher],
]);

export function stageClass(name: string): StageClass {
  const cls = STAGES.get(name);
  if (cls === undefined) {
    throw new StreamlabError(
      `Cannot load a pipeline stage of class "${name}": no such transformer in this version of streamlab. Known: ${[...STAGES.keys()].sort().join(", ")}.`,
    );
  }
  return cls;
}
