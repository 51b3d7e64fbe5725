// API requests of the generated classes (Node build) against a real Hawk-verifying
// server on 127.0.0.1 (tests/support/hawk-server.mjs, built on the `hawk` package):
// signing, route/query/payload encoding, temporary credentials, authorizedScopes,
// credentials agents, errors, retries, timeouts, dropped connections, clock-skew
// correction, pagination, signed URLs, createClient and optionsFromEnvironment.
//
// Faults are scripted per server with `onRequest` (before authentication) and
// `respond` (after it); `srv.requests` counts the attempts the client made.
// Run: node --test tests/js/requests.test.mjs
import { test, after } from 'node:test';
import assert from '../support/assert.mjs'; // node:assert/strict, counting assertions
import crypto from 'node:crypto';
import hawk from 'hawk';
import { createRequire } from 'node:module';
import * as tc from 'taskcluster-wasm';
import { startHawkServer } from '../support/hawk-server.mjs';
import { decodeExt, parseHawkHeader } from '../support/tc-crypto.mjs';

const { Queue, TaskclusterError, createClient, createTemporaryCredentials, optionsFromEnvironment, version } = tc;
const require = createRequire(import.meta.url);

const CLIENT_ID = 'tester/requests';
const ACCESS_TOKEN = 'requests-test-access-token-0123456789abcdef';
const CREDS = { clientId: CLIENT_ID, accessToken: ACCESS_TOKEN };
const SERVER_CREDENTIALS = { [CLIENT_ID]: { key: ACCESS_TOKEN, algorithm: 'sha256' } };

const servers = new Set();
after(async () => {
  await Promise.all([...servers].map((srv) => srv.close()));
});

/** A fresh hawk server knowing CREDS; closed in `after`. */
async function server(options = {}) {
  const srv = await startHawkServer({ credentials: SERVER_CREDENTIALS, requirePayloadHash: false, ...options });
  servers.add(srv);
  return srv;
}

/** A Queue on `srv`, fast retries. */
function queueOn(srv, options = {}) {
  return new Queue({ rootUrl: srv.url, credentials: CREDS, retries: 5, delayFactor: 1, ...options });
}

/** The rejection of `promise` (fails if it resolves). */
async function rejection(promise, what = 'the call') {
  try {
    const value = await promise;
    assert.fail(`${what} resolved with ${JSON.stringify(value)}`);
  } catch (err) {
    if (err instanceof assert.AssertionError) throw err;
    return err;
  }
}

/** Asserts `err` is a TaskclusterError with the given fields. */
function assertTcError(err, fields) {
  assert.ok(err instanceof TaskclusterError, `not a TaskclusterError: ${err?.stack ?? err}`);
  assert.ok(err instanceof Error);
  assert.equal(err.name, 'TaskclusterError');
  for (const [key, value] of Object.entries(fields)) assert.deepEqual(err[key], value, `err.${key} (${err.message})`);
}

const query = (srv, i) => new URL(srv.requests[i].url, 'http://x').searchParams;

// ---------------------------------------------------------------- the fault scripting itself

test('hawk-server fault scripting works with a plain fetch (so the counts below mean something)', async () => {
  const srv = await server({
    onRequest: (req, body, count) => [undefined, { status: 418, text: 'teapot', headers: { 'X-T': '1' } }, { drop: true },
      { delayMs: 50 }][count - 1],
    respond: (req, result) => (result.url === '/custom' ? { status: 201, json: { custom: true, id: result.id } } : undefined),
  });
  const unsigned = await fetch(`${srv.url}/a`, { headers: { 'User-Agent': 'probe' } });
  assert.equal(unsigned.status, 401, 'count 1: no script, authentication fails');
  const teapot = await fetch(`${srv.url}/b`);
  assert.deepEqual([teapot.status, await teapot.text(), teapot.headers.get('x-t'), teapot.headers.get('access-control-allow-origin')],
    [418, 'teapot', '1', '*']);
  await assert.rejects(fetch(`${srv.url}/c`), TypeError, 'count 3: dropped');
  const t0 = Date.now();
  const { header } = hawk.client.header(`${srv.url}/custom`, 'GET', { credentials: { id: CLIENT_ID, key: ACCESS_TOKEN, algorithm: 'sha256' } });
  const custom = await fetch(`${srv.url}/custom`, { headers: { Authorization: header } });
  assert.ok(Date.now() - t0 >= 45, 'count 4: delayed, then handled normally');
  assert.equal(custom.status, 201);
  assert.deepEqual(await custom.json(), { custom: true, id: CLIENT_ID }, 'respond() answered the authenticated request');
  assert.deepEqual(srv.requests.map((r) => [r.count, r.method, r.url]),
    [[1, 'GET', '/a'], [2, 'GET', '/b'], [3, 'GET', '/c'], [4, 'GET', '/custom']]);
  assert.equal(srv.requests[0].headers['user-agent'], 'probe');
  assert.equal(srv.requests[3].nonce, parseHawkHeader(header).nonce);
});

