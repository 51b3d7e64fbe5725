// Secrets never leak: every failure path (bad input, 4xx, 5xx, network error,
// timeout/abort, a connection cut mid-body, clock correction, an agent that throws)
// is walked with a permanent and a temporary accessToken, and each resulting error
// is searched everywhere a secret could surface: its message, every property (own,
// non-enumerable, nested, symbols), toString(), JSON.stringify, util.inspect with
// showHidden, anything printed to the console, and the URL it carries. The clients
// themselves are searched the same way. A secret may only ever travel as a MAC or
// a bewit, which are one-way: the token itself, its base64 and its URL-encoding
// must appear nowhere.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import crypto from 'node:crypto';
import { inspect } from 'node:util';
import * as tc from 'taskcluster-wasm';
import * as legacy from 'taskcluster-wasm/legacy';
import { listenOnLoopback } from '../support/listen.mjs';

const SECRET = 'PERMANENT-secret-token-7hQ2xZ';
const PERMANENT = { clientId: 'secrets/issuer', accessToken: SECRET };
const TEMPORARY = tc.createTemporaryCredentials({
  ...PERMANENT, scopes: ['queue:*'], start: Date.now() - 60_000, expiry: Date.now() + 3_600_000,
});
const TEMP_TOKEN = TEMPORARY.accessToken;

// Every spelling under which a token could slip out.
const forms = (token) => [token, Buffer.from(token).toString('base64'), Buffer.from(token).toString('base64url'), encodeURIComponent(token)];
const NEEDLES = [...forms(SECRET), ...forms(TEMP_TOKEN)];
const findNeedle = (text) => NEEDLES.find((needle) => text.includes(needle));

/** Every string reachable from `value`: own properties of any kind, nested, symbols too. */
function strings(value, seen = new Set()) {
  if (typeof value === 'string') return [value];
  if (value === null || (typeof value !== 'object' && typeof value !== 'function') || seen.has(value)) return [];
  seen.add(value);
  const found = [];
  for (const key of Reflect.ownKeys(value)) {
    if (typeof key === 'string') found.push(key);
    let child;
    try { child = Object.getOwnPropertyDescriptor(value, key)?.value; } catch { continue; }
    found.push(...strings(child, seen));
  }
  return found;
}

/** Every view of `error` a user, a logger or a bug tracker could see. */
function views(error) {
  const out = { message: String(error?.message), toString: String(error), inspect: inspect(error, { showHidden: true, depth: Infinity }) };
  try { out.json = JSON.stringify(error) ?? ''; } catch (e) { out.json = `(JSON.stringify threw ${e.message})`; }
  out.properties = strings(error).join('\n');
  out.url = String(error?.url ?? '');
  return out;
}

function assertClean(what, error) {
  assert.ok(error instanceof Error, `${what}: expected an Error, got ${typeof error}`);
  for (const [view, text] of Object.entries(views(error))) {
    const needle = findNeedle(text);
    assert.equal(needle, undefined, `${what}: a secret appears in the error's ${view}: ${text.slice(0, 300)}`);
  }
}

// Console output, captured for the whole file: nothing printed may hold a secret.
const printed = [];
const originals = {};
before(() => {
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace']) {
    originals[name] = console[name];
    console[name] = (...args) => { printed.push(args.map((a) => inspect(a, { showHidden: true, depth: Infinity })).join(' ')); };
  }
  for (const stream of ['stdout', 'stderr']) {
    originals[stream] = process[stream].write;
    process[stream].write = function write(chunk, ...rest) {
      printed.push(String(chunk));
      return originals[stream].call(this, chunk, ...rest);
    };
  }
});
after(() => {
  for (const name of ['log', 'info', 'warn', 'error', 'debug', 'trace']) console[name] = originals[name];
  process.stdout.write = originals.stdout;
  process.stderr.write = originals.stderr;
});

