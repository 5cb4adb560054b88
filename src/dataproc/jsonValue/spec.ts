import { mapSpec } from "../../base/mapOps";
import { JsonValueMapper } from "./mapper";
import { JSON_VALUE_PARAMS } from "./params";

/** JsonValue in one place: parameters and mapper; JsonValueBatchOp and JsonValueStreamOp are built from it (src/base/mapOps.ts). */
export const JSON_VALUE = mapSpec({
  params: JSON_VALUE_PARAMS,
  mapper: (dataSchema, p, operator) =>
    new JsonValueMapper(dataSchema, {
      selectedCol: p.selectedCol,
      jsonPath: p.jsonPath,
      outputCols: p.outputCols,
      reservedCols: p.reservedCols,
      skipFailed: p.skipFailed,
      operator,
    }),
});
