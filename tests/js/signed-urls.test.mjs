// buildSignedUrl's JS fast path (pkg-template/signed-urls.js) against the checked
// wasm path it falls back to. The checked path is what a client with a credentials
// agent uses (its buildSignedUrl returns a Promise): the same engine, reference and options, so for
// the same arguments, clock and credentials both must give the same URL, or the
// same error. Seeded junk and edge cases (odd route arguments, queries, expiration
// options) over every GET method of every class, of both API generations, and
// under every kind of endpoint and ext; then real verifiers check the fast URLs.
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import hawk from 'hawk';
import * as tc from 'taskcluster-wasm';
import * as legacy from 'taskcluster-wasm/legacy';
import taskcluster from 'taskcluster-client';
import { makeRandom } from '../support/prng.mjs';
import { startHawkServer } from '../support/hawk-server.mjs';

const CREDENTIALS = { clientId: 'tester/signed-urls', accessToken: 'signed-urls-access-token' };
const NOW_MS = 1_893_456_000_123;
const CASES_PER_CONFIG = Number(process.env.SIGNED_URL_CASES ?? 400);

const isServiceClass = (value) => typeof value === 'function' && Array.isArray(value.reference?.functions);
const getMethods = (cls) => cls.reference.functions.filter((f) => f.method.toLowerCase() === 'get');

/** Runs `fn` with Date.now fixed, so both paths sign at the same second. */
function atFixedTime(fn) {
  const real = Date.now;
  Date.now = () => NOW_MS;
  try {
    return fn();
  } finally {
    Date.now = real;
  }
}

const outcome = (fn) => {
  try {
    return { url: fn() };
  } catch (error) {
    return { error: `${error?.constructor?.name}: ${error?.message}` };
  }
};
const settled = (promise) => promise.then((url) => ({ url }), (error) => ({ error: `${error?.constructor?.name}: ${error?.message}` }));

// Values route arguments, query values and expirations are drawn from: the plain, and
// the ones each path must refuse or treat specially (dot segments, characters URL
// percent-encodes, lone surrogates, non-finite numbers, non-scalars).
const TEXTS = ['abc', 'fN1SbArXTPSVFNUvaOlinQ', 'public/logs/live backing.log', '', '.', '..', "it's", 'a?b#c&d=e', '100%', 'é😀', '\uD800', '~*()!'];
const NUMBERS = [0, -0, 1, 42, 1.5, -3, 1e21, 2 ** 53, NaN, Infinity];
const OTHERS = [undefined, null, true, false, {}, [], ['a'], Symbol('s'), 10n, () => 'f'];
const EXPIRATIONS = [60, 0, -5, 1.7, 1e300, NaN, Infinity, '60', null, undefined, true];

function junkValue(random) {
  const kind = random.next();
  if (kind < 0.6) return random.pick(TEXTS);
  if (kind < 0.85) return random.pick(NUMBERS);
  return random.pick(OTHERS);
}

function junkQuery(random, entry) {
  const kind = random.next();
  if (kind < 0.1) return random.pick(OTHERS);
  const names = [...(entry.query ?? []), 'unknownOption', 'expiration'];
  const query = {};
  for (const name of random.many(names, 0, 3)) query[name] = random.bool(0.7) ? random.pick([...TEXTS, ...NUMBERS]) : junkValue(random);
  if (kind < 0.15) Object.defineProperty(query, entry.query?.[0] ?? 'limit', { value: 5, enumerable: false });
  return query;
}

function junkOptions(random) {
  const kind = random.next();
  if (kind < 0.6) return { expiration: random.pick(EXPIRATIONS) };
  if (kind < 0.7) return {};
  if (kind < 0.8) return { expiration: 60, extra: 1 };
  return junkValue(random);
}