// ---------------------------------------------------------------- success paths

test('a signed GET is accepted; the result is the parsed JSON; route args are percent-encoded', async () => {
  const srv = await server();
  const queue = queueOn(srv);
  const result = await queue.task('a/b');
  assert.equal(result.ok, true, result.error);
  assert.equal(result.id, CLIENT_ID);
  assert.equal(result.method, 'GET');
  assert.equal(result.url, '/api/queue/v1/task/a%2Fb');
  assert.equal(result.ext, undefined, 'permanent credentials without authorizedScopes send no ext');
  assert.equal(srv.requests.length, 1);
  assert.equal(srv.requests[0].url, '/api/queue/v1/task/a%2Fb');
  const header = parseHawkHeader(srv.requests[0].headers.authorization);
  assert.equal(header.id, CLIENT_ID);
  assert.ok(Math.abs(Number(header.ts) - Date.now() / 1000) < 60, `ts ${header.ts}`);
  assert.equal(header.hash, undefined);

  const spaced = await queue.task('x y?#%');
  assert.equal(spaced.ok, true, spaced.error);
  assert.equal(srv.requests[1].url, '/api/queue/v1/task/x%20y%3F%23%25');
  const run = await queue.getArtifact('t', 0, 'public/logs/live.log');
  assert.equal(run.ok, true, run.error);
  assert.equal(srv.requests[2].url, '/api/queue/v1/task/t/runs/0/artifacts/public%2Flogs%2Flive.log');
});

test('query args are signed and sent; an unknown query key is a TypeError before any request', async () => {
  const srv = await server();
  const queue = queueOn(srv);
  const result = await queue.listTaskGroup('g', { limit: 5, continuationToken: 'a+b/c' });
  assert.equal(result.ok, true, result.error);
  assert.equal(srv.requests.length, 1);
  const q = query(srv, 0);
  assert.equal(q.get('limit'), '5');
  assert.equal(q.get('continuationToken'), 'a+b/c', `raw url ${srv.requests[0].url}`);
  assert.equal(new URL(srv.requests[0].url, 'http://x').pathname, '/api/queue/v1/task-group/g/list');

  const err = await rejection(queue.listTaskGroup('g', { limit: 5, bogus: 'x' }));
  assert.ok(err instanceof TypeError, String(err));
  assert.match(err.message, /listTaskGroup/);
  assert.match(err.message, /bogus/);
  assert.match(err.message, /continuationToken/);
  assert.match(err.message, /limit/);
  const noQuery = await rejection(queue.task('t', { limit: 1 }));
  assert.ok(noQuery instanceof TypeError, String(noQuery));
  assert.equal(srv.requests.length, 1, 'no request for rejected queries');
});

test('a payload is sent as JSON with content-type application/json and accepted', async () => {
  const srv = await server();
  const queue = queueOn(srv);
  const payload = { a: 1, nested: { list: [1, 'two', null], text: 'héllo "wörld"' } };
  const result = await queue.createTask('t', payload);
  assert.equal(result.ok, true, result.error);
  assert.equal(result.method, 'PUT');
  assert.equal(result.url, '/api/queue/v1/task/t');
  assert.deepEqual(JSON.parse(result.payload), payload);
  assert.match(srv.requests[0].headers['content-type'], /^application\/json/);
  // A GET carries no body and no content-type.
  await queue.task('t');
  assert.equal(srv.requests[1].headers['content-type'], undefined);
  assert.equal(srv.requests[1].headers['content-length'] ?? '0', '0');
});

