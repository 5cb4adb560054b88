package streamlab.interop;

import com.alibaba.alink.common.AlinkTypes;
import com.alibaba.alink.common.MLEnvironmentFactory;
import com.alibaba.alink.common.linalg.DenseVector;
import com.alibaba.alink.common.linalg.SparseVector;
import com.alibaba.alink.common.linalg.Vector;
import com.alibaba.alink.common.linalg.VectorUtil;
import com.alibaba.alink.common.utils.TableUtil;
import com.alibaba.alink.operator.batch.BatchOperator;
import com.alibaba.alink.operator.batch.sink.AkSinkBatchOp;
import com.alibaba.alink.operator.batch.sink.AppendModelStreamFileSinkBatchOp;
import com.alibaba.alink.operator.batch.source.AkSourceBatchOp;
import com.alibaba.alink.operator.batch.source.MemSourceBatchOp;
import com.alibaba.alink.operator.stream.source.ModelStreamFileSourceStreamOp;
import com.alibaba.alink.pipeline.LocalPredictor;
import com.alibaba.alink.pipeline.PipelineModel;
import com.alibaba.alink.params.ModelStreamScanParams;
import org.apache.flink.ml.api.misc.param.Params;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.JsonNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ArrayNode;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.apache.flink.shaded.jackson2.com.fasterxml.jackson.databind.node.ObjectNode;
import org.apache.flink.table.api.TableSchema;
import org.apache.flink.util.CloseableIterator;
import org.apache.flink.types.Row;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * streamlab's real-Alink interop tool: reads and writes Alink `.ak` files with Alink itself.
 *
 * <pre>
 * read &lt;path&gt;                                       schema string, then one JSON array per row
 * write &lt;jsonl-in&gt; &lt;schemaStr&gt; &lt;path&gt; [numFiles]       JSON-array rows typed by the schema → .ak (overwrite)
 * appendModelStream &lt;ak-model&gt; &lt;root&gt; &lt;modelTime&gt; [numFiles]   AppendModelStreamFileSinkBatchOp
 * readModelStream &lt;root&gt; [schemaStr]              ModelStreamFileSourceStreamOp from 1970 on: every model
 *                                                   present (as many rows as conf/*.log count), then stops
 * pipelineTransform &lt;model.ak&gt; &lt;jsonl-in&gt; &lt;schemaStr&gt;    PipelineModel.load(model).transform(rows): schema + rows
 * localPredict &lt;model.ak or ""&gt; &lt;jsonl-in&gt; &lt;schemaStr&gt; [modelStreamPath]
 *                                                   Alink's LocalPredictor (with no model: the folder's newest): schema, rows, version-free
 * pipelineFollow &lt;model.ak&gt; &lt;out.ak&gt; &lt;modelStreamPath&gt; [scanInterval] [startTime]
 *                                                   load, setModelStreamFilePath(...), save(out, overwrite)
 * batch &lt;commands.jsonl&gt;                            one JSON array of arguments per line; for each, one
 *                                                   line "@@AKTOOL {json result}" on stdout
 * </pre>
 *
 * Cell encoding (both ways): vectors as Alink's text (VectorUtil.toString), TIMESTAMP as epoch ms,
 * null as null, NaN/±Infinity as the strings "NaN", "Infinity", "-Infinity".
 */
public class AkTool {
	private static final ObjectMapper MAPPER = new ObjectMapper();
	private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
	static final String MARK = "@@AKTOOL ";

	public static void main(String[] args) throws Exception {
		if (args.length == 0) {
			usage();
			System.exit(2);
		}
		// One task slot: rows keep their order through single-file reads and writes.
		MLEnvironmentFactory.getDefault().getExecutionEnvironment().setParallelism(1);
		PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, "UTF-8");
		try {
			if (args[0].equals("batch")) {
				runBatch(args[1], out);
			} else {
				ObjectNode result = run(Arrays.asList(args));
				if (args[0].equals("read")) {
					out.println(result.get("schema").asText());
					for (JsonNode row : result.get("rows")) {
						out.println(MAPPER.writeValueAsString(row));
					}
				} else {
					out.println(MAPPER.writeValueAsString(result));
				}
			}
		} catch (Throwable t) {
			t.printStackTrace();
			out.flush();
			System.exit(1);
		}
		out.flush();
		// Flink leaves non-daemon threads behind.
		System.exit(0);
	}

	static void usage() {
		System.err.println("usage: read <path> | write <jsonl-in> <schemaStr> <path> [numFiles]"
			+ " | appendModelStream <ak-model> <root> <modelTime> [numFiles] | readModelStream <root> [schemaStr]"
			+ " | batch <commands.jsonl>");
	}

	static void runBatch(String commandsFile, PrintStream out) throws Exception {
		List<String> lines = readLines(commandsFile);
		int i = 0;
		for (String line : lines) {
			if (line.trim().isEmpty()) {
				continue;
			}
			List<String> cmd = new ArrayList<>();
			for (JsonNode a : MAPPER.readTree(line)) {
				cmd.add(a.isTextual() ? a.asText() : a.toString());
			}
			ObjectNode result;
			long t0 = System.currentTimeMillis();
			try {
				result = run(cmd);
				result.put("ok", true);
			} catch (Throwable t) {
				result = NODES.objectNode();
				result.put("ok", false);
				StringWriter sw = new StringWriter();
				t.printStackTrace(new PrintWriter(sw));
				result.put("error", sw.toString());
			}
			result.put("index", i++);
			result.put("ms", System.currentTimeMillis() - t0);
			out.println(MARK + MAPPER.writeValueAsString(result));
			out.flush();
		}
	}

	static ObjectNode run(List<String> cmd) throws Exception {
		String op = cmd.get(0);
		ObjectNode result = NODES.objectNode();
		result.put("command", op);
		switch (op) {
			case "read": {
				BatchOperator<?> src = new AkSourceBatchOp().setFilePath(cmd.get(1));
				TableSchema schema = src.getSchema();
				List<Row> rows = src.collect();
				result.put("schema", TableUtil.schema2SchemaStr(schema));
				ArrayNode arr = result.putArray("rows");
				for (Row row : rows) {
					arr.add(rowToJson(row));
				}
				return result;
			}
			case "write": {
				String schemaStr = cmd.get(2);
				TableSchema schema = TableUtil.schemaStr2Schema(schemaStr);
				List<Row> rows = readRows(cmd.get(1), schema);
				int numFiles = cmd.size() > 4 ? Integer.parseInt(cmd.get(4)) : 1;
				MemSourceBatchOp src = new MemSourceBatchOp(rows, schema);
				new AkSinkBatchOp().setFilePath(cmd.get(3)).setNumFiles(numFiles).setOverwriteSink(true).linkFrom(src);
				BatchOperator.execute();
				result.put("rowsWritten", rows.size());
				return result;
			}
			case "appendModelStream": {
				int numFiles = cmd.size() > 4 ? Integer.parseInt(cmd.get(4)) : 1;
				BatchOperator<?> model = new AkSourceBatchOp().setFilePath(cmd.get(1));
				new AppendModelStreamFileSinkBatchOp()
					.setFilePath(cmd.get(2))
					.setModelTime(cmd.get(3))
					.setNumFiles(numFiles)
					.linkFrom(model);
				BatchOperator.execute();
				return result;
			}
			case "readModelStream": {
				// Everything present under <root>: the expected row count is the sum of the conf/<ts>.log
				// counts; the (unbounded) stream source is cancelled once that many rows have arrived.
				String root = cmd.get(1);
				long expected = 0;
				java.io.File[] logs = new java.io.File(root, "conf").listFiles((d, name) -> name.endsWith(".log"));
				if (logs != null) {
					for (java.io.File log : logs) {
						expected += MAPPER.readTree(log).get("count").asLong();
					}
				}
				ModelStreamFileSourceStreamOp src = new ModelStreamFileSourceStreamOp()
					.setFilePath(root)
					.setStartTime("1970-01-01 00:00:00")
					.setScanInterval(1);
				if (cmd.size() > 2 && !cmd.get(2).isEmpty()) {
					src.setSchemaStr(cmd.get(2));
				}
				MLEnvironmentFactory.getDefault().getStreamExecutionEnvironment().setParallelism(1);
				result.put("schema", TableUtil.schema2SchemaStr(src.getSchema()));
				ArrayNode arr = result.putArray("rows");
				if (expected > 0) {
					try (CloseableIterator<Row> it = src.getDataStream().executeAndCollect()) {
						while (arr.size() < expected && it.hasNext()) {
							arr.add(rowToJson(it.next()));
						}
					}
				}
				result.put("expectedRows", expected);
				return result;
			}
			case "pipelineTransform": {
				TableSchema schema = TableUtil.schemaStr2Schema(cmd.get(3));
				List<Row> rows = readRows(cmd.get(2), schema);
				PipelineModel model = PipelineModel.load(cmd.get(1));
				BatchOperator<?> out = model.transform(new MemSourceBatchOp(rows, schema));
				List<Row> collected = out.collect();
				result.put("schema", TableUtil.schema2SchemaStr(out.getSchema()));
				ArrayNode arr = result.putArray("rows");
				for (Row row : collected) {
					arr.add(rowToJson(row));
				}
				return result;
			}
			case "localPredict": {
				String schemaStr = cmd.get(3);
				TableSchema schema = TableUtil.schemaStr2Schema(schemaStr);
				Params params = new Params();
				if (cmd.size() > 4 && !cmd.get(4).isEmpty()) {
					params.set(ModelStreamScanParams.MODEL_STREAM_FILE_PATH, new com.alibaba.alink.common.io.filesystem.FilePath(cmd.get(4)).serialize());
					params.set(ModelStreamScanParams.MODEL_STREAM_START_TIME, "1970-01-01 00:00:00");
				}
				String modelPath = cmd.get(1).isEmpty() ? null : cmd.get(1);
				LocalPredictor predictor = new LocalPredictor(modelPath, schemaStr, params);
				result.put("schema", TableUtil.schema2SchemaStr(predictor.getOutputSchema()));
				ArrayNode arr = result.putArray("rows");
				for (Row row : readRows(cmd.get(2), schema)) {
					arr.add(rowToJson(predictor.map(row)));
				}
				predictor.close();
				return result;
			}
			case "pipelineFollow": {
				PipelineModel model = PipelineModel.load(cmd.get(1)).setModelStreamFilePath(cmd.get(3));
				if (cmd.size() > 4 && !cmd.get(4).isEmpty()) {
					model.setModelStreamScanInterval(Integer.parseInt(cmd.get(4)));
				}
				if (cmd.size() > 5 && !cmd.get(5).isEmpty()) {
					model.setModelStreamStartTime(cmd.get(5));
				}
				model.save(cmd.get(2), true);
				BatchOperator.execute();
				result.put("written", cmd.get(2));
				return result;
			}
			default:
				throw new IllegalArgumentException("unknown command " + op);
		}
	}

	static ArrayNode rowToJson(Row row) {
		ArrayNode arr = NODES.arrayNode();
		for (int i = 0; i < row.getArity(); i++) {
			Object v = row.getField(i);
			if (v == null) {
				arr.addNull();
			} else if (v instanceof Vector) {
				arr.add(VectorUtil.toString((Vector) v));
			} else if (v instanceof Timestamp) {
				arr.add(((Timestamp) v).getTime());
			} else if (v instanceof Boolean) {
				arr.add((Boolean) v);
			} else if (v instanceof Double) {
				double d = (Double) v;
				if (Double.isNaN(d) || Double.isInfinite(d)) {
					arr.add(Double.toString(d));
				} else {
					arr.add(d);
				}
			} else if (v instanceof Float) {
				float f = (Float) v;
				if (Float.isNaN(f) || Float.isInfinite(f)) {
					arr.add(Float.toString(f));
				} else {
					arr.add(f);
				}
			} else if (v instanceof Long) {
				arr.add((Long) v);
			} else if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
				arr.add(((Number) v).intValue());
			} else if (v instanceof BigDecimal) {
				arr.add((BigDecimal) v);
			} else {
				arr.add(v.toString());
			}
		}
		return arr;
	}

	static Row jsonToRow(JsonNode json, TableSchema schema) {
		TypeInformation<?>[] types = schema.getFieldTypes();
		if (json.size() != types.length) {
			throw new IllegalArgumentException("row has " + json.size() + " cells, schema " + types.length + ": " + json);
		}
		Row row = new Row(types.length);
		for (int i = 0; i < types.length; i++) {
			row.setField(i, cell(json.get(i), types[i]));
		}
		return row;
	}

	static Object cell(JsonNode v, TypeInformation<?> t) {
		if (v == null || v.isNull()) {
			return null;
		}
		if (t.equals(Types.STRING)) {
			return v.asText();
		} else if (t.equals(Types.INT)) {
			return v.asInt();
		} else if (t.equals(Types.LONG)) {
			return v.asLong();
		} else if (t.equals(Types.SHORT)) {
			return (short) v.asInt();
		} else if (t.equals(Types.BYTE)) {
			return (byte) v.asInt();
		} else if (t.equals(Types.DOUBLE)) {
			return v.isTextual() ? Double.parseDouble(v.asText()) : v.asDouble();
		} else if (t.equals(Types.FLOAT)) {
			return v.isTextual() ? Float.parseFloat(v.asText()) : (float) v.asDouble();
		} else if (t.equals(Types.BOOLEAN)) {
			return v.isTextual() ? Boolean.parseBoolean(v.asText()) : v.asBoolean();
		} else if (t.equals(Types.SQL_TIMESTAMP)) {
			return v.isTextual() ? Timestamp.valueOf(v.asText()) : new Timestamp(v.asLong());
		} else if (t.equals(Types.BIG_DEC)) {
			return new BigDecimal(v.asText());
		} else if (t.equals(AlinkTypes.VECTOR)) {
			return parseVector(v.asText());
		} else if (t.equals(AlinkTypes.DENSE_VECTOR)) {
			Vector vec = parseVector(v.asText());
			return vec instanceof SparseVector ? ((SparseVector) vec).toDenseVector() : vec;
		} else if (t.equals(AlinkTypes.SPARSE_VECTOR)) {
			Vector vec = parseVector(v.asText());
			return vec instanceof DenseVector ? toSparse((DenseVector) vec) : vec;
		}
		throw new IllegalArgumentException("unsupported column type " + t + " in write");
	}

	/**
	 * Alink's vector text ("1.0 2.0", "$n$i:v i:v", "i:v" with size -1), parsed with exact
	 * Double.parseDouble: Alink 1.6.0's own VectorUtil parser rounds some values (1.0E-300 becomes
	 * 1.0000000000000166E-300), which would blur what the .ak files carry.
	 */
	static Vector parseVector(String text) {
		String s = text.trim();
		if (!(s.isEmpty() || s.indexOf(':') >= 0 || s.indexOf('$') >= 0)) {
			String[] tokens = s.split("[ ,]+");
			double[] data = new double[tokens.length];
			for (int i = 0; i < tokens.length; i++) {
				data[i] = Double.parseDouble(tokens[i]);
			}
			return new DenseVector(data);
		}
		int n = -1;
		if (s.startsWith("$")) {
			int end = s.indexOf('$', 1);
			n = Integer.parseInt(s.substring(1, end).trim());
			s = s.substring(end + 1).trim();
		}
		if (s.isEmpty()) {
			return new SparseVector(n, new int[0], new double[0]);
		}
		String[] tokens = s.split("[ ,]+");
		int[] indices = new int[tokens.length];
		double[] values = new double[tokens.length];
		for (int i = 0; i < tokens.length; i++) {
			int colon = tokens[i].indexOf(':');
			indices[i] = Integer.parseInt(tokens[i].substring(0, colon));
			values[i] = Double.parseDouble(tokens[i].substring(colon + 1));
		}
		return new SparseVector(n, indices, values);
	}

	static SparseVector toSparse(DenseVector d) {
		double[] data = d.getData();
		int[] indices = new int[data.length];
		for (int i = 0; i < data.length; i++) {
			indices[i] = i;
		}
		return new SparseVector(data.length, indices, data.clone());
	}

	/** The rows of a JSONL file (one JSON array per non-blank line), typed by the schema. */
	static List<Row> readRows(String file, TableSchema schema) throws Exception {
		List<Row> rows = new ArrayList<>();
		for (String line : readLines(file)) {
			if (!line.trim().isEmpty()) {
				rows.add(jsonToRow(MAPPER.readTree(line), schema));
			}
		}
		return rows;
	}

	static List<String> readLines(String file) throws Exception {
		List<String> lines = new ArrayList<>();
		try (BufferedReader r = new BufferedReader(new InputStreamReader(new FileInputStream(file), StandardCharsets.UTF_8))) {
			String line;
			while ((line = r.readLine()) != null) {
				lines.add(line);
			}
		}
		return lines;
	}
}
