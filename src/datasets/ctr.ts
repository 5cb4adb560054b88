import * as fs from "fs";
import * as path from "path";
import { StreamlabError } from "../core/errors";
import { Random } from "../core/random";

/**
 * A synthetic click-through-rate stream in the Avazu column layout that Alink's FTRL example uses
 * (reference §14.1), plus an event-time column `ts`. It is **synthetic**: categories are random
 * 8-hex-digit tokens drawn from Zipf-like vocabularies, and clicks are drawn from a hidden
 * logistic model whose parameters (the ground truth) are returned and saved beside the data.
 * Optional concept drift re-draws part of the hidden model at given fractions of the stream.
 * Same options → byte-identical output.
 */

/** Schema string of the generated CSV (25 columns: Avazu's 24 plus `ts`). */
export const CTR_SCHEMA_STR =
  "id string, click int, hour int, C1 string, banner_pos int, site_id string, site_domain string, " +
  "site_category string, app_id string, app_domain string, app_category string, device_id string, " +
  "device_ip string, device_model string, device_type string, device_conn_type string, " +
  "C14 int, C15 int, C16 int, C17 int, C18 int, C19 int, C20 int, C21 int, ts double";

/** Categorical columns (hashed as `col=value` by FeatureHasher in the FTRL example). */
export const CTR_CATEGORICAL_COLS = [
  "C1", "banner_pos", "site_id", "site_domain", "site_category", "app_id", "app_domain", "app_category",
  "device_id", "device_model", "device_type", "device_conn_type",
] as const;

/** Integer columns used as numeric features (standardized in the FTRL example). */
export const CTR_NUMERIC_COLS = ["C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"] as const;

export interface CtrOptions {
  /** Number of rows. */
  rows: number;
  /** Seed of everything random (vocabularies, hidden model, rows). */
  seed?: number;
  /** Event time of the first row, epoch seconds (default 2014-10-21 00:00:00 UTC, Avazu's first day). */
  startTime?: number;
  /** Mean arrival rate in rows per stream second; arrivals follow a daily cycle around it. */
  rowsPerSecond?: number;
  /** Fractions of the stream (0..1) where the hidden model drifts. */
  driftAt?: number[];
  /** Share of each drifting column's effects that are re-drawn at a drift (0..1). */
  driftStrength?: number;
  /** Rows whose label is flipped: [fromFraction, toFraction] pairs (for label-noise scenarios). */
  corruptLabels?: [number, number][];
}

interface Vocabulary {
  column: string;
  tokens: string[];
  cdf: Float64Array;
  /** Standard deviation of the hidden effect of a token. */
  sigma: number;
  effects: Float64Array;
}

/** What the labels were drawn from; saved as `<name>.truth.json` beside the data. */
export interface CtrGroundTruth {
  description: string;
  options: Required<Omit<CtrOptions, "corruptLabels">> & { corruptLabels: [number, number][] };
  schemaStr: string;
  intercept: number;
  /** Row indices (0-based) where the hidden model changes. */
  driftRows: number[];
  /** Columns whose effects drift. */
  driftingColumns: string[];
  /** Hidden effect per token of the small-vocabulary columns, per segment between drifts. */
  smallVocabularyEffects: Record<string, Record<string, number>>[];
  /** Effect standard deviation per categorical column. */
  effectSigma: Record<string, number>;
  /** Linear effect per standardized numeric column. */
  numericEffects: Record<string, number>;
  /** Realised click rate and the AUC of the true probabilities (the best any model can do), per segment. */
  segments: { fromRow: number; toRow: number; clickRate: number; bayesAuc: number }[];
}

const DEFAULTS = { seed: 1, startTime: 1413849600, rowsPerSecond: 1, driftAt: [] as number[], driftStrength: 0.8 };

function hexToken(random: Random): string {
  return random.nextUint32().toString(16).padStart(8, "0");
}

