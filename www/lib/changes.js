// What changed in a task's status between two looks, in words
// ("running → completed", "new run 1 (retry)"), for the live views' highlights.

/** The parts of a status that a person watches: its state and its runs' states. */
export function statusKey(status) {
  return `${status?.state}|${(status?.runs ?? []).map((run) => `${run.runId}:${run.state}`).join(',')}`;
}

/** A short description of how `after` differs from `before`, or '' when it does not. */
export function describeChange(before, after) {
  if (!before) return 'new task';
  if (statusKey(before) === statusKey(after)) return '';
  const parts = [];
  if (before.state !== after.state) parts.push(`${before.state} → ${after.state}`);
  const oldRuns = before.runs?.length ?? 0;
  // The first run is what "unscheduled → pending" already says; later ones are retries or reruns.
  for (const run of (after.runs ?? []).slice(Math.max(oldRuns, 1))) parts.push(`new run ${run.runId} (${run.reasonCreated ?? run.state})`);
  if (!parts.length) parts.push('runs updated');
  return parts.join(', ');
}
