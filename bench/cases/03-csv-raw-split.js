"use strict";
// CSV → table baseline: a naive hand loop — readFileSync utf8, split('\n'), split(','), Number() for
// the int/double columns into Float64Arrays, strings kept. No quoting support; for reference only.

const fs = require("fs");
const { ensureCtrData } = require("../lib/ctrData");
const { repeat, gc, parseSchemaStr } = require("../lib/util");

module.exports = {
  family: "CSV → table",
  name: "raw split loop",
  async run() {
    const { CTR_SCHEMA_STR } = require("../../dist");
    const columns = parseSchemaStr(CTR_SCHEMA_STR);
    const numCols = columns.length;
    const { big, small } = ensureCtrData();
    const read = (file) => {
      const lines = fs.readFileSync(file, "utf8").split("\n");
      const cap = lines.length - 1; // minus the header
      const out = columns.map((c) => (c.numeric ? new Float64Array(cap) : new Array(cap)));
      let n = 0;
      for (let i = 1; i < lines.length; i++) {
        const line = lines[i];
        if (line.length === 0) continue;
        const f = line.split(",");
        if (f.length !== numCols) throw new Error(`line ${i + 1} has ${f.length} fields, expected ${numCols}`);
        for (let c = 0; c < numCols; c++) out[c][n] = columns[c].numeric ? Number(f[c]) : f[c];
        n++;
      }
      return n;
    };
    const warm = read(small.file);
    if (warm !== small.rows) throw new Error(`warm-up read ${warm} rows of ${small.rows}`);
    gc();
    const r = await repeat({ runs: 3, expectedRows: big.rows, once: () => read(big.file) });
    return { rows: big.rows, seconds: r.seconds, notes: r.notes };
  },
};
