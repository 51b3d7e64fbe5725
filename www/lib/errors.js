// What went wrong, in words for people: a title, a message and (for a request)
// the call. Taskcluster's own messages are kept where they help (a 403 names
// the missing scopes) and replaced where they do not (a regular expression).

// Where this page may send requests (its Content-Security-Policy connect-src,
// from /config.json). Empty until configure() is called: then nothing is judged.
let reachable = [];

/** Sets the page's connect-src list, e.g. ['http://127.0.0.1:8090', 'https:']. */
export function configureReachable(list) {
  reachable = Array.isArray(list) ? list.map(String) : [];
}

/** Whether this page's security policy lets it fetch `url` (true when unknown). */
export function policyAllows(url) {
  if (!reachable.length) return true;
  let parsed;
  try {
    parsed = new URL(url);
  } catch {
    return true;
  }
  if (parsed.origin === location.origin) return true;
  return reachable.some((source) => (source.endsWith(':') ? parsed.protocol === source : parsed.origin === new URL(source).origin));
}

/** "http://127.0.0.1:8090 or any https:// deployment" */
export function reachableText() {
  const names = reachable.map((source) => (source.endsWith(':') ? `any ${source}// deployment` : source));
  return names.length > 1 ? `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}` : names.join('');
}

/**
 * Taskcluster's messages are Markdown with a request-info trailer
 * ("---\n\n* method: ..."); keep the prose and code without the fences and
 * the trailer (method, status and code are shown beside it anyway).
 */
export function readableMessage(message) {
  return message
    .replace(/\n-{3,}\s*\n\s*\* method:[\s\S]*$/, '')
    .replace(/^```[a-z]*\s*$/gm, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const INPUT_ERRORS = new Set(['TypeError', 'RangeError', 'SyntaxError']);
// "route parameter taskId = "abc" does not match /^...$/" (the client's or the server's check)
const BAD_PARAMETER = /(?:route|query) parameter (\w+) = ("(?:[^"\\]|\\.)*") does not match \/.*\//;
const ID_WORDS = { taskId: 'task ID', taskGroupId: 'task group ID', runId: 'run ID' };
const STATUS_TITLES = {
  400: 'Bad request',
  401: 'Not signed in, or the credentials were rejected',
  403: 'Not allowed',
  404: 'Not found',
  409: 'Conflict',
  410: 'Gone',
  424: 'The artifact could not be produced',
};

const originOf = (url) => {
  try {
    return new URL(url).origin;
  } catch {
    return String(url ?? '');
  }
};

/**
 * {title, message, statusCode?, code?, meta: [..]} for any thrown value.
 * `action` ("Could not load the task") titles errors that are neither input
 * errors nor requests.
 */
export function describeError(error, { action } = {}) {
  const isTc = error?.name === 'TaskclusterError';
  const raw = readableMessage(String(error?.message ?? error ?? 'Unknown error'));
  if (!isTc) {
    if (INPUT_ERRORS.has(error?.name)) return { title: 'Invalid input', message: raw, meta: [] };
    return { title: action ?? 'Something went wrong', message: raw, meta: [] };
  }
  const meta = [];
  if (error.functionName) meta.push(error.functionName);
  if (error.method && error.url) meta.push(`${String(error.method).toUpperCase()} ${redactUrl(error.url)}`);
  if (error.retries) meta.push(`after ${error.retries} retr${error.retries === 1 ? 'y' : 'ies'}`);
  const base = { statusCode: error.statusCode ?? undefined, code: error.code, meta };

  if (error.code === 'NetworkError' || (error.statusCode === undefined && /network error/i.test(raw))) {
    const origin = originOf(error.url);
    const blocked = error.url && !policyAllows(error.url);
    const where = reachableText();
    return {
      ...base,
      title: blocked ? 'Blocked by this page’s security policy' : 'Cannot reach the deployment',
      message: blocked
        ? `This page may not connect to ${origin}.${where ? ` It can reach ${where}.` : ''}`
        : `No answer from ${origin}: it may be down, the address may be wrong, or it may not allow requests from this page (CORS).`
          + `${where ? ` This page can reach ${where}.` : ''}`,
    };
  }
  const badParameter = raw.match(BAD_PARAMETER);
  if (error.statusCode === 400 && badParameter) {
    const [, name, quoted] = badParameter;
    const word = ID_WORDS[name] ?? name;
    const value = safeParse(quoted);
    return {
      ...base,
      title: `Not a valid ${word}`,
      message: /Id$/.test(name)
        ? `${JSON.stringify(value)} is not a ${word}. Taskcluster IDs are 22 characters of letters, digits, - and _ (a slugid), as in the task list.`
        : `${JSON.stringify(value)} is not a valid ${word}.`,
    };
  }
  return {
    ...base,
    title: STATUS_TITLES[error.statusCode] ?? (error.statusCode >= 500 ? 'The deployment had an error' : 'Request failed'),
    message: raw.replace(/\/\^[^\s]*\$\//g, 'the expected format'),
  };
}

function safeParse(quoted) {
  try {
    return JSON.parse(quoted);
  } catch {
    return quoted;
  }
}

/** Query parameters that authenticate (bewit, signature) are not shown. */
export function redactUrl(url) {
  return String(url ?? '').replace(/([?&](?:bewit|signature)=)[^&]*/g, '$1…');
}
