import { onnx } from "onnx-proto";

/** A column while the graph is built: the ONNX value holding it and its shape ([N,1] number or string, [N,width] vector). */
export interface ColumnTensor {
  name: string;
  kind: "number" | "string" | "vector" | "int64";
  width: number;
}

const T = onnx.TensorProto.DataType;
const A = onnx.AttributeProto.AttributeType;

export type Attribute = onnx.IAttributeProto;

export const attr = {
  int: (name: string, i: number): Attribute => ({ name, type: A.INT, i }),
  ints: (name: string, ints: number[]): Attribute => ({ name, type: A.INTS, ints }),
  strings: (name: string, values: string[]): Attribute => ({ name, type: A.STRINGS, strings: values.map((v) => Buffer.from(v, "utf8")) }),
  string: (name: string, value: string): Attribute => ({ name, type: A.STRING, s: Buffer.from(value, "utf8") }),
  /** A one-element float64 tensor (ConstantOfShape's fill value). */
  doubleTensor: (name: string, value: number): Attribute => ({ name, type: A.TENSOR, t: { dims: [1], dataType: T.DOUBLE, doubleData: [value] } }),
};

/**
 * Collects the nodes, constants, inputs and outputs of one ONNX graph (onnx-proto's generated
 * message types do the encoding). Every value gets a fresh name, so stages never collide.
 */
export class GraphBuilder {
  private readonly nodes: onnx.INodeProto[] = [];
  private readonly initializers: onnx.ITensorProto[] = [];
  private readonly inputs: onnx.IValueInfoProto[] = [];
  private readonly outputs: onnx.IValueInfoProto[] = [];
  private next = 0;

  fresh(hint: string): string {
    return `${hint.replace(/[^A-Za-z0-9_]/g, "_")}__${this.next++}`;
  }

  /** A graph input of `[N, width]` doubles or `[N, 1]` strings. */
  input(name: string, kind: "number" | "string", width = 1): ColumnTensor {
    this.inputs.push(valueInfo(name, kind === "string" ? T.STRING : T.DOUBLE, width));
    return { name, kind, width };
  }

  output(tensor: ColumnTensor, name: string): void {
    const elem = tensor.kind === "string" ? T.STRING : tensor.kind === "int64" ? T.INT64 : T.DOUBLE;
    if (tensor.name !== name) this.node("Identity", [tensor.name], {}, name);
    this.outputs.push(valueInfo(name, elem, tensor.width));
  }

  /** Output type overrides (labels of another type than double). */
  outputOfType(name: string, elem: "double" | "int64" | "string", width: number): void {
    this.outputs.push(valueInfo(name, elem === "string" ? T.STRING : elem === "int64" ? T.INT64 : T.DOUBLE, width));
  }

  doubles(hint: string, values: readonly number[], dims: number[]): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, dataType: T.DOUBLE, doubleData: [...values] });
    return name;
  }

  floats(hint: string, values: readonly number[], dims: number[]): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, dataType: T.FLOAT, floatData: [...values] });
    return name;
  }

  int64s(hint: string, values: readonly number[], dims: number[]): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, dataType: T.INT64, int64Data: [...values] });
    return name;
  }

  strings(hint: string, values: readonly string[], dims: number[]): string {
    const name = this.fresh(hint);
    this.initializers.push({ name, dims, dataType: T.STRING, stringData: values.map((v) => Buffer.from(v, "utf8")) });
    return name;
  }

  /** Adds a node; returns its (first) output's name. */
  node(op: string, inputs: string[], options: { attributes?: Attribute[]; domain?: string } = {}, output?: string): string {
    const out = output ?? this.fresh(op);
    this.nodes.push({ opType: op, input: inputs, output: [out], attribute: options.attributes ?? [], domain: options.domain ?? "", name: this.fresh(`n_${op}`) });
    return out;
  }

  /** The model file's bytes (ONNX IR 8, opset 17 + ai.onnx.ml 3: what ONNX Runtime ≥ 1.14 runs). */
  encode(docString: string, metadata: Record<string, string>): Uint8Array {
    const model = onnx.ModelProto.create({
      irVersion: 8,
      producerName: "streamlab",
      docString,
      opsetImport: [
        { domain: "", version: 17 },
        { domain: "ai.onnx.ml", version: 3 },
      ],
      metadataProps: Object.entries(metadata).map(([key, value]) => ({ key, value })),
      graph: { name: "streamlab_pipeline", node: this.nodes, initializer: this.initializers, input: this.inputs, output: this.outputs },
    });
    return onnx.ModelProto.encode(model).finish();
  }
}

function valueInfo(name: string, elemType: number, width: number): onnx.IValueInfoProto {
  return {
    name,
    type: { tensorType: { elemType, shape: { dim: [{ dimParam: "N" }, { dimValue: width }] } } },
  };
}
