/** Shared helpers of the classification tests: synthetic data, exact AUC, the scikit-learn bridge. */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { Random, Schema, Table } from "../../src";
import { NumberColumn, VectorColumn, VectorColumnBuilder } from "../../src/core/column";
import { tempDir } from "../helpers";

export const PYTHON = "/usr/bin/python3";

/** Why scikit-learn cannot be used, or null when `/usr/bin/python3` imports sklearn, numpy and scipy. */
export function sklearnMissing(): string | null {
  if (!fs.existsSync(PYTHON)) return `${PYTHON} does not exist`;
  const probe = spawnSync(PYTHON, ["-c", "import sklearn, numpy, scipy"], { encoding: "utf8" });
  return probe.status === 0 ? null : `${PYTHON} cannot import sklearn/numpy/scipy (${(probe.stderr || "").trim().split("\n").pop()}); apt-get install -y python3-sklearn`;
}

/** Runs a Python script with arguments; returns the JSON it prints last. */
export function runPython(script: string, args: string[] = []): any {
  const out = execFileSync(PYTHON, ["-c", script, ...args], { encoding: "utf8", maxBuffer: 1 << 26 });
  return JSON.parse(out.trim().split("\n").pop()!);
}

/** Exact ROC AUC by rank sum (ties averaged); `positive[i]` true for the positive class. */
export function exactAuc(scores: ArrayLike<number>, positive: ArrayLike<boolean>): number {
  const idx = Array.from({ length: scores.length }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  let rankSum = 0;
  let pos = 0;
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j + 1 < idx.length && scores[idx[j + 1]] === scores[idx[i]]) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) {
      if (positive[idx[k]]) {
        rankSum += rank;
        pos++;
      }
    }
    i = j + 1;
  }
  const neg = idx.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * CTR-like sparse data: `fields` categorical fields with Zipf-like vocabularies, each token
 * hashed into `dim` buckets with value 1 (collisions add up), plus labels (0/1) from a hidden
 * logistic model. Returns a table `vec SPARSE_VECTOR, label INT` and the raw CSR arrays.
 */
export function ctrLike(rows: number, dim: number, seed: number, fields = 12, vocabulary = 300) {
  const random = new Random(seed);
  const effects = Array.from({ length: fields }, () => Float64Array.from({ length: vocabulary }, () => random.nextGaussian() * 0.6));
  const builder = new VectorColumnBuilder("SPARSE_VECTOR", rows);
  const labels = new Int32Array(rows);
  const bucket = (f: number, t: number) => (Math.imul(f * 7919 + t * 104729 + 17, 0x9e3779b1) >>> 0) % dim;
  const entry = new Map<number, number>();
  for (let i = 0; i < rows; i++) {
    entry.clear();
    let z = -1.5;
    for (let f = 0; f < fields; f++) {
      const t = Math.min(vocabulary - 1, Math.floor(vocabulary * Math.pow(random.nextDouble(), 2.5)));
      z += effects[f][t];
      const b = bucket(f, t);
      entry.set(b, (entry.get(b) ?? 0) + 1);
    }
    labels[i] = random.nextDouble() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
    const keys = [...entry.keys()].sort((a, b) => a - b);
    builder.appendSparse(dim, keys, keys.map((k) => entry.get(k)!), keys.length);
  }
  const vec = builder.build();
  const table = new Table(new Schema(["vec", "label"], ["SPARSE_VECTOR", "INT"]), [vec, new NumberColumn("INT", labels, null)]);
  return { table, vec, labels };
}

/** Writes CSR rows and labels as an svmlight file (zero-based indices) for scikit-learn. */
export function writeSvmlight(vec: VectorColumn, labels: ArrayLike<number>, name: string): string {
  const lines: string[] = [];
  for (let i = 0; i < vec.length; i++) {
    const parts = [String(labels[i])];
    for (let k = vec.offsets[i]; k < vec.offsets[i + 1]; k++) parts.push(`${vec.indices[k]}:${vec.values[k]}`);
    lines.push(parts.join(" "));
  }
  const file = path.join(tempDir("streamlab-lr-"), name);
  fs.writeFileSync(file, lines.join("\n") + "\n");
  return file;
}
