import { StreamlabError } from "../core/errors";
import { Schema } from "../core/schema";
import { formatTimestamp } from "../core/javaFormat";
import { displayPort } from "../engine/display";
import { StreamChunk } from "./chunk";
import { takeStreamSinks } from "./environment";
import type { ExecuteOptions, StreamRunReport } from "./options";
import { planRowMapPushdown } from "./pushdown";
import { Emitter, SourceTask, StreamNode, StreamTask } from "./task";

interface Node {
  id: number;
  name: string;
  task: StreamTask | null;
  source: SourceTask | null;
  /** Pending chunks per input for the current step. */
  inbox: StreamChunk[][];
  /** Downstream edges per output port: [node, input index]. */
  outputs: Map<number, [Node, number][]>;
}

function isSourceTask(task: StreamTask | SourceTask): task is SourceTask {
  return typeof (task as SourceTask).next === "function";
}

/**
 * Runs the registered stream graph in simulated event time.
 *
 * Every step takes the next chunk of the source whose next row is earliest, cut so that it does
 * not run past another source's next row (equal times: the source linked first goes first), and
 * pushes it through all operators in topological order. Every operator thus sees its inputs in
 * (event time, input index) order, and results do not depend on chunk sizes, wall-clock time or
 * machine load. At the end every operator is finished in topological order (flushing windows and
 * final models).
 *
 * A paced run (`speedFactor`) is a real-time run: between steps, sources with live input (`poll`)
 * hand over what arrived in wall-clock time, stamped at the event time reached — as Alink sees a
 * model committed while its job runs. Such a run is deterministic only up to that live input.
 * When the sources have ended but one is `live` (a Kafka topic), a paced run goes on polling it,
 * event time following the wall clock, until `signal` or `stopAfterSeconds` stops it (any run stops
 * at the next step when they say so; operators are finished as at the end of the input).
 */
