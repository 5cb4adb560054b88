/**
 * The part of an exported Java job that runs its stream graph to a bounded stop (issue 16).
 *
 * Alink's FTRL and online-learning trainers never end: each keeps a source thread that sleeps
 * `timeInterval` seconds and ticks forever, and a Flink iteration that waits for feedback forever
 * (`FtrlTrainStreamOp.linkFrom`: `iterate(Long.MAX_VALUE)`), so `StreamOperator.execute()` never
 * returns even when every source is a finite file. The generated `main` therefore starts the job with
 * `executeAsync`, watches it through small counting sinks ("probes", which share static counters
 * with `main` because the local mini-cluster runs in the same JVM) and cancels it once
 *
 * 1. every finite source (CSV, `.ak`) has been read to its end (its probe was closed),
 * 2. no data output (every end except model streams, which grow on each tick) received a row for
 *    `--quiet-seconds` (default 2), and
 * 3. `interval + quiet` seconds passed since the sources ended, where `interval` is the longest
 *    emission period in the graph (FTRL / online-learning `timeInterval`, evaluation windows): every
 *    periodic emitter has then fired once after the last row was processed, so the last model is out
 *    and the last evaluation window is closed;
 *
 * or after `--max-seconds` whatever happens (the only stop on a cluster, where the probes count in the
 * task managers' JVMs). A job that ends by itself (no trainer) just ends. With an
 * unbounded source (Kafka, a model-stream folder) only `--max-seconds` or Ctrl-C stops it.
 */

/** What the stop rule needs to know about the graph. */
export interface StreamRunPlan {
  className: string;
  /** Java expressions of the finite sources' outputs, with a label each. */
  sources: { expr: string; label: string }[];
  /** Java expressions of the graph's ends (a sink's input), with a label and whether they carry a model stream. */
  outputs: { expr: string; label: string; model: boolean }[];
  /** True when a source never ends (Kafka, a model-stream folder): no drain detection. */
  unbounded: boolean;
  /** The longest emission period in the graph, seconds (0 when nothing emits periodically). */
  intervalSeconds: number;
}

/** `main`'s first lines: parse the arguments and set the parallelism before any operator is built. */
export function javaMainPrologue(): string[] {
  return [`    Options options = Options.parse(args);`];
}

/** `main`'s last lines: attach the probes and run the stream job to its stop. */
export function javaStreamRun(plan: StreamRunPlan): string[] {
  const lines: string[] = [];
  for (const s of plan.sources) lines.push(`    Probe.source(${s.expr}, ${JSON.stringify(s.label)});`);
  for (const o of plan.outputs) lines.push(`    Probe.output(${o.expr}, ${JSON.stringify(o.label)}, ${o.model});`);
  lines.push(`    runStream(options, ${JSON.stringify(plan.className)}, ${plan.sources.length}, ${plan.unbounded}, ${Math.ceil(plan.intervalSeconds)});`);
  return lines;
}

/** Imports the helpers need. */
export const RUNNER_IMPORTS = [
  "import com.alibaba.alink.common.MLEnvironmentFactory;",
  "import org.apache.flink.api.common.JobExecutionResult;",
  "import org.apache.flink.core.execution.JobClient;",
  "import org.apache.flink.streaming.api.functions.sink.RichSinkFunction;",
  "import org.apache.flink.types.Row;",
  "import java.util.Map;",
  "import java.util.Set;",
  "import java.util.TreeMap;",
  "import java.util.concurrent.CompletableFuture;",
  "import java.util.concurrent.ConcurrentHashMap;",
  "import java.util.concurrent.TimeUnit;",
  "import java.util.concurrent.TimeoutException;",
  "import java.util.concurrent.atomic.AtomicLong;",
];

