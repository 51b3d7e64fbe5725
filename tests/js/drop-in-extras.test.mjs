// The rest of the official surface, each against taskcluster-client (or client-web)
// as the oracle: makeRequest, agents and the `agent` option, falsy fromNow
// offsets, use() on exchange classes, and the legacy entries' default export and
// clients map. config() changes process-wide defaults: see drop-in-config.test.mjs.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { createRequire } from 'node:module';
import official from 'taskcluster-client';
import * as ours from 'taskcluster-wasm';
import { startEmulator } from '../../emulator/index.mjs';
import { listenOnLoopback } from '../support/listen.mjs';
import { loadClientWeb } from '../support/client-web.mjs';
import { startBrowserPage } from '../support/browser-harness.mjs';

const require = createRequire(import.meta.url);

let emu;
let echo;
before(async () => {
  emu = await startEmulator({ port: 0 });
  echo = await startEchoServer();
});
after(async () => {
  await emu?.close();
  await echo?.close();
  official.agents.http.destroy();
  official.agents.https.destroy();
});

/** A server that answers with what it received; `/status/<n>` answers n, `/slow` answers after 2 s. */
async function startEchoServer() {
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => { body += chunk; });
    req.on('end', () => {
      const status = Number(/^\/status\/(\d+)/.exec(req.url)?.[1] ?? 200);
      const answer = () => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ method: req.method, url: req.url, body, headers: req.headers, code: status >= 400 ? 'Echoed' : undefined, message: 'echoed' }));
      };
      if (req.url.startsWith('/slow')) setTimeout(answer, 2000).unref();
      else answer();
    });
  });
  const { url } = await listenOnLoopback(server);
  return { url, close: () => new Promise((resolve) => server.close(resolve)) };
}

test('every export of taskcluster-client (named and default) and of taskcluster-client-web exists here, of the same kind', async () => {
  const web = await loadClientWeb();
  const officialNames = new Set([...Object.keys(official), ...Object.keys(await import('taskcluster-client'))].filter((n) => n !== 'default'));
  for (const [label, names, source] of [['taskcluster-client', officialNames, official], ['client-web', new Set(Object.keys(web)), web]]) {
    for (const name of names) {
      assert.ok(name in ours, `${label}'s ${name} is exported here`);
      assert.equal(typeof ours[name], typeof source[name], `${label}'s ${name}: ${typeof source[name]}`);
    }
  }
  // The classes and clients map of both, by name.
  assert.deepEqual(Object.keys(official.clients).filter((name) => !(name in ours.clients)), []);
});

// ------------------------------------------------------------------ makeRequest

/** What a makeRequest answer or failure says, in the same terms for both packages. */
// The emulator signs a 303's content URL with the current second: two calls that straddle
// a second get different URLs, so the clock-derived parameters are compared by name only.
function withoutClockParams(body) {
  if (typeof body?.url !== 'string') return body;
  const url = new URL(body.url);
  for (const name of ['expires', 'signature']) if (url.searchParams.has(name)) url.searchParams.set(name, '');
  return { ...body, url: url.href };
}

async function outcome(makeRequest, client, ...args) {
  try {
    const { statusCode, body } = await makeRequest(client, ...args);
    return { statusCode, body: withoutClockParams(body) };
  } catch (error) {
    return { failed: true, statusCode: error.response?.statusCode, code: error.response?.body?.code ?? error.code };
  }
}

