"use strict";
// Alink .ak files: writing and reading 1M rows of the 25-column CTR schema (AkSinkBatchOp's and
// AkSourceBatchOp's work: Flink row encoding + DEFLATE + ZIP, and back). The table comes from the
// 1M-row CTR CSV, read once (not timed). Each read uses a new operator (outputs are memoised).

const fs = require("fs");
const os = require("os");
const path = require("path");
const { ensureCtrData } = require("../lib/ctrData");
const { repeat, gc } = require("../lib/util");

let cached = null;
function ctrTable() {
  if (cached === null) {
    const { CsvSourceBatchOp, CTR_SCHEMA_STR } = require("../../dist");
    const { big } = ensureCtrData();
    cached = new CsvSourceBatchOp().setFilePath(big.file).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true).getOutputTable();
  }
  return cached;
}
const file = path.join(os.tmpdir(), `streamlab-bench-${process.pid}.ak`);

module.exports = [
  {
    family: ".ak files",
    name: "AkSinkBatchOp 1M CTR rows (encode+deflate+zip)",
    async run() {
      const { writeAk } = require("../../dist/io/ak/akFile");
      const table = ctrTable();
      writeAk(table.slice(0, 100_000), file, { overwrite: true }); // warm-up
      gc();
      const r = await repeat({
        runs: 3,
        expectedRows: table.numRows,
        once: () => {
          writeAk(table, file, { overwrite: true });
          return table.numRows;
        },
      });
      return { rows: table.numRows, seconds: r.seconds, notes: `${r.notes}; ${(fs.statSync(file).size / 1e6).toFixed(0)} MB file` };
    },
  },
  {
    family: ".ak files",
    name: "AkSourceBatchOp 1M CTR rows (inflate+decode)",
    async run() {
      const { AkSourceBatchOp } = require("../../dist");
      const { writeAk } = require("../../dist/io/ak/akFile");
      const table = ctrTable();
      if (!fs.existsSync(file)) writeAk(table, file, { overwrite: true });
      const read = () => {
        const t = new AkSourceBatchOp().setFilePath(file).getOutputTable();
        if (t.schema.size !== 25) throw new Error(`table has ${t.schema.size} columns, expected 25`);
        return t.numRows;
      };
      read(); // warm-up
      gc();
      const r = await repeat({ runs: 3, expectedRows: table.numRows, once: read });
      fs.rmSync(file, { force: true });
      return { rows: table.numRows, seconds: r.seconds, notes: r.notes };
    },
  },
];
