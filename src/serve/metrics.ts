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

  constructor(swaps: () => { ok: boolean }[], version: () => string | null) {
    new Gauge({
      name: "streamlab_model_swaps_total",
      help: "Model versions loaded from the model stream since the start.",
      registers: [this.registry],
      collect() {
        this.set(swaps().filter((s) => s.ok).length);
      },
    });
    new Gauge({
      name: "streamlab_model_load_failures_total",
      help: "Model versions that could not be loaded (the previous one kept serving).",
      registers: [this.registry],
      collect() {
        this.set(swaps().filter((s) => !s.ok).length);
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
  }
}