test('temporary credentials and authorizedScopes: accepted, the ext carries them', async () => {
  const srv = await server();
  const tmp = createTemporaryCredentials({ ...CREDS, scopes: ['queue:get-task:*', 'b:*'], expiry: new Date(Date.now() + 3600e3) });
  const cert = JSON.parse(tmp.certificate);

  const temporary = await queueOn(srv, { credentials: tmp }).task('t');
  assert.equal(temporary.ok, true, temporary.error);
  assert.equal(temporary.id, CLIENT_ID);
  assert.deepEqual(temporary.certificate, cert, 'the server verified this certificate');
  assert.deepEqual(decodeExt(temporary.ext), { certificate: cert });

  const restricted = await queueOn(srv, { authorizedScopes: ['queue:get-task:t'] }).task('t');
  assert.equal(restricted.ok, true, restricted.error);
  assert.deepEqual(decodeExt(restricted.ext), { authorizedScopes: ['queue:get-task:t'] });
  assert.equal(restricted.certificate, undefined);

  const both = await queueOn(srv, { credentials: tmp, authorizedScopes: ['b:x'] }).createTask('t', { x: 1 });
  assert.equal(both.ok, true, both.error);
  assert.deepEqual(decodeExt(both.ext), { certificate: cert, authorizedScopes: ['b:x'] });

  // A tampered certificate is refused by the server (so "accepted" above means something).
  const forged = { ...tmp, certificate: JSON.stringify({ ...cert, scopes: ['*'] }) };
  const err = await rejection(queueOn(srv, { credentials: forged }).task('t'));
  assertTcError(err, { statusCode: 401, retries: 0 });
});

test('a credentials agent is asked once per request', async () => {
  const srv = await server();
  let calls = 0;
  const agent = { getCredentials: async () => { calls += 1; return CREDS; } };
  const queue = queueOn(srv, { credentials: agent });
  assert.equal((await queue.task('one')).ok, true);
  assert.equal(calls, 1);
  assert.equal((await queue.createTask('two', { a: 1 })).ok, true);
  assert.equal(calls, 2);
  assert.equal((await queue.listTaskGroup('three', { limit: 1 })).ok, true);
  assert.equal(calls, 3);
  assert.equal(srv.requests.length, 3);
  assert.ok(srv.requests.every((r) => parseHawkHeader(r.headers.authorization).id === CLIENT_ID));

  // An agent may answer synchronously, and may rotate credentials between requests.
  const other = { clientId: 'rotated', accessToken: 'rotated-token' };
  const rotating = [CREDS, other];
  const srv2 = await server({ credentials: { ...SERVER_CREDENTIALS, rotated: { key: other.accessToken, algorithm: 'sha256' } } });
  const q2 = queueOn(srv2, { credentials: { getCredentials: () => rotating.shift() } });
  assert.equal((await q2.task('a')).id, CLIENT_ID);
  assert.equal((await q2.task('b')).id, 'rotated');

  // A failing agent rejects the call without sending anything.
  const failing = queueOn(srv2, { credentials: { getCredentials: async () => { throw new Error('agent down'); } } });
  const err = await rejection(failing.task('c'));
  assert.ok(err instanceof Error);
  assert.match(err.message, /getCredentials/);
  assert.equal(srv2.requests.length, 2);
});

// ---------------------------------------------------------------- errors

test('401 (wrong accessToken): TaskclusterError, not retried, the accessToken appears nowhere', async () => {
  const srv = await server();
  const SECRET = 'WRONG-secret-token-7c1f9e2b5a';
  const queue = queueOn(srv, { credentials: { clientId: CLIENT_ID, accessToken: SECRET } });
  const err = await rejection(queue.task('t'));
  assertTcError(err, { statusCode: 401, retries: 0, method: 'GET', functionName: 'Queue.task' });
  assert.equal(err.url, `${srv.url}/api/queue/v1/task/t`);
  assert.equal(typeof err.code, 'string');
  assert.equal(srv.requests.length, 1);
  assert.equal(err.body?.ok, false, 'the body is the parsed JSON error');
  for (const [what, text] of [['message', err.message], ['stack', err.stack], ['String', String(err)],
    ['JSON', JSON.stringify(err)], ['body', JSON.stringify(err.body)], ['inspect', require('node:util').inspect(err)]]) {
    assert.equal(typeof text, 'string', what);
    assert.ok(!text.includes(SECRET), `${what} leaks the accessToken: ${text}`);
  }
  // The Authorization header the server received did not carry it either (only a MAC).
  assert.ok(!srv.requests[0].headers.authorization.includes(SECRET));
});

test('404 JSON error: code and message from the server, not retried', async () => {
  const srv = await server({
    respond: () => ({ status: 404, json: { code: 'ResourceNotFound', message: 'Task not found', requestInfo: {} } }),
  });
  const err = await rejection(queueOn(srv).task('missing'));
  assertTcError(err, { code: 'ResourceNotFound', statusCode: 404, retries: 0, functionName: 'Queue.task' });
  assert.match(err.message, /Task not found/);
  assert.equal(err.body.code, 'ResourceNotFound');
  assert.equal(srv.requests.length, 1);
});

