import Fastify, { FastifyInstance } from "fastify";
import * as path from "path";
import { LocalPredictor, PipelineModel, Schema, StreamlabError, formatTimestamp } from "../index";
import { ServiceMetrics } from "./metrics";
import { BadRequest, RequestRows, predictionError, rowsFromCsv, rowsFromJson } from "./requestRows";

/** How to start a prediction service. */
export interface PredictionServiceOptions {
  /** Input schema of the rows to predict, e.g. CTR_SCHEMA_STR. */
  schema: string;
  /** A saved pipeline model (`.ak` or `.json`) to serve; with `modelStream` too, the model until the folder provides one. */
  model?: string | PipelineModel;
  /** A model-stream folder to follow (newest committed version first, then each newly committed one). */
  modelStream?: string;
  /** Wall-clock seconds between scans of the folder (default 10, as Alink). */
  scanInterval?: number;
  /** Only versions with a timestamp ≥ this "yyyy-mm-dd hh:mm:ss" are used. */
  startTime?: string;
  /** Interface to bind (default 127.0.0.1: reachable from this machine only). */
  host?: string;
  /** Port (default 8080; 0 = any free port). */
  port?: number;
  /** Largest request body in bytes (default 1 MiB); larger ones get 413. */
  maxBodyBytes?: number;
  /** Most rows in one request (default 10 000). */
  maxRows?: number;
}

/**
 * A prediction service over a {@link LocalPredictor} (production hand-over, issue 16):
 *
 * - `POST /predict` — JSON: one row (`[…]` in schema order, or `{"column": value}`), or many
 *   (`{"rows": [...]}`); or `text/csv`: one row per line. Answers `{ version, columns, rows }`:
 *   every output column (predictions and detail), rows in the request's form, and the model
 *   version that made them — one version for the whole request (a request runs synchronously, and
 *   the predictor swaps between requests only).
 * - `GET /model` — version in use, when it was loaded, how many versions were loaded and refused, the
 *   latest of them (a bounded history: a folder committed to every second must not grow the service), last error.
 * - `GET /health` — `{"status":"ok"}` once a model is loaded.
 * - `GET /metrics` — Prometheus text: requests by status, rows, latency histogram, swaps, load failures.
 *
 * Bad requests get 400 with a message naming the row and column (413 for a body over
 * `maxBodyBytes`, 415 for another content type) and never disturb other requests. `close()` stops
 * accepting connections, finishes the requests in flight and stops following the folder.
 */
export class PredictionService {
  readonly predictor: LocalPredictor;
  readonly app: FastifyInstance;
  private readonly schema: Schema;
  private readonly metrics: ServiceMetrics;
  private readonly startedAt = Date.now();
  private readonly maxRows: number;

  constructor(private readonly options: PredictionServiceOptions) {
    if (options.model === undefined && options.modelStream === undefined) {
      throw new StreamlabError("PredictionService: give a model (a saved pipeline model) or a modelStream folder to follow, or both.");
    }
    this.schema = Schema.parse(options.schema);
    const params: Record<string, unknown> = {};
    if (options.modelStream !== undefined) params.modelStreamFilePath = path.resolve(options.modelStream);
    if (options.scanInterval !== undefined) params.modelStreamScanInterval = options.scanInterval;
    if (options.startTime !== undefined) params.modelStreamStartTime = options.startTime;
    this.predictor = new LocalPredictor(options.model ?? null, this.schema, params);
    this.maxRows = options.maxRows ?? 10_000;
    this.metrics = new ServiceMetrics(
      () => this.predictor.getModelSwapCounts(),
      () => this.predictor.getModelVersion(),
    );
    this.app = Fastify({ bodyLimit: options.maxBodyBytes ?? 1 << 20, logger: false });
    this.app.addContentTypeParser(["text/csv", "text/plain"], { parseAs: "string" }, (_req, body, done) => done(null, body));
    this.routes();
  }

  /** Starts listening; resolves to the base URL (e.g. http://127.0.0.1:8080). */
  async listen(): Promise<string> {
    const host = this.options.host ?? "127.0.0.1";
    return this.app.listen({ host, port: this.options.port ?? 8080 });
  }

