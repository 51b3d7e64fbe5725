// The generated service classes (scripts/gen-clients.mjs) in the built package:
// every function and every exchange of both API generations, checked against
// the manifests under apis/ with URLs computed here independently
// (taskcluster-lib-urls, and for https://taskcluster.net the legacy per-service
// hosts the contract keeps, as in urls.test.mjs).
//
//   taskcluster-wasm          the DEFAULT classes: current, plus 2018-only services and functions
//   taskcluster-wasm/legacy   the exact 2018 classes
//
// Nothing here reaches a network: URLs are only built, and the calls that must
// fail before sending anything use http://127.0.0.1:9 (nothing listens there).
// Run: node --test tests/js/generated-clients.test.mjs
import { test } from 'node:test';
import assert from '../support/assert.mjs'; // node:assert/strict, counting assertions
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import * as tc from 'taskcluster-wasm';
import * as legacyEntry from 'taskcluster-wasm/legacy';
import { legacy as legacyUrls, isLegacy } from '../support/legacy-urls.mjs';

const require = createRequire(import.meta.url);
const libUrls = require('taskcluster-lib-urls');
const APIS_DIR = fileURLToPath(new URL('../../apis/', import.meta.url));

const ROOT_URLS = ['https://tc.example.com', 'https://taskcluster.net'];
const OFFLINE_ROOT_URL = 'http://127.0.0.1:9';
const EXPECTED_TOTALS = {
  2018: { classes: 18, functions: 144, exchanges: 23 },
  current: { classes: 16, functions: 185, exchanges: 34 },
};
const ONLY_IN_2018 = ['AwsProvisioner', 'AwsProvisionerEvents', 'EC2Manager', 'Login', 'Pulse', 'PurgeCacheEvents', 'TreeherderEvents'];
// The first route argument exercises percent-encoding ('/' must become %2F).
const SAMPLE_ARGS = ['a/b c', 'word2', 'word3', 'word4', 'word5', 'word6'];
const QUERY_VALUE = 'value1';
const UNKNOWN_QUERY_KEY = 'notAQueryKey';

// ---------------------------------------------------------------- manifests and oracles

