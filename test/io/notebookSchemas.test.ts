import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { CTR_SCHEMA_STR } from "../../src/datasets/ctr";
import { Schema } from "../../src/core/schema";
import { CsvSourceBatchOp } from "../../src/io/csv/CsvSourceBatchOp";
import { ROOT } from "../helpers";

/**
 * The notebooks read the shipped CTR files with a header (ignoreFirstLine) and a schema string.
 * Header selection decides which file column each schema column comes from; this checks, without
 * running the notebooks, that every schema the notebooks pass to a CSV source still reads the
 * column of the same name — compared with a plain split of the file's text (the CTR files have no
 * quotes), independent of the CSV reader.
 */

function notebookSchemas(): string[] {
  const found = new Set<string>();
  for (const name of fs.readdirSync(path.join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"))) {
    const notebook = JSON.parse(fs.readFileSync(path.join(ROOT, "notebooks", name), "utf8")) as { cells: { cell_type: string; source: string[] | string }[] };
    for (const cell of notebook.cells) {
      if (cell.cell_type !== "code") continue;
      const code = Array.isArray(cell.source) ? cell.source.join("") : cell.source;
      if (!/CsvSource(Batch|Stream)Op/.test(code)) continue;
      for (const m of code.matchAll(/setSchemaStr\(\s*("(?:[^"\\]|\\.)*"|CTR_SCHEMA_STR)\s*\)/g)) found.add(m[1] === "CTR_SCHEMA_STR" ? CTR_SCHEMA_STR : JSON.parse(m[1]));
    }
  }
  return [...found];
}

describe("the notebooks' CSV schemas read the columns they name", () => {
  const schemas = notebookSchemas();

  it("finds the schemas (CTR_SCHEMA_STR and the quickstart's few columns)", () => {
    expect(schemas).toContain(CTR_SCHEMA_STR);
    expect(schemas).toContain("id string, click int, C1 string, banner_pos int, C14 int, ts double");
  });

  for (const file of ["ctr_train.csv", "ctr_stream.csv"]) {
    it(`every schema reads ${file} column by column as the file's own header says`, () => {
      const lines = fs.readFileSync(path.join(ROOT, "datasets", file), "utf8").split("\n").filter((l) => l.length > 0);
      const header = lines[0].split(",");
      const sample = [1, 2, 500, lines.length - 1];
      for (const schemaStr of schemas) {
        const schema = Schema.parse(schemaStr);
        const rows = new CsvSourceBatchOp().setFilePath(path.join(ROOT, "datasets", file)).setSchemaStr(schemaStr).setIgnoreFirstLine(true).collect();
        expect(rows.length).toBe(lines.length - 1);
        for (const i of sample) {
          const cells = lines[i].split(",");
          const want = schema.names.map((name, k) => {
            const text = cells[header.indexOf(name)];
            return schema.types[k] === "STRING" ? text : Number(text);
          });
          expect(rows[i - 1], `${schemaStr} / line ${i + 1}`).toEqual(want);
        }
      }
    });
  }
});