  /** Finishes the requests in flight, stops listening and stops following the folder. */
  async close(): Promise<void> {
    await this.app.close();
    this.predictor.close();
  }

  private modelInfo() {
    const swaps = this.predictor.getModelSwaps();
    const counts = this.predictor.getModelSwapCounts();
    const loaded = [...swaps].reverse().find((s) => s.ok);
    return {
      version: this.predictor.getModelVersion(),
      loadedAt: new Date(loaded?.at ?? this.startedAt).toISOString(),
      modelStream: this.options.modelStream === undefined ? null : path.resolve(this.options.modelStream),
      inputSchema: this.schema.toString(),
      outputSchema: this.predictor.getOutputSchemaStr(),
      versionsLoaded: counts.loaded,
      versionsRefused: counts.refused,
      history: swaps.map((s) => ({ version: s.version, ok: s.ok, at: new Date(s.at).toISOString(), ...(s.error === undefined ? {} : { error: s.error }) })),
      lastError: this.predictor.getLastModelError(),
    };
  }

  private routes(): void {
    const app = this.app;
    app.get("/health", async () => ({ status: "ok", version: this.predictor.getModelVersion() }));
    app.get("/model", async () => this.modelInfo());
    app.get("/metrics", async (_req, reply) => {
      reply.type(this.metrics.registry.contentType);
      return this.metrics.registry.metrics();
    });
    app.post("/predict", async (request, reply) => {
      const stop = this.metrics.latency.startTimer();
      try {
        const body = request.body;
        let parsed: RequestRows;
        if (typeof body === "string") parsed = rowsFromCsv(body, this.schema, this.maxRows);
        else parsed = rowsFromJson(body, this.schema, this.maxRows);
        const answer = this.predict(parsed);
        this.metrics.requests.inc({ status: "200" });
        this.metrics.rows.inc(parsed.rows.length);
        return answer;
      } catch (error) {
        if (!(error instanceof BadRequest)) throw error;
        this.metrics.requests.inc({ status: "400" });
        return reply.code(400).send({ error: error.message });
      } finally {
        stop();
      }
    });
    app.setErrorHandler((error, _request, reply) => {
      // Fastify's own client errors (bad JSON, body too large, unsupported media type) keep their status and say what was wrong.
      const status = (error as { statusCode?: number }).statusCode ?? 500;
      if (status < 500) {
        this.metrics.requests.inc({ status: String(status) });
        return reply.code(status).send({ error: clientErrorText(error, status, this.options.maxBodyBytes ?? 1 << 20) });
      }
      this.metrics.requests.inc({ status: "500" });
      return reply.code(500).send({ error: `internal error: ${(error as Error).message}` });
    });
  }

  /** Runs every row on the model serving now; all rows of a request see the same version. */
  private predict({ rows, asObjects }: RequestRows) {
    const predictor = this.predictor;
    const version = predictor.getModelVersion();
    const names = predictor.getOutputSchema().names;
    const out = rows.map((row, i) => {
      let result: unknown[];
      try {
        result = predictor.map(row, i);
      } catch (error) {
        throw predictionError(error);
      }
      const values = result.map(jsonValue);
      return asObjects ? Object.fromEntries(names.map((n, c) => [n, values[c]])) : values;
    });
    return { version, columns: names, rows: out };
  }
}

function jsonValue(v: unknown): unknown {
  if (v instanceof Date) return formatTimestamp(v.getTime());
  if (v !== null && typeof v === "object") return String(v); // vectors in Alink's text form
  if (typeof v === "number" && !Number.isFinite(v)) return String(v);
  return v;
}

function clientErrorText(error: unknown, status: number, maxBody: number): string {
  if (status === 413) return `the request body is larger than ${maxBody} bytes (--max-body-bytes); send fewer rows per request.`;
  if (status === 415) return `unsupported content type; send application/json or text/csv.`;
  return `malformed request: ${(error as Error).message}`;
}
