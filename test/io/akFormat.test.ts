/**
 * Alink's `.ak` format: reading every file real Alink (1.6.0, 1.6.2) wrote to exactly its rows,
 * writing files with the same structure and record bytes, round trips, and bad input.
 * Fixtures: test/fixtures/alink/ (see test/fixtures/README.md).
 */
import * as fs from "fs";
import * as path from "path";
import { describe, expect, it } from "vitest";
import { AkSinkBatchOp, AkSinkStreamOp, AkSourceBatchOp, AkSourceStreamOp, BatchOperator, MemSourceBatchOp, Schema, StreamOperator, Table } from "../../src";
import { javaDoubleToString } from "../../src/core/javaFormat";
import { Value } from "../../src/core/column";
import { TypeName } from "../../src/core/types";
import { akBytes, readAk } from "../../src/io/ak/akFile";
import { readZip, writeZip } from "../../src/io/ak/zip";
import { FIXTURES, expectError, tempDir } from "../helpers";

const ALINK = path.join(FIXTURES, "alink");
const V162 = path.join(ALINK, "written-by-alink", "alink-1.6.2");
const V160 = path.join(ALINK, "written-by-alink", "alink-1.6.0");
const HARNESS = path.join(ALINK, "written-by-alink", "alink-1.6.0-harness");

/** A value as Alink prints it in the fixtures' .tsv files. */
function alinkText(value: Value, type: TypeName): string | null {
  if (value === null) return null;
  if (type === "DOUBLE" || type === "FLOAT") return javaDoubleToString(value as number);
  if (type === "TIMESTAMP") return String((value as Date).getTime());
  return String(value);
}

/** Rows of a fixture .tsv: `#schema` header, tab-separated cells, `\N` = null, backslash escapes. */
function readTsv(file: string): { schemaStr: string; rows: (string | null)[][] } {
  const lines = fs.readFileSync(file, "utf8").split("\n").filter((l) => l.length > 0);
  const unescape = (cell: string) => (cell === "\\N" ? null : cell.replace(/\\(.)/g, (_, c: string) => (c === "t" ? "\t" : c === "n" ? "\n" : c)));
  return { schemaStr: lines[0].slice(1), rows: lines.slice(1).map((l) => l.split("\t").map(unescape)) };
}

function texts(table: Table): (string | null)[][] {
  return table.toRows().map((row) => row.map((v, c) => alinkText(v, table.schema.types[c])));
}

function dataEntry(file: string): Uint8Array {
  return readZip(fs.readFileSync(file), file).find((e) => e.name === "data")!.data;
}

function metaEntry(file: string): string {
  return Buffer.from(readZip(fs.readFileSync(file), file).find((e) => e.name === "alink_meta.json")!.data).toString("utf8");
}

