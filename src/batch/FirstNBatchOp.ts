import { Schema } from "../core/schema";
import { Table } from "../core/table";
import { BatchOperator, registerHelperOperator } from "../engine/batchOperator";
import { Param } from "../params/param";
import { ParamAccessors, ParamInit } from "../params/withParams";

const PARAMS = {
  size: Param.int({ doc: "Number of rows to keep from the start of the input.", min: 0 }),
};

export interface FirstNBatchOp extends ParamAccessors<FirstNBatchOp, typeof PARAMS> {}

/** The first `size` rows of its input (Alink's `FirstNBatchOp`, used by `firstN(n)`). */
export class FirstNBatchOp extends BatchOperator {
  static override readonly PARAMS = PARAMS;

  constructor(params?: ParamInit<typeof PARAMS>) {
    super(params);
  }

  protected override outputSchema([input]: readonly Schema[]): Schema {
    return input;
  }

  protected compute([input]: readonly Table[]): Table {
    return input.slice(0, this.getSize());
  }
}

registerHelperOperator("FirstNBatchOp", FirstNBatchOp);
