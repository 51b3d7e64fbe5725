// Validates a createTask payload (a practical subset of the queue's task
// schema and its date rules) and fills in the defaults the queue fills in.
import libScopes from 'taskcluster-lib-scopes';
import { ApiError } from './responses.mjs';

// Highest first; a scope for a priority also allows every lower one.
export const PRIORITIES = ['highest', 'very-high', 'high', 'medium', 'low', 'very-low', 'lowest', 'normal'];

const IDENTIFIER = /^[a-zA-Z0-9-_]{1,38}$/;
const SLUGID = /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;
const ALLOWED_KEYS = new Set([
  'provisionerId', 'workerType', 'taskQueueId', 'schedulerId', 'projectId', 'taskGroupId', 'dependencies',
  'requires', 'routes', 'priority', 'retries', 'created', 'deadline', 'expires', 'scopes', 'payload',
  'metadata', 'tags', 'extra',
]);
const MINUTE = 60 * 1000;
const DAY = 24 * 60 * MINUTE;

export function prioritiesAtOrAbove(priority) {
  return PRIORITIES.slice(0, PRIORITIES.indexOf(priority) + 1);
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

function parseDate(value, field, problems) {
  if (typeof value !== 'string' || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)
      || Number.isNaN(Date.parse(value))) {
    problems.push(`${field} must be an ISO 8601 date-time string`);
    return undefined;
  }
  return Date.parse(value);
}

// -> the normalized task definition; throws 400 InputValidationError / InputError.
export function normalizeTaskDefinition(taskId, input, nowMs) {
  const problems = [];
  if (!isObject(input)) throw new ApiError('InputValidationError', 'The task definition must be a JSON object');
  for (const key of Object.keys(input)) {
    if (!ALLOWED_KEYS.has(key)) problems.push(`unknown property ${JSON.stringify(key)}`);
  }

  let { provisionerId, workerType, taskQueueId } = input;
  if (taskQueueId !== undefined) {
    if (typeof taskQueueId !== 'string' || !/^[a-zA-Z0-9-_]{1,38}\/[a-zA-Z0-9-_]{1,38}$/.test(taskQueueId)) {
      problems.push('taskQueueId must look like <provisionerId>/<workerType>');
    } else {
      const [p, w] = taskQueueId.split('/');
      if ((provisionerId !== undefined && provisionerId !== p) || (workerType !== undefined && workerType !== w)) {
        problems.push('taskQueueId does not agree with provisionerId/workerType');
      }
      provisionerId = p;
      workerType = w;
    }
  } else if (provisionerId === undefined || workerType === undefined) {
    problems.push('either taskQueueId or both provisionerId and workerType are required');
  }
  for (const [field, value] of [['provisionerId', provisionerId], ['workerType', workerType]]) {
    if (value !== undefined && (typeof value !== 'string' || !IDENTIFIER.test(value))) {
      problems.push(`${field} must match ${IDENTIFIER}`);
    }
  }
  const schedulerId = input.schedulerId ?? '-';
  if (typeof schedulerId !== 'string' || !/^[a-zA-Z0-9-_]{1,38}$/.test(schedulerId)) problems.push('schedulerId is invalid');
  const projectId = input.projectId ?? 'none';
  if (typeof projectId !== 'string' || !/^([a-zA-Z0-9._/-]*)$/.test(projectId) || projectId.length > 500) {
    problems.push('projectId is invalid');
  }
  const taskGroupId = input.taskGroupId ?? taskId;
  if (typeof taskGroupId !== 'string' || !SLUGID.test(taskGroupId)) problems.push('taskGroupId must be a slugid');

  const stringArray = (field, check = () => true) => {
    const value = input[field] ?? [];
    if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && check(v))) {
      problems.push(`${field} must be an array of valid strings`);
      return [];
    }
    return value;
  };
  const dependencies = stringArray('dependencies', (d) => SLUGID.test(d));
  const routes = stringArray('routes', (r) => r.length > 0 && r.length <= 249);
  const scopes = stringArray('scopes', libScopes.validScope);
  const requires = input.requires ?? 'all-completed';
  if (!['all-completed', 'all-resolved'].includes(requires)) problems.push('requires must be all-completed or all-resolved');
  const priority = input.priority ?? 'lowest';
  if (!PRIORITIES.includes(priority)) problems.push(`priority must be one of ${PRIORITIES.join(', ')}`);
  const retries = input.retries ?? 5;
  if (!Number.isInteger(retries) || retries < 0 || retries > 49) problems.push('retries must be an integer 0..49');

  const created = parseDate(input.created, 'created', problems);
  const deadline = parseDate(input.deadline, 'deadline', problems);
  const expires = input.expires === undefined
    ? (deadline === undefined ? undefined : deadline + 365 * DAY)
    : parseDate(input.expires, 'expires', problems);

  if (!isObject(input.payload)) problems.push('payload must be an object');
  const metadata = input.metadata;
  if (!isObject(metadata)) {
    problems.push('metadata must be an object with name, description, owner and source');
  } else {
    for (const field of ['name', 'description', 'owner', 'source']) {
      if (typeof metadata[field] !== 'string') problems.push(`metadata.${field} must be a string`);
    }
  }
  for (const field of ['tags', 'extra']) {
    if (input[field] !== undefined && !isObject(input[field])) problems.push(`${field} must be an object`);
  }
  if (problems.length) {
    throw new ApiError('InputValidationError', `Invalid task definition:\n- ${problems.join('\n- ')}`);
  }

  // The queue's date rules, checked after the shape.
  if (created > nowMs + 15 * MINUTE) throw new ApiError('InputError', 'Created timestamp cannot be in the future (max 15 minutes drift)');
  if (deadline <= created) throw new ApiError('InputError', 'Deadline must be after created');
  if (deadline > nowMs + 5 * DAY + 15 * MINUTE) throw new ApiError('InputError', 'Deadline cannot be more than 5 days into the future');
  if (expires < deadline) throw new ApiError('InputError', 'Expires cannot be before the deadline');

  return {
    provisionerId,
    workerType,
    taskQueueId: `${provisionerId}/${workerType}`,
    schedulerId,
    projectId,
    taskGroupId,
    dependencies,
    requires,
    routes,
    priority,
    retries,
    created: new Date(created).toJSON(),
    deadline: new Date(deadline).toJSON(),
    expires: new Date(expires).toJSON(),
    scopes,
    payload: input.payload,
    metadata: { ...metadata },
    tags: input.tags ?? {},
    extra: input.extra ?? {},
  };
}
