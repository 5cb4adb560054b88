import { StreamNode, PushableMap } from "./task";

/**
 * Row-map pushdown: before a run (call the returned function once its tasks are made, or failed), a source that parses on a thread of its own (the CSV source) is
 * offered the row-wise map that every row it produces goes through next — a feature pipeline's
 * transform, directly or after a row router such as SplitStreamOp (`pipeline.transform(split)` and
 * `pipeline.transform(split.getSideOutput(0))` are the same map twice). The source's thread then
 * maps chunks whenever it is ahead of the stream's thread, and the map operators pass those chunks
 * on as they are; chunks it did not map they map themselves. Either way every row goes through the
 * same mapper code once, so outputs, row numbers in errors and event times do not change — only
 * which core did the work.
 *
 * Pushed only when nothing else reads the source's rows (a sink, another operator) and every map
 * is the same one (same key and input schema) whose output schema differs from its input's (so a
 * mapped chunk is told from a raw one by its schema). `STREAMLAB_ROW_MAP_PUSHDOWN=0` turns it off.
 */
export function planRowMapPushdown(sinks: readonly { op: StreamNode; port: number }[]): () => void {
  // What the plan set on operators, undone once the run's tasks exist (they took it) or failed to.
  const undo: (() => void)[] = [];
  const endPlan = () => undo.forEach((f) => f());
  if (process.env.STREAMLAB_ROW_MAP_PUSHDOWN === "0") return endPlan; // to compare, or to rule it out
  const consumers = new Map<StreamNode, (StreamNode | "sink")[][]>();
  const seen = new Set<StreamNode>();
  const portsOf = (op: StreamNode) => {
    let ports = consumers.get(op);
    if (ports === undefined) consumers.set(op, (ports = []));
    return ports;
  };
  const visit = (op: StreamNode) => {
    if (seen.has(op)) return;
    seen.add(op);
    for (const { op: input, port } of op.inputs) {
      (portsOf(input)[port] ??= []).push(op);
      visit(input);
    }
  };
  for (const { op, port } of sinks) {
    (portsOf(op)[port] ??= []).push("sink");
    visit(op);
  }

  /** The maps every row of (op, port) reaches first, or null when something else reads them. */
  const mapsAfter = (op: StreamNode, port: number, found: { node: StreamNode; map: PushableMap }[]): boolean => {
    for (const consumer of consumers.get(op)?.[port] ?? []) {
      if (consumer === "sink") return false;
      if (consumer.routesRows === true && consumer.inputs.length === 1) {
        for (let p = 0; p <= consumer.getSideOutputCount(); p++) if (!mapsAfter(consumer, p, found)) return false;
        continue;
      }
      const map = consumer.inputs.length === 1 ? consumer.pushableMap?.() ?? null : null;
      if (map === null) return false;
      found.push({ node: consumer, map });
    }
    return true;
  };

  for (const source of seen) {
    if (source.offerRowMapper === undefined || source.inputs.length > 0) continue;
    const found: { node: StreamNode; map: PushableMap }[] = [];
    if (!mapsAfter(source, 0, found) || found.length === 0) continue;
    const first = found[0].map;
    const schema = source.portSchema(0);
    const same = found.every(({ map }) => map.key === first.key && map.inputSchema.equals(schema) && map.outputSchema.equals(first.outputSchema));
    if (!same || first.outputSchema.equals(schema)) continue;
    const recipe = first.recipe();
    if (recipe === null || !source.offerRowMapper(recipe, first.outputSchema)) continue;
    undo.push(() => source.withdrawRowMapper?.());
    for (const { map } of found) {
      map.acceptPremapped();
      undo.push(() => map.withdraw());
    }
  }
  return endPlan;
}
