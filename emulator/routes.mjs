// Matches request paths against manifest routes (`/task/<taskId>/runs/<runId>`).
// Matching happens on the still-encoded path, then each parameter is
// percent-decoded, so `%2F` puts a `/` inside a parameter, as with Express.
import { ApiError } from './responses.mjs';

// Parameters that Taskcluster declares as `:name(*)`: they may also contain raw
// slashes (artifact names, secret names).
const WILDCARD_PARAMS = {
  queue: ['name'],
  index: ['name'],
  secrets: ['name'],
};
// Listing the root of the index uses an empty namespace (`/namespaces/`).
const OPTIONAL_PARAMS = {
  'index.listNamespaces': ['namespace'],
  'index.listTasks': ['namespace'],
};

const escapeRegExp = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function compileRoute(serviceName, fn) {
  const wildcard = WILDCARD_PARAMS[serviceName] ?? [];
  const optional = OPTIONAL_PARAMS[`${serviceName}.${fn.name}`] ?? [];
  const names = [];
  let source = '';
  for (const part of fn.route.split(/(<[^>]+>)/)) {
    const param = /^<([^>]+)>$/.exec(part);
    if (!param) {
      source += escapeRegExp(part);
      continue;
    }
    names.push(param[1]);
    if (optional.includes(param[1])) source += '([^/]*)';
    else if (wildcard.includes(param[1])) source += '(.+)';
    else source += '([^/]+)';
  }
  // Express's non-strict routing: one trailing slash is optional.
  source = source.replace(/\/$/, '');
  return { fn, names, regexp: new RegExp(`^${source}/?$`) };
}

export function createRouter(services) {
  const routesByService = new Map();
  for (const [serviceName, service] of services) {
    if (!service.functions) continue;
    routesByService.set(serviceName, service.functions.map((fn) => compileRoute(serviceName, fn)));
  }
  return {
    // -> {fn, params} or undefined. HEAD is routed like GET.
    match(serviceName, method, path) {
      const wanted = method === 'HEAD' ? 'get' : method.toLowerCase();
      for (const route of routesByService.get(serviceName) ?? []) {
        if (route.fn.method !== wanted) continue;
        const m = route.regexp.exec(path);
        if (!m) continue;
        const params = {};
        route.names.forEach((name, i) => { params[name] = decodeParam(name, m[i + 1]); });
        return { fn: route.fn, params };
      }
      return undefined;
    },
  };
}

function decodeParam(name, raw) {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new ApiError('InvalidRequestArguments', `Route parameter ${name} is not valid percent-encoding: ${raw}`);
  }
}
