// The browser build's top-level surface in headless Chromium: the default export
// and clients map, fromNowJSON() as now, parseTime, slug ids, withRootUrl, the
// lib-scopes helpers, optionsFromEnvironment without a process environment, and
// credentialInformation against the emulator (another origin).
import { after, before, test } from 'node:test';
import assert from '../support/assert.mjs';
import { credentialInformation } from 'taskcluster-wasm';
import { startBrowserPage } from '../support/browser-harness.mjs';
import { startEmulator } from '../../emulator/index.mjs';

let harness;
let emu;
before(async () => {
  [harness, emu] = await Promise.all([startBrowserPage(), startEmulator({ port: 0 })]);
});
after(async () => {
  await harness?.close();
  await emu?.close();
});

test('the web entry has a default export and a clients map beside the named exports', async () => {
  const result = await harness.inPage(`async (tc) => {
    const named = Object.keys(tc).filter((name) => name !== 'default');
    return {
      missingFromDefault: named.filter((name) => tc.default[name] !== tc[name]),
      clients: Object.keys(tc.clients),
      queueUrl: new tc.default.clients.Queue({ rootUrl: 'https://tc.example.com' }).buildUrl('task', 'abc'),
      frozen: Object.isFrozen(tc.default) && Object.isFrozen(tc.clients),
    };
  }`);
  assert.deepEqual(result.missingFromDefault, []);
  for (const name of ['Auth', 'Queue', 'QueueEvents', 'Index', 'Object', 'Secrets', 'WorkerManager']) assert.ok(result.clients.includes(name), name);
  assert.equal(result.queueUrl, 'https://tc.example.com/api/queue/v1/task/abc');
  assert.equal(result.frozen, true);
});

test('fromNowJSON(), parseTime, nice/v4, withRootUrl, scope helpers and optionsFromEnvironment work in a page', async () => {
  const before = Date.now();
  const r = await harness.inPage(`async (tc) => ({
    now: tc.fromNowJSON(),
    parsed: tc.parseTime('-1 day 2h'),
    nice: Array.from({ length: 200 }, () => tc.nice()),
    v4: tc.v4(),
    api: tc.withRootUrl('https://tc.example.com/').api('queue', 'v1', '/ping'),
    divided: tc.simplifyScopeExpression.divideSubexpressions(['b', 'a', { AnyOf: ['x'] }]),
    env: tc.optionsFromEnvironment(),
    fromEnvVars: tc.fromEnvVars({ TASKCLUSTER_ROOT_URL: 'https://tc.example.com' }),
  })`);
  const now = Date.parse(r.now);
  assert.ok(now >= before - 1000 && now <= Date.now() + 1000, r.now);
  assert.deepEqual(r.parsed, { years: 0, months: 0, weeks: 0, days: -1, hours: -2, minutes: 0, seconds: 0 });
  for (const id of r.nice) assert.match(id, /^[A-Za-f][A-Za-z0-9_-]{21}$/);
  assert.match(r.v4, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(r.api, 'https://tc.example.com/api/queue/v1/ping');
  assert.deepEqual(r.divided, { scopes: ['a', 'b'], anyOfs: [{ AnyOf: ['x'] }], allOfs: [] });
  assert.deepEqual(r.env, {}); // no process environment in a page
  assert.deepEqual(r.fromEnvVars, { rootUrl: 'https://tc.example.com' });
  assert.deepEqual(harness.pageErrors, []);
});

test('credentialInformation in a page gives what it gives in Node', async () => {
  const args = { rootUrl: emu.rootUrl, credentials: emu.clients.limited };
  const inPage = await harness.inPage(`async (tc, { rootUrl, credentials }) => {
    const info = await tc.credentialInformation(rootUrl, credentials);
    return { ...info, expiry: info.expiry.toJSON() };
  }`, args);
  const inNode = await credentialInformation(args.rootUrl, args.credentials);
  assert.deepEqual(inPage, { ...inNode, expiry: inNode.expiry.toJSON() });
  assert.equal(inPage.type, 'permanent');
  assert.deepEqual(harness.pageErrors, []);
});
