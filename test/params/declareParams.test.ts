import { describe, expect, it } from "vitest";
import { BatchOperator, FirstNBatchOp, Param, ParamAccessors, StreamlabError, WithParams, declareParams } from "../../src";

/**
 * `declareParams(Base, PARAMS)`: the base an operator extends instead of writing `static PARAMS`
 * and a constructor that only calls `super(params)`. Checked on a class declared here and on one
 * of the library's operators that now uses it.
 */
abstract class Counter extends WithParams {
  static readonly UNIT = "rows";
  protected abstract count(): number;
  describe(): string {
    return `${this.count()} ${(this.constructor as typeof Counter).UNIT}`;
  }
}

const DEMO_PARAMS = {
  size: Param.int({ doc: "How many.", min: 0 }),
  label: Param.string({ doc: "What to call them.", default: "n" }),
};

interface Demo extends ParamAccessors<Demo, typeof DEMO_PARAMS> {}
class Demo extends declareParams(Counter, DEMO_PARAMS) {
  protected count(): number {
    return this.getSize() * 2;
  }
}

// A subclass that forgets the base's abstract member does not compile (checked by tsc, not run).
// @ts-expect-error Non-abstract class 'Forgetful' does not implement inherited abstract member 'count'.
class Forgetful extends declareParams(Counter, DEMO_PARAMS) {}
void Forgetful;

describe("declareParams", () => {
  it("gives the class its PARAMS, typed constructor and accessors, and keeps the base's statics and methods", () => {
    expect(Demo.PARAMS).toBe(DEMO_PARAMS);
    expect(Demo.UNIT).toBe("rows");
    const demo = new Demo({ size: 3 });
    expect(demo).toBeInstanceOf(Counter);
    expect(demo).toBeInstanceOf(WithParams);
    expect(demo.getSize()).toBe(3);
    expect(demo.getLabel()).toBe("n");
    expect(demo.setSize(5).describe()).toBe("10 rows");
    expect(demo.operatorName).toBe("Demo");
    expect(demo.getParams()).toEqual({ size: 5 });
  });

  it("checks the constructor's object form against the declaration", () => {
    // @ts-expect-error "sise" is not a parameter of Demo.
    expect(() => new Demo({ sise: 3 })).toThrow(StreamlabError);
    // @ts-expect-error size is a number.
    expect(() => new Demo({ size: "3" })).toThrow(/size/);
    expect(() => new Demo({ size: -1 })).toThrow(/Demo\.setSize/);
  });

  it("is what a library operator is built on: FirstNBatchOp keeps its parameters and rows", () => {
    expect(FirstNBatchOp.PARAMS).toHaveProperty("size");
    const op = new FirstNBatchOp({ size: 2 });
    expect(op).toBeInstanceOf(BatchOperator);
    expect(op.getSize()).toBe(2);
  });
});
