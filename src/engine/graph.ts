import { StreamlabError } from "../core/errors";

/**
 * Cycle detection for operator graphs (batch and stream), run when a link is made: a graph with a
 * cycle would recurse forever when its schema is derived or its data computed, ending in a stack
 * overflow far from the line that made the mistake.
 */

/**
 * If linking `inputs` into `target` closes a cycle, the operators along it in data-flow order,
 * starting and ending with `target` (`[target, target]` for a self-link); otherwise undefined.
 * Depth-first over the existing inputs, each operator visited once: linear in the graph's size.
 */
export function findCycle<T>(target: T, inputs: readonly T[], inputsOf: (op: T) => readonly T[]): T[] | undefined {
  // `next.get(op)` is the operator `op` feeds on the way to `target`.
  const next = new Map<T, T>();
  const stack: T[] = [];
  for (const input of inputs) {
    if (input === target) return [target, target];
    if (next.has(input)) continue;
    next.set(input, target);
    stack.push(input);
  }
  while (stack.length > 0) {
    const op = stack.pop()!;
    for (const upstream of inputsOf(op)) {
      if (upstream === target) {
        const path: T[] = [target];
        for (let at: T | undefined = op; at !== undefined && at !== target; at = next.get(at)) path.push(at);
        path.push(target);
        return path;
      }
      if (next.has(upstream)) continue;
      next.set(upstream, op);
      stack.push(upstream);
    }
  }
  return undefined;
}

/** The error for a link that would close `cycle` (as returned by {@link findCycle}). */
export function cycleError<T>(operator: string, cycle: readonly T[], nameOf: (op: T) => string): StreamlabError {
  const path = cycle.map(nameOf).join(" → ");
  const what =
    cycle.length === 2
      ? `an operator cannot be its own input (${path})`
      : `the graph would have a cycle ${path} (the first and last are ${operator} itself), and an operator cannot read its own output`;
  return new StreamlabError(`${operator}.linkFrom: ${what}. Link it from a different operator.`, { operator });
}
