// Queue endpoints about tasks: define, read, list, cancel and resolve.
import { ApiError } from '../responses.mjs';
import { paginate } from '../paging.mjs';
import { canonicalJson } from '../canonical-json.mjs';
import { normalizeTaskDefinition, prioritiesAtOrAbove } from '../task-definition.mjs';
import {
  addPendingRun, createTaskRecord, dependenciesSatisfied, resolveRun, resolveRunWithRetry, RESOLVED_STATES as RESOLVED,
  scheduleReadyDependents, stateOf, statusOf,
} from '../queue-model.mjs';

const EXCEPTION_REASONS = ['worker-shutdown', 'malformed-payload', 'resource-unavailable', 'internal-error', 'superseded', 'intermittent-task'];

export function requireTask(state, taskId) {
  const record = state.tasks.get(taskId);
  if (!record) throw new ApiError('ResourceNotFound', `Task ${taskId} not found`);
  return record;
}

export function requireRun(record, runId) {
  const run = record.runs[Number(runId)];
  if (!run) throw new ApiError('ResourceNotFound', `Run ${runId} of task ${record.taskId} not found`);
  return run;
}

// Creates (or idempotently re-creates) a task. authorize(params) checks the
// createTask scope expression; hooks pass the hook's own scopes instead.
export function defineTask({ state, clock }, taskId, input, authorize) {
  const task = normalizeTaskDefinition(taskId, input, clock.now());
  authorize({
    taskId,
    scopes: task.scopes,
    routes: task.routes,
    projectId: task.projectId,
    schedulerId: task.schedulerId,
    provisionerId: task.provisionerId,
    workerType: task.workerType,
    priorities: prioritiesAtOrAbove(task.priority),
  });

  const existing = state.tasks.get(taskId);
  if (existing) {
    // Retrying a createTask with the same definition is fine; reusing the id is not.
    if (canonicalJson(existing.task) === canonicalJson(task)) return existing;
    throw new ApiError('RequestConflict', `taskId ${taskId} already used by another task`);
  }
  const group = state.taskGroups.get(task.taskGroupId);
  if (group && group.schedulerId !== task.schedulerId) {
    throw new ApiError('RequestConflict',
      `Task group ${task.taskGroupId} belongs to schedulerId ${group.schedulerId}, not ${task.schedulerId}`);
  }
  if (!group) {
    state.taskGroups.set(task.taskGroupId, { taskGroupId: task.taskGroupId, schedulerId: task.schedulerId, expires: task.expires });
  } else if (task.expires > group.expires) {
    group.expires = task.expires;
  }
  const record = createTaskRecord(taskId, task);
  if (dependenciesSatisfied(state.tasks, task)) addPendingRun(record, new Date(clock.now()).toJSON());
  state.tasks.set(taskId, record);
  return record;
}

