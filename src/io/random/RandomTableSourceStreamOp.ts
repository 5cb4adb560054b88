import { NumberColumn } from "../../core/column";
import { StreamlabError } from "../../core/errors";
import { Random } from "../../core/random";
import { Schema } from "../../core/schema";
import { Table } from "../../core/table";
import { TypeName } from "../../core/types";
import { Param } from "../../params/param";
import { RandomSeedParam } from "../../params/shared";
import { declareParams } from "../../params/declareParams";
import { ParamAccessors } from "../../params/withParams";
import { StreamChunk } from "../../stream/chunk";
import { StreamOperator } from "../../stream/streamOperator";
import { SourceTask } from "../../stream/task";

const PARAMS = {
  maxRows: Param.int({ doc: "Number of rows to generate (ids 1..maxRows).", min: 1 }),
  numCols: Param.int({ doc: "Number of random DOUBLE columns.", min: 1 }),
  idCol: Param.string({ doc: "Name of the BIGINT id column placed first; null = no id column.", default: "num", optional: true }),
  outputCols: Param.strings({ doc: "Names of the random columns (default col0, col1, …).", optional: true }),
  outputColConfs: Param.string({
    doc: 'Distribution per column: "name:method(args[,nullper=p]);…" with uniform(a,b), uniform_open(a,b), gauss(mean,var), weight_set(v1,w1,v2,w2,…), poisson(lambda); unlisted columns are uniform(0,1).',
    optional: true,
  }),
  timePerSample: Param.double({
    doc: "Seconds of event time between rows (the first row is at time 0). Alink sleeps this long in wall-clock time; streamlab advances simulated time instead.",
    default: 1,
    min: 0,
  }),
  ...RandomSeedParam,
};

export interface RandomTableSourceStreamOp extends ParamAccessors<RandomTableSourceStreamOp, typeof PARAMS> {}

type Draw = (random: Random) => number | null;

/**
 * A stream of random rows (Alink's `RandomTableSourceStreamOp`): an id column then `numCols`
 * DOUBLE columns drawn from per-column distributions, one row every `timePerSample` seconds.
 */
export class RandomTableSourceStreamOp extends declareParams(StreamOperator, PARAMS) {
  static override readonly INPUTS = 0;

  private columnNames(): string[] {
    const given = this.getOutputCols();
    const n = this.getNumCols();
    if (given !== null && given.length !== n) {
      throw new StreamlabError(`RandomTableSourceStreamOp: outputCols has ${given.length} names but numCols is ${n}.`, { operator: this.operatorName, param: "outputCols" });
    }
    return given?.map((s) => s.trim()) ?? Array.from({ length: n }, (_, i) => `col${i}`);
  }

  protected outputSchema(): Schema {
    const names = this.columnNames();
    parseConfs(this.getOutputColConfs(), names, this.operatorName); // fail at link time, not mid-run
    const idCol = this.getIdCol();
    const types: TypeName[] = names.map(() => "DOUBLE");
    return idCol === null ? new Schema(names, types) : new Schema([idCol, ...names], ["BIGINT", ...types]);
  }

  createTask(): SourceTask {
    const schema = this.outputSchema();
    const names = this.columnNames();
    const draws = parseConfs(this.getOutputColConfs(), names, this.operatorName);
    const random = new Random(this.getRandomSeed());
    const maxRows = this.getMaxRows();
    const step = this.getTimePerSample();
    const withId = this.getIdCol() !== null;
    let next = 1;
    return {
      next(): StreamChunk | null {
        if (next > maxRows) return null;
        const n = Math.min(4096, maxRows - next + 1);
        const columns: NumberColumn[] = [];
        const times = new Float64Array(n);
        const values = names.map(() => new Float64Array(n));
        const nulls: (Uint8Array | null)[] = names.map(() => null);
        const ids = new Float64Array(n);
        for (let i = 0; i < n; i++) {
          ids[i] = next + i;
          times[i] = (next + i - 1) * step;
          for (let c = 0; c < names.length; c++) {
            const v = draws[c](random);
            if (v === null) (nulls[c] ??= new Uint8Array(n))[i] = 1;
            else values[c][i] = v;
          }
        }
        next += n;
        if (withId) columns.push(new NumberColumn("BIGINT", ids, null));
        names.forEach((_, c) => columns.push(new NumberColumn("DOUBLE", values[c], nulls[c])));
        return new StreamChunk(new Table(schema, columns), times);
      },
    };
  }
}

function parseConfs(confs: string | null, names: string[], operator: string): Draw[] {
  const draws: Draw[] = names.map(() => (r) => r.nextDouble());
  if (confs === null || confs.trim() === "") return draws;
  for (const part of confs.split(";").map((s) => s.trim()).filter((s) => s !== "")) {
    const m = /^([^:]+):\s*(\w+)\s*\(([^)]*)\)$/.exec(part);
    const bad = (why: string): never => {
      throw new StreamlabError(`${operator}: outputColConfs entry ${JSON.stringify(part)}: ${why}. Expected "name:method(args)", e.g. "col0:gauss(0,1)".`, {
        operator,
        param: "outputColConfs",
      });
    };
    if (m === null) bad("cannot parse it");
    const [, rawName, method, rawArgs] = m!;
    const column = names.indexOf(rawName.trim());
    if (column < 0) bad(`no column named ${JSON.stringify(rawName.trim())} (columns: ${names.join(", ")})`);
    let nullRate = 0;
    const args: number[] = [];
    for (const a of rawArgs.split(",").map((s) => s.trim()).filter((s) => s !== "")) {
      const nullper = /^nullper\s*=\s*(.+)$/.exec(a);
      if (nullper) nullRate = Number(nullper[1]);
      else args.push(Number(a));
    }
    if (args.some((x) => Number.isNaN(x)) || Number.isNaN(nullRate)) bad("an argument is not a number");
    const need = (k: number) => args.length !== k && bad(`${method} takes ${k} numbers`);
    let base: (r: Random) => number;
    switch (method) {
      case "uniform":
      case "uniform_open": {
        need(2);
        const [a, b] = args;
        base = (r) => a + r.nextDouble() * (b - a);
        break;
      }
      case "gauss": {
        need(2);
        const [mean, variance] = args;
        base = (r) => mean + Math.sqrt(variance) * r.nextGaussian();
        break;
      }
      case "poisson": {
        need(1);
        const limit = Math.exp(-args[0]);
        base = (r) => {
          let k = 0;
          let p = r.nextDouble();
          while (p > limit) {
            k++;
            p *= r.nextDouble();
          }
          return k;
        };
        break;
      }
      case "weight_set": {
        if (args.length < 2 || args.length % 2 !== 0) bad("weight_set takes value,weight pairs");
        const vs = args.filter((_, i) => i % 2 === 0);
        const ws = args.filter((_, i) => i % 2 === 1);
        const total = ws.reduce((s, w) => s + w, 0);
        base = (r) => {
          let u = r.nextDouble() * total;
          for (let i = 0; i < vs.length; i++) if ((u -= ws[i]) < 0) return vs[i];
          return vs[vs.length - 1];
        };
        break;
      }
      default:
        return bad(`unknown method ${JSON.stringify(method)} (uniform, uniform_open, gauss, weight_set, poisson)`);
    }
    draws[column] = nullRate > 0 ? (r) => (r.nextDouble() < nullRate ? null : base(r)) : base;
  }
  return draws;
}