test('makeRequest: the same answers as taskcluster-client for a signed GET, a 404, a 303 and a refused scope', async () => {
  const { privateArtifact, decisionTaskId } = emu.state.demo;
  const options = { rootUrl: emu.rootUrl, credentials: emu.clients.limited };
  for (const [label, authorizedScopes] of [['full', undefined], ['restricted', ['queue:get-task:nothing']]]) {
    const theirs = new official.Queue({ ...options, authorizedScopes });
    const mine = new ours.Queue({ ...options, authorizedScopes });
    const calls = [
      ['get', theirs.buildUrl(theirs.task, decisionTaskId)],
      ['get', theirs.buildUrl(theirs.task, 'fN1SbArXTPSVFNUvaOlinQ')],
      ['get', theirs.buildUrl(theirs.getArtifact, privateArtifact.taskId, privateArtifact.runId, privateArtifact.name)],
      ['get', theirs.buildUrl(theirs.listTaskGroup, emu.state.demo.taskGroupId), undefined, { limit: 2 }],
    ];
    for (const args of calls) {
      const expected = await outcome(official.makeRequest, theirs, ...args);
      const actual = await outcome(ours.makeRequest, mine, ...args);
      assert.deepEqual(actual, expected, `${label}: ${args[1]}`);
    }
  }
  // The answers mean something: the task came back, the 303 carries the artifact's URL, the restriction bit.
  const mine = new ours.Queue(options);
  const task = await ours.makeRequest(mine, 'GET', mine.buildUrl(mine.task, decisionTaskId));
  assert.equal(task.statusCode, 200);
  assert.equal(task.body.metadata.name, (await mine.task(decisionTaskId)).metadata.name);
  assert.equal(task.headers['content-type'].split(';')[0], 'application/json');
  const redirect = await ours.makeRequest(mine, 'get', mine.buildUrl(mine.getArtifact, privateArtifact.taskId, privateArtifact.runId, privateArtifact.name));
  assert.equal(redirect.statusCode, 303);
  assert.equal(await (await fetch(redirect.body.url)).text(), privateArtifact.content);
  const restricted = new ours.Queue({ ...options, authorizedScopes: [] });
  await assert.rejects(ours.makeRequest(restricted, 'get', restricted.buildUrl(restricted.getArtifact, privateArtifact.taskId, privateArtifact.runId, privateArtifact.name)),
    (error) => error.statusCode === 403 && error.response.statusCode === 403 && error.code === 'InsufficientScopes');
});

test('makeRequest: the same request as taskcluster-client (method, URL with query, JSON body, trace id, Hawk id and ext)', async () => {
  const options = { rootUrl: emu.rootUrl, credentials: emu.clients.limited, authorizedScopes: ['a:b'], traceId: 'trace-1' };
  const received = [];
  for (const [makeRequest, Queue] of [[official.makeRequest, official.Queue], [ours.makeRequest, ours.Queue]]) {
    const client = new Queue(options);
    const { statusCode, body } = await makeRequest(client, 'post', `${echo.url}/some/path`, { answer: 42 }, { limit: 5, token: 'a b' });
    assert.equal(statusCode, 200);
    const authorization = body.headers.authorization;
    received.push({
      method: body.method, url: body.url, body: JSON.parse(body.body), trace: body.headers['x-taskcluster-trace-id'],
      type: body.headers['content-type'].split(';')[0],
      id: /id="([^"]+)"/.exec(authorization)[1], ext: JSON.parse(Buffer.from(/ext="([^"]+)"/.exec(authorization)[1], 'base64')),
    });
    assert.ok(!JSON.stringify(body).includes(emu.clients.limited.accessToken));
  }
  assert.deepEqual(received[1], received[0]);
  assert.deepEqual(received[0].ext, { authorizedScopes: ['a:b'] });
  // An agent's credentials are asked for per request; bad ones are an error naming makeRequest.
  const agent = { getCredentials: async () => emu.clients.limited };
  const viaAgent = await ours.makeRequest(new ours.Queue({ rootUrl: emu.rootUrl, credentialAgent: agent }), 'get', `${echo.url}/a`);
  assert.match(viaAgent.body.headers.authorization, /^Hawk id="demo\/limited"/);
  const badAgent = { getCredentials: async () => ({ clientId: 'a', accessToken: 'b', certificate: 'not JSON' }) };
  await assert.rejects(ours.makeRequest(new ours.Queue({ rootUrl: emu.rootUrl, credentialAgent: badAgent }), 'get', echo.url), /^Error: makeRequest: |^TypeError: makeRequest: /);
  // An anonymous client sends no Authorization header.
  const anonymous = await ours.makeRequest(new ours.Queue({ rootUrl: emu.rootUrl, credentials: {} }), 'get', `${echo.url}/x`);
  assert.equal(anonymous.body.headers.authorization, undefined);
});

