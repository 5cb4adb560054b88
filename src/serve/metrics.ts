import { Counter, Gauge, Histogram, Registry } from "prom-client";

/** The service's Prometheus metrics, in a registry of its own (several services in one process stay apart). */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly requests = new Counter({ name: "streamlab_predict_requests_total", help: "POST /predict requests by HTTP status.", labelNames: ["status"], registers: [this.registry] });
  readonly rows = new Counter({ name: "streamlab_predicted_rows_total", help: "Rows predicted.", registers: [this.registry] });
  readonly latency = new Histogram({
    name: "streamlab_predict_latency_seconds",
    help: "Time to answer POST /predict (parsing, prediction, serialisation).",
    buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    registers: [this.registry],
  });

  /** `swapCounts`: all model versions loaded and refused since the start (a count, not the bounded history: O(1) per scrape). */
  constructor(swapCounts: () => { loaded: number; refused: number }, version: () => string | null) {
    new Gauge({
      name: "streamlab_model_swaps_total",
      help: "Model versions loaded from the model stream since the start.",
      registers: [this.registry],
      collect() {
        this.set(swapCounts().loaded);
      },
    });
    new Gauge({
      name: "streamlab_model_load_failures_total",
      help: "Model versions that could not be loaded (the previous one kept serving).",
      registers: [this.registry],
      collect() {
        this.set(swapCounts().refused);
      },
    });
    new Gauge({
      name: "streamlab_model_info",
      help: "The model version serving (label version; 'initial' for the model given at start).",
      labelNames: ["version"],
      registers: [this.registry],
      collect() {
        this.reset();
        this.set({ version: version() ?? "initial" }, 1);
      },
    });
    // Process memory at scrape time, under prom-client's default-metric names (dashboards, `npm run stress`). Not
    // collectDefaultMetrics(): it starts an event-loop monitor and a GC observer per call that live as long as the process.
    const memoryGauge = (name: string, help: string, pick: (m: NodeJS.MemoryUsage) => number) =>
      new Gauge({
        name,
        help,
        registers: [this.registry],
        collect() {
          this.set(pick(process.memoryUsage()));
        },
      });
    memoryGauge("process_resident_memory_bytes", "Resident memory size in bytes.", (m) => m.rss);
    memoryGauge("nodejs_heap_size_total_bytes", "Process heap size from Node.js in bytes.", (m) => m.heapTotal);
    memoryGauge("nodejs_heap_size_used_bytes", "Process heap size used from Node.js in bytes.", (m) => m.heapUsed);
    memoryGauge("nodejs_external_memory_bytes", "Node.js external memory size in bytes.", (m) => m.external);
  }
}