describe("reading files written by Alink", () => {
  for (const name of ["small", "vector", "lr_model"]) {
    it(`alink-1.6.2/${name}.ak reads to exactly the rows of ${name}.tsv`, () => {
      const expected = readTsv(path.join(V162, `${name}.tsv`));
      const table = new AkSourceBatchOp().setFilePath(path.join(V162, `${name}.ak`)).getOutputTable();
      expect(String(table.schema)).toBe(expected.schemaStr);
      expect(texts(table)).toEqual(expected.rows);
    });
  }

  it("alink-1.6.0-harness/vector_types.ak (DENSE_VECTOR as a Flink POJO, SPARSE_VECTOR as registered Kryo, TIMESTAMP) reads to vector_types.tsv", () => {
    const expected = readTsv(path.join(HARNESS, "vector_types.tsv"));
    const table = new AkSourceBatchOp().setFilePath(path.join(HARNESS, "vector_types.ak")).getOutputTable();
    expect(String(table.schema)).toBe(expected.schemaStr);
    expect(texts(table)).toEqual(expected.rows);
  });

  it("reads a numFiles-2 folder: files 1 and 2, each a full .ak, rows dealt alternately", () => {
    const folder = path.join(V162, "two_files.ak");
    expect(fs.readdirSync(folder).sort()).toEqual(["1", "2"]);
    for (const f of ["1", "2"]) expect(metaEntry(path.join(folder, f))).toBe('{"fileFormat":"binary","schemaStr":"id STRING,click INT","numFiles":1,"version":"v0.1"}');
    const table = new AkSourceBatchOp().setFilePath(folder).getOutputTable();
    expect(table.toRows()).toEqual([
      ["1788842828180001000", 0],
      ["5311931205850001002", 0],
      ["8492071850170001004", 0],
      ["3847507200070001001", 0],
      ["6796854050740001003", 0],
      ["5185198859340001005", 0],
    ]);
    // The first five of these are small.tsv's ids in their original order, dealt 1,2,1,2,1.
    const small = readTsv(path.join(V162, "small.tsv")).rows.map((r) => r[0]);
    expect(readAk(path.join(folder, "1")).toRows().map((r) => r[0])).toEqual([small[0], small[2], small[4]]);
    expect(readAk(path.join(folder, "2")).toRows().map((r) => r[0]).slice(0, 2)).toEqual([small[1], small[3]]);
  });

  it("reads Alink 1.6.0 files (VARCHAR in the meta) as STRING columns", () => {
    expect(metaEntry(path.join(V160, "small.ak"))).toContain("VARCHAR");
    const small = readAk(path.join(V160, "small.ak"));
    expect(String(small.schema)).toBe("id STRING,click INT,C1 STRING,banner_pos INT,C15 INT,ts DOUBLE");
    expect(small.numRows).toBe(5);
    const lr = readAk(path.join(V160, "lr_model.ak"));
    expect(String(lr.schema)).toBe("model_id BIGINT,model_info STRING,label_value INT");
    expect(lr.toRows().map((r) => r[0])).toEqual([0, 1048576, 2251799812636672, 2251799812636673]);
    expect(lr.row(1)[1]).toContain('"convergenceInfo":[');
  });

  it("reads the packed PipelineModel (as a table: its schema and 34 rows)", () => {
    for (const dir of [V162, V160]) {
      const table = readAk(path.join(dir, "pipeline_model.ak"));
      expect(String(table.schema)).toBe("id BIGINT,p0 STRING,p1 BIGINT,p2 DOUBLE,p3 DOUBLE,p4 DOUBLE,p5 BIGINT,p6 INT");
      expect(table.numRows).toBe(34);
      expect(table.row(0)[0]).toBe(-1);
      const [stages, meta] = (table.row(0)[1] as string).split("__ALINK_META_ROW_DELIMITER__");
      // the root entry (identifier null) and the four stages
      expect((JSON.parse(JSON.parse(stages).stages) as { identifier: string | null }[]).map((s) => s.identifier?.split(".").pop() ?? null)).toEqual([
        null,
        "StandardScalerModel",
        "OneHotEncoderModel",
        "VectorAssembler",
        "LogisticRegressionModel",
      ]);
      expect(JSON.parse(meta)).toBeTypeOf("object");
      expect(new Set(table.toRows().slice(1).map((r) => r[0]))).toEqual(new Set([0, 1, 2, 3, 4].filter((i) => table.toRows().some((r) => r[0] === i))));
    }
    // Both versions hold the same model rows (apart from the params in row 0 and 1.6.0's extra info).
    expect(readAk(path.join(V162, "pipeline_model.ak")).numRows).toBe(readAk(path.join(V160, "pipeline_model.ak")).numRows);
  });

  it("reads every model-stream model folder: its files 0..n-1 hold the conf log's row count", () => {
    const roots = [path.join(V162, "model_stream"), path.join(V162, "ftrl_model_stream"), path.join(V160, "model_stream")];
    let models = 0;
    for (const root of roots) {
      for (const ts of fs.readdirSync(root).filter((n) => n !== "conf")) {
        const log = JSON.parse(fs.readFileSync(path.join(root, "conf", `${ts}.log`), "utf8")) as { count: number; numFiles: number };
        const files = fs.readdirSync(path.join(root, ts)).sort();
        expect(files).toEqual(Array.from({ length: log.numFiles }, (_, i) => String(i)));
        const perFile = files.map((f) => readAk(path.join(root, ts, f)));
        const whole = new AkSourceBatchOp().setFilePath(path.join(root, ts)).getOutputTable();
        expect(whole.numRows).toBe(log.count);
        expect(perFile.reduce((s, t) => s + t.numRows, 0)).toBe(log.count);
        expect(String(whole.schema)).toBe("model_id BIGINT,model_info STRING,label_value INT");
        // the meta row (model_id 0) and the two label rows are there
        const ids = whole.toRows().map((r) => r[0]);
        expect(ids).toContain(0);
        expect(ids).toContain(2251799812636672);
        models++;
      }
    }
    expect(models).toBe(5);
    // The FTRL model: 30000 features, coefficient JSON in 5 slices (rows 1048576…).
    const ftrl = readAk(path.join(V162, "ftrl_model_stream", "20261206020602645"));
    expect(ftrl.numRows).toBe(8);
    expect(ftrl.toRows().filter((r) => (r[0] as number) >= 1048576 && (r[0] as number) < 2251799812636672).length).toBe(5);
  });

  it("reads the two .ak files from Alink's repository (TF table models)", () => {
    const binary = readAk(path.join(ALINK, "tf_table_model_binary_class_model.ak"));
    expect(String(binary.schema)).toBe("model_id BIGINT,model_info STRING,label_value STRING");
    expect(binary.numRows).toBe(14);
    expect(binary.row(0)[0]).toBe(0);
    expect((binary.row(0)[1] as string).length).toBe(3500);
    expect(binary.row(0)[1]).toMatch(/^\{"preprocessPipelineModelPartitionSize":"3"/);
    expect(binary.row(1)).toEqual([1048576, '[0,"1617959973.zip"]', null]);
    expect(binary.toRows().slice(-2)).toEqual([
      [2251799812636672, null, "bad"],
      [2251799812636673, null, "good"],
    ]);
    const regression = readAk(path.join(ALINK, "tf_table_model_regression_model.ak"));
    expect(String(regression.schema)).toBe("model_id BIGINT,model_info STRING,label_value DOUBLE");
    expect(regression.numRows).toBe(12);
    // The TF payload: slices of one JSON string, the first starting with [1," and the last ending with "].
    const slices = regression.toRows().filter((r) => (r[0] as number) >= 2097152 && (r[0] as number) < 3145728).map((r) => r[1] as string);
    expect(slices[0].startsWith('[1,"')).toBe(true);
    expect(slices[slices.length - 1].endsWith('"]')).toBe(true);
  });
});

describe("writing .ak files", () => {
  const fixtures = [
    path.join(V162, "small.ak"),
    path.join(V162, "vector.ak"),
    path.join(V162, "lr_model.ak"),
    path.join(V162, "pipeline_model.ak"),
    path.join(V162, "two_files.ak", "1"),
    path.join(V162, "ftrl_model_stream", "20261206020602645", "0"),
    path.join(V162, "model_stream", "202612061000015", "1"),
    path.join(V160, "small.ak"),
    path.join(V160, "pipeline_model.ak"),
    path.join(HARNESS, "vector_types.ak"),
    path.join(ALINK, "tf_table_model_binary_class_model.ak"),
    path.join(ALINK, "tf_table_model_regression_model.ak"),
  ];
  for (const file of fixtures) {
    it(`re-writing ${path.relative(ALINK, file)} reproduces its data entry byte for byte`, () => {
      const table = readAk(file);
      const written = akBytes(table);
      expect(Buffer.from(dataEntry(file)).equals(Buffer.from(readZip(written, "written").find((e) => e.name === "data")!.data))).toBe(true);
      expect(readAk(writeTo(written)).toRows()).toEqual(table.toRows());
      // The meta is what Alink 1.6.2 writes (STRING); 1.6.0 and 2021 files differ only by VARCHAR.
      const meta = Buffer.from(readZip(written, "written")[0].data).toString("utf8");
      expect(meta).toBe(metaEntry(file).replace(/VARCHAR/g, "STRING"));
    });
  }

  it("lays the ZIP out as Java's ZipOutputStream does (entries, flags, descriptors), apart from DEFLATE bytes and time", () => {
    const original = fs.readFileSync(path.join(V162, "small.ak"));
    const written = akBytes(readAk(path.join(V162, "small.ak")), undefined, new Date(2026, 11, 6, 2, 9, 38));
    const structure = (zip: Buffer) => {
      const out: unknown[] = [];
      for (let p = 0; p + 4 <= zip.length; p++) {
        const sig = zip.readUInt32LE(p);
        if (sig === 0x04034b50) out.push(["local", zip.readUInt16LE(p + 4), zip.readUInt16LE(p + 6), zip.readUInt16LE(p + 8), zip.readUInt32LE(p + 14), zip.readUInt32LE(p + 18), zip.readUInt32LE(p + 22), zip.toString("utf8", p + 30, p + 30 + zip.readUInt16LE(p + 26)), zip.readUInt16LE(p + 28)]);
        if (sig === 0x08074b50) out.push(["descriptor", zip.readUInt32LE(p + 4), zip.readUInt32LE(p + 12)]);
        if (sig === 0x02014b50) out.push(["central", zip.readUInt16LE(p + 4), zip.readUInt16LE(p + 6), zip.readUInt16LE(p + 8), zip.readUInt16LE(p + 10), zip.readUInt32LE(p + 16), zip.readUInt32LE(p + 24), zip.toString("utf8", p + 46, p + 46 + zip.readUInt16LE(p + 28)), zip.readUInt16LE(p + 30), zip.readUInt16LE(p + 32)]);
        if (sig === 0x06054b50) out.push(["end", zip.readUInt16LE(p + 8), zip.readUInt16LE(p + 10), zip.readUInt16LE(p + 20)]);
      }
      return out;
    };
    expect(structure(written)).toEqual(structure(original));
    // Same DOS time and date fields too, when given the same time.
    expect(written.readUInt32LE(10)).toBe(original.readUInt32LE(10));
  });

  const allTypes = Schema.parse(
    "s string, i int, l bigint, d double, f float, b boolean, t timestamp, ti tinyint, si smallint, v vector, sv sparse_vector, dv dense_vector",
  );
  const allRows = [
    ["plain", 1, 9007199254740991, 1.5, 0.25, true, new Date(Date.UTC(2026, 11, 6, 10, 0, 1, 500)), -128, -32768, "$16$1:1.0 2:1.0 11:320.0", "$5$0:-1.5 4:2.0", "1.0 2.0 3.0"],
    [null, null, null, null, null, null, null, null, null, null, null, null],
    ["", -2147483648, -9007199254740991, -0.0, -3.4028234663852886e38, false, new Date(-1500), 127, 32767, "1.0 -2.0", "$3$", "-0.0 1.0E300"],
    ["é中😀\u0000\t\n\"\\", 2147483647, 0, Number.NaN, Number.POSITIVE_INFINITY, true, 1.5, 0, 0, "1:0.5 7:1.0", "$30000$29999:1.0E-300", "4.9E-324"],
    ["x".repeat(70000), 0, 1048576, Number.NEGATIVE_INFINITY, 1e-45, false, 0, 1, 1, "", "$2$1:1.0", "1.0"],
  ];

  it("read(write(table)) == table for every type, nulls, non-BMP text and vectors", () => {
    const source = new MemSourceBatchOp(allRows, String(allTypes));
    const table = source.getOutputTable();
    const dir = tempDir();
    new AkSinkBatchOp().setFilePath(path.join(dir, "all.ak")).linkFrom(source);
    new AkSinkBatchOp().setFilePath(path.join(dir, "three")).setNumFiles(3).linkFrom(source);
    BatchOperator.execute();
    const back = new AkSourceBatchOp().setFilePath(path.join(dir, "all.ak")).getOutputTable();
    expect(back.schema.equals(table.schema)).toBe(true);
    expect(back.toRows()).toEqual(table.toRows());
    expect(back.row(3)[6]).toEqual(new Date(1.5)); // sub-millisecond time kept (nanos field)
    expect(fs.readdirSync(path.join(dir, "three")).sort()).toEqual(["1", "2", "3"]);
    const three = readAk(path.join(dir, "three"));
    const order = [0, 3, 1, 4, 2];
    expect(three.toRows()).toEqual(order.map((r) => table.row(r)));
  });

  it("a row of 16 MiB or more takes the long length form (FF FF FF + 4 bytes), both ways", () => {
    const big = "a".repeat(0xffffff);
    const table = new MemSourceBatchOp([["x", 1], [big, 2], ["y", 3]], "s string, i int").getOutputTable();
    const data = readZip(akBytes(table), "w")[1].data;
    const at = 3 + 3 + 1 + 2 + 4; // header, first record (length, mask, "x", int)
    expect(Buffer.from(data.subarray(at, at + 7)).toString("hex")).toBe("ffffff" + (1 + 4 + 4 + 0xffffff).toString(16).padStart(8, "0"));
    expect(readAk(writeTo(akBytes(table))).toRows()).toEqual(table.toRows());
  });

  it("an empty table, and more files than rows (files holding only the ALK header)", () => {
    const dir = tempDir();
    const empty = new MemSourceBatchOp([[1, "a"]], "i int, s string").getOutputTable().slice(0, 0);
    fs.writeFileSync(path.join(dir, "empty.ak"), akBytes(empty));
    expect(Buffer.from(dataEntry(path.join(dir, "empty.ak"))).toString("latin1")).toBe("ALK");
    const back = readAk(path.join(dir, "empty.ak"));
    expect([back.numRows, String(back.schema)]).toEqual([0, "i INT,s STRING"]);
    new AkSinkBatchOp().setFilePath(path.join(dir, "four")).setNumFiles(4).linkFrom(new MemSourceBatchOp([[1, "a"], [2, "b"]], "i int, s string"));
    BatchOperator.execute();
    expect(fs.readdirSync(path.join(dir, "four")).sort()).toEqual(["1", "2", "3", "4"]);
    expect(readAk(path.join(dir, "four", "4")).numRows).toBe(0);
    expect(readAk(path.join(dir, "four")).toRows()).toEqual([[1, "a"], [2, "b"]]);
  });

  it("writes SparseVector and DenseVector cells of a VECTOR column as Alink's Kryo bytes", () => {
    const table = readAk(path.join(V162, "vector.ak"));
    expect(Buffer.from(dataEntry(path.join(V162, "vector.ak"))).equals(Buffer.from(readZip(akBytes(table), "w")[1].data))).toBe(true);
    const dense = new MemSourceBatchOp([["1.0 2.0"]], "v vector").getOutputTable();
    const bytes = Buffer.from(readZip(akBytes(dense), "w")[1].data);
    expect(bytes.toString("latin1")).toContain("com.alibaba.alink.common.linalg.DenseVecto\u00f2");
    expect(bytes.subarray(bytes.length - 19).toString("hex")).toBe("0101033ff00000000000004000000000000000");
  });

  it("refuses to write over an existing path unless overwriteSink, naming the path", () => {
    const dir = tempDir();
    const file = path.join(dir, "exists.ak");
    fs.writeFileSync(file, "x");
    new AkSinkBatchOp().setFilePath(file).linkFrom(new MemSourceBatchOp([[1]], "a int"));
    expectError(() => BatchOperator.execute(), `AkSinkBatchOp: ${file} already exists; setOverwriteSink(true) to replace it.`);
    new AkSinkBatchOp().setFilePath(file).setOverwriteSink(true).linkFrom(new MemSourceBatchOp([[1]], "a int"));
    BatchOperator.execute();
    expect(readAk(file).toRows()).toEqual([[1]]);
  });
});

describe("stream twins", () => {
  it("AkSourceStreamOp streams a file with event times from timeCol; AkSinkStreamOp writes what the batch sink writes", async () => {
    const dir = tempDir();
    const source = new AkSourceStreamOp().setFilePath(path.join(V162, "small.ak")).setTimeCol("ts");
    new AkSinkStreamOp().setFilePath(path.join(dir, "one.ak")).linkFrom(source);
    new AkSinkStreamOp().setFilePath(path.join(dir, "two")).setNumFiles(2).linkFrom(source);
    const rows = await source.collect();
    const batch = readAk(path.join(V162, "small.ak"));
    expect(rows).toEqual(batch.toRows());
    expect(Buffer.from(dataEntry(path.join(dir, "one.ak"))).equals(Buffer.from(dataEntry(path.join(V162, "small.ak"))))).toBe(true);
    for (const f of ["1", "2"]) {
      const mine = readAk(path.join(dir, "two", f)).toRows().map((r) => r[0]);
      const ids = batch.toRows().map((r) => r[0]);
      expect(mine).toEqual(ids.filter((_, i) => i % 2 === Number(f) - 1));
    }
    const times = await new AkSourceStreamOp().setFilePath(path.join(dir, "one.ak")).setTimePerSample(2).collectTable();
    expect(times.numRows).toBe(5);
  });

  it("AkSinkStreamOp refuses an existing path without overwriteSink", async () => {
    const file = path.join(tempDir(), "x.ak");
    fs.writeFileSync(file, "");
    new AkSinkStreamOp().setFilePath(file).linkFrom(new AkSourceStreamOp().setFilePath(path.join(V162, "small.ak")));
    await expect(StreamOperator.execute()).rejects.toThrow(`AkSinkStreamOp: ${file} already exists; setOverwriteSink(true) to replace it.`);
  });
});

describe("bad input", () => {
  const small = () => readZip(fs.readFileSync(path.join(V162, "small.ak")), "small.ak");
  const write = (name: string, bytes: Uint8Array) => {
    const file = path.join(tempDir(), name);
    fs.writeFileSync(file, bytes);
    return file;
  };
  const read = (file: string) => () => new AkSourceBatchOp().setFilePath(file).getOutputTable();
  const withData = (data: Uint8Array, meta?: string) => {
    const [m] = small();
    return writeZip([{ name: "alink_meta.json", data: meta === undefined ? m.data : Buffer.from(meta) }, { name: "data", data }]);
  };
  const records = () => small()[1].data;

  it("a file that is not a ZIP", () => {
    const file = write("plain.ak", Buffer.from("id,click\n1,0\n"));
    const error = expectError(read(file), `${file}: not a readable .ak file: expected a ZIP archive (starting with "PK\\x03\\x04"), found bytes 69 64 2c 63.`);
    expect(error.context.file).toBe(file);
  });

  it("a ZIP without alink_meta.json, or without data", () => {
    const noMeta = write("nometa.ak", writeZip([{ name: "data", data: records() }]));
    expectError(read(noMeta), `${noMeta}: not an .ak file: the ZIP archive has no "alink_meta.json" entry (entries: data).`);
    const noData = write("nodata.ak", writeZip([small()[0]]));
    expectError(read(noData), `${noData}: not an .ak file: the ZIP archive has no "data" entry, only "alink_meta.json".`);
  });

  it("a truncated file and truncated data", () => {
    const whole = fs.readFileSync(path.join(V162, "small.ak"));
    const cut = write("cut.ak", whole.subarray(0, 200));
    expectError(read(cut), /cut\.ak: not a readable \.ak file: the ZIP archive has no end-of-central-directory record/);
    const data = records();
    const shortData = write("short.ak", withData(data.subarray(0, data.length - 10)));
    const error = expectError(read(shortData), `${shortData}: entry "data", row 4: the record says 46 bytes but only 36 remain (the data is truncated).`);
    expect(error.context.row).toBe(4);
    const badHeader = write("header.ak", withData(Buffer.from("XYZ")));
    expectError(read(badHeader), `${badHeader}: entry "data" does not start with the record header "ALK" (41 4c 4b) or "FLK"; found 58 59 5a.`);
  });

  it("a schema in the meta that does not parse", () => {
    const file = write("schema.ak", withData(records(), '{"fileFormat":"binary","schemaStr":"id STRING,click INTEGER","numFiles":1,"version":"v0.1"}'));
    expectError(read(file), new RegExp(`^${file.replace(/[.]/g, "\\.")}: the schema in alink_meta\\.json does not parse: .*INTEGER.*\\(schemaStr "id STRING,click INTEGER"\\)\\.$`));
    const notJson = write("json.ak", withData(records(), "{oops"));
    expectError(read(notJson), /json\.ak: alink_meta\.json is not JSON/);
  });

  it("a record shorter than its schema, and one longer", () => {
    // small.ak's rows under a schema with one more DOUBLE column
    const longer = write(
      "longer.ak",
      withData(records(), '{"fileFormat":"binary","schemaStr":"id STRING,click INT,C1 STRING,banner_pos INT,C15 INT,ts DOUBLE,extra DOUBLE","numFiles":1,"version":"v0.1"}'),
    );
    const error = expectError(read(longer), /longer\.ak: row 0, column "extra" \(DOUBLE\): the record is shorter than its schema — 8 more byte\(s\) expected at byte \d+, but the record ends at byte \d+/);
    expect(error.context).toMatchObject({ row: 0, column: "extra" });
    const shorter = write("shorter.ak", withData(records(), '{"fileFormat":"binary","schemaStr":"id STRING,click INT,C1 STRING,banner_pos INT,C15 INT","numFiles":1,"version":"v0.1"}'));
    expectError(read(shorter), /shorter\.ak: row 0: the record has 8 byte\(s\) left after its last column; expected exactly the schema's 5 columns/);
  });

  it("an unknown Kryo class in a vector cell", () => {
    const data = Buffer.from(dataEntry(path.join(V162, "vector.ak")));
    const at = data.indexOf("SparseVecto");
    data.write("Sparsexecto", at, "latin1");
    const [meta] = readZip(fs.readFileSync(path.join(V162, "vector.ak")), "v");
    const file = write("kryo.ak", writeZip([meta, { name: "data", data }]));
    const error = expectError(
      read(file),
      `${file}: row 0, column "vec" (VECTOR): unknown Kryo class "com.alibaba.alink.common.linalg.Sparsexector"; expected com.alibaba.alink.common.linalg.SparseVector or com.alibaba.alink.common.linalg.DenseVector.`,
    );
    expect(error.context.file).toBe(file);
  });

  it("a BIGINT beyond 2^53 and a missing path", () => {
    const table = new MemSourceBatchOp([[1]], "l bigint").getOutputTable();
    const data = Buffer.from(readZip(akBytes(table), "w")[1].data);
    data.writeBigInt64BE(2n ** 60n, data.length - 8);
    const file = write("big.ak", writeZip([readZip(akBytes(table), "w")[0], { name: "data", data }]));
    expectError(read(file), `${file}: row 0, column "l" (BIGINT): 1152921504606846976 is beyond ±(2^53 − 1), which streamlab's BIGINT columns hold exactly.`);
    expectError(read("/no/such.ak"), /^AkSourceBatchOp: file "\/no\/such\.ak" does not exist/);
  });
});

function writeTo(bytes: Uint8Array): string {
  const file = path.join(tempDir(), "t.ak");
  fs.writeFileSync(file, bytes);
  return file;
}