test('makeRequest: errors as taskcluster-client reports them (status, body code), a timeout is ECONNABORTED, bad arguments are TypeErrors', async () => {
  const theirs = new official.Queue({ rootUrl: emu.rootUrl, timeout: 200 });
  const mine = new ours.Queue({ rootUrl: emu.rootUrl, timeout: 200 });
  for (const path of ['/status/500', '/status/409', '/slow']) {
    const expected = await outcome(official.makeRequest, theirs, 'get', `${echo.url}${path}`);
    const actual = await outcome(ours.makeRequest, mine, 'get', `${echo.url}${path}`);
    assert.deepEqual(actual, expected, path);
  }
  await assert.rejects(ours.makeRequest(mine, 'get', `${echo.url}/slow`), { code: 'ECONNABORTED' });
  await assert.rejects(ours.makeRequest({}, 'get', echo.url), /makeRequest: client must be a service client/);
  await assert.rejects(ours.makeRequest(mine, 42, echo.url), (e) => e instanceof TypeError && /makeRequest: method/.test(e.message));
  await assert.rejects(ours.makeRequest(mine, 'get', null), (e) => e instanceof TypeError && /makeRequest: url must be a string/.test(e.message));
  await assert.rejects(ours.makeRequest(mine, 'get', echo.url, undefined, 'limit=1'), (e) => e instanceof TypeError && /makeRequest: query/.test(e.message));
});

// ------------------------------------------------------------------ client-web's request

test("request (client-web's): the same answers and errors as taskcluster-client-web, signed or not, through 5xx retries", async () => {
  const web = await loadClientWeb();
  globalThis.window ??= globalThis; // client-web signs with window.btoa
  const { decisionTaskId } = emu.state.demo;
  const api = (path) => `${emu.rootUrl}/api${path}`;
  const calls = [
    [api(`/queue/v1/task/${decisionTaskId}`)],
    [api('/auth/v1/scopes/current'), { method: 'get', credentials: emu.clients.limited }],
    [api('/queue/v1/task/fN1SbArXTPSVFNUvaOlinQ')],
    [api('/secrets/v1/secret/nothing-here'), { method: 'GET', credentials: emu.clients.limited }],
    [api('/queue/v1/task/fN1SbArXTPSVFNUvaOlinQ'), { method: 'PUT', body: JSON.stringify({}), credentials: emu.clients.limited }],
    [`${echo.url}/status/409`, { retries: 0 }],
  ];
  const settle = (promise) => promise.then((value) => ({ value }), (error) => ({ message: error.message, status: error.response?.status, code: error.body?.code }));
  for (const args of calls) {
    const expected = await settle(web.request(...args));
    const actual = await settle(ours.request(...args));
    assert.deepEqual(actual, expected, `${args[0]} ${args[1]?.method ?? ''}`);
  }
  assert.equal((await ours.request(api(`/queue/v1/task/${decisionTaskId}`))).taskGroupId, emu.state.demo.taskGroupId);
  // Two 500s, then the answer: both retry (client-web's first retry waits 0 ms, ours about 100).
  for (const request of [web.request, ours.request]) {
    emu.faults.status500Count = 2;
    assert.equal((await request(api(`/queue/v1/task/${decisionTaskId}`), { delayFactor: 10 })).taskGroupId, emu.state.demo.taskGroupId);
    assert.equal(emu.faults.status500Count, 0);
  }
  // Fixed here: the timeout applies; unknown options are refused.
  await assert.rejects(ours.request(`${echo.url}/slow`, { timeout: 100, retries: 0 }), /timeout|aborted/i);
  await assert.rejects(ours.request(echo.url, { retires: 1 }), (e) => e instanceof TypeError && /request: unknown option "retires"/.test(e.message));
  await assert.rejects(ours.request(42), (e) => e instanceof TypeError && /request: url must be a string/.test(e.message));
  for (const [options, pattern] of [
    [{ credentials: null }, /^request: options\.credentials must be/], [{ timeout: Symbol('t') }, /^request: options\.timeout must be a number/],
    [{ method: 5 }, /^request: options\.method must be a string/], [{ extra: {} }, /^request: options\.extra must be a string/],
    [{ method: 'GET', credentials: { clientId: 'a' } }, /^request: credentials\.accessToken/],
  ]) {
    await assert.rejects(ours.request(echo.url, options), (e) => e instanceof TypeError && pattern.test(e.message), JSON.stringify(Object.keys(options)));
  }
  // Headers as a Headers object; a content type given in any case is not doubled.
  const echoed = await ours.request(`${echo.url}/h`, { method: 'POST', body: 'x', headers: new Headers({ 'content-type': 'text/plain', 'x-a': 'b' }) });
  assert.deepEqual([echoed.headers['content-type'], echoed.headers['x-a']], ['text/plain', 'b']);
});