/** The helper members of the generated class (Java source, indented for a class body). */
export function javaRunnerMembers(): string {
  return `
  /** Command-line options: --parallelism N, --max-seconds S, --quiet-seconds Q (see README.md). */
  static final class Options {
    int parallelism = 0;
    double maxSeconds = 0;
    double quietSeconds = 2;

    static Options parse(String[] args) {
      Options o = new Options();
      for (int i = 0; i < args.length; i++) {
        String a = args[i];
        String v = i + 1 < args.length ? args[i + 1] : null;
        if (v == null) throw new IllegalArgumentException(a + " needs a value; options: --parallelism N, --max-seconds S, --quiet-seconds Q");
        switch (a) {
          case "--parallelism": o.parallelism = Integer.parseInt(v); break;
          case "--max-seconds": o.maxSeconds = Double.parseDouble(v); break;
          case "--quiet-seconds": o.quietSeconds = Double.parseDouble(v); break;
          default: throw new IllegalArgumentException("unknown option " + a + "; options: --parallelism N, --max-seconds S, --quiet-seconds Q");
        }
        i++;
      }
      if (o.parallelism > 0) {
        // Before any operator is built: Alink's FTRL reads the parallelism when it is linked.
        MLEnvironmentFactory.getDefault().getExecutionEnvironment().setParallelism(o.parallelism);
        MLEnvironmentFactory.getDefault().getStreamExecutionEnvironment().setParallelism(o.parallelism);
      }
      return o;
    }
  }

  /**
   * Counts the rows a finite source emits or an end receives. The local mini-cluster runs in this JVM,
   * so the static counters are the ones main() reads; a source's probe is closed when the source ends.
   */
  static final class Probe extends RichSinkFunction<Row> {
    static final Map<String, AtomicLong> ROWS = new ConcurrentHashMap<>();
    static final Set<String> DRAINED = ConcurrentHashMap.newKeySet();
    static volatile long lastDataRow = System.nanoTime();
    private final String label;
    private final boolean source;
    private final boolean model;

    Probe(String label, boolean source, boolean model) {
      this.label = label;
      this.source = source;
      this.model = model;
    }

    @Override
    public void invoke(Row row, Context context) {
      ROWS.get(label).incrementAndGet();
      if (!source && !model) lastDataRow = System.nanoTime();
    }

    @Override
    public void close() {
      if (source) DRAINED.add(label);
    }

    static void source(StreamOperator<?> op, String label) {
      ROWS.putIfAbsent(label, new AtomicLong());
      op.getDataStream().addSink(new Probe(label, true, false)).name("streamlab probe (source) " + label).setParallelism(1);
    }

    static void output(StreamOperator<?> op, String label, boolean model) {
      ROWS.putIfAbsent(label, new AtomicLong());
      op.getDataStream().addSink(new Probe(label, false, model)).name("streamlab probe (output) " + label).setParallelism(1);
    }
  }

  static void runStream(Options options, String name, int finiteSources, boolean unbounded, int intervalSeconds) throws Exception {
    long start = System.nanoTime();
    JobClient client = MLEnvironmentFactory.getDefault().getStreamExecutionEnvironment().executeAsync(name);
    CompletableFuture<JobExecutionResult> result = client.getJobExecutionResult();
    long drainedAt = -1;
    String why;
    while (true) {
      try {
        result.get(200, TimeUnit.MILLISECONDS);
        report("the job finished by itself", start, drainedAt);
        return;
      } catch (TimeoutException running) {
        // still running
      }
      long now = System.nanoTime();
      if (options.maxSeconds > 0 && now - start >= (long) (options.maxSeconds * 1e9)) {
        why = "--max-seconds " + options.maxSeconds + " reached";
        break;
      }
      if (!unbounded && Probe.DRAINED.size() == finiteSources) {
        if (drainedAt < 0) drainedAt = now;
        long quiet = (long) (options.quietSeconds * 1e9);
        if (now - Probe.lastDataRow >= quiet && now - drainedAt >= quiet + intervalSeconds * 1_000_000_000L) {
          why = "sources read to their end, outputs quiet for " + options.quietSeconds + " s, and " + intervalSeconds + " s (the longest emission interval) passed";
          break;
        }
      }
    }
    client.cancel().get(60, TimeUnit.SECONDS);
    try {
      result.get(60, TimeUnit.SECONDS);
    } catch (Exception cancelled) {
      // expected: the job ends as CANCELED; its sinks have been closed (files flushed) by then
    }
    report("stopped: " + why, start, drainedAt);
  }

  static void report(String how, long start, long drainedAt) {
    double seconds = (System.nanoTime() - start) / 1e9;
    String drained = drainedAt < 0 ? "" : String.format(", sources ended at %.1f s", (drainedAt - start) / 1e9);
    Map<String, Long> rows = new TreeMap<>();
    Probe.ROWS.forEach((k, v) -> rows.put(k, v.get()));
    System.out.println(String.format("[streamlab] %s after %.1f s%s; rows: %s", how, seconds, drained, rows));
  }
`;
}
