// Tasks, runs and artifacts as the queue keeps them. A task record holds the
// definition, its runs and, per run, its artifacts; the status the API returns
// is derived from the runs.

export function createTaskRecord(taskId, task) {
  return { taskId, task, runs: [], artifacts: new Map() };
}

export function stateOf(record) {
  return record.runs.length ? record.runs[record.runs.length - 1].state : 'unscheduled';
}

export function statusOf(record) {
  const { task } = record;
  const failedRuns = record.runs.filter((r) => r.state === 'exception' && r.reasonResolved !== 'canceled').length;
  return {
    taskId: record.taskId,
    provisionerId: task.provisionerId,
    workerType: task.workerType,
    taskQueueId: task.taskQueueId,
    schedulerId: task.schedulerId,
    projectId: task.projectId,
    taskGroupId: task.taskGroupId,
    deadline: task.deadline,
    expires: task.expires,
    retriesLeft: Math.max(0, task.retries - failedRuns),
    state: stateOf(record),
    runs: record.runs.map((run) => ({ ...run })),
  };
}

export function addPendingRun(record, nowIso, reasonCreated = 'scheduled') {
  const run = { runId: record.runs.length, state: 'pending', reasonCreated, scheduled: nowIso };
  record.runs.push(run);
  return run;
}

export function startRun(run, nowIso, worker = { workerGroup: 'emulator', workerId: 'emulated-worker' }) {
  Object.assign(run, { state: 'running', ...worker, takenUntil: new Date(Date.parse(nowIso) + 20 * 60 * 1000).toJSON(), started: nowIso });
}

// state: completed | failed | exception
export function resolveRun(run, state, reasonResolved, nowIso) {
  if (run.state === 'pending') startRun(run, nowIso);
  Object.assign(run, { state, reasonResolved, resolved: nowIso });
  delete run.takenUntil;
}

export const RESOLVED_STATES = ['completed', 'failed', 'exception'];
// Exceptions after which the queue retries the task with a new run, while retries are left.
export const RETRYING_REASONS = ['worker-shutdown', 'intermittent-task'];

/**
 * Resolves the latest run; a retrying exception adds a new pending run (reason
 * 'retry') while retries are left. Returns the new run, if any.
 */
export function resolveRunWithRetry(record, run, state, reasonResolved, nowIso) {
  resolveRun(run, state, reasonResolved, nowIso);
  if (state === 'exception' && RETRYING_REASONS.includes(reasonResolved) && statusOf(record).retriesLeft > 0) {
    return addPendingRun(record, nowIso, 'retry');
  }
  return undefined;
}

/** Whether a task's dependencies allow it to be scheduled (its `requires`). */
export function dependenciesSatisfied(tasks, task) {
  return task.dependencies.every((id) => {
    const dependency = tasks.get(id);
    const state = dependency && stateOf(dependency);
    return task.requires === 'all-resolved' ? RESOLVED_STATES.includes(state) : state === 'completed';
  });
}

/**
 * After `resolved` resolved: every unscheduled task that depends on it and whose
 * dependencies are now satisfied gets its first (pending) run. Returns those records.
 */
export function scheduleReadyDependents(tasks, resolved, nowIso) {
  const ready = [];
  for (const record of tasks.values()) {
    if (record.runs.length || !record.task.dependencies.includes(resolved.taskId)) continue;
    if (!dependenciesSatisfied(tasks, record.task)) continue;
    addPendingRun(record, nowIso);
    ready.push(record);
  }
  return ready;
}

export function artifactsOfRun(record, runId) {
  if (!record.artifacts.has(runId)) record.artifacts.set(runId, new Map());
  return record.artifacts.get(runId);
}

// The listing/info shape of an artifact (never its bytes).
export function artifactInfo(artifact) {
  return {
    storageType: artifact.storageType,
    name: artifact.name,
    expires: artifact.expires,
    contentType: artifact.contentType,
  };
}
