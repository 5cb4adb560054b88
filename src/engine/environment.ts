/**
 * Lazily registered work of the batch environment: `lazyPrint`, `lazyCollect` and sinks register
 * here and run together on `BatchOperator.execute()`, as in Alink's MLEnvironment.
 */
const pending: Array<() => void> = [];

export function registerLazy(action: () => void): void {
  pending.push(action);
}

/** Runs everything registered so far, in registration order, and clears the list. */
export function runLazy(): number {
  const actions = pending.splice(0, pending.length);
  for (const action of actions) action();
  return actions.length;
}

export function pendingLazyCount(): number {
  return pending.length;
}