test('500, 500, then 200: resolves after 3 attempts, each with a fresh nonce', async () => {
  const srv = await server({
    onRequest: (req, body, count) => (count <= 2 ? { status: 500, json: { code: 'InternalServerError', message: 'boom' } } : undefined),
  });
  const result = await queueOn(srv).task('t');
  assert.equal(result.ok, true, result.error);
  assert.equal(srv.requests.length, 3);
  const nonces = srv.requests.map((r) => r.nonce);
  assert.ok(nonces.every((n) => typeof n === 'string' && n.length > 0), JSON.stringify(nonces));
  assert.equal(new Set(nonces).size, 3, `nonces ${nonces}`);
  assert.ok(srv.requests.every((r) => r.url === '/api/queue/v1/task/t'));
});

test('5xx forever with retries: 2: rejects after exactly 3 requests with retries 2', async () => {
  const srv = await server({ onRequest: () => ({ status: 503, json: { code: 'ServiceUnavailable', message: 'try later' } }) });
  const err = await rejection(queueOn(srv, { retries: 2 }).task('t'));
  assertTcError(err, { statusCode: 503, retries: 2, code: 'ServiceUnavailable' });
  assert.equal(srv.requests.length, 3);

  const zero = await server({ onRequest: () => ({ status: 500, text: 'nope' }) });
  const err0 = await rejection(queueOn(zero, { retries: 0 }).task('t'));
  assertTcError(err0, { statusCode: 500, retries: 0, code: 'HTTP500', body: 'nope' });
  assert.equal(zero.requests.length, 1);
});

test('400, 403 and 409 are never retried', async () => {
  for (const status of [400, 403, 409]) {
    const srv = await server({ respond: () => ({ status, json: { code: `Code${status}`, message: `status ${status}` } }) });
    const err = await rejection(queueOn(srv).createTask('t', { a: 1 }), `status ${status}`);
    assertTcError(err, { statusCode: status, retries: 0, code: `Code${status}`, method: 'PUT' });
    assert.match(err.message, new RegExp(`status ${status}`));
    assert.equal(srv.requests.length, 1, `status ${status}`);
  }
});

test('a timed-out attempt is retried; always timing out rejects with RequestTimeout', async () => {
  const once = await server({ onRequest: (req, body, count) => (count === 1 ? { delayMs: 1500 } : undefined) });
  const started = Date.now();
  const result = await queueOn(once, { timeout: 200 }).task('t');
  assert.equal(result.ok, true, result.error);
  assert.equal(once.requests.length, 2);
  assert.ok(Date.now() - started < 1400, `took ${Date.now() - started} ms: the timeout did not abort`);

  const always = await server({ onRequest: () => ({ delayMs: 1500 }) });
  const t0 = Date.now();
  const err = await rejection(queueOn(always, { timeout: 200, retries: 1 }).task('t'));
  assertTcError(err, { code: 'RequestTimeout', retries: 1, statusCode: undefined, functionName: 'Queue.task' });
  assert.match(err.message, /200 ms/);
  assert.equal(always.requests.length, 2);
  assert.ok(Date.now() - t0 < 1400, `took ${Date.now() - t0} ms`);
});

test('concurrent attempts share deadlines without cutting short a later one: each call times out on its own timeout', async () => {
  const slow = await server({ onRequest: () => ({ delayMs: 700 }) });
  const started = Date.now();
  const settledAt = (promise) => promise.then(() => Date.now() - started, (err) => ({ err, ms: Date.now() - started }));
  const [short, alsoShort, patient] = await Promise.all([
    settledAt(queueOn(slow, { timeout: 150, retries: 0 }).task('a')),
    settledAt(queueOn(slow, { timeout: 150, retries: 0 }).task('b')),
    settledAt(queueOn(slow, { timeout: 5000, retries: 0 }).task('c')),
  ]);
  for (const { err, ms } of [short, alsoShort]) {
    assertTcError(err, { code: 'RequestTimeout', retries: 0 });
    assert.ok(ms < 650, `a 150 ms timeout took ${ms} ms`);
  }
  assert.equal(typeof patient, 'number', `the 5 s call failed: ${patient?.err?.message}`);
  assert.ok(patient >= 650, `answered after ${patient} ms`);
});

test('a timeout beyond what timers hold (2^31 ms and more) never fires early', async () => {
  const slow = await server({ onRequest: () => ({ delayMs: 100 }) });
  const result = await queueOn(slow, { timeout: 2 ** 31, retries: 0 }).task('t');
  assert.equal(result.ok, true, result.error);
});

