import { ParamSnapshot, snapshotParams } from "../../common/paramSnapshot";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { BatchOperator } from "../../engine/batchOperator";
import { ParamDeclarations } from "../../params/param";
import { ParamInit } from "../../params/withParams";
import { SelectedColsParam } from "../../params/shared";
import { requireNumericColumns } from "./columns";
import { richModelSchema } from "./richModelTable";

/** Training parameters of a column scaler: at least the numeric columns to fit. */
type ScalerTrainParams = typeof SelectedColsParam & ParamDeclarations;

/** A column scaler's trainer class: `new X(params?)`, `linkFrom(data)` gives the model table. */
export type ScalerTrainBatchOpClass<P> = Omit<typeof ScalerTrainBatchOp, "prototype"> & {
  readonly PARAMS: P;
  new (params?: ParamInit<P>): ScalerTrainBatchOp;
};

type Fit = (input: Table, params: ParamSnapshot<ScalerTrainParams>, operator: string) => Table;

/**
 * What every column scaler's trainer is (StandardScalerTrainBatchOp, MinMaxScalerTrainBatchOp):
 * the model table has one DOUBLE column per selected column (Alink's rich model layout), so its
 * schema is known at link time; the numbers come from the scaler's fit function.
 */
export class ScalerTrainBatchOp extends BatchOperator {
  protected override outputSchema([input]: readonly Schema[]): Schema {
    const cols = snapshotParams(SelectedColsParam, this).selectedCols;
    requireNumericColumns(input, cols, { operator: this.operatorName, param: "selectedCols" });
    return richModelSchema(cols, cols.map(() => "DOUBLE" as const), this.operatorName);
  }

  protected compute([input]: readonly Table[]): Table {
    const cls = this.constructor as unknown as { PARAMS: ScalerTrainParams; FIT: Fit };
    return cls.FIT(input, snapshotParams(cls.PARAMS, this), this.operatorName);
  }
}

/** The trainer of a column scaler: `fit` gets the training parameters read once and returns the model table. */
export function scalerTrainBatchOp<P extends ScalerTrainParams>(
  params: P,
  fit: (input: Table, params: ParamSnapshot<P>, operator: string) => Table,
): ScalerTrainBatchOpClass<P> {
  return class extends ScalerTrainBatchOp {
    static override readonly PARAMS = params;
    static readonly FIT = fit;
  } as unknown as ScalerTrainBatchOpClass<P>;
}