// A deployment that fails in every way a real one (or the path to it) can.
let server;
let rootUrl;
let staleTs;
let signingSecret; // the token the clients under test sign with, so the challenge is authentic
const tsm = (secret, ts) => crypto.createHmac('sha256', secret).update(`hawk.1.ts\n${ts}\n`).digest('base64');
before(async () => {
  server = http.createServer((req, res) => {
    const path = new URL(req.url, 'http://x').pathname;
    const echo = { message: `echo of the request: ${req.headers.authorization ?? ''} ${req.url}`, requestInfo: { headers: req.headers } };
    const json = (status, body, headers = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (path.endsWith('/task/not-found')) return json(404, { code: 'ResourceNotFound', ...echo });
    if (path.endsWith('/task/server-error')) return json(500, { code: 'InternalServerError', ...echo });
    if (path.endsWith('/task/html')) { res.writeHead(502, { 'content-type': 'text/html' }); return res.end(`<html>${echo.message}</html>`); }
    if (path.endsWith('/task/network-error')) return req.socket.destroy();
    if (path.endsWith('/task/cut-mid-body')) { res.writeHead(200, { 'content-type': 'application/json' }); res.write('{"a":'); return setTimeout(() => req.socket.destroy(), 10); }
    if (path.endsWith('/task/timeout')) return; // never answers; the client's timeout aborts
    if (path.endsWith('/task/stale')) {
      // An authentic "Stale timestamp" challenge every time: corrected once, then it gives up.
      return json(401, { code: 'AuthenticationFailed', ...echo }, {
        'www-authenticate': `Hawk ts="${staleTs}", tsm="${tsm(signingSecret, staleTs)}", error="Stale timestamp"`,
      });
    }
    return json(200, {});
  });
  ({ url: rootUrl } = await listenOnLoopback(server));
  staleTs = Math.floor(Date.now() / 1000) + 20 * 60;
});
after(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));

const settle = async (promise) => {
  try { await promise; } catch (error) { return error; }
  throw new Error('expected a failure');
};
const credentialSets = { permanent: PERMANENT, temporary: TEMPORARY };

test('request failures carry no secret: 4xx, 5xx, HTML error page, network error, cut body, timeout, clock correction', async () => {
  for (const [kind, credentials] of Object.entries(credentialSets)) {
    signingSecret = credentials.accessToken;
    for (const Queue of [tc.Queue, legacy.Queue]) {
      const queue = new Queue({ rootUrl, credentials, retries: 1, delayFactor: 1, timeout: 300, authorizedScopes: ['queue:*'] });
      for (const path of ['not-found', 'server-error', 'html', 'network-error', 'cut-mid-body', 'timeout', 'stale']) {
        const error = await settle(queue.task(path));
        assertClean(`${kind} ${Queue.name}.task(${path})`, error);
        assert.equal(error.name, 'TaskclusterError', `${path}: ${error.message}`);
      }
      // The stale path really went through clock correction (about 20 minutes ahead).
      assert.ok(Math.abs(queue.clockOffset - 20 * 60 * 1000) < 120_000, `clockOffset ${queue.clockOffset}`);
      const agent = new Queue({ rootUrl, credentials: { getCredentials: async () => credentials }, retries: 0 });
      assertClean(`${kind} agent 4xx`, await settle(agent.task('not-found')));
      assertClean(`${kind} queue inspected`, Object.assign(new Error('client'), { client: queue, inspected: inspect(queue, { showHidden: true, depth: Infinity }), json: JSON.stringify(queue) }));
    }
  }
});