function vocabulary(random: Random, column: string, size: number, zipf: number, sigma: number, tokens?: string[]): Vocabulary {
  const list = tokens ?? Array.from({ length: size }, () => hexToken(random));
  const cdf = new Float64Array(list.length);
  let total = 0;
  for (let k = 0; k < list.length; k++) {
    total += 1 / Math.pow(k + 1, zipf);
    cdf[k] = total;
  }
  for (let k = 0; k < list.length; k++) cdf[k] /= total;
  const effects = new Float64Array(list.length);
  for (let k = 0; k < list.length; k++) effects[k] = random.nextGaussian() * sigma;
  return { column, tokens: list, cdf, sigma, effects };
}

function draw(random: Random, v: Vocabulary): number {
  const u = random.nextDouble();
  let lo = 0;
  let hi = v.cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v.cdf[mid] < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const range = (from: number, count: number, step = 1) => Array.from({ length: count }, (_, i) => String(from + i * step));

/** Exact AUC by rank sum (ties averaged) of scores against 0/1 labels. */
function auc(scores: Float64Array, labels: Uint8Array, from: number, to: number): number {
  const idx = Array.from({ length: to - from }, (_, i) => from + i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let positives = 0;
  let i = 0;
  while (i < idx.length) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const meanRank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if (labels[idx[k]] === 1) {
      rankSum += meanRank;
      positives++;
    }
    i = j + 1;
  }
  const negatives = idx.length - positives;
  if (positives === 0 || negatives === 0) return NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/** Generates the CSV text (with a header line) and its ground truth. */
export function generateCtr(options: CtrOptions): { csv: string; truth: CtrGroundTruth } {
  const lines: string[] = [];
  const generator = ctrLines(options, true);
  for (let r = generator.next(); ; r = generator.next()) {
    if (r.done) return { csv: lines.join("\n") + "\n", truth: r.value };
    lines.push(r.value);
  }
}

/**
 * The same data line by line (header first), for streams too big to hold: memory stays flat when
 * `keepTruth` is false (the per-segment click rates and Bayes AUC of the returned truth are then
 * not computed).
 */
export function* ctrLines(options: CtrOptions, keepTruth = false): Generator<string, CtrGroundTruth> {
  const o = { ...DEFAULTS, corruptLabels: [] as [number, number][], ...options };
  if (!Number.isInteger(o.rows) || o.rows < 1) throw new StreamlabError(`generateCtr: rows must be a positive integer, got ${o.rows}.`);
  if (!(o.rowsPerSecond > 0)) throw new StreamlabError(`generateCtr: rowsPerSecond must be > 0, got ${o.rowsPerSecond}.`);
  for (const f of o.driftAt) if (!(f > 0 && f < 1)) throw new StreamlabError(`generateCtr: driftAt fractions must be in (0, 1), got ${f}.`);
  const random = new Random(o.seed);

  const vocab = {
    C1: vocabulary(random, "C1", 7, 2.0, 0.3, ["1005", "1002", "1010", "1012", "1007", "1001", "1008"]),
    banner_pos: vocabulary(random, "banner_pos", 6, 1.6, 0.35, ["0", "1", "7", "2", "4", "5"]),
    site_id: vocabulary(random, "site_id", 1500, 1.1, 0.6),
    site_domain: vocabulary(random, "site_domain", 1200, 1.1, 0.25),
    site_category: vocabulary(random, "site_category", 20, 1.5, 0.4),
    app_id: vocabulary(random, "app_id", 1200, 1.15, 0.6),
    app_domain: vocabulary(random, "app_domain", 120, 1.3, 0.25),
    app_category: vocabulary(random, "app_category", 24, 1.5, 0.4),
    device_id: vocabulary(random, "device_id", 4000, 1.3, 0.2),
    device_ip: vocabulary(random, "device_ip", 15000, 0.9, 0.0),
    device_model: vocabulary(random, "device_model", 1500, 1.05, 0.35),
    device_type: vocabulary(random, "device_type", 4, 2.2, 0.3, ["1", "0", "4", "5"]),
    device_conn_type: vocabulary(random, "device_conn_type", 4, 2.0, 0.3, ["0", "2", "3", "5"]),
    C14: vocabulary(random, "C14", 1800, 1.0, 0.0, range(15000, 1800, 5)),
    C15: vocabulary(random, "C15", 6, 2.5, 0.0, ["320", "300", "216", "728", "120", "480"]),
    C16: vocabulary(random, "C16", 7, 2.5, 0.0, ["50", "250", "36", "480", "90", "20", "320"]),
    C17: vocabulary(random, "C17", 400, 1.0, 0.0, range(1100, 400, 5)),
    C18: vocabulary(random, "C18", 4, 1.5, 0.0, ["0", "3", "2", "1"]),
    C19: vocabulary(random, "C19", 60, 1.2, 0.0, range(33, 60, 16)),
    C20: vocabulary(random, "C20", 160, 1.0, 0.0, ["-1", ...range(100000, 159, 7)]),
    C21: vocabulary(random, "C21", 60, 1.2, 0.0, range(1, 60, 3)),
  };
  // Site and app impressions as in Avazu: the other side carries one fixed default token.
  const siteDefaults = ["85f751fd", "c4e18dd6", "50e219e0"];
  const appDefaults = ["ecad2386", "7801e8d9", "07d7df22"];
  const numericEffects: Record<string, number> = { C15: 0.15, C16: 0.2, C18: -0.25, C19: 0.1, C21: -0.2 };
  const numericStats: Record<string, { mean: number; std: number }> = {};
  for (const col of Object.keys(numericEffects)) {
    const v = vocab[col as keyof typeof vocab];
    let mean = 0;
    let second = 0;
    let prev = 0;
    v.tokens.forEach((t, k) => {
      const p = v.cdf[k] - prev;
      prev = v.cdf[k];
      mean += p * Number(t);
      second += p * Number(t) * Number(t);
    });
    numericStats[col] = { mean, std: Math.sqrt(Math.max(1e-12, second - mean * mean)) };
  }
  const intercept = -1.75;
  const driftingColumns = ["site_id", "app_id", "banner_pos", "site_category", "app_category", "device_model", "C1"];
  const driftRows = [...o.driftAt].sort((a, b) => a - b).map((f) => Math.floor(f * o.rows));
  const smallColumns = ["C1", "banner_pos", "site_category", "app_category", "device_type", "device_conn_type"] as const;
  const snapshotSmall = () =>
    Object.fromEntries(
      smallColumns.map((c) => [c, Object.fromEntries(vocab[c].tokens.map((t, k) => [t, Number(vocab[c].effects[k].toFixed(6))]))]),
    );
  const smallEffects: Record<string, Record<string, number>>[] = [snapshotSmall()];

  const categorical = [
    "C1", "banner_pos", "site_id", "site_domain", "site_category", "app_id", "app_domain", "app_category",
    "device_id", "device_ip", "device_model", "device_type", "device_conn_type",
  ] as const;
  yield CTR_SCHEMA_STR.split(",").map((f) => f.trim().split(/\s+/)[0]).join(",");
  const probabilities = new Float64Array(keepTruth ? o.rows : 0);
  const labels = new Uint8Array(keepTruth ? o.rows : 0);
  let t = o.startTime;
  let nextDrift = 0;
  const picks: Record<string, number> = {};
  for (let r = 0; r < o.rows; r++) {
    if (nextDrift < driftRows.length && r === driftRows[nextDrift]) {
      for (const col of driftingColumns) {
        const v = vocab[col as keyof typeof vocab];
        for (let k = 0; k < v.effects.length; k++) {
          if (random.nextDouble() < o.driftStrength) v.effects[k] = random.nextGaussian() * v.sigma;
        }
      }
      smallEffects.push(snapshotSmall());
      nextDrift++;
    }
    // Arrivals: exponential gaps with a daily cycle (busier in the afternoon).
    const hourOfDay = ((t - o.startTime) / 3600 + 24) % 24;
    const rate = o.rowsPerSecond * (1 + 0.5 * Math.sin(((hourOfDay - 9) / 24) * 2 * Math.PI));
    t += -Math.log(1 - random.nextDouble()) / rate;
    const isSite = random.nextDouble() < 0.62;
    let logit = intercept;
    for (const col of categorical) {
      const k = draw(random, vocab[col]);
      picks[col] = k;
      logit += vocab[col].effects[k];
    }
    const fields: Record<string, string> = {};
    for (const col of categorical) fields[col] = vocab[col].tokens[picks[col]];
    if (isSite) {
      [fields.app_id, fields.app_domain, fields.app_category] = appDefaults;
      logit -= vocab.app_id.effects[picks.app_id] + vocab.app_domain.effects[picks.app_domain] + vocab.app_category.effects[picks.app_category];
    } else {
      [fields.site_id, fields.site_domain, fields.site_category] = siteDefaults;
      logit -= vocab.site_id.effects[picks.site_id] + vocab.site_domain.effects[picks.site_domain] + vocab.site_category.effects[picks.site_category];
    }
    const ints: Record<string, string> = {};
    for (const col of ["C14", "C15", "C16", "C17", "C18", "C19", "C20", "C21"] as const) {
      const value = vocab[col].tokens[draw(random, vocab[col])];
      ints[col] = value;
      const effect = numericEffects[col];
      if (effect !== undefined) logit += (effect * (Number(value) - numericStats[col].mean)) / numericStats[col].std;
    }
    logit += 0.25 * Math.sin(((hourOfDay - 14) / 24) * 2 * Math.PI);
    const p = 1 / (1 + Math.exp(-logit));
    let click = random.nextDouble() < p ? 1 : 0;
    if (o.corruptLabels.some(([from, to]) => r >= from * o.rows && r < to * o.rows)) click = 1 - click;
    if (keepTruth) {
      probabilities[r] = p;
      labels[r] = click;
    }
    const date = new Date(Math.floor(t) * 1000);
    const hour =
      (date.getUTCFullYear() % 100) * 1000000 + (date.getUTCMonth() + 1) * 10000 + date.getUTCDate() * 100 + date.getUTCHours();
    const id = String(10000000000000n + BigInt(Math.floor(random.nextDouble() * 1e12)) * 10000000n + BigInt(r));
    yield [
      id, click, hour, fields.C1, fields.banner_pos, fields.site_id, fields.site_domain, fields.site_category,
      fields.app_id, fields.app_domain, fields.app_category, fields.device_id, fields.device_ip, fields.device_model,
      fields.device_type, fields.device_conn_type, ints.C14, ints.C15, ints.C16, ints.C17, ints.C18, ints.C19,
      ints.C20, ints.C21, t.toFixed(3),
    ].join(",");
  }
  const bounds = [0, ...driftRows, o.rows];
  const segments = (keepTruth ? bounds.slice(0, -1) : []).map((from, i) => {
    const to = bounds[i + 1];
    let clicks = 0;
    for (let r = from; r < to; r++) clicks += labels[r];
    return { fromRow: from, toRow: to, clickRate: to > from ? clicks / (to - from) : NaN, bayesAuc: auc(probabilities, labels, from, to) };
  });
  const truth: CtrGroundTruth = {
    description:
      "Synthetic CTR data in the Avazu layout. Clicks ~ Bernoulli(sigmoid(intercept + sum of per-token effects + numeric effects + hour-of-day term)); " +
      "effects of the drifting columns are re-drawn at each drift row.",
    options: { ...DEFAULTS, ...o, driftAt: [...o.driftAt] },
    schemaStr: CTR_SCHEMA_STR,
    intercept,
    driftRows,
    driftingColumns,
    smallVocabularyEffects: smallEffects,
    effectSigma: Object.fromEntries(categorical.map((c) => [c, vocab[c].sigma])),
    numericEffects,
    segments,
  };
  return truth;
}

/** Writes `<file>` (CSV with header) and `<file without .csv>.truth.json`. */
export function writeCtrDataset(file: string, options: CtrOptions): CtrGroundTruth {
  const { csv, truth } = generateCtr(options);
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, csv);
  fs.writeFileSync(file.replace(/\.csv$/, "") + ".truth.json", JSON.stringify(truth, null, 1) + "\n");
  return truth;
}
