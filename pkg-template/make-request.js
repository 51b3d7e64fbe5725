// taskcluster-client's `makeRequest(client, method, url, payload, query)`: one
// request to any URL, signed with a client's credentials (certificate and
// authorizedScopes included) and carrying its traceId, under its timeout; no
// retries, and a redirect is answered, not followed. The answer has the shape
// of the `got` response the official one resolves to: {statusCode, headers, body}.
import { typeOf } from './arguments.js';
import { hawkHeader } from './hawk-signers.js';
import { absoluteHttpUrl } from './http-url.js';

// Outside browsers fetch hands a redirect back as it is; browsers only expose an
// opaque one, so there it is followed (as the service clients do).
const IN_BROWSER = 'document' in globalThis || 'WorkerGlobalScope' in globalThis;
const LABEL = 'makeRequest';


/** `query` as a query string, as Node's `querystring.stringify` writes it (`%20`, arrays repeat the key). */
function queryString(query) {
  if (query === null || typeof query !== 'object' || Array.isArray(query)) {
    throw new TypeError(`${LABEL}: query must be an object, got ${typeOf(query)}`);
  }
  const pairs = [];
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      const text = ['string', 'number', 'boolean', 'bigint'].includes(typeof item) ? String(item) : '';
      pairs.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
    }
  }
  return pairs.join('&');
}

/** `hawkHeader(options)` for `label`: an error names `label` (the credentials may come from an agent). */
export function signedHeader(label, options) {
  try {
    return hawkHeader(options);
  } catch (error) {
    throw new error.constructor(String(error.message).replace(/^hawkHeader: options\./, `${label}: `));
  }
}

/** The credentials to sign with: static ones, or an agent's current ones; undefined for anonymous. */
async function credentialsOf({ credentials, credentialAgent }) {
  const source = credentialAgent ?? credentials;
  const current = typeof source?.getCredentials === 'function' ? await source.getCredentials() : source;
  return current?.clientId && current?.accessToken ? current : undefined;
}

/** Parsed JSON when the answer says it is JSON and has a body, else the text (as the official one). */
async function bodyOf(response) {
  const text = await response.text();
  if (text.length > 0 && (response.headers.get('content-type') ?? '').startsWith('application/json')) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

/**
 * The request for a client whose settled options are `options` and whose clock
 * is `clockOffset` ms off. Resolves for 2xx and 3xx answers; rejects with an
 * Error carrying `statusCode`, `code`, `body` and `response` for others, and
 * with `code: 'ECONNABORTED'` when the client's timeout passes (as the official one).
 */
export async function requestOnce(options, clockOffset, method, url, payload, query) {
  if (typeof method !== 'string' || !/^[a-z]+$/i.test(method)) {
    throw new TypeError(`${LABEL}: method must be an HTTP method name such as 'get', got ${typeof method === 'string' ? JSON.stringify(method.slice(0, 60)) : typeOf(method)}`);
  }
  let target = absoluteHttpUrl(LABEL, url);
  if (query != null) {
    const search = queryString(query);
    if (search) target += `${target.includes('?') ? '&' : '?'}${search}`;
  }
  const verb = method.toUpperCase();
  const headers = {};
  if (options.traceId) headers['x-taskcluster-trace-id'] = options.traceId;
  const credentials = await credentialsOf(options);
  if (credentials) {
    headers.authorization = signedHeader(LABEL, {
      method: verb, url: target, credentials, localtimeOffsetMsec: clockOffset,
      authorizedScopes: Array.isArray(options.authorizedScopes) ? options.authorizedScopes : undefined,
    });
  }
  let body;
  if (payload !== undefined) {
    body = JSON.stringify(payload);
    headers['content-type'] = 'application/json';
  }
  const timeout = options.timeout ?? 30_000;
  let response;
  try {
    response = await fetch(target, {
      method: verb, headers, body, redirect: IN_BROWSER ? 'follow' : 'manual', signal: AbortSignal.timeout(timeout),
    });
  } catch (cause) {
    const timedOut = cause?.name === 'TimeoutError';
    throw Object.assign(new Error(`${LABEL}: ${verb} ${target.split('?')[0]} ${timedOut ? `timed out after ${timeout} ms` : `failed: ${cause?.message ?? cause}`}`, { cause }),
      { code: timedOut ? 'ECONNABORTED' : 'NetworkError' });
  }
  const answer = {
    statusCode: response.status,
    statusMessage: response.statusText,
    headers: Object.fromEntries(response.headers),
    url: response.url || target,
    body: await bodyOf(response),
  };
  if (response.status >= 200 && response.status < 400) return answer;
  const message = typeof answer.body?.message === 'string' ? answer.body.message : `HTTP ${response.status}`;
  throw Object.assign(new Error(`${LABEL}: ${verb} ${target.split('?')[0]}: ${message}`), {
    code: answer.body?.code ?? `HTTP${response.status}`, statusCode: response.status, body: answer.body, response: answer,
  });
}
