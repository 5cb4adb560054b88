"use strict";
// CSV → table reference: pandas.read_csv with explicit dtypes (from CTR_SCHEMA_STR), timed inside
// Python with time.perf_counter (interpreter start-up and import excluded). Warm-up on the 100k
// file, then the median of 3 reads of the 1M file. Skipped when /usr/bin/python3 (or $BENCH_PYTHON)
// cannot import pandas.

const { spawnSync } = require("child_process");
const { ensureCtrData } = require("../lib/ctrData");
const { parseSchemaStr, median, fmtInt } = require("../lib/util");

const PYTHON = process.env.BENCH_PYTHON || "/usr/bin/python3";

const SCRIPT = `
import json, sys, time
import pandas as pd
args = json.loads(sys.argv[1])
def read(path):
    t0 = time.perf_counter()
    df = pd.read_csv(path, dtype=args["dtype"])
    return len(df), time.perf_counter() - t0
warm, _ = read(args["small"])
runs = [read(args["big"]) for _ in range(args["runs"])]
print(json.dumps({"pandas": pd.__version__, "warm_rows": warm, "rows": [r for r, _ in runs], "seconds": [s for _, s in runs]}))
`;

module.exports = {
  family: "CSV → table",
  name: "pandas.read_csv (reference)",
  async run() {
    const probe = spawnSync(PYTHON, ["-c", "import pandas"], { encoding: "utf8" });
    if (probe.error || probe.status !== 0) {
      return { skipped: true, notes: `skipped: ${PYTHON} -c "import pandas" failed (${probe.error ? probe.error.message : (probe.stderr || "").trim().split("\n").pop()})` };
    }
    const { CTR_SCHEMA_STR } = require("../../dist");
    const dtype = Object.fromEntries(
      parseSchemaStr(CTR_SCHEMA_STR).map((c) => [c.name, c.type === "string" ? "str" : c.type === "double" || c.type === "float" ? "float64" : "int64"]),
    );
    const { big, small } = ensureCtrData();
    const runs = 3;
    const res = spawnSync(PYTHON, ["-c", SCRIPT, JSON.stringify({ big: big.file, small: small.file, dtype, runs })], {
      encoding: "utf8",
      maxBuffer: 1 << 20,
    });
    if (res.error || res.status !== 0) throw new Error(`python exited with ${res.status}: ${(res.stderr || String(res.error)).trim().split("\n").slice(-3).join(" | ")}`);
    const out = JSON.parse(res.stdout.trim().split("\n").pop());
    if (out.warm_rows !== small.rows) throw new Error(`pandas warm-up read ${out.warm_rows} rows of ${small.rows}`);
    for (const n of out.rows) if (n !== big.rows) throw new Error(`pandas read ${n} rows, expected ${big.rows}`);
    const best = Math.min(...out.seconds);
    return {
      rows: big.rows,
      seconds: median(out.seconds),
      notes: `pandas ${out.pandas}, C engine; median of ${runs} runs (${out.seconds.map((t) => t.toFixed(3)).join(" / ")} s); best ${fmtInt(big.rows / best)} rows/s; measured in Python`,
    };
  },
};