// ------------------------------------------------------------------ agents

test('agents: the official export exists with destroy(); the agent option takes http.Agent options and refuses other types', () => {
  assert.deepEqual(Object.keys(ours.agents).sort(), Object.keys(official.agents).sort());
  for (const agent of Object.values(ours.agents)) agent.destroy(); // test teardown code calls this
  assert.ok(Object.isFrozen(ours.agents));
  assert.ok(new ours.Queue({ rootUrl: emu.rootUrl, agent: { keepAlive: true, maxSockets: 5 } }));
  assert.ok(new ours.Queue({ rootUrl: emu.rootUrl, agent: new http.Agent() }));
  for (const agent of ['keepAlive', 5, true]) {
    assert.throws(() => new ours.Queue({ rootUrl: emu.rootUrl, agent }), (e) => e instanceof TypeError && /options\.agent must be an object/.test(e.message));
  }
});

// ------------------------------------------------------------------ fromNow

test('fromNow and fromNowJSON: every falsy offset means now, as in both official clients; junk stays a TypeError', async () => {
  const web = await loadClientWeb();
  const reference = new Date('2026-01-02T03:04:05.678Z');
  for (const offset of [undefined, null, '', 0, -0, false, NaN, 0n]) {
    const label = `offset ${typeof offset} ${String(offset)}`;
    assert.equal(ours.fromNow(offset, reference).toJSON(), official.fromNow(offset, reference).toJSON(), label);
    assert.equal(ours.fromNowJSON(offset, reference), official.fromNowJSON(offset, reference), label);
    assert.equal(ours.fromNowJSON(offset, reference), web.fromNowJSON(offset, reference), label);
    assert.ok(Math.abs(ours.fromNow(offset).getTime() - Date.now()) < 1000, label);
  }
  assert.equal(ours.fromNowJSON('1 day', reference), official.fromNowJSON('1 day', reference));
  for (const junk of [{}, [], Symbol('s'), 5, true, () => {}]) {
    assert.throws(() => ours.fromNow(junk), (e) => e instanceof TypeError && /^fromNow: offset/.test(e.message), String(typeof junk));
    assert.throws(() => ours.fromNowJSON(junk), (e) => e instanceof TypeError && /^fromNowJSON: offset/.test(e.message), String(typeof junk));
  }
});

// ------------------------------------------------------------------ events use()

test('exchange classes: use() returns a new instance with merged options, as the official ones; nothing is shared', async () => {
  const web = await loadClientWeb();
  const rootUrl = 'https://tc.example.com';
  const pattern = { taskId: 'abc', runId: 1 };
  const theirs = new official.QueueEvents({ rootUrl });
  const mine = new ours.QueueEvents({ rootUrl });
  const used = mine.use({ rootUrl: 'https://other.example.com' });
  assert.ok(used instanceof ours.QueueEvents);
  assert.notEqual(used, mine);
  // The routing key references here carry no prose (no `summary`): compare where to bind.
  const binding = ({ exchange, routingKeyPattern }) => ({ exchange, routingKeyPattern });
  assert.deepEqual(binding(used.taskCompleted(pattern)), binding(theirs.taskCompleted(pattern)));
  assert.deepEqual(binding(mine.taskclusterPerRequestInstance({ traceId: 't' }).taskCompleted(pattern)), binding(theirs.taskCompleted(pattern)));
  // Differs on purpose: taskcluster-client's events use() hands its own exchangePrefix to a
  // constructor that refuses it, so it always throws.
  assert.throws(() => theirs.use({ rootUrl }), /exchangePrefix has been deprecated/);

  // client-web's events take exchangePrefix; use() changes it for the new instance only.
  const webEvents = new web.QueueEvents({ rootUrl });
  const prefix = 'exchange/other-queue/v1/';
  const moved = mine.use({ exchangePrefix: prefix });
  assert.deepEqual(binding(moved.taskCompleted(pattern)), binding(webEvents.use({ exchangePrefix: prefix }).taskCompleted(pattern)));
  assert.equal(moved.taskCompleted(pattern).exchange, `${prefix}task-completed`);
  assert.equal(mine.taskCompleted(pattern).exchange, 'exchange/taskcluster-queue/v1/task-completed');
  assert.equal(moved.use({}).taskCompleted(pattern).exchange, `${prefix}task-completed`);

  assert.throws(() => mine.use({ exchangePrefx: prefix }), (e) => e instanceof TypeError && /QueueEvents\.use\(options\): unknown option "exchangePrefx"; did you mean exchangePrefix\?/.test(e.message));
  assert.throws(() => mine.use(5), TypeError);
  assert.throws(() => ours.QueueEvents.prototype.use.call({}, {}), TypeError);
});