export function createQueueTaskHandlers(env) {
  const { state, clock } = env;
  const nowIso = () => new Date(clock.now()).toJSON();
  const tasksOfGroup = (taskGroupId) => [...state.tasks.values()].filter((r) => r.task.taskGroupId === taskGroupId);

  // reportCompleted/Failed/Exception: the emulator needs no claim; a pending
  // run is started and resolved at once. Re-reporting the same outcome is a no-op.
  const report = (outcome) => (ctx) => {
    const record = requireTask(state, ctx.params.taskId);
    const run = requireRun(record, ctx.params.runId);
    let reason = outcome === 'completed' ? 'completed' : 'failed';
    if (outcome === 'exception') {
      reason = ctx.body.reason;
      if (!EXCEPTION_REASONS.includes(reason)) {
        throw new ApiError('InputValidationError', `reason must be one of ${EXCEPTION_REASONS.join(', ')}`);
      }
    }
    if (RESOLVED.includes(run.state)) {
      if (run.state === outcome && run.reasonResolved === reason) return { status: statusOf(record) };
      throw new ApiError('RequestConflict', `Run ${run.runId} of task ${record.taskId} is already resolved as ${run.state}`);
    }
    if (run.runId !== record.runs.length - 1) throw new ApiError('RequestConflict', 'Only the latest run can be resolved');
    resolveRunWithRetry(record, run, outcome, reason, nowIso());
    scheduleReadyDependents(state.tasks, record, nowIso());
    return { status: statusOf(record) };
  };

  return {
    task: (ctx) => requireTask(state, ctx.params.taskId).task,
    status: (ctx) => ({ status: statusOf(requireTask(state, ctx.params.taskId)) }),

    tasks: (ctx) => {
      const taskIds = requireStringArray(ctx.body, 'taskIds');
      ctx.authorize({ taskIds });
      const found = taskIds.filter((id) => state.tasks.has(id)).map((id) => ({ taskId: id, task: state.tasks.get(id).task }));
      const page = paginateInOrder(found, ctx.query);
      return withToken({ tasks: page.items }, page);
    },
    statuses: (ctx) => {
      const taskIds = requireStringArray(ctx.body, 'taskIds');
      ctx.authorize({ taskIds });
      const found = taskIds.filter((id) => state.tasks.has(id)).map((id) => ({ taskId: id, status: statusOf(state.tasks.get(id)) }));
      const page = paginateInOrder(found, ctx.query);
      return withToken({ statuses: page.items }, page);
    },

    listTaskGroup: (ctx) => {
      const { taskGroupId } = ctx.params;
      const members = tasksOfGroup(taskGroupId);
      if (!members.length && !state.taskGroups.has(taskGroupId)) {
        throw new ApiError('ResourceNotFound', `No task-group with taskGroupId: ${taskGroupId}`);
      }
      const page = paginate(members, ctx.query, (r) => r.taskId);
      return withToken({
        taskGroupId,
        tasks: page.items.map((r) => ({ status: statusOf(r), task: r.task })),
      }, page);
    },
    getTaskGroup: (ctx) => {
      const group = state.taskGroups.get(ctx.params.taskGroupId);
      if (!group) throw new ApiError('ResourceNotFound', `No task-group with taskGroupId: ${ctx.params.taskGroupId}`);
      return { ...group };
    },

    createTask: (ctx) => {
      const record = defineTask(env, ctx.params.taskId, ctx.body, (params) => ctx.authorize(params));
      return { status: statusOf(record) };
    },

    cancelTask: (ctx) => {
      const record = requireTask(state, ctx.params.taskId);
      const { schedulerId, taskGroupId, projectId } = record.task;
      ctx.authorize({ schedulerId, taskGroupId, projectId });
      const state_ = stateOf(record);
      if (state_ === 'unscheduled') {
        const run = addPendingRun(record, nowIso(), 'exception');
        resolveRun(run, 'exception', 'canceled', nowIso());
        delete run.workerGroup;
        delete run.workerId;
        delete run.started;
      } else if (!RESOLVED.includes(state_)) {
        resolveRun(record.runs[record.runs.length - 1], 'exception', 'canceled', nowIso());
      }
      scheduleReadyDependents(state.tasks, record, nowIso());
      return { status: statusOf(record) };
    },

    reportCompleted: report('completed'),
    reportFailed: report('failed'),
    reportException: report('exception'),
  };
}

// tasks/statuses answer in the order the caller asked.
function paginateInOrder(items, query) {
  const keyed = items.map((item, i) => ({ item, key: String(i).padStart(8, '0') }));
  const page = paginate(keyed, query, (k) => k.key);
  return { ...page, items: page.items.map((k) => k.item) };
}

export function withToken(body, page) {
  if (page.continuationToken) body.continuationToken = page.continuationToken;
  return body;
}

function requireStringArray(body, field) {
  const value = body?.[field];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) {
    throw new ApiError('InputValidationError', `${field} must be an array of strings`);
  }
  return value;
}