test('a dropped connection is retried; always dropped rejects with NetworkError', async () => {
  const once = await server({ onRequest: (req, body, count) => (count === 1 ? { drop: true } : undefined) });
  const result = await queueOn(once).task('t');
  assert.equal(result.ok, true, result.error);
  assert.equal(once.requests.length, 2);

  const always = await server({ onRequest: () => ({ drop: true }) });
  const err = await rejection(queueOn(always, { retries: 2 }).task('t'));
  assertTcError(err, { code: 'NetworkError', retries: 2, statusCode: undefined });
  assert.equal(always.requests.length, 3);
});

test('an HTML 502 page after the retries: TaskclusterError with statusCode 502 and the HTML body', async () => {
  const html = '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
  const srv = await server({ onRequest: () => ({ status: 502, text: html, contentType: 'text/html; charset=utf-8' }) });
  const err = await rejection(queueOn(srv, { retries: 1 }).task('t'));
  assert.ok(!(err instanceof TypeError), `a TypeError: ${err}`);
  assertTcError(err, { statusCode: 502, retries: 1, body: html, code: 'HTTP502' });
  assert.match(err.message, /502/);
  assert.equal(srv.requests.length, 2);
});

// ---------------------------------------------------------------- clock skew

test('stale timestamp: one authentic challenge corrects the clock and the call is re-signed at once', async () => {
  const srv = await server({ localtimeOffsetMsec: 3600e3 });
  const queue = queueOn(srv, { retries: 0 });
  assert.equal(queue.clockOffset, 0);
  const result = await queue.task('t');
  assert.equal(result.ok, true, result.error);
  assert.equal(srv.requests.length, 2, 'one challenge, one re-signed request');
  assert.ok(Math.abs(queue.clockOffset - 3600e3) < 60e3, `clockOffset ${queue.clockOffset}`);
  const ts = srv.requests.map((r) => Number(parseHawkHeader(r.headers.authorization).ts));
  assert.ok(Math.abs(ts[1] - ts[0] - 3600) < 60, `ts ${ts}`);
  assert.notEqual(srv.requests[0].nonce, srv.requests[1].nonce);

  // The offset is kept: the next call needs one request; so do signed URLs.
  const second = await queue.createTask('t2', { a: 1 });
  assert.equal(second.ok, true, second.error);
  assert.equal(srv.requests.length, 3);
  const signed = await fetch(queue.buildSignedUrl('task', 't3'));
  assert.equal(signed.status, 200, 'the bewit expiry uses the corrected clock');

  // Another client starts uncorrected.
  assert.equal(queueOn(srv).clockOffset, 0);
});

test('a forged stale-timestamp challenge is not followed', async () => {
  const srv = await server({
    onRequest: () => ({
      status: 401,
      json: { ok: false, error: 'Stale timestamp' },
      headers: { 'WWW-Authenticate': `Hawk ts="${Math.floor(Date.now() / 1000) + 3600}", tsm="Zm9yZ2VkLXRzbS12YWx1ZQ==", error="Stale timestamp"` },
    }),
  });
  const queue = queueOn(srv);
  const err = await rejection(queue.task('t'));
  assertTcError(err, { statusCode: 401, retries: 0 });
  assert.equal(srv.requests.length, 1);
  assert.equal(queue.clockOffset, 0);
});

// ---------------------------------------------------------------- headers

test('Node requests carry User-Agent taskcluster-wasm/<version>', async () => {
  const srv = await server();
  const pkg = require('taskcluster-wasm/package.json');
  assert.equal(version, pkg.version);
  await queueOn(srv).task('t');
  await queueOn(srv).createTask('t', {});
  assert.equal(srv.requests.length, 2);
  for (const r of srv.requests) assert.equal(r.headers['user-agent'], `taskcluster-wasm/${version}`);
});

// ---------------------------------------------------------------- pagination

function paginatedServer() {
  const TASKS = Array.from({ length: 10 }, (_, i) => ({ status: { taskId: `task${i}` } }));
  const tokens = ['', 'tok/1+a', 'tok/2+b', 'tok/3+c'];
  return server({
    respond: (req, result) => {
      if (!result.url.startsWith('/api/queue/v1/task-group/g/list')) return undefined; // the default answer
      const q = new URL(result.url, 'http://x').searchParams;
      const page = tokens.indexOf(q.get('continuationToken') ?? '');
      if (page < 0) return { status: 400, json: { code: 'InputError', message: `bad token ${q.get('continuationToken')}` } };
      const tasks = TASKS.slice(page * 3, page * 3 + 3);
      const body = { taskGroupId: 'g', tasks };
      if (page + 1 < tokens.length) body.continuationToken = tokens[page + 1];
      return { status: 200, json: body };
    },
  }).then((srv) => ({ srv, TASKS, tokens }));
}