/** Arguments for `entry`: mostly well-formed, with a wrong count, junk values or options now and then. */
function junkArgs(random, entry) {
  const args = entry.args.map(() => (random.bool(0.8) ? random.pick(TEXTS.slice(0, 3)) : junkValue(random)));
  if ((entry.query ?? []).length > 0 && random.bool(0.5)) args.push(random.bool(0.1) ? undefined : junkQuery(random, entry));
  if (random.bool(0.4)) args.push(junkOptions(random));
  if (random.bool(0.05)) args.pop();
  if (random.bool(0.05)) args.push(junkValue(random));
  return args;
}

// Every kind of endpoint and ext the fast path builds for.
const CONFIGS = [
  { label: 'rootUrl', options: { rootUrl: 'https://tc.example.com' } },
  { label: 'rootUrl with slashes, authorizedScopes, signedUrlExpiration', options: { rootUrl: 'https://tc.example.com//', authorizedScopes: ['queue:get-artifact:*', 'x'], signedUrlExpiration: 45 } },
  { label: 'legacy rootUrl', options: { rootUrl: 'https://taskcluster.net' } },
  { label: 'baseUrl', options: { baseUrl: 'http://127.0.0.1:8080/api/service/v1/' } },
  { label: 'k8s-dns', options: { rootUrl: 'https://tc.example.com', serviceDiscoveryScheme: 'k8s-dns' } },
  { label: 'rootUrl with a fragment', options: { rootUrl: 'https://tc.example.com/#top' } },
  { label: 'rootUrl to normalize', options: { rootUrl: 'https://TC.example.com:443' } },
  {
    label: 'temporary credentials (certificate ext)',
    credentials: tc.createTemporaryCredentials({
      credentials: CREDENTIALS, start: new Date(NOW_MS - 60_000), expiry: new Date(NOW_MS + 3_600_000),
      scopes: Array.from({ length: 40 }, (_, i) => `queue:get-artifact:project/${i}/*`),
    }),
    options: { rootUrl: 'https://tc.example.com' },
  },
];

for (const [generation, module] of [['current', tc], ['legacy', legacy]]) {
  for (const config of CONFIGS) {
    test(`${generation}, ${config.label}: the fast path gives what the checked path gives, URL or error`, async () => {
      const credentials = config.credentials ?? CREDENTIALS;
      const random = makeRandom(20261202);
      let compared = 0;
      let signed = 0;
      for (const cls of Object.values(module).filter(isServiceClass)) {
        const methods = getMethods(cls);
        if (methods.length === 0) continue;
        const fast = new cls({ ...config.options, credentials });
        const checked = new cls({ ...config.options, credentialAgent: { getCredentials: async () => credentials } });
        for (let i = 0; i < CASES_PER_CONFIG / 10; i++) {
          const entry = random.pick(methods);
          const name = random.bool(0.1) ? random.pick(cls.reference.functions).name : entry.name;
          const args = junkArgs(random, entry);
          const external = random.bool(0.3);
          const ours = atFixedTime(() => outcome(() => (external ? fast.externalBuildSignedUrl : fast.buildSignedUrl).call(fast, name, ...args)));
          const real = Date.now;
          Date.now = () => NOW_MS;
          const expected = await settled((external ? checked.externalBuildSignedUrl : checked.buildSignedUrl).call(checked, name, ...args))
            .finally(() => { Date.now = real; });
          assert.deepEqual(ours, expected, `${cls.name}.${name}(${args.map((a) => String(typeof a === 'symbol' ? 'Symbol' : a)).join(', ')})${external ? ' external' : ''}`);
          compared += 1;
          if (ours.url) signed += 1;
        }
      }
      assert.ok(signed > compared / 4, `most cases sign (${signed} of ${compared})`);
    });
  }
}