test('a credentials agent that throws or answers junk leaks nothing', async () => {
  const agents = {
    throws: () => { throw new Error('agent is down'); },
    rejects: async () => { throw new TypeError('agent rejected'); },
    'returns junk that holds a token': async () => ({ clientId: 5, accessToken: SECRET }),
    'returns an empty clientId': async () => ({ clientId: '', accessToken: TEMP_TOKEN }),
    'returns a bad certificate': async () => ({ ...TEMPORARY, certificate: `{"seed":"${TEMP_TOKEN}"` }),
  };
  for (const [label, getCredentials] of Object.entries(agents)) {
    const queue = new tc.Queue({ rootUrl, credentials: { getCredentials }, retries: 0 });
    assertClean(`agent ${label}: request`, await settle(queue.ping()));
    assertClean(`agent ${label}: buildSignedUrlAsync`, await settle(queue.buildSignedUrlAsync('task', 'abc')));
  }
});

// Bad input next to credentials, and credentials passed in the wrong place (where
// an echo of the argument would print them).
test('bad input next to a secret never echoes it', async () => {
  const calls = {
    'hawkHeader, bad url': () => tc.hawkHeader({ method: 'GET', url: 'not a url', credentials: PERMANENT }),
    'hawkHeader, bad clientId': () => tc.hawkHeader({ method: 'GET', url: rootUrl, credentials: { clientId: 'a"b', accessToken: SECRET } }),
    'hawkHeader, token not a string': () => tc.hawkHeader({ method: 'GET', url: rootUrl, credentials: { clientId: 'a', accessToken: [SECRET] } }),
    'hawkHeader, bad ext': () => tc.hawkHeader({ method: 'GET', url: rootUrl, credentials: PERMANENT, ext: '"' }),
    'hawkHeader, bad certificate': () => tc.hawkHeader({ method: 'GET', url: rootUrl, credentials: { ...TEMPORARY, certificate: `{${TEMP_TOKEN}` } }),
    'signUrl, bad url': () => tc.signUrl({ url: 'ftp://example.com/', credentials: PERMANENT }),
    'bewit, bad expiration': () => tc.bewit({ url: rootUrl, credentials: TEMPORARY, expiration: NaN }),
    'temporary credentials from temporary ones': () => tc.createTemporaryCredentials({ ...TEMPORARY, scopes: [], expiry: Date.now() + 1000 }),
    'temporary credentials, bad scope': () => tc.createTemporaryCredentials({ ...PERMANENT, scopes: ['\n'], expiry: Date.now() + 1000 }),
    'temporary credentials, too long': () => tc.createTemporaryCredentials({ ...PERMANENT, scopes: [], expiry: Date.now() + 1e11 }),
    'client, bad clientId': () => new tc.Queue({ rootUrl, credentials: { clientId: 7, accessToken: SECRET } }),
    'client, bad rootUrl': () => new tc.Queue({ rootUrl: 5, credentials: PERMANENT }),
    'client, credentials in place of the options': () => new tc.Queue(PERMANENT),
    'client, bad authorizedScopes': () => new tc.Queue({ rootUrl, credentials: PERMANENT, authorizedScopes: ['a', 5] }),
    'credentials in place of the method name': () => new tc.Queue({ rootUrl, credentials: PERMANENT }).buildSignedUrl(PERMANENT),
    'route argument that holds a token object': () => new tc.Queue({ rootUrl, credentials: PERMANENT }).buildUrl('task', PERMANENT),
    'request() with a token as the name': () => new tc.Queue({ rootUrl, credentials: PERMANENT }).request(PERMANENT),
    'pages() with a token as the name': () => new tc.Queue({ rootUrl, credentials: PERMANENT }).pages(PERMANENT).next(),
    'clock offset with a bad header': () => tc.hawkClockOffset(5, PERMANENT),
  };
  for (const [label, call] of Object.entries(calls)) {
    let error;
    try { await call(); } catch (e) { error = e; }
    assert.ok(error, `${label}: expected an error`);
    assertClean(label, error);
  }
});

test('nothing printed to the console during these tests holds a secret', () => {
  for (const line of printed) assert.equal(findNeedle(line), undefined, `printed: ${line.slice(0, 300)}`);
});