test('pagination: paginate yields every item, pages yields every page, request calls paginationHandler per page', async () => {
  const { srv, TASKS, tokens } = await paginatedServer();
  const queue = queueOn(srv);

  const items = [];
  for await (const t of queue.paginate('listTaskGroup', 'g')) {
    items.push(t);
    assert.ok(items.length <= 10, 'bounded');
  }
  assert.deepEqual(items, TASKS);
  assert.equal(srv.requests.length, 4);
  assert.deepEqual(srv.requests.map((r, i) => new URL(r.url, 'http://x').searchParams.get('continuationToken')),
    [null, ...tokens.slice(1)]);

  const pages = [];
  for await (const page of queue.pages('listTaskGroup', 'g', { limit: 3 })) {
    pages.push(page);
    assert.ok(pages.length <= 4, 'bounded');
  }
  assert.equal(pages.length, 4);
  assert.deepEqual(pages.map((p) => p.tasks.length), [3, 3, 3, 1]);
  assert.equal(pages[3].continuationToken, undefined);
  for (let i = 4; i < 8; i++) assert.equal(query(srv, i).get('limit'), '3');

  const handled = [];
  const returned = await queue.request('listTaskGroup', { params: { taskGroupId: 'g' }, paginationHandler: (p) => { handled.push(p); } });
  assert.equal(returned, undefined);
  assert.equal(handled.length, 4);
  assert.deepEqual(handled.flatMap((p) => p.tasks), TASKS);
  assert.equal(srv.requests.length, 12);
  // Every page request was signed and accepted (no 4xx was answered).
  for (const r of srv.requests) assert.equal(parseHawkHeader(r.headers.authorization).id, CLIENT_ID);

  // request() without a handler is one call; unknown params are a TypeError.
  const single = await queue.request('listTaskGroup', { params: { taskGroupId: 'g' }, query: { limit: 3 } });
  assert.equal(single.tasks.length, 3);
  const created = await queue.request('createTask', { params: { taskId: 'x/y' }, payload: { p: 1 } });
  assert.equal(created.method, 'PUT');
  assert.deepEqual(JSON.parse(created.payload), { p: 1 });
  assert.equal(srv.requests.at(-1).url, '/api/queue/v1/task/x%2Fy');
  const err = await rejection(queue.request('task', { params: { taskID: 'x' } }));
  assert.ok(err instanceof TypeError);
  assert.match(err.message, /taskID/);
});

// ---------------------------------------------------------------- URLs

/** Decodes the bewit of a signed URL: {id, exp, mac, ext}. */
function bewitOf(url) {
  const bewit = new URL(url).searchParams.get('bewit');
  const [id, exp, mac, ext] = Buffer.from(bewit, 'base64url').toString('utf8').split('\\');
  return { id, exp: Number(exp), mac, ext };
}

