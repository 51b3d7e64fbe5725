// taskcluster-client-web's `request(url, options)`: `fetch` with Hawk signing
// (`credentials` as an object), a JSON body's content type, and retries on 5xx and
// network errors; resolves to the parsed JSON (or null for other content). Fixed
// here: `timeout` is applied (per attempt), the first retry waits (~100 ms, not 0),
// a non-JSON error answer is an Error (not a TypeError), and redirects are followed.
import { typeOf } from './arguments.js';
import { absoluteHttpUrl } from './http-url.js';
import { signedHeader } from './make-request.js';
import { RETRY_OPTIONS, readingOptions, retrySettings } from './read-options.js';
import { TransferError, redactedUrl, withRetries } from './transfer.js';

const LABEL = 'request';
// The content types client-web parses as JSON.
const JSON_CONTENT = /^(application\/(json|x-javascript)|text\/(x-)?javascript|x-json)(;.*)?$/;
// The fetch options passed on as they are.
const FETCH_OPTIONS = ['method', 'headers', 'body', 'mode', 'cache', 'referrer', 'referrerPolicy', 'integrity', 'keepalive', 'signal', 'priority'];
const KNOWN = ['credentials', 'extra', 'timeout', ...RETRY_OPTIONS, ...FETCH_OPTIONS];


function readOptions(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${LABEL}: options must be an object, got ${typeOf(options)}`);
  }
  const copy = readingOptions(LABEL, () => ({ ...options }));
  const unknown = Object.keys(copy).filter((name) => !KNOWN.includes(name));
  if (unknown.length > 0) throw new TypeError(`${LABEL}: unknown option ${JSON.stringify(unknown[0]).slice(0, 62)}; known: ${KNOWN.join(', ')}`);
  return copy;
}

/** The Authorization header for `credentials` (an object), with client-web's raw `extra` as the ext when given. */
function authorization(method, url, credentials, extra) {
  // With `extra` the caller built the ext (certificate, authorizedScopes) itself, as client-web expects.
  const signing = extra === undefined
    ? credentials
    : readingOptions(LABEL, () => ({ clientId: credentials.clientId, accessToken: credentials.accessToken }), 'credentials');
  return signedHeader(LABEL, { method, url, credentials: signing, ext: extra });
}

/** client-web's request: the parsed JSON answer, or null when it is not JSON. */
export async function request(input, options = {}) {
  const url = absoluteHttpUrl(LABEL, input);
  const { credentials = 'omit', extra, timeout = 30_000, ...rest } = readOptions(options);
  const retry = retrySettings(rest, LABEL);
  const init = Object.fromEntries(FETCH_OPTIONS.filter((name) => rest[name] !== undefined).map((name) => [name, rest[name]]));
  if (typeof timeout !== 'number') throw new TypeError(`${LABEL}: options.timeout must be a number of milliseconds, got ${typeOf(timeout)}`);
  if (!(timeout > 0 && timeout < 2 ** 31)) throw new RangeError(`${LABEL}: options.timeout must be a positive number of milliseconds, got ${timeout}`);
  if (init.method !== undefined && typeof init.method !== 'string') throw new TypeError(`${LABEL}: options.method must be a string, got ${typeOf(init.method)}`);
  if (typeof credentials !== 'string' && (credentials === null || typeof credentials !== 'object')) {
    throw new TypeError(`${LABEL}: options.credentials must be {clientId, accessToken, certificate?} or a fetch credentials mode, got ${typeOf(credentials)}`);
  }
  if (extra !== undefined && typeof extra !== 'string') throw new TypeError(`${LABEL}: options.extra must be a string (a base64 Hawk ext), got ${typeOf(extra)}`);
  const method = (init.method ?? 'GET').toUpperCase();
  const given = readingOptions(LABEL, () => (init.headers instanceof Headers ? Object.fromEntries(init.headers) : { ...init.headers }), 'headers');
  const typed = Object.keys(given).some((name) => name.toLowerCase() === 'content-type');
  const headers = { ...(init.body !== undefined && !typed && { 'Content-Type': 'application/json' }), ...given };
  let fetchCredentials = credentials;
  if (typeof credentials !== 'string') {
    headers.Authorization = authorization(method, url, credentials, extra);
    fetchCredentials = 'omit';
  }
  const signal = (attemptTimeout) => (init.signal && AbortSignal.any ? AbortSignal.any([init.signal, attemptTimeout]) : init.signal ?? attemptTimeout);
  let failure;
  try {
    return await withRetries(LABEL, retry, async () => {
      let response;
      try {
        response = await fetch(url, { ...init, method, headers, credentials: fetchCredentials, signal: signal(AbortSignal.timeout(timeout)) });
      } catch (cause) {
        if (init.signal?.aborted) throw cause; // the caller's own abort is not retried
        throw new TransferError(`${LABEL}: ${method} ${redactedUrl(url)} failed: ${cause?.message ?? cause}`, { url: redactedUrl(url), transient: true, cause });
      }
      const json = JSON_CONTENT.test(response.headers.get('Content-Type') ?? '') ? await response.json() : (await response.body?.cancel(), null);
      if (response.ok) return json;
      const message = typeof json?.message === 'string' ? json.message.split('---')[0] : response.statusText || `HTTP ${response.status}`;
      failure = Object.assign(new Error(message), { response, body: json });
      throw new TransferError(message, { statusCode: response.status, url: redactedUrl(url), transient: response.status >= 500 });
    });
  } catch (error) {
    // An error answer rejects as client-web's does: the server's message, with `response` and `body`.
    if (error instanceof TransferError && error.statusCode !== undefined && failure) throw failure;
    throw error;
  }
}