function loadGeneration(generation) {
  const dir = path.join(APIS_DIR, generation);
  return new Map(
    fs.readdirSync(dir)
      .filter((file) => file.endsWith('.json'))
      .sort()
      .map((file) => JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')))
      .map((manifest) => [manifest.name, manifest]),
  );
}

const MANIFESTS = { 2018: loadGeneration('2018'), current: loadGeneration('current') };
const ENTRIES = { 2018: legacyEntry, current: tc };

/** The default class's entries: current's, then those only in 2018 (current wins). */
function defaultEntries(name, list) {
  const now = MANIFESTS.current.get(name)?.[list] ?? [];
  const old = MANIFESTS[2018].get(name)?.[list] ?? [];
  const names = new Set(now.map((entry) => entry.name));
  return [...now, ...old.filter((entry) => !names.has(entry.name))];
}

const DEFAULT_NAMES = [...new Set([...MANIFESTS.current.keys(), ...MANIFESTS[2018].keys()])].sort();

const sampleArgs = (fn) => fn.args.map((_, i) => SAMPLE_ARGS[i]);

/** The URL of fn called with args, from the manifest and lib-urls only. */
function expectedUrl(rootUrl, manifest, fn, args, query) {
  let i = 0;
  const route = fn.route.replace(/<([^>]+)>/g, (_, name) => {
    assert.equal(name, fn.args[i], `${manifest.name}.${fn.name}: route parameter order`);
    return encodeURIComponent(args[i++]);
  });
  assert.equal(i, args.length, `${manifest.name}.${fn.name}: every argument is in the route`);
  const api = isLegacy(rootUrl) ? legacyUrls.api : libUrls.api;
  const url = api(rootUrl, manifest.serviceName, manifest.apiVersion, route);
  return query ? `${url}?${new URLSearchParams(query)}` : url;
}

/** The routing key pattern for the given values, as taskcluster-client builds it. */
function expectedPattern(exchange, values) {
  return exchange.routingKey
    .map((key) => {
      if ('constant' in key) return key.constant;
      if (key.name in values) return String(values[key.name]);
      return key.multipleWords ? '#' : '*';
    })
    .join('.');
}

const namesError = (fnName) => (err) => {
  assert.ok(err instanceof TypeError, `${fnName}: expected a TypeError, got ${err?.name}: ${err?.message}`);
  assert.ok(err.message.includes(fnName), `${fnName}: the error names the method: ${err.message}`);
  return true;
};

const listsKeys = (fn) => (err) => {
  assert.ok(err instanceof Error, `${fn.name}: expected an Error, got ${err}`);
  for (const key of fn.query) {
    assert.ok(err.message.includes(key), `${fn.name}: the error lists the query key ${key}: ${err.message}`);
  }
  return true;
};

// ---------------------------------------------------------------- checks

const covered = { functions: 0, exchanges: 0 };

/** Every property of one function of a service class (URLs, method, argument errors). */
async function checkFunction(Class, manifest, fn, where) {
  const clients = ROOT_URLS.map((rootUrl) => [rootUrl, new Class({ rootUrl })]);
  const label = `${where}.${fn.name}`;
  const args = sampleArgs(fn);
  for (const [rootUrl, client] of clients) {
    assert.equal(typeof client[fn.name], 'function', `${label} is a method`);
    assert.equal(client.buildUrl(fn.name, ...args), expectedUrl(rootUrl, manifest, fn, args), `${label} buildUrl at ${rootUrl}`);
    for (const key of fn.query) {
      const query = { [key]: QUERY_VALUE };
      assert.equal(
        client.buildUrl(fn.name, ...args, query),
        expectedUrl(rootUrl, manifest, fn, args, query),
        `${label} buildUrl with query ${key} at ${rootUrl}`,
      );
    }
  }

  // Misuse: errors before anything is sent.
  const [, client] = clients[0];
  const tooManyForUrl = [...args, ...(fn.query.length ? [{}] : []), 'extra'];
  assert.throws(() => client.buildUrl(fn.name, ...tooManyForUrl), namesError(fn.name), `${label} buildUrl: too many arguments`);
  if (args.length) assert.throws(() => client.buildUrl(fn.name, ...args.slice(1)), namesError(fn.name), `${label} buildUrl: too few arguments`);

  const offline = new Class({ rootUrl: OFFLINE_ROOT_URL });
  const payload = fn.input ? [{}] : [];
  const required = [...args, ...payload];
  const tooMany = [...required, ...(fn.query.length ? [{}] : []), 'extra'];
  await assert.rejects(async () => offline[fn.name](...tooMany), namesError(fn.name), `${label}: too many arguments`);
  if (required.length) {
    await assert.rejects(async () => offline[fn.name](...required.slice(0, -1)), namesError(fn.name), `${label}: too few arguments`);
  }
  if (fn.query.length) {
    const bad = { [UNKNOWN_QUERY_KEY]: QUERY_VALUE };
    assert.throws(() => client.buildUrl(fn.name, ...args, bad), listsKeys(fn), `${label} buildUrl: unknown query key`);
    await assert.rejects(async () => offline[fn.name](...required, bad), listsKeys(fn), `${label}: unknown query key`);
  }
}

/** Every property of one exchange of an exchange class. */
function checkExchange(Class, manifest, exchange, where) {
  const label = `${where}.${exchange.name}`;
  const events = new Class({ rootUrl: ROOT_URLS[0] });
  assert.equal(typeof events[exchange.name], 'function', `${label} is a method`);

  const check = (binding, values, what) => {
    assert.deepEqual(Object.keys(binding).sort(), ['exchange', 'routingKeyPattern', 'routingKeyReference'], `${label} ${what}: keys`);
    assert.equal(binding.exchange, manifest.exchangePrefix + exchange.exchange, `${label} ${what}: exchange`);
    assert.equal(binding.routingKeyPattern, expectedPattern(exchange, values), `${label} ${what}: routingKeyPattern`);
    const reference = binding.routingKeyReference;
    assert.ok(Array.isArray(reference), `${label} ${what}: routingKeyReference is an array`);
    assert.equal(reference.length, exchange.routingKey.length, `${label} ${what}: routingKeyReference length`);
    exchange.routingKey.forEach((key, i) => {
      for (const field of ['name', 'constant', 'required', 'multipleWords']) {
        assert.equal(reference[i][field], key[field], `${label} ${what}: routingKeyReference[${i}].${field}`);
      }
    });
  };

  check(events[exchange.name]({}), {}, '{}');
  check(events[exchange.name](), {}, 'no pattern');

  const open = exchange.routingKey.filter((key) => !('constant' in key));
  const all = Object.fromEntries(open.map((key, i) => [key.name, `x${i + 1}`]));
  check(events[exchange.name](all), all, 'every entry given');

  const singles = open.filter((key) => !key.multipleWords);
  if (singles.length) {
    const numeric = { [singles[0].name]: 7 };
    check(events[exchange.name](numeric), numeric, 'a number');
    for (const key of singles) {
      assert.throws(() => events[exchange.name]({ [key.name]: 'a.b' }), Error, `${label}: '.' in single-word ${key.name}`);
    }
  }
  for (const key of open.filter((k) => k.multipleWords)) {
    const dotted = { [key.name]: 'a.b.c' };
    check(events[exchange.name](dotted), dotted, `multiple words in ${key.name}`);
  }

  const whole = events[exchange.name]('some.routing.#');
  assert.equal(whole.routingKeyPattern, 'some.routing.#', `${label}: a string pattern is kept`);
  assert.equal(whole.exchange, manifest.exchangePrefix + exchange.exchange, `${label}: a string pattern's exchange`);
}

// ---------------------------------------------------------------- the entries

test('the manifests hold the expected totals', () => {
  for (const [generation, expected] of Object.entries(EXPECTED_TOTALS)) {
    const manifests = [...MANIFESTS[generation].values()];
    assert.deepEqual(
      {
        classes: manifests.length,
        functions: manifests.reduce((n, m) => n + (m.functions?.length ?? 0), 0),
        exchanges: manifests.reduce((n, m) => n + (m.exchanges?.length ?? 0), 0),
      },
      expected,
      generation,
    );
  }
  assert.deepEqual(DEFAULT_NAMES.filter((name) => !MANIFESTS.current.has(name)), ONLY_IN_2018);
});

test('taskcluster-wasm exports every default class, TaskclusterError, serviceClass and exchangeClass', () => {
  assert.equal(DEFAULT_NAMES.length, EXPECTED_TOTALS.current.classes + ONLY_IN_2018.length);
  for (const name of DEFAULT_NAMES) assert.equal(typeof tc[name], 'function', `taskcluster-wasm ${name}`);
  for (const name of ['TaskclusterError', 'serviceClass', 'exchangeClass']) {
    assert.equal(typeof tc[name], 'function', `taskcluster-wasm ${name}`);
  }
  // The CommonJS entry too.
  const cjs = require('taskcluster-wasm');
  for (const name of [...DEFAULT_NAMES, 'TaskclusterError', 'serviceClass', 'exchangeClass']) {
    assert.equal(typeof cjs[name], 'function', `require('taskcluster-wasm').${name}`);
  }
});

test('taskcluster-wasm/legacy exports the 2018 classes and no current-only one', () => {
  for (const name of MANIFESTS[2018].keys()) assert.equal(typeof legacyEntry[name], 'function', `taskcluster-wasm/legacy ${name}`);
  for (const name of MANIFESTS.current.keys()) {
    if (!MANIFESTS[2018].has(name)) assert.equal(legacyEntry[name], undefined, `taskcluster-wasm/legacy has no ${name}`);
  }
  assert.notEqual(legacyEntry.Queue, tc.Queue, 'the legacy Queue is its own class');
});

test('serviceClass and exchangeClass build working classes from a reference', () => {
  const queue = MANIFESTS.current.get('Queue');
  const Queue = tc.serviceClass({
    name: queue.name, serviceName: queue.serviceName, apiVersion: queue.apiVersion,
    functions: queue.functions.map(({ name, method, route, args, query, input, output }) => ({ name, method, route, args, query, input, output })),
  });
  const client = new Queue({ rootUrl: ROOT_URLS[0] });
  assert.equal(client.buildUrl('task', 'abc'), 'https://tc.example.com/api/queue/v1/task/abc');
  const events = MANIFESTS.current.get('QueueEvents');
  const QueueEvents = tc.exchangeClass({
    name: events.name, serviceName: events.serviceName, apiVersion: events.apiVersion, exchangePrefix: events.exchangePrefix,
    exchanges: events.exchanges.map(({ name, exchange, routingKey }) => ({ name, exchange, routingKey })),
  });
  assert.equal(new QueueEvents({ rootUrl: ROOT_URLS[0] }).taskCompleted({}).exchange, 'exchange/taskcluster-queue/v1/task-completed');
});

// ---------------------------------------------------------------- every function and exchange

for (const generation of ['2018', 'current']) {
  const where = generation === '2018' ? 'taskcluster-wasm/legacy' : 'taskcluster-wasm';
  for (const manifest of MANIFESTS[generation].values()) {
    const kind = manifest.kind === 'api' ? 'functions' : 'exchanges';
    test(`${generation}: ${where} ${manifest.name}, every one of its ${manifest[kind].length} ${kind}`, { timeout: 120_000 }, async () => {
      const Class = ENTRIES[generation][manifest.name];
      assert.equal(typeof Class, 'function', `${where} exports ${manifest.name}`);
      if (manifest.kind === 'api') {
        for (const fn of manifest.functions) {
          await checkFunction(Class, manifest, fn, `${generation} ${manifest.name}`);
          covered.functions += 1;
        }
      } else {
        for (const exchange of manifest.exchanges) {
          checkExchange(Class, manifest, exchange, `${generation} ${manifest.name}`);
          covered.exchanges += 1;
        }
      }
    });
  }
}

// The default classes of the services in both generations: 2018-only entries
// are there with their 2018 routes and routing keys, and current wins for a name in both.
for (const [name, old] of MANIFESTS[2018]) {
  const now = MANIFESTS.current.get(name);
  if (!now) continue;
  test(`default ${name}: 2018-only entries added, current wins for names in both`, { timeout: 120_000 }, async () => {
    const Class = tc[name];
    const list = old.kind === 'api' ? 'functions' : 'exchanges';
    const currentNames = new Set(now[list].map((entry) => entry.name));
    for (const entry of old[list]) {
      const source = currentNames.has(entry.name) ? now : old;
      const winner = source[list].find((e) => e.name === entry.name);
      if (list === 'functions') await checkFunction(Class, source, winner, `default ${name}`);
      else checkExchange(Class, source, winner, `default ${name}`);
    }
  });
}

test('Queue.claimWork: current route in the default class, 2018 route in legacy', () => {
  const rootUrl = ROOT_URLS[0];
  assert.equal(new tc.Queue({ rootUrl }).buildUrl('claimWork', 'tq/1'), `${rootUrl}/api/queue/v1/claim-work/tq%2F1`);
  assert.equal(new legacyEntry.Queue({ rootUrl }).buildUrl('claimWork', 'p', 'w'), `${rootUrl}/api/queue/v1/claim-work/p/w`);
  assert.throws(() => new tc.Queue({ rootUrl }).buildUrl('claimWork', 'p', 'w'), TypeError);
  // 2018-only functions in the default Queue.
  assert.equal(new tc.Queue({ rootUrl }).buildUrl('defineTask', 't1'), `${rootUrl}/api/queue/v1/task/t1/define`);
  assert.equal(typeof new tc.Queue({ rootUrl }).completeArtifact, 'function');
});

test('the classes carry their reference (static reference)', () => {
  for (const name of DEFAULT_NAMES) {
    const list = (MANIFESTS.current.get(name) ?? MANIFESTS[2018].get(name)).kind === 'api' ? 'functions' : 'exchanges';
    const reference = tc[name].reference;
    assert.equal(reference?.name, name, `taskcluster-wasm ${name}.reference.name`);
    assert.deepEqual(reference[list].map((e) => e.name), defaultEntries(name, list).map((e) => e.name), `${name}.reference.${list}`);
  }
  for (const [name, manifest] of MANIFESTS[2018]) {
    const list = manifest.kind === 'api' ? 'functions' : 'exchanges';
    const reference = legacyEntry[name].reference;
    assert.equal(reference?.name, name, `taskcluster-wasm/legacy ${name}.reference.name`);
    assert.deepEqual(reference[list].map((e) => e.name), manifest[list].map((e) => e.name), `legacy ${name}.reference.${list}`);
  }
});

// The classes ship their reference in a compact form (pkg-template/compact-reference.js
// expands it): every fact of the manifests must come back, field by field.
test('every reference entry carries the facts of its manifest entry', () => {
  const functionFacts = ({ name, method, route, args, query, input, output, scopes, stability }) =>
    ({ name, method, route, args, query, input, output, scopes, stability });
  const exchangeFacts = ({ name, exchange, routingKey }) => ({
    name,
    exchange,
    routingKey: routingKey.map(({ name: key, constant, required, multipleWords }) =>
      ({ name: key, ...(constant === undefined ? {} : { constant }), required, multipleWords })),
  });
  const check = (label, reference, manifest, entries) => {
    for (const key of ['serviceName', 'apiVersion', ...(manifest.kind === 'api' ? [] : ['exchangePrefix'])]) {
      assert.equal(reference[key], manifest[key], `${label}.reference.${key}`);
    }
    const [list, facts] = manifest.kind === 'api' ? ['functions', functionFacts] : ['exchanges', exchangeFacts];
    assert.deepEqual(reference[list], entries.map(facts), `${label}.reference.${list}`);
  };
  for (const name of DEFAULT_NAMES) {
    const manifest = MANIFESTS.current.get(name) ?? MANIFESTS[2018].get(name);
    check(name, tc[name].reference, manifest, defaultEntries(name, manifest.kind === 'api' ? 'functions' : 'exchanges'));
  }
  for (const [name, manifest] of MANIFESTS[2018]) {
    check(`legacy ${name}`, legacyEntry[name].reference, manifest, manifest[manifest.kind === 'api' ? 'functions' : 'exchanges']);
  }
});

test('a 2018 class equal to the default one is that class; the others are their own', () => {
  const shared = [];
  for (const name of MANIFESTS[2018].keys()) {
    const same = isDeepStrictEqual(legacyEntry[name].reference, tc[name].reference);
    assert.equal(legacyEntry[name] === tc[name], same, `legacy ${name} is the default class exactly when their references are equal`);
    if (same) shared.push(name);
  }
  assert.deepEqual(shared, [...ONLY_IN_2018, 'AuthEvents'].sort());
});

test('every function and exchange of both generations was covered', () => {
  const sum = (key) => EXPECTED_TOTALS[2018][key] + EXPECTED_TOTALS.current[key];
  assert.equal(covered.functions, sum('functions'));
  assert.equal(covered.functions, 144 + 185);
  assert.equal(covered.exchanges, sum('exchanges'));
  assert.equal(covered.exchanges, 23 + 34);
});