test('buildUrl and buildSignedUrl: signed URLs are accepted by the bewit check', async () => {
  const srv = await server();
  const queue = queueOn(srv);
  assert.equal(queue.buildUrl('task', 'a/b'), `${srv.url}/api/queue/v1/task/a%2Fb`);
  assert.equal(queue.buildUrl('listTaskGroup', 'g', { limit: 2 }), `${srv.url}/api/queue/v1/task-group/g/list?limit=2`);

  const fetchJson = async (url) => {
    const res = await fetch(url);
    return { status: res.status, body: await res.json() };
  };
  const now = Date.now() / 1000;

  const permanent = queue.buildSignedUrl('getArtifact', 't', 0, 'public/x.txt');
  assert.ok(Math.abs(bewitOf(permanent).exp - now - 900) < 30, 'default expiration 900 s');
  const r1 = await fetchJson(permanent);
  assert.equal(r1.status, 200, r1.body.error);
  assert.equal(r1.body.id, CLIENT_ID);
  assert.equal(r1.body.url.split('?')[0], '/api/queue/v1/task/t/runs/0/artifacts/public%2Fx.txt');

  const withQuery = queue.buildSignedUrl('listTaskGroup', 'g', { limit: 2, continuationToken: 'a+b' });
  const r2 = await fetchJson(withQuery);
  assert.equal(r2.status, 200, r2.body.error);
  assert.equal(new URL(withQuery).searchParams.get('continuationToken'), 'a+b');

  const tmp = createTemporaryCredentials({ ...CREDS, scopes: ['queue:get-artifact:*'], expiry: new Date(Date.now() + 3600e3) });
  const r3 = await fetchJson(queueOn(srv, { credentials: tmp }).buildSignedUrl('task', 't'));
  assert.equal(r3.status, 200, r3.body.error);
  assert.deepEqual(r3.body.certificate, JSON.parse(tmp.certificate));

  const scoped = queueOn(srv, { authorizedScopes: ['queue:get-task:t'] }).buildSignedUrl('task', 't');
  const r4 = await fetchJson(scoped);
  assert.equal(r4.status, 200, r4.body.error);
  assert.deepEqual(decodeExt(r4.body.ext), { authorizedScopes: ['queue:get-task:t'] });

  const short = queue.buildSignedUrl('task', 't', { expiration: 60 });
  assert.ok(Math.abs(bewitOf(short).exp - now - 60) < 30, `exp ${bewitOf(short).exp} vs now ${now}`);
  const r5 = await fetchJson(short);
  assert.equal(r5.status, 200, r5.body.error);

  // Tampering with the signed URL is refused (so the 200s above mean something).
  const r6 = await fetchJson(short.replace('/task/t?', '/task/u?'));
  assert.equal(r6.status, 401);
  // A wrong key is refused.
  const wrong = queueOn(srv, { credentials: { clientId: CLIENT_ID, accessToken: 'nope' } }).buildSignedUrl('task', 't');
  assert.equal((await fetchJson(wrong)).status, 401);

  // Not for non-GET methods; not synchronously with an agent.
  assert.throws(() => queue.buildSignedUrl('createTask', 't'), (e) => e instanceof TypeError && /GET/.test(e.message));
  const agentQueue = queueOn(srv, { credentials: { getCredentials: async () => CREDS } });
  assert.throws(() => agentQueue.buildSignedUrl('task', 't'), (e) => e instanceof TypeError && /buildSignedUrlAsync/.test(e.message));
  const asyncUrl = await agentQueue.buildSignedUrlAsync('task', 't', { expiration: 120 });
  assert.ok(Math.abs(bewitOf(asyncUrl).exp - now - 120) < 30);
  const r7 = await fetchJson(asyncUrl);
  assert.equal(r7.status, 200, r7.body.error);
  assert.equal(r7.body.id, CLIENT_ID);
  assert.equal(srv.requests.length, 8, 'only the 8 fetches above reached the server');
});

// ---------------------------------------------------------------- argument errors

test('wrong argument counts and non-string route args reject with a TypeError naming the method; nothing is sent', async () => {
  const srv = await server();
  const queue = queueOn(srv);
  const bad = [
    ['Queue.task', () => queue.task()],
    ['Queue.task', () => queue.task('a', 'b', 'c')],
    ['Queue.task', () => queue.task({})],
    ['Queue.task', () => queue.task(null)],
    ['Queue.task', () => queue.task(['a'])],
    ['Queue.createTask', () => queue.createTask('t')],
    ['Queue.createTask', () => queue.createTask('t', 'not an object')],
    ['Queue.createTask', () => queue.createTask({}, { a: 1 })],
    ['Queue.listTaskGroup', () => queue.listTaskGroup()],
    ['Queue.listTaskGroup', () => queue.listTaskGroup('g', { limit: 1 }, 'extra')],
    ['Queue.getArtifact', () => queue.getArtifact('t', 0)],
  ];
  for (const [name, call] of bad) {
    const err = await rejection(call(), name);
    assert.ok(err instanceof TypeError, `${name}: ${err}`);
    assert.ok(err.message.includes(name), `${name} not in ${err.message}`);
  }
  assert.equal(srv.requests.length, 0);

  for (const options of [{}, { credentials: CREDS }, { rootUrl: '' }, { rootUrl: undefined }]) {
    assert.throws(() => new Queue(options), (e) => e instanceof TypeError && /rootUrl/.test(e.message), JSON.stringify(options));
  }
  assert.throws(() => new Queue(), (e) => e instanceof TypeError && /rootUrl/.test(e.message));
});

// Argument errors of API calls and of buildUrl carry the method prefix once
// (a regression test: it once appeared twice).
test('argument errors name the method once', async () => {
  const queue = new Queue({ rootUrl: 'http://127.0.0.1:9', credentials: CREDS, retries: 0 });
  const errors = [
    await rejection(queue.task()),
    await rejection(queue.task({})),
    await rejection(queue.listTaskGroup('g', { bogus: 1 })),
    (() => { try { queue.buildUrl('task'); } catch (e) { return e; } return undefined; })(),
  ];
  for (const err of errors) {
    assert.ok(err instanceof TypeError, String(err));
    const name = /^(Queue\.\w+): /.exec(err.message)?.[1];
    assert.ok(name, err.message);
    assert.equal(err.message.split(`${name}: `).length - 1, 1, `prefix repeated: ${err.message}`);
  }
});