// ------------------------------------------------------------------ legacy entries

/** What an entry's exports look like, comparable across entries. */
function shape(entry) {
  const names = Object.keys(entry).filter((name) => name !== 'default').sort();
  return {
    names,
    defaultNames: Object.keys(entry.default).filter((name) => name !== 'default').sort(),
    defaultIsEntry: names.every((name) => entry.default[name] === entry[name]),
    clients: Object.keys(entry.clients).sort(),
    clientsAreClasses: Object.entries(entry.clients).every(([name, cls]) => entry[name] === cls),
  };
}

test('taskcluster-wasm/legacy in Node (require and import): the main surface with the 2018 classes, a default export and clients', async () => {
  const main = require('taskcluster-wasm');
  const legacyCjs = require('taskcluster-wasm/legacy');
  const legacyEsm = await import('taskcluster-wasm/legacy');
  const classes2018 = ['Auth', 'AuthEvents', 'AwsProvisioner', 'AwsProvisionerEvents', 'EC2Manager', 'Github', 'GithubEvents', 'Hooks',
    'Index', 'Login', 'Notify', 'Pulse', 'PurgeCache', 'PurgeCacheEvents', 'Queue', 'QueueEvents', 'Secrets', 'TreeherderEvents'];
  for (const [label, entry] of [['require', legacyCjs], ['import', legacyEsm]]) {
    const { names, defaultNames, defaultIsEntry, clients, clientsAreClasses } = shape(entry);
    assert.deepEqual(clients, classes2018, label);
    assert.ok(clientsAreClasses && defaultIsEntry, label);
    assert.deepEqual(defaultNames, names, label);
    // Every export of the main entry but today's classes, the same values.
    const surface = Object.keys(main).filter((name) => name !== 'default' && !(name in main.clients));
    assert.deepEqual(names, [...new Set([...surface, ...classes2018])].sort(), label);
    for (const name of surface.filter((n) => n !== 'clients')) assert.equal(entry[name], main[name], `${label}: ${name}`);
    assert.notEqual(entry.Queue, main.Queue, label);
    assert.equal(typeof new entry.Queue({ rootUrl: 'https://tc.example.com' }).claimWork, 'function', `${label}: the 2018 Queue`);
    assert.equal(entry.fromNowJSON(0, '2026-01-01T00:00:00.000Z'), '2026-01-01T00:00:00.000Z');
  }
  assert.equal(legacyEsm.default, legacyCjs);
});

test('taskcluster-wasm/legacy in Chromium (web/legacy.js and web/legacy-worker.js): the same shape as in Node', async () => {
  const expected = shape(require('taskcluster-wasm/legacy'));
  const harness = await startBrowserPage();
  try {
    for (const file of ['legacy.js', 'legacy-worker.js']) {
      // shape() itself runs in the page, where the entry's values are.
      const actual = await harness.page.evaluate(async ({ file, shapeSource }) => {
        const entry = await import(`/web/${file}`);
        await entry.ready;
        const queue = new entry.clients.Queue({ rootUrl: 'https://tc.example.com' });
        // eslint-disable-next-line no-eval
        return { ...(0, eval)(`(${shapeSource})`)(entry), claimWork: typeof queue.claimWork, url: queue.buildUrl(queue.task, 'abc') };
      }, { file, shapeSource: shape.toString() });
      const { claimWork, url, ...rest } = actual;
      assert.deepEqual(rest, expected, file);
      assert.equal(claimWork, 'function', file);
      assert.equal(url, 'https://tc.example.com/api/queue/v1/task/abc', file);
    }
    assert.deepEqual(harness.pageErrors, []);
  } finally {
    await harness.close();
  }
});
