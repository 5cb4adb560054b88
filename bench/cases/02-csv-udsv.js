"use strict";
// CSV → table baseline: uDSV (npm "udsv") tokenizes to string arrays; int/double columns are then
// converted with Number() into Float64Arrays and string columns kept as arrays — the same
// columnar result the library builds. Timed from readFileSync to the finished columns.

const fs = require("fs");
const { ensureCtrData } = require("../lib/ctrData");
const { repeat, gc, parseSchemaStr } = require("../lib/util");

function toColumns(rows, columns) {
  const n = rows.length;
  const out = columns.map((c) => (c.numeric ? new Float64Array(n) : new Array(n)));
  for (let c = 0; c < columns.length; c++) {
    const col = out[c];
    if (columns[c].numeric) for (let i = 0; i < n; i++) col[i] = Number(rows[i][c]);
    else for (let i = 0; i < n; i++) col[i] = rows[i][c];
  }
  return out;
}

module.exports = {
  family: "CSV → table",
  name: "uDSV (npm udsv) tokenize + Number()/typing",
  async run() {
    const { inferSchema, initParser } = require("udsv");
    const { CTR_SCHEMA_STR } = require("../../dist");
    const columns = parseSchemaStr(CTR_SCHEMA_STR);
    const { big, small } = ensureCtrData();
    const read = (file) => {
      const text = fs.readFileSync(file, "utf8");
      const schema = inferSchema(text.slice(0, 20000), { col: ",", row: "\n", encl: '"' });
      const parser = initParser(schema);
      const rows = parser.stringArrs(text); // header row is skipped by the inferred schema
      if (rows.length > 0 && rows[0].length !== columns.length) throw new Error(`uDSV gave ${rows[0].length} fields, expected ${columns.length}`);
      const cols = toColumns(rows, columns);
      return cols[0].length;
    };
    const warm = read(small.file);
    if (warm !== small.rows) throw new Error(`warm-up read ${warm} rows of ${small.rows}`);
    gc();
    const r = await repeat({ runs: 3, expectedRows: big.rows, once: () => read(big.file) });
    return { rows: big.rows, seconds: r.seconds, notes: r.notes };
  },
};
