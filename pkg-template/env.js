// Client options from the standard TASKCLUSTER_* environment variables.

/** The process environment where there is one (Node, Deno, Bun); `{}` in browsers. */
const processEnvironment = () => globalThis.process?.env ?? {};

// taskcluster-client's variables and the option each one fills.
const VARIABLES = [
  ['TASKCLUSTER_ROOT_URL', 'rootUrl'],
  ['TASKCLUSTER_CLIENT_ID', 'clientId'],
  ['TASKCLUSTER_ACCESS_TOKEN', 'accessToken'],
  ['TASKCLUSTER_CERTIFICATE', 'certificate'],
];

function read(env, name) {
  if (env === null || typeof env !== 'object') {
    throw new TypeError(`${name}: env must be an object of environment variables, got ${env === null ? 'null' : typeof env}`);
  }
  const options = {};
  try {
    for (const [variable, option] of VARIABLES) {
      const value = env[variable];
      if (!value) continue; // unset or empty, as taskcluster-client reads them
      if (option === 'rootUrl') options.rootUrl = value;
      else (options.credentials ??= {})[option] = value;
    }
    return { options, proxyUrl: env.TASKCLUSTER_PROXY_URL };
  } catch {
    // A getter or Proxy that throws; its message could hold a variable's value.
    throw new TypeError(`${name}: reading env threw an exception`);
  }
}

/**
 * taskcluster-client's `fromEnvVars()`: `rootUrl` and whatever credentials are
 * set, each only when its variable is. Ignores TASKCLUSTER_PROXY_URL, as the
 * official one does.
 */
export function fromEnvVars(env = processEnvironment()) {
  return read(env, 'fromEnvVars').options;
}

/**
 * Like `fromEnvVars`, and inside a task with the Taskcluster proxy
 * (TASKCLUSTER_PROXY_URL set) the proxy is the rootUrl and no credentials are
 * sent: the proxy signs each request with the task's own credentials.
 */
export function optionsFromEnvironment(env = processEnvironment()) {
  const { options, proxyUrl } = read(env, 'optionsFromEnvironment');
  return proxyUrl ? { rootUrl: proxyUrl } : options;
}
