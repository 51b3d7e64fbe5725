// The top-level API against the official packages it replaces: taskcluster-client,
// taskcluster-client-web, taskcluster-lib-urls and taskcluster-lib-scopes. The same
// inputs must give the same results; where ours differs on purpose, the test says why.
import { test, before } from 'node:test';
import { createRequire } from 'node:module';
import assert from '../support/assert.mjs';
import tcDefault, * as tc from 'taskcluster-wasm';
import * as client from 'taskcluster-client';
import slugidLib from 'slugid';
import { loadClientWeb } from '../support/client-web.mjs';
import { makeRandom } from '../support/prng.mjs';

const require = createRequire(import.meta.url);
const libUrls = require('taskcluster-lib-urls');
const libScopes = require('taskcluster-lib-scopes');
const REF = new Date('2017-01-19T16:27:20.974Z');

let web;
before(async () => {
  web = await loadClientWeb();
});

// ---- fromNow, fromNowJSON, parseTime -------------------------------------------------------
test('fromNow()/fromNowJSON() without an offset mean now, with or without a base date', () => {
  for (const offset of [undefined, null, '']) {
    assert.equal(tc.fromNow(offset, REF).getTime(), client.fromNow(offset, REF).getTime(), `fromNow(${offset}, REF)`);
    assert.equal(tc.fromNowJSON(offset, REF), client.fromNowJSON(offset, REF), `fromNowJSON(${offset}, REF)`);
    assert.equal(tc.fromNowJSON(offset, REF), web.fromNowJSON(offset, REF), `client-web fromNowJSON(${offset}, REF)`);
  }
  const before = Date.now();
  const now = tc.fromNow().getTime();
  const json = Date.parse(tc.fromNowJSON());
  const after = Date.now();
  for (const t of [now, json]) assert.ok(t >= before && t <= after, `${t} within [${before}, ${after}]`);
  // `created: fromNowJSON()` in a task definition, as everybody writes it.
  assert.match(tc.fromNowJSON(), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
});

function offsets() {
  const fixed = ['', ' ', '-', '+', '1d', '-1d', '+ 2 h', '1y2mo3w4d5h6m7s', '-1 year 2 months', '  3 days  ',
    '2 YEARS 1 Sec', '1 yr 1 wk 1 hr 1 min 1 sec', '0s', '007 days'];
  const r = makeRandom(7);
  const units = [['y', 'yr', 'years'], ['mo', 'months'], ['w', 'wk'], ['d', 'day'], ['h', 'hours'], ['m', 'min'], ['s', 'sec']];
  const random = Array.from({ length: 300 }, () => {
    let s = r.pick(['', '-', '+', ' - ']);
    for (const spellings of units) if (r.bool(0.4)) s += `${r.pick(['', ' '])}${r.int(0, 999)}${r.pick(['', ' '])}${r.pick(spellings)}`;
    return s;
  });
  return [...fixed, ...random];
}

test('parseTime equals taskcluster-client-web\'s (except -0: ours gives 0 for unset fields of a negative offset)', () => {
  for (const offset of offsets()) {
    const ours = tc.parseTime(offset);
    // client-web multiplies unset fields by -1 and returns -0; `+ 0` turns -0 into 0.
    const theirs = Object.fromEntries(Object.entries(web.parseTime(offset)).map(([unit, n]) => [unit, n + 0]));
    assert.deepEqual(ours, theirs, `parseTime(${JSON.stringify(offset)})`);
    for (const value of Object.values(ours)) assert.ok(!Object.is(value, -0), `no -0 in parseTime(${JSON.stringify(offset)})`);
  }
  assert.deepEqual(tc.parseTime(), web.parseTime()); // no offset: all zero
  assert.deepStrictEqual(tc.parseTime('-2 days 3h'), { years: 0, months: 0, weeks: 0, days: -2, hours: -3, minutes: 0, seconds: 0 });
  for (const bad of ['2 dayz', '1 day 2 years', '1.5 days', 'day 1']) {
    assert.throws(() => web.parseTime(bad), Error, `oracle rejects ${bad}`);
    assert.throws(() => tc.parseTime(bad), (e) => e instanceof Error && e.message.startsWith('parseTime') && e.message.includes(bad));
  }
  assert.throws(() => tc.parseTime(42), (e) => e instanceof TypeError && /parseTime: offset must be a string/.test(e.message));
});

// ---- slugids ------------------------------------------------------------------------------
test('slugid(), nice() and v4() are v4 slug ids; slugid() and nice() never start with "-", like the official ones', () => {
  const decode = (id) => slugidLib.decode(id);
  for (let i = 0; i < 2000; i++) {
    for (const [name, make] of [['slugid', tc.slugid], ['nice', tc.nice], ['v4', tc.v4]]) {
      const id = make();
      assert.match(id, /^[A-Za-z0-9_-]{22}$/, name);
      assert.match(decode(id), /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, `${name}: ${id} is a v4 UUID`);
      // The official `slugid()` (both clients) is the nice form: first char [A-Za-f].
      if (name !== 'v4') assert.match(id, /^[A-Za-f]/, `${name}() = ${id}`);
    }
  }
  assert.match(web.slugid(), /^[A-Za-f]/); // the oracle's slugid() is nice too
  assert.equal(tc.slugid.nice, tc.nice);
  assert.equal(tc.slugid.v4, tc.v4);
});

// ---- taskcluster-lib-urls ------------------------------------------------------------------
const ROOTS = ['https://tc.example.com', 'https://tc.example.com/', 'https://tc.example.com///', 'http://127.0.0.1:8080',
  'https://firefox-ci-tc.services.mozilla.com'];
const CALLS = {
  api: [['queue', 'v1', 'task/abc'], ['queue', 'v1', '/task/abc'], ['auth', 'v1', '///ping']],
  apiReference: [['queue', 'v1']],
  exchangeReference: [['queue', 'v1']],
  schema: [['queue', 'v1/task.json'], ['queue', '/v1/task.json']],
  apiReferenceSchema: [['v1']],
  exchangesReferenceSchema: [['v1']],
  apiManifestSchema: [['v1']],
  metadataMetaschema: [[]],
  apiManifest: [[]],
  docs: [['reference'], ['/manual/using']],
  ui: [['tasks/abc'], ['/']],
};

test('urls, withRootUrl and Urls build what taskcluster-lib-urls builds', () => {
  assert.deepEqual(Object.keys(tc.urls).sort(), Object.keys(libUrls).sort(), 'the same surface');
  for (const root of ROOTS) {
    const ours = tc.withRootUrl(root);
    const theirs = libUrls.withRootUrl(root);
    assert.ok(ours instanceof tc.Urls && new tc.Urls(root) instanceof tc.urls.Urls);
    assert.equal(ours.rootUrl, theirs.rootUrl);
    for (const [name, argLists] of Object.entries(CALLS)) {
      for (const args of argLists) {
        const expected = libUrls[name](root, ...args);
        assert.equal(tc.urls[name](root, ...args), expected, `urls.${name}(${root}, ${args})`);
        assert.equal(ours[name](...args), theirs[name](...args), `withRootUrl(${root}).${name}(${args})`);
        assert.equal(new tc.Urls(root)[name](...args), expected, `new Urls(${root}).${name}(${args})`);
      }
    }
    assert.equal(tc.urls.normalizeRootUrl(root), libUrls.normalizeRootUrl(root));
  }
  assert.equal(tc.urls.testRootUrl(), libUrls.testRootUrl());
  assert.throws(() => tc.withRootUrl(undefined), (e) => e instanceof TypeError && /^withRootUrl: rootUrl must be a string/.test(e.message));
});

test('differs on purpose: the legacy rootUrl https://taskcluster.net keeps its per-service hosts (lib-urls 13 dropped them)', () => {
  // The 2018 API generation (taskcluster-wasm/legacy) still talks to those hosts.
  const legacy = tc.withRootUrl('https://taskcluster.net/');
  assert.equal(legacy.api('queue', 'v1', '/task/x'), 'https://queue.taskcluster.net/v1/task/x');
  assert.equal(legacy.schema('queue', 'v1/task.json'), 'https://schemas.taskcluster.net/queue/v1/task.json');
  assert.equal(libUrls.api('https://taskcluster.net', 'queue', 'v1', 'task/x'), 'https://taskcluster.net/api/queue/v1/task/x');
});

// ---- taskcluster-lib-scopes ----------------------------------------------------------------
function randomExpression(r, depth = 0) {
  const scope = () => r.pick(['a', 'b', 'a*', 'queue:x', 'queue:*', 'c:d', '']);
  if (depth > 2 || r.bool(0.4)) return scope();
  const list = Array.from({ length: r.int(0, 4) }, () => randomExpression(r, depth + 1));
  return r.bool() ? { AnyOf: list } : { AllOf: list };
}

test('the scopes object and simplifyScopeExpression\'s helpers match taskcluster-lib-scopes', () => {
  assert.deepEqual(Object.keys(tc.scopes).sort(), Object.keys(libScopes).sort(), 'the same surface');
  const helpers = ['isScope', 'isAnyOf', 'isAllOf', 'divideSubexpressions'];
  for (const helper of helpers) assert.equal(typeof tc.simplifyScopeExpression[helper], 'function', helper);
  assert.equal(tc.scopes.simplifyScopeExpression, tc.simplifyScopeExpression);
  const r = makeRandom(11);
  let oracleFailures = 0;
  for (let i = 0; i < 400; i++) {
    const expression = randomExpression(r);
    for (const helper of ['isScope', 'isAnyOf', 'isAllOf']) {
      assert.deepEqual(tc.simplifyScopeExpression[helper](expression), libScopes.simplifyScopeExpression[helper](expression), `${helper}`);
    }
    const list = expression.AnyOf ?? expression.AllOf ?? [expression];
    // Duplicates whose keys are in another order count once, as with lib-scopes' stable stringify.
    const withReordered = [...list, ...list.map((e) => (typeof e === 'object' ? JSON.parse(JSON.stringify(e)) : e))];
    assert.deepEqual(tc.simplifyScopeExpression.divideSubexpressions(withReordered),
      libScopes.simplifyScopeExpression.divideSubexpressions(withReordered), JSON.stringify(list));
    for (const name of ['satisfiesExpression', 'scopesSatisfying', 'removeGivenScopes']) {
      const scopes = r.many(['a', 'b*', 'queue:*', 'c:d', '*'], 0, 3);
      assert.deepEqual(tc.scopes[name](scopes, expression), libScopes[name](scopes, expression), `${name}(${scopes}, ${JSON.stringify(expression)})`);
    }
    const simplified = tc.simplifyScopeExpression(expression);
    assert.ok(tc.validExpression(simplified));
    let expected;
    try {
      expected = libScopes.simplifyScopeExpression(expression);
    } catch {
      expected = undefined;
    }
    // lib-scopes returns undefined or crashes when an AnyOf inside an AnyOf simplifies to a single
    // scope (a bug we do not copy); ours must then still mean the same as the original.
    if (expected === undefined) {
      oracleFailures += 1;
      for (const scopes of [[], ['a'], ['b'], ['a', 'b'], ['queue:x'], ['c:d'], ['*']]) {
        assert.equal(tc.satisfiesExpression(scopes, simplified), libScopes.satisfiesExpression(scopes, expression));
      }
      continue;
    }
    assert.deepEqual(simplified, expected, JSON.stringify(expression));
  }
  assert.ok(oracleFailures < 100, `lib-scopes failed on ${oracleFailures} of 400`);
  const crashing = { AnyOf: [{ AnyOf: ['a'] }, 'b'] };
  assert.throws(() => libScopes.simplifyScopeExpression(crashing), TypeError);
  assert.deepEqual(tc.simplifyScopeExpression(crashing), { AnyOf: ['a', 'b'] });
  assert.equal(libScopes.simplifyScopeExpression({ AnyOf: [{ AnyOf: ['a'] }] }), undefined);
  assert.equal(tc.simplifyScopeExpression({ AnyOf: [{ AnyOf: ['a'] }] }), 'a');
});

test('differs on purpose: validExpression returns false for an invalid expression (lib-scopes throws an AssertionError)', () => {
  assert.equal(tc.scopes.validExpression({ AnyOf: 'a' }), false);
  assert.throws(() => libScopes.validExpression({ AnyOf: 'a' }));
  assert.equal(tc.scopes.validExpression({ AnyOf: ['a'] }), libScopes.validExpression({ AnyOf: ['a'] }));
});

// ---- temporary credentials -----------------------------------------------------------------
test('createTemporaryCredentials without scopes means [], like taskcluster-client (signed without its trailing-newline bug)', () => {
  const issuer = { clientId: 'issuer', accessToken: 'issuer-token' };
  const start = new Date('2026-01-01T00:00:00Z');
  const expiry = new Date('2026-01-01T01:00:00Z');
  const seed = 'A'.repeat(44);
  const omitted = tc.createTemporaryCredentials({ ...issuer, start, expiry, seed });
  const empty = tc.createTemporaryCredentials({ ...issuer, start, expiry, seed, scopes: [] });
  assert.deepEqual(omitted, empty);
  const official = client.createTemporaryCredentials({ credentials: issuer, start, expiry });
  const ours = tc.createTemporaryCredentials({ credentials: issuer, start, expiry });
  const [o, t] = [JSON.parse(official.certificate), JSON.parse(ours.certificate)];
  assert.deepEqual(Object.keys(t).sort(), Object.keys(o).sort());
  assert.deepEqual(t.scopes, o.scopes);
  assert.deepEqual([t.start, t.expiry], [o.start, o.expiry]);
  assert.equal(ours.clientId, official.clientId);
});

// ---- environment ---------------------------------------------------------------------------
const VARIABLES = ['TASKCLUSTER_ROOT_URL', 'TASKCLUSTER_CLIENT_ID', 'TASKCLUSTER_ACCESS_TOKEN', 'TASKCLUSTER_CERTIFICATE'];
const VALUES = { TASKCLUSTER_ROOT_URL: 'https://tc.example.com', TASKCLUSTER_CLIENT_ID: 'me', TASKCLUSTER_ACCESS_TOKEN: 'secret-token', TASKCLUSTER_CERTIFICATE: '{"version":1}' };

function withEnvironment(env, fn) {
  const saved = Object.fromEntries([...VARIABLES, 'TASKCLUSTER_PROXY_URL'].map((name) => [name, process.env[name]]));
  try {
    for (const name of Object.keys(saved)) delete process.env[name];
    Object.assign(process.env, env);
    return fn();
  } finally {
    for (const [name, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

test('fromEnvVars equals taskcluster-client\'s for every combination of variables (process.env and an explicit env)', () => {
  for (let mask = 0; mask < 16; mask++) {
    const env = Object.fromEntries(VARIABLES.filter((_, i) => mask & (1 << i)).map((name) => [name, VALUES[name]]));
    withEnvironment({ ...env, TASKCLUSTER_PROXY_URL: 'http://taskcluster' }, () => {
      const expected = client.fromEnvVars();
      assert.deepEqual(tc.fromEnvVars(), expected, JSON.stringify(env));
      assert.deepEqual(tc.fromEnvVars(env), expected);
    });
  }
});

test('optionsFromEnvironment: whatever is set (a lone accessToken or clientId too); TASKCLUSTER_PROXY_URL as the rootUrl', () => {
  assert.deepEqual(tc.optionsFromEnvironment({ TASKCLUSTER_ACCESS_TOKEN: 'secret-token' }), { credentials: { accessToken: 'secret-token' } });
  assert.deepEqual(tc.optionsFromEnvironment({ TASKCLUSTER_CLIENT_ID: 'me' }), { credentials: { clientId: 'me' } });
  assert.deepEqual(tc.optionsFromEnvironment({ ...VALUES, TASKCLUSTER_ROOT_URL: '' }),
    { credentials: { clientId: 'me', accessToken: 'secret-token', certificate: '{"version":1}' } });
  // Inside a task, as taskcluster-client's README shows: the proxy is the rootUrl and signs for the task.
  assert.deepEqual(tc.optionsFromEnvironment({ ...VALUES, TASKCLUSTER_PROXY_URL: 'http://taskcluster' }), { rootUrl: 'http://taskcluster' });
  assert.deepEqual(withEnvironment({ TASKCLUSTER_PROXY_URL: 'http://taskcluster' }, () => tc.optionsFromEnvironment()), { rootUrl: 'http://taskcluster' });
  assert.deepEqual(tc.optionsFromEnvironment({}), {});
  for (const fn of ['optionsFromEnvironment', 'fromEnvVars']) {
    assert.throws(() => tc[fn](null), (e) => e instanceof TypeError && e.message.startsWith(`${fn}: env`));
  }
  const queue = new tc.Queue(tc.optionsFromEnvironment({ TASKCLUSTER_PROXY_URL: 'http://taskcluster' }));
  assert.equal(queue.buildUrl('task', 'abc'), 'http://taskcluster/api/queue/v1/task/abc');
});

// ---- default export and clients --------------------------------------------------------------
test('a default export and a clients map, as in taskcluster-client (ESM and CommonJS)', () => {
  const cjs = require('taskcluster-wasm');
  for (const [label, api] of [['ESM default', tcDefault], ['require()', cjs], ['require().default', cjs.default]]) {
    for (const name of Object.keys(tc).filter((n) => n !== 'default')) assert.equal(api[name], tc[name], `${label}.${name}`);
  }
  for (const name of Object.keys(client.clients)) {
    assert.equal(tc.clients[name], tc[name], `clients.${name}`);
    assert.equal(typeof tc.clients[name], 'function');
    assert.equal(tc.clients[name].name, name);
    // `new taskcluster.Queue(...)` through the default export, as taskcluster-client code does.
    assert.equal(typeof tcDefault[name], 'function', `default.${name}`);
  }
  assert.ok(Object.isFrozen(tc.clients));
  const queue = new tcDefault.Queue({ rootUrl: 'https://tc.example.com' });
  const officialQueue = new client.default.Queue({ rootUrl: 'https://tc.example.com' });
  assert.equal(queue.buildUrl('task', 'abc'), officialQueue.buildUrl(officialQueue.task, 'abc'));
});

test('every top-level name taskcluster-client and client-web export that this package covers exists here', () => {
  // The rest (upload, download, makeRequest, ...) is listed with its status in docs/migrating.md.
  const shared = ['clients', 'createClient', 'createTemporaryCredentials', 'credentialInformation', 'fromEnvVars', 'fromNow',
    'fromNowJSON', 'slugid', 'nice', 'v4', 'parseTime', 'Client'];
  for (const name of shared) assert.ok(name in tc, name);
  for (const name of Object.keys(web).filter((n) => /^[A-Z]/.test(n))) assert.equal(typeof tc[name], 'function', name);
});
