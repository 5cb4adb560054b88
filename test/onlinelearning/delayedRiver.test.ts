import { describe, expect, it } from "vitest";
import * as api from "../../src";
import { Random } from "../../src/core/random";
import { lrModelTable } from "../helpers";
import { REQUIRE_TOOLS, RIVER_SKIP_REASON, riverDelayed } from "../evaluation/delayedRiverOracle";

/**
 * FtrlTrainStreamOp with delayed labels against River 0.26's delayed progressive validation
 * (`evaluate.iter_progressive_val_score(moment="t", delay=...)`) with the same model written in
 * Python (FTRL-Proximal, one step per row = miniBatchSize 1): the same predictions served, the same
 * labels learnt in the same order, so the same per-interval log loss and the same final model.
 */

const K = 2;
const O = { alpha: 0.3, beta: 1, l1: 0.001, l2: 0.01, interval: 15 };

function data(n: number, seed: number) {
  const random = new Random(seed);
  let t = 50;
  return Array.from({ length: n }, () => {
    if (random.nextDouble() < 0.5) t += random.nextInt(4);
    const x = Array.from({ length: K }, () => Math.round((random.nextDouble() * 4 - 2) * 100) / 100);
    const y = random.nextDouble() < 1 / (1 + Math.exp(-(0.3 + 1.5 * x[0] - x[1]))) ? 1 : 0;
    return { t, x, y, d: [0, 3, 3, 10, 25][random.nextInt(5)] };
  });
}

describe.skipIf(RIVER_SKIP_REASON !== null && !REQUIRE_TOOLS)(`River 0.26 delayed progressive validation as the oracle${RIVER_SKIP_REASON ? ` (skipped: ${RIVER_SKIP_REASON})` : ""}`, () => {
  it("same served predictions, learning order, per-interval log loss and final model as River (per-row and fixed delays)", async () => {
    const rows = data(400, 3);
    const w0 = [0.05, 0, 0];
    const cases = [
      { delay: rows.map((r) => r.d), configure: (op: api.FtrlTrainStreamOp) => op.setLabelDelayCol("d") },
      { delay: 7, configure: (op: api.FtrlTrainStreamOp) => op.setLabelDelay(7) },
    ];
    const river = riverDelayed(
      cases.map((c) => ({ t: rows.map((r) => r.t), delay: c.delay, x: rows.map((r) => r.x), y: rows.map((r) => r.y), ftrl: { w0, ...O } })),
    );
    for (let c = 0; c < cases.length; c++) {
      const op = cases[c]
        .configure(
          new api.FtrlTrainStreamOp(lrModelTable(w0, { featureNames: ["f0", "f1"] }))
            .setFeatureCols(["f0", "f1"])
            .setLabelCol("label")
            .setVectorSize(K)
            .setAlpha(O.alpha)
            .setBeta(O.beta)
            .setL1(O.l1)
            .setL2(O.l2)
            .setMiniBatchSize(1)
            .setTimeInterval(O.interval),
        )
        .linkFrom(new api.MemSourceStreamOp(rows.map((r) => [r.y, ...r.x, r.t, r.d]), "label int, f0 double, f1 double, ts double, d double").setTimeCol("ts"));
      const models = op.lazyCollect();
      const progress = op.getSideOutput(0).lazyCollect();
      await api.StreamOperator.execute();
      const { answers, calls, w, logloss } = river[c];
      const delayOf = (i: number) => (typeof cases[c].delay === "number" ? (cases[c].delay as number) : (cases[c].delay as number[])[i]);
      // River asks every row once and learns every label once, after asking it.
      expect(calls.filter(([k]) => k === "P").map(([, i]) => i)).toEqual(rows.map((_, i) => i));
      expect(answers.length).toBe(rows.length);
      // Per interval of label arrival: River's served predictions give the samples and log loss.
      const byInterval = new Map<number, [number, number][]>();
      for (const [i, p] of answers) {
        const end = (Math.floor((rows[i].t + delayOf(i)) / O.interval) + 1) * O.interval;
        if (!byInterval.has(end)) byInterval.set(end, []);
        byInterval.get(end)!.push([p, rows[i].y]);
      }
      const got = progress.getRows();
      expect(got.map((r) => (r[1] as Date).getTime() / 1000)).toEqual([...byInterval.keys()]);
      got.forEach((r) => {
        const scored = byInterval.get((r[1] as Date).getTime() / 1000)!;
        expect(r[2]).toBe(scored.length);
        const loss = scored.reduce((s, [p, y]) => s - Math.log(Math.min(Math.max(y === 1 ? p : 1 - p, 1e-15), 1 - 1e-15)), 0) / scored.length;
        expect(r[3] as number).toBeCloseTo(loss, 12);
      });
      // Overall: the mean of the interval losses weighted by samples is River's LogLoss.
      const total = got.reduce((s, r) => s + (r[3] as number) * (r[2] as number), 0) / rows.length;
      expect(total).toBeCloseTo(logloss, 12);
      // The last model is River's model after the last label.
      const last = models.getRows().filter((r) => (r[0] as Date).getTime() === (models.getRows().at(-1)![0] as Date).getTime());
      const coef = api.linearModelFromTable(new api.MemSourceBatchOp(last.map((r) => r.slice(2)), "model_id bigint, model_info string, label_value int").getOutputTable()).coefVector;
      Array.from(coef).forEach((v, i) => expect(v).toBeCloseTo(w[i], 12));
      expect(Array.from(coef)).not.toEqual(w0);
    }
  });
});