// ---------------------------------------------------------------- options and createClient

test('optionsFromEnvironment builds working options', async () => {
  const srv = await server();
  const options = optionsFromEnvironment({
    TASKCLUSTER_ROOT_URL: srv.url, TASKCLUSTER_CLIENT_ID: CLIENT_ID, TASKCLUSTER_ACCESS_TOKEN: ACCESS_TOKEN,
  });
  assert.deepEqual(options, { rootUrl: srv.url, credentials: CREDS });
  const result = await new Queue(options).task('env');
  assert.equal(result.ok, true, result.error);
  assert.equal(result.id, CLIENT_ID);

  const tmp = createTemporaryCredentials({ ...CREDS, scopes: ['a'], expiry: new Date(Date.now() + 3600e3) });
  const tmpOptions = optionsFromEnvironment({
    TASKCLUSTER_ROOT_URL: srv.url, TASKCLUSTER_CLIENT_ID: tmp.clientId,
    TASKCLUSTER_ACCESS_TOKEN: tmp.accessToken, TASKCLUSTER_CERTIFICATE: tmp.certificate,
  });
  const r2 = await new Queue(tmpOptions).task('env');
  assert.equal(r2.ok, true, r2.error);
  assert.deepEqual(r2.certificate, JSON.parse(tmp.certificate));
  assert.deepEqual(optionsFromEnvironment({}), {});
});

test('createClient with a Taskcluster-format reference makes a working class', async () => {
  const srv = await server();
  const Fake = createClient({
    serviceName: 'fake', apiVersion: 'v1',
    entries: [{ type: 'function', name: 'hello', method: 'get', route: '/hello/<name>', args: ['name'], query: [], output: 'x.json' }],
  });
  assert.equal(Fake.name, 'Fake');
  const fake = new Fake({ rootUrl: srv.url, credentials: CREDS, retries: 0 });
  const result = await fake.hello('w');
  assert.equal(result.ok, true, result.error);
  assert.equal(result.url, '/api/fake/v1/hello/w');
  assert.equal(srv.requests.length, 1);
  assert.equal(fake.buildUrl('hello', 'a b'), `${srv.url}/api/fake/v1/hello/a%20b`);
  const err = await rejection(fake.hello());
  assert.ok(err instanceof TypeError);
  assert.match(err.message, /Fake\.hello/);
});

test('a replaced fetch that rejects with a non-Error, throws, or resolves to no Response fails the call with a NetworkError; nothing traps', async () => {
  const srv = await server();
  const realFetch = globalThis.fetch;
  const replacements = [
    [() => Promise.reject(ACCESS_TOKEN), /network error: fetch failed with string, not an Error/],
    [() => Promise.reject(null), /fetch failed with null, not an Error/],
    [() => { throw 42; }, /fetch failed with number, not an Error/],
    [() => Promise.resolve('not a response'), /fetch resolved to something that is not a Response/],
    [() => Promise.reject(new Error('offline', { cause: new Error('ECONNRESET') })), /network error: offline \(ECONNRESET\)/],
  ];
  try {
    for (const [replacement, expected] of replacements) {
      let calls = 0;
      globalThis.fetch = (...args) => {
        calls += 1;
        return replacement(...args);
      };
      const err = await rejection(queueOn(srv, { retries: 1 }).task('t'));
      assertTcError(err, { code: 'NetworkError', retries: 1, functionName: 'Queue.task' });
      assert.match(err.message, expected);
      assert.ok(!err.message.includes(ACCESS_TOKEN), 'the rejected value is not quoted');
      assert.equal(calls, 2, 'a network error is retried');
    }
  } finally {
    globalThis.fetch = realFetch;
  }
  const result = await queueOn(srv).task('t');
  assert.equal(result.ok, true, result.error);
  assert.equal(srv.requests.length, 1);
});

test('after all those errors the module still works', async () => {
  const srv = await server();
  const id = crypto.randomUUID();
  const result = await queueOn(srv).createTask(id, { final: true });
  assert.equal(result.ok, true, result.error);
  assert.equal(result.url, `/api/queue/v1/task/${id}`);
  assert.equal(typeof tc.slugid(), 'string');
  // The CommonJS entry makes accepted requests too.
  const cjs = require('taskcluster-wasm');
  const viaCjs = await new cjs.Queue({ rootUrl: srv.url, credentials: CREDS, retries: 0 }).task(id);
  assert.equal(viaCjs.ok, true, viaCjs.error);
  assert.equal(srv.requests.length, 2);
  assert.equal(srv.requests[1].headers['user-agent'], `taskcluster-wasm/${version}`);
});
