"use strict";
// CSV → table: the library's own CSV source, parsing and typing all 25 columns of the 1M-row CTR file.
// Each run uses a NEW operator, because an operator memoises its output table.

const { ensureCtrData } = require("../lib/ctrData");
const { repeat, gc } = require("../lib/util");

module.exports = {
  family: "CSV → table",
  name: "CsvSourceBatchOp 1M rows (parse+type)",
  async run() {
    const { CsvSourceBatchOp, CTR_SCHEMA_STR } = require("../../dist");
    const { big, small } = ensureCtrData();
    const read = (file) => {
      const op = new CsvSourceBatchOp().setFilePath(file).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true);
      const table = op.getOutputTable(); // includes reading the file
      if (table.schema.size !== 25) throw new Error(`table has ${table.schema.size} columns, expected 25`);
      return table.numRows;
    };
    // Warm-up (JIT) on the 100k-row file.
    const warm = read(small.file);
    if (warm !== small.rows) throw new Error(`warm-up read ${warm} rows of ${small.rows}`);
    gc();
    const r = await repeat({ runs: 3, expectedRows: big.rows, once: () => read(big.file) });
    return { rows: big.rows, seconds: r.seconds, target: 600_000, notes: `${r.notes}; ${(big.bytes / 1e6).toFixed(0)} MB file` };
  },
};
