import { mapBatchOp } from "../../base/mapOps";
import { ParamAccessors } from "../../params/withParams";
import { JSON_VALUE } from "./spec";

export { JSON_VALUE_PARAMS } from "./params";
export { JsonValueMapper } from "./mapper";
export type { JsonValueSettings } from "./mapper";

export interface JsonValueBatchOp extends ParamAccessors<JsonValueBatchOp, typeof JsonValueBatchOp.PARAMS> {}

/**
 * Extracts values from a JSON string column by JSONPath (Alink's `JsonValueBatchOp`, mapper
 * `JsonPathMapper`). Each path gives one STRING output column: a string value as it is (no quotes),
 * any other value as its JSON text (`1`, `1.0`, `true`, `[[5535,5007],[112297,561587]]`), JSON null as
 * null. The JSON may be relaxed as Alink's reader allows: `{a:girl,b:{b1:[1,3],b2:2}}`.
 *
 * Output columns follow Alink's layout (input columns in place, replaced when an output has the
 * same name, then new columns; `reservedCols` limits the kept inputs).
 *
 * Differences from Alink: only definite paths are supported (no wildcards, filters, deep scan or
 * functions: such a path is rejected when the operator is linked), and the output is always STRING
 * (Alink's `outputColTypes` is not offered).
 *
 * ```ts
 * new JsonValueBatchOp()
 *   .setSelectedCol("str")
 *   .setJsonPath(["$.a", "$.b.b1[0]", "$.b.b2"])
 *   .setOutputCols(["f0", "f1", "f2"])
 *   .linkFrom(data);   // {a:boy,b:{b1:[1,2],b2:2}} → f0 "boy", f1 "1", f2 "2"
 * ```
 */
export class JsonValueBatchOp extends mapBatchOp(JSON_VALUE) {}