export async function executeStreams(options: ExecuteOptions): Promise<StreamRunReport> {
  const sinks = takeStreamSinks();
  if (sinks.length === 0) {
    throw new StreamlabError("StreamOperator.execute(): nothing to run. Call print(), lazyCollect() or link a sink on a stream operator first.");
  }
  // Before any task exists: a parsing thread may take over a feature pipeline's mapping.
  const endPushdownPlan = planRowMapPushdown(sinks);
  const nodes = new Map<StreamNode, Node>();
  const order: Node[] = [];
  let nextId = 0;
  // Operators being wired, downstream first. linkFrom refuses cycles; this guards graphs wired
  // by other means, which would otherwise recurse until the stack overflows.
  const visiting: StreamNode[] = [];

  const nodeFor = (op: StreamNode): Node => {
    const existing = nodes.get(op);
    if (existing !== undefined) return existing;
    const seen = visiting.indexOf(op);
    if (seen >= 0) {
      const path = [op, ...visiting.slice(seen + 1).reverse(), op].map((o) => o.operatorName).join(" → ");
      throw new StreamlabError(`${op.operatorName}: the stream graph has a cycle ${path}; an operator cannot read its own output.`, {
        operator: op.operatorName,
      });
    }
    visiting.push(op);
    const upstream = op.inputs.map(({ op: input }) => nodeFor(input));
    const inputSchemas: Schema[] = op.inputs.map(({ op: input, port }) => input.portSchema(port));
    const task = op.createTask(inputSchemas);
    const node: Node = {
      id: nextId++,
      name: op.operatorName,
      task: isSourceTask(task) ? null : task,
      source: isSourceTask(task) ? task : null,
      inbox: op.inputs.map(() => []),
      outputs: new Map(),
    };
    op.inputs.forEach(({ port }, inputIndex) => connect(upstream[inputIndex], port, node, inputIndex));
    nodes.set(op, node);
    order.push(node);
    visiting.pop();
    return node;
  };

  try {
    for (const { op, port, sink } of sinks) {
      const upstream = nodeFor(op);
      const node: Node = { id: nextId++, name: "sink", task: sink.start(), source: null, inbox: [[]], outputs: new Map() };
      connect(upstream, port, node, 0);
      order.push(node);
    }
  } finally {
    endPushdownPlan(); // the tasks took the plan, or the graph failed to build: nothing of it stays for a later run
  }

  const sources = order.filter((n) => n.source !== null);
  const checkers = sources.map((n) => new SourceTimeCheck(n.name));
  const heads: (StreamChunk | null)[] = sources.map((n, i) => checkers[i].check(n.source!.next()));
  const emitterOf = (node: Node): Emitter => ({
    emit(chunk, port = 0) {
      if (chunk.numRows === 0) return;
      for (const [target, inputIndex] of node.outputs.get(port) ?? []) target.inbox[inputIndex].push(chunk);
    },
    isConnected(port) {
      return (node.outputs.get(port)?.length ?? 0) > 0;
    },
  });
  const emitters = new Map(order.map((n) => [n, emitterOf(n)]));

  const started = Date.now();
  const paced = options.speedFactor !== undefined && options.speedFactor > 0;
  const showProgress = options.progress ?? displayPort().inNotebook();
  const progress = showProgress ? displayPort().liveDisplay() : null;
  let rows = 0;
  let steps = 0;
  let firstTime = NaN;
  let lastTime = NaN;
  let lastDraw = 0;
  let lastYield = Date.now();
  const stopAt = options.stopAfterSeconds === undefined ? Infinity : started + options.stopAfterSeconds * 1000;
  const stopped = () => options.signal?.aborted === true || Date.now() >= stopAt;
  const liveSources = paced ? sources.filter((s) => s.source!.live === true) : [];
  // Live phase: event time goes on from the last row's (or the wall clock's, without one) at speedFactor.
  let liveFrom: { wall: number; time: number } | null = null;

  const runStep = (stepEnd: number) => {
    for (const node of order) {
      if (node.task === null) continue;
      const inbox = node.inbox;
      node.inbox = inbox.map(() => []);
      node.task.process(inbox, stepEnd, emitters.get(node)!);
    }
  };

  try {
    for (;;) {
      if (stopped()) break;
      let chosen = -1;
      for (let i = 0; i < sources.length; i++) {
        const head = heads[i];
        if (head === null) continue;
        if (chosen < 0 || head.firstTime < heads[chosen]!.firstTime) chosen = i;
      }
      if (chosen < 0 && liveSources.length > 0) {
        await sleep(50);
        const now = Date.now();
        if (liveFrom === null) liveFrom = { wall: now, time: Number.isNaN(lastTime) ? now / 1000 : lastTime };
        const reached = Math.max(Number.isNaN(lastTime) ? -Infinity : lastTime, liveFrom.time + ((now - liveFrom.wall) / 1000) * options.speedFactor!);
        // Every source with live input (a followed model folder too), not only the live ones.
        for (const node of sources) {
          const arrived = node.source!.poll?.(reached) ?? null;
          if (arrived === null || arrived.numRows === 0) continue;
          if (Number.isNaN(firstTime)) firstTime = arrived.firstTime;
          lastTime = reached;
          rows += arrived.numRows;
          emitters.get(node)!.emit(arrived);
          runStep(reached);
        }
        if (progress !== null && now - lastDraw > 500) {
          lastDraw = now;
          progress.html(progressHtml(rows, firstTime, lastTime, (now - started) / 1000, false));
        }
        continue;
      }
      if (chosen < 0) break;
      const head = heads[chosen]!;
      let limit = Infinity;
      let strict = false;
      for (let i = 0; i < sources.length; i++) {
        const other = heads[i];
        if (i === chosen || other === null) continue;
        if (other.firstTime < limit) {
          limit = other.firstTime;
          strict = i > chosen;
        } else if (other.firstTime === limit && i < chosen) strict = false;
      }
      let end = limit === Infinity ? head.numRows : head.indexAtTime(limit, strict);
      // Real-time pacing: steps of at most ~0.2 s of wall-clock time, so a paced stream flows
      // smoothly instead of in source-chunk jumps.
      if (options.speedFactor !== undefined && options.speedFactor > 0) {
        end = Math.min(end, head.indexAtTime(head.firstTime + 0.2 * options.speedFactor, true));
      }
      if (end === 0) end = 1;
      const slice = end >= head.numRows ? head : head.slice(0, end);
      heads[chosen] = end >= head.numRows ? checkers[chosen].check(nextNonEmpty(sources[chosen].source!)) : head.slice(end);
      if (Number.isNaN(firstTime)) firstTime = slice.firstTime;
      lastTime = slice.lastTime;
      rows += slice.numRows;
      steps++;
      emitters.get(sources[chosen])!.emit(slice);
      runStep(slice.lastTime);

      const now = Date.now();
      if (progress !== null && now - lastDraw > 500) {
        lastDraw = now;
        progress.html(progressHtml(rows, firstTime, lastTime, (now - started) / 1000, false));
      }
      if (paced) {
        const due = ((lastTime - firstTime) / options.speedFactor!) * 1000 - (Date.now() - started);
        if (due > 0) await sleep(due);
        // Live input (e.g. models committed to a followed folder meanwhile) enters at the time reached.
        for (let i = 0; i < sources.length; i++) {
          const arrived = sources[i].source!.poll?.(lastTime) ?? null;
          if (arrived === null || arrived.numRows === 0) continue;
          rows += arrived.numRows;
          emitters.get(sources[i])!.emit(arrived);
          runStep(lastTime);
        }
      }
      if (now - lastYield > 50) {
        lastYield = now;
        await new Promise((resolve) => setImmediate(resolve));
      }
    }
    // End of all sources: finish operators in topological order; what they flush flows downstream.
    for (const node of order) {
      if (node.task === null) continue;
      const inbox = node.inbox;
      node.inbox = inbox.map(() => []);
      const out = emitters.get(node)!;
      node.task.process(inbox, Number.isNaN(lastTime) ? 0 : lastTime, out);
      node.task.finish(out);
    }
  } finally {
    for (const s of sources) s.source!.close?.();
  }
  const wallSeconds = (Date.now() - started) / 1000;
  if (progress !== null) progress.html(progressHtml(rows, firstTime, lastTime, wallSeconds, true));
  return { rows, steps, firstEventTime: firstTime, lastEventTime: lastTime, wallSeconds };
}

