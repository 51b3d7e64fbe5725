// Route and query parameter checks that Taskcluster services make before any
// handler runs; a client that builds URLs wrongly gets a 400 here as it would there.
import { ApiError } from './responses.mjs';

const SLUGID = /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/;
const IDENTIFIER = /^[a-zA-Z0-9-_]{1,38}$/;

const ROUTE_PARAM_PATTERNS = {
  taskId: SLUGID,
  taskGroupId: SLUGID,
  runId: /^[0-9]+$/,
  provisionerId: IDENTIFIER,
  workerType: IDENTIFIER,
  taskQueueId: /^[a-zA-Z0-9-_]{1,38}\/[a-zA-Z0-9-_]{1,38}$/,
};

const QUERY_PATTERNS = {
  limit: /^[0-9]+$/,
};

export function checkRouteParams(params) {
  for (const [name, value] of Object.entries(params)) {
    const pattern = ROUTE_PARAM_PATTERNS[name];
    if (pattern && !pattern.test(value)) {
      throw new ApiError('InvalidRequestArguments',
        `Invalid request arguments: route parameter ${name} = ${JSON.stringify(value)} does not match ${pattern}`);
    }
  }
}

// Only the query names the manifest lists are accepted (plus `bewit`, which is
// authentication, not an argument): a misspelt continuationToken must not be
// silently ignored.
export function checkQuery(fn, searchParams) {
  const query = {};
  for (const [name, value] of searchParams) {
    if (name === 'bewit') continue;
    if (!fn.query.includes(name)) {
      throw new ApiError('InvalidRequestArguments',
        `Invalid request arguments: unknown query parameter ${JSON.stringify(name)} (allowed: ${fn.query.join(', ') || 'none'})`);
    }
    if (name in query) {
      throw new ApiError('InvalidRequestArguments', `Invalid request arguments: query parameter ${name} given twice`);
    }
    const pattern = QUERY_PATTERNS[name];
    if (pattern && !pattern.test(value)) {
      throw new ApiError('InvalidRequestArguments',
        `Invalid request arguments: query parameter ${name} = ${JSON.stringify(value)} does not match ${pattern}`);
    }
    query[name] = value;
  }
  return query;
}