test('fast signed URLs are the ones taskcluster-client makes, byte for byte', () => {
  const random = makeRandom(7);
  for (const [name, cls] of Object.entries(tc).filter(([, value]) => isServiceClass(value))) {
    const Official = taskcluster[name];
    if (typeof Official !== 'function') continue;
    const options = { rootUrl: 'https://tc.example.com', credentials: CREDENTIALS };
    const ours = new cls(options);
    const theirs = new Official(options);
    for (const entry of getMethods(cls)) {
      if (typeof theirs[entry.name] !== 'function') continue;
      const args = entry.args.map(() => random.pick(['abc', 'public/x y.log', 'é😀', 7]));
      if ((entry.query ?? []).length > 0) args.push({ [entry.query[0]]: random.pick(['a+b/c', 5, true]) });
      const expiration = random.pick([undefined, 60, 3600]);
      const trailing = expiration === undefined ? [] : [{ expiration }];
      const mine = atFixedTime(() => ours.buildSignedUrl(entry.name, ...args, ...trailing));
      hawk.utils.setTimeFunction(() => NOW_MS); // taskcluster-client's clock
      let official;
      try {
        official = theirs.buildSignedUrl(theirs[entry.name], ...args, ...trailing);
      } finally {
        hawk.utils.setTimeFunction(Date.now);
      }
      assert.equal(mine, official, `${name}.${entry.name}`);
    }
  }
});

test('hawk servers accept the fast signed URLs, and refuse them once expired or altered', async () => {
  const server = await startHawkServer({ credentials: { [CREDENTIALS.clientId]: { key: CREDENTIALS.accessToken, algorithm: 'sha256' } } });
  try {
    const queue = new tc.Queue({ rootUrl: server.url, credentials: CREDENTIALS });
    const scoped = new tc.Queue({ rootUrl: server.url, credentials: CREDENTIALS, authorizedScopes: ['queue:get-task:t'] });
    for (const link of [
      queue.buildSignedUrl('getArtifact', 't', 0, 'public/a b.txt'),
      queue.buildSignedUrl(queue.listTaskGroup, 'g', { limit: 2, continuationToken: 'a+b' }, { expiration: 30 }),
      scoped.buildSignedUrl('task', 't'),
    ]) {
      assert.equal((await fetch(link)).status, 200, link);
      assert.equal((await fetch(link.replace('/api/', '/api//'))).status, 401, 'another resource');
    }
    const expired = queue.buildSignedUrl('task', 't', { expiration: -10 });
    assert.equal((await fetch(expired)).status, 401);
  } finally {
    await server.close();
  }
  // hawk 9's bewit check for a URL on another host and port: the MAC covers both.
  const link = new URL(atFixedTime(() => new tc.Queue({ rootUrl: 'https://tc.example.com:8443', credentials: CREDENTIALS }).buildSignedUrl('task', 'abc')));
  const request = { method: 'GET', url: `${link.pathname}${link.search}`, headers: { host: 'tc.example.com:8443' } };
  const lookup = async (id) => ({ key: CREDENTIALS.accessToken, algorithm: 'sha256', user: id });
  const { credentials } = await hawk.server.authenticateBewit(request, lookup, { localtimeOffsetMsec: NOW_MS - Date.now() });
  assert.equal(credentials.user, CREDENTIALS.clientId);
  await assert.rejects(hawk.server.authenticateBewit({ ...request, headers: { host: 'tc.example.com:8444' } }, lookup, { localtimeOffsetMsec: NOW_MS - Date.now() }));
});

test('after every refusal the module still signs, at the client default expiration', () => {
  const queue = new tc.Queue({ rootUrl: 'https://tc.example.com', credentials: CREDENTIALS });
  const expOf = (link) => Number(Buffer.from(new URL(link).searchParams.get('bewit'), 'base64url').toString().split('\\')[1]);
  assert.equal(atFixedTime(() => expOf(queue.buildSignedUrl('task', 'abc'))), Math.floor(NOW_MS / 1000) + 900);
  for (const bad of [[], ['abc', 'extra'], [''], [NaN], ['abc', { expiration: 'soon' }], ['abc', { expiration: Infinity }], ['\uD800']]) {
    assert.throws(() => queue.buildSignedUrl('task', ...bad), (e) => e instanceof Error && e.message.startsWith('Queue.task: '));
    assert.equal(atFixedTime(() => expOf(queue.buildSignedUrl('task', 'abc'))), Math.floor(NOW_MS / 1000) + 900);
  }
});
