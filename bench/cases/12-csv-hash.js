"use strict";
// CSV → hashed vectors, the whole way: the 1M-row CTR file read by CsvSourceBatchOp and hashed by
// FeatureHasherBatchOp (11 categorical + 8 numeric columns, numFeatures 30000, as in case 10), against a
// single-threaded C loop doing the same (bench/c/hash_csv.c: read, split, murmur3 every key, sorted
// CSR rows; built with cc -O3, skipped without a compiler). The two CSR outputs must be the same:
// both sides compute one checksum over offsets, indices and value bits. Ratios are of CPU time
// (the library's parse may use a worker thread; CPU time counts every thread).
//
// Where the library's time goes (issue 19; 0.51x -> ~0.63x of the C loop's CPU): the parse is about
// 0.65 of it (STRING fields read 4 bytes at a time and matched in the column's dictionary on hash +
// first two words; plain integers and decimals decoded while scanning), the hashing about 0.25 (per
// row a sort of the 11 categorical slots and a merge with the 8 numeric ones: branchy, like the C
// loop's insertion), the rest reading the file and first-touch page faults of the ~0.4 GB of output
// arrays (the C loop pays the same for the file and the CSR). What bounds it now: one dictionary
// probe per categorical cell (a hash-table lookup the C loop replaces by re-hashing every key) and
// the per-field dispatch of a general CSV parser (quotes, CR, UTF-8 and error checks kept).

const { ensureCtrData } = require("../lib/ctrData");
const { gc, median, time } = require("../lib/util");
const { cProgram, runC, C_FLAGS } = require("../lib/cRef");

const NUM_FEATURES = 30000;
const CATEGORICAL = ["C1", "banner_pos", "site_category", "app_domain", "app_category", "device_type", "device_conn_type", "site_id", "site_domain", "device_id", "device_model"];
const NUMERIC = ["C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"];

function csvToHashed(file) {
  const { CsvSourceBatchOp, CTR_SCHEMA_STR, FeatureHasherBatchOp } = require("../../dist");
  const source = new CsvSourceBatchOp().setFilePath(file).setSchemaStr(CTR_SCHEMA_STR).setIgnoreFirstLine(true);
  const out = new FeatureHasherBatchOp()
    .setSelectedCols([...CATEGORICAL, ...NUMERIC])
    .setCategoricalCols(CATEGORICAL)
    .setOutputCol("vec")
    .setNumFeatures(NUM_FEATURES)
    .setReservedCols(["click"])
    .linkFrom(source)
    .getOutputTable();
  return out.columns[out.schema.indexOf("vec")];
}

/** bench/c/hash_csv.c's checksum over a CSR vector column (FNV-1a steps over offsets, indices, value words). */
function checksum(vec, rows) {
  const { offsets, indices, values } = vec;
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  const base = offsets[0];
  let h = 2166136261;
  for (let r = 0; r <= rows; r++) h = Math.imul(h ^ (offsets[r] - base), 16777619);
  for (let k = base; k < offsets[rows]; k++) {
    h = Math.imul(h ^ indices[k], 16777619);
    h = Math.imul(h ^ words[2 * k], 16777619);
    h = Math.imul(h ^ words[2 * k + 1], 16777619);
  }
  return h >>> 0;
}

let jsChecksum = null;

module.exports = [
  {
    family: "CSV → hashed vectors",
    name: "CsvSourceBatchOp → FeatureHasherBatchOp, 1M CTR rows (11 cat + 8 num, n=30000)",
    async run() {
      const { big, small } = ensureCtrData();
      csvToHashed(small.file); // warm-up (JIT)
      const runs = [];
      let vec;
      for (let i = 0; i < 3; i++) {
        gc();
        const t = await time(() => csvToHashed(big.file));
        runs.push(t);
        vec = t.value;
      }
      jsChecksum = checksum(vec, big.rows);
      return {
        rows: big.rows,
        seconds: median(runs.map((t) => t.seconds)),
        cpuSeconds: median(runs.map((t) => t.cpuSeconds)),
        compare: [{ id: "c-csv-hash", label: "C" }],
        notes: `median of 3 (wall/CPU s: ${runs.map((t) => `${t.seconds.toFixed(2)}/${t.cpuSeconds.toFixed(2)}`).join(" ")}); ${vec.indices.length} entries`,
      };
    },
  },
  {
    family: "CSV → hashed vectors",
    name: `C loop (cc ${C_FLAGS.join(" ")}): read, split, murmur3, CSR; single thread (reference)`,
    async run() {
      const built = cProgram("hash_csv");
      if (built.skipped) return { skipped: true, notes: built.skipped };
      const { big } = ensureCtrData();
      const out = runC(built.bin, [big.file, String(NUM_FEATURES), "3"]);
      if (out.rows !== big.rows) throw new Error(`the C loop read ${out.rows} rows, expected ${big.rows}`);
      if (jsChecksum !== null && out.checksum !== jsChecksum) throw new Error(`the C loop's CSR (checksum ${out.checksum}) differs from FeatureHasherBatchOp's (${jsChecksum})`);
      return {
        rows: out.rows,
        seconds: median(out.seconds),
        cpuSeconds: median(out.cpuSeconds),
        id: "c-csv-hash",
        notes:
          `bench/c/hash_csv.c, median of 3 (wall ${out.seconds.map((t) => t.toFixed(2)).join(" / ")} s; CPU ${out.cpuSeconds.map((t) => t.toFixed(2)).join(" / ")} s); ` +
          `${out.nnz} entries; ${jsChecksum === null ? "not compared (the library case did not run)" : "same CSR as FeatureHasherBatchOp's (checksum)"}`,
      };
    },
  },
];

