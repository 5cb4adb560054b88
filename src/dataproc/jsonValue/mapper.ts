import { Mapper } from "../../common/mapper";
import { OutputColsHelper } from "../../common/outputCols";
import { StringColumn } from "../../core/column";
import { StreamlabError, quote } from "../../core/errors";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { CompiledJsonPath, JsonValue, compileJsonPath, jsonValueCell, parseRelaxedJson, readJsonPath } from "./jsonPath";

export interface JsonValueSettings {
  selectedCol: string;
  jsonPath: readonly string[];
  outputCols: readonly string[];
  reservedCols: readonly string[] | null;
  skipFailed: boolean;
  operator?: string;
}

/** The JSON-extraction transform, shared by the batch and stream forms (built from JSON_VALUE in ./spec.ts). */
export class JsonValueMapper implements Mapper {
  readonly outputSchema: Schema;
  private readonly helper: OutputColsHelper;
  private readonly paths: readonly CompiledJsonPath[];
  private readonly selectedIndex: number;
  private readonly operator: string;
  private readonly selectedName: string;

  constructor(inputSchema: Schema, private readonly settings: JsonValueSettings) {
    const operator = (this.operator = settings.operator ?? "JsonValue");
    const outputCols = settings.outputCols.map((c) => c.trim());
    if (settings.jsonPath.length !== outputCols.length) {
      throw new StreamlabError(
        `${operator}: jsonPath and outputColName mismatch: ${settings.jsonPath.length} vs ${outputCols.length} ` +
          `(give one output column per path).`,
        { operator, param: "outputCols" },
      );
    }
    this.paths = settings.jsonPath.map((p) => {
      try {
        return compileJsonPath(p);
      } catch (error) {
        throw new StreamlabError(`${operator}: ${(error as Error).message}`, { operator, param: "jsonPath" });
      }
    });
    this.selectedIndex = inputSchema.require(settings.selectedCol, { operator, param: "selectedCol" });
    this.selectedName = inputSchema.names[this.selectedIndex];
    const type = inputSchema.types[this.selectedIndex];
    if (type !== "STRING") {
      throw new StreamlabError(`${operator}: selected column ${quote(this.selectedName)} must be STRING (JSON text), got ${type}.`, {
        operator,
        param: "selectedCol",
        column: this.selectedName,
      });
    }
    this.helper = new OutputColsHelper(inputSchema, outputCols, outputCols.map(() => "STRING"), settings.reservedCols, operator);
    this.outputSchema = this.helper.resultSchema;
  }

  map(chunk: Table): Table {
    const column = chunk.columns[this.selectedIndex] as StringColumn;
    const n = column.length;
    const k = this.paths.length;
    const outputs: (string | null)[][] = Array.from({ length: k }, () => new Array<string | null>(n).fill(null));
    const { skipFailed } = this.settings;
    // Texts that can write one top-level field at a time (an evaluation's metrics JSON): read just
    // the fields the paths start with, instead of writing and parsing whole texts.
    const origin = column.origin;
    const fieldKeys = origin?.fieldText !== undefined && this.paths.every((p) => p.steps[0]?.kind === "property")
      ? [...new Set(this.paths.map((p) => (p.steps[0] as { name: string }).name))]
      : null;
    const texts = fieldKeys === null ? column.values : null;
    for (let r = 0; r < n; r++) {
      let root: JsonValue;
      if (fieldKeys !== null) {
        const fields = new Map<string, JsonValue>();
        for (const key of fieldKeys) {
          const text = origin!.fieldText!(r, key);
          if (text !== undefined) fields.set(key, parseRelaxedJson(text));
        }
        root = fields;
      } else {
        const text = texts![r];
        if (text === null || text.trim() === "") {
          if (skipFailed) continue;
          this.fail(r, `empty json string${text === null ? " (null)" : ""}`);
        }
        try {
          root = parseRelaxedJson(text!);
        } catch (error) {
          if (skipFailed) continue;
          this.fail(r, `Fail to get json path: the text is not JSON (${(error as Error).message}): ${shorten(text!)}`);
        }
      }
      for (let p = 0; p < k; p++) {
        const found = readJsonPath(root!, this.paths[p]);
        if ("missing" in found) {
          if (skipFailed) continue;
          this.fail(r, `Fail to get json path ${quote(this.paths[p].text)}: no value at ${found.missing} in ${shorten(column.values[r] ?? "")}`);
        } else {
          outputs[p][r] = jsonValueCell(found.value);
        }
      }
    }
    return this.helper.combine(
      chunk,
      outputs.map((values) => new StringColumn(values)),
    );
  }

  private fail(row: number, message: string): never {
    throw new StreamlabError(
      `${this.operator}: row ${row}, column ${quote(this.selectedName)}: ${message}. Set skipFailed(true) to write null instead.`,
      { operator: this.operator, row, column: this.selectedName },
    );
  }
}

function shorten(text: string): string {
  return text.length > 200 ? text.slice(0, 200) + "…" : text;
}