function connect(from: Node, port: number, to: Node, inputIndex: number): void {
  if (!from.outputs.has(port)) from.outputs.set(port, []);
  from.outputs.get(port)!.push([to, inputIndex]);
}

function nextNonEmpty(source: SourceTask): StreamChunk | null {
  for (;;) {
    const chunk = source.next();
    if (chunk === null || chunk.numRows > 0) return chunk;
  }
}

/**
 * The scheduler's one assumption about sources: finite event times that never go back. A NaN time
 * would compare false with everything and its rows would be dropped by the time merge without a
 * word; a time going back would reorder results. Sources assign checked times (see
 * EventTimeAssigner); this per-chunk typed-array scan keeps a custom SourceTask honest too.
 */
class SourceTimeCheck {
  private last = -Infinity;
  private rows = 0;

  constructor(private readonly source: string) {}

  check(chunk: StreamChunk | null): StreamChunk | null {
    if (chunk === null) return null;
    const times = chunk.times;
    let last = this.last;
    for (let i = 0; i < times.length; i++) {
      const t = times[i];
      if (!(t >= last) || !Number.isFinite(t)) {
        const why = Number.isFinite(t) ? `earlier than the row before it (${last})` : "not a finite number of seconds";
        throw new StreamlabError(`${this.source}: row ${this.rows + i} has event time ${t}, ${why}; a source must emit finite event times in order.`, {
          operator: this.source,
          row: this.rows + i,
        });
      }
      last = t;
    }
    this.last = last;
    this.rows += times.length;
    return chunk;
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Stream times that look like epoch seconds are shown as UTC date-times. */
export function formatEventTime(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  return seconds > 1e8 ? formatTimestamp(Math.round(seconds * 1000)).replace(/\.\d+$/, "") : `${seconds.toFixed(1)} s`;
}

function progressHtml(rows: number, first: number, last: number, wall: number, done: boolean): string {
  const rate = wall > 0 ? Math.round(rows / wall).toLocaleString("en-US") : "–";
  const state = done ? "finished" : "running";
  return (
    `<div style="font-family:monospace;font-size:12px;color:#555">stream ${state}: ${rows.toLocaleString("en-US")} rows · ` +
    `event time ${formatEventTime(first)} → ${formatEventTime(last)} · ${wall.toFixed(1)} s wall · ${rate} rows/s</div>`
  );
}
