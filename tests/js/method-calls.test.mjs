// Method calls -> URLs (pkg-template/method-calls.js, the one place routes and
// queries are filled): against taskcluster-client's buildUrl as the oracle, over
// every method of every class with seeded junk route arguments and queries; the
// endpoints (rootUrl, legacy rootUrl, baseUrl, in-cluster); the rule for a method
// name given twice; and the argument errors, the same for calls, buildUrl,
// signed URLs and fake mode.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import official from 'taskcluster-client';
import * as tc from 'taskcluster-wasm';
import * as legacy from 'taskcluster-wasm/legacy';
import { listenOnLoopback } from '../support/listen.mjs';
import { makeRandom } from '../support/prng.mjs';

const ROOT = 'https://tc.example.com';
const CREDS = { clientId: 'tester/method-calls', accessToken: 'method-calls-access-token' };
const isServiceClass = (value) => typeof value === 'function' && Array.isArray(value.reference?.functions);

/** A route argument or query value: ASCII, reserved characters, non-ASCII and astral text. */
function junk(random) {
  const alphabet = ['a', 'Z', '0', '-', '_', '.', '~', '!', '*', "'", '(', ')', '/', '?', '#', '%', '&', '=', '+', ' ', ':', '@', 'é', '\u{1f600}', '<', '>', '"', '\\'];
  return Array.from({ length: random.int(1, 12) }, () => random.pick(alphabet)).join('');
}

test('buildUrl agrees with taskcluster-client for every method of every class, with junk arguments and queries', () => {
  const random = makeRandom(11);
  let checked = 0;
  for (const [name, cls] of Object.entries(tc).filter(([, value]) => isServiceClass(value))) {
    const Official = official[name];
    if (typeof Official !== 'function') continue;
    const ours = new cls({ rootUrl: ROOT });
    const theirs = new Official({ rootUrl: ROOT });
    for (const entry of cls.reference.functions) {
      if (typeof theirs[entry.name] !== 'function' || typeof ours[entry.name] !== 'function') continue;
      for (let round = 0; round < 2; round++) {
        const args = entry.args.map(() => (random.bool(0.2) ? random.int(0, 99) : junk(random)));
        if (entry.query.length > 0 && random.bool()) {
          args.push(Object.fromEntries(entry.query.filter(() => random.bool()).map((key) => [key, random.bool(0.3) ? random.int(1, 999) : junk(random)])));
        }
        assert.equal(ours.buildUrl(ours[entry.name], ...args), theirs.buildUrl(theirs[entry.name], ...args), `${name}.${entry.name}`);
        checked++;
      }
    }
  }
  assert.ok(checked > 300, `${checked} URLs compared`);
});

test('endpoints: a rootUrl (trailing slashes dropped), the legacy rootUrl, a baseUrl, in-cluster service discovery', () => {
  const url = (options, ...args) => new tc.Queue(options).buildUrl('getArtifact', 't', 0, 'public/a b', ...args);
  assert.equal(url({ rootUrl: `${ROOT}//` }), `${ROOT}/api/queue/v1/task/t/runs/0/artifacts/public%2Fa%20b`);
  assert.equal(url({ rootUrl: 'https://taskcluster.net' }), 'https://queue.taskcluster.net/v1/task/t/runs/0/artifacts/public%2Fa%20b');
  assert.equal(url({ baseUrl: 'http://127.0.0.1:9/q/v1//' }), 'http://127.0.0.1:9/q/v1/task/t/runs/0/artifacts/public%2Fa%20b');
  const k8s = new tc.Queue({ rootUrl: ROOT, serviceDiscoveryScheme: 'k8s-dns' });
  assert.equal(k8s.buildUrl('task', 'x'), 'http://taskcluster-queue/api/queue/v1/task/x');
  assert.equal(k8s.externalBuildUrl('task', 'x'), `${ROOT}/api/queue/v1/task/x`);
  // A route without its leading slash: under a rootUrl as urls.api joins paths, under a baseUrl appended as it is.
  const Odd = tc.createClient({ serviceName: 'odd', functions: [{ name: 'm', method: 'get', route: 'a/<x>', args: ['x'], query: ['q'] }] });
  assert.equal(new Odd({ rootUrl: ROOT }).buildUrl('m', 'b', { q: true }), `${ROOT}/api/odd/v1/a/b?q=true`);
  assert.equal(new Odd({ rootUrl: ROOT }).buildUrl('m', 'b', { q: undefined }), `${ROOT}/api/odd/v1/a/b`, 'absent values are left out');
  assert.equal(new Odd({ baseUrl: 'http://h/odd/' }).buildUrl('m', 'b'), 'http://h/odda/b');
});

test('a method name given twice is its first entry, for every use of the class', async () => {
  const Twice = tc.createClient({
    serviceName: 'twice',
    functions: [
      { name: 'ping', method: 'get', route: '/first/<a>', args: ['a'], query: [], output: true },
      { name: 'ping', method: 'post', route: '/second', args: [], query: [], input: true },
    ],
  });
  const client = new Twice({ rootUrl: ROOT, credentials: CREDS });
  assert.equal(client.buildUrl('ping', 'x'), `${ROOT}/api/twice/v1/first/x`);
  assert.match(client.buildSignedUrl('ping', 'x'), /\/first\/x\?bewit=/);
  // A call goes where the first entry says, with its method.
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"ok":true}');
  });
  const { url } = await listenOnLoopback(server);
  try {
    const local = new Twice({ rootUrl: url, credentials: CREDS, retries: 0 });
    assert.deepEqual(await local.request('ping', { params: { a: 'x' } }), { ok: true });
    assert.deepEqual(seen, ['GET /api/twice/v1/first/x']);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => { server.close(resolve); });
  }
  const fake = new Twice({ rootUrl: ROOT, fake: { ping: async (a) => `faked ${a}` } });
  assert.equal(await fake.ping('y'), 'faked y');
  assert.deepEqual(fake.fakeCalls.ping, [{ a: 'y' }]);
});

test('argument errors name the method and the argument, the same for calls, buildUrl, signed URLs and fake mode', async () => {
  const queue = new tc.Queue({ rootUrl: ROOT, credentials: CREDS });
  const fake = new tc.Queue({ rootUrl: ROOT, fake: {} });
  const cases = [
    [['task'], TypeError, 'Queue.task: task(taskId) expects 1 argument(s), got 0'],
    [['task', 5n], TypeError, 'Queue.task: taskId must be a string, got a bigint'],
    [['task', '\ud800'], TypeError, 'Queue.task: taskId contains a lone UTF-16 surrogate; it must be valid Unicode text'],
    [['task', ''], TypeError, 'Queue.task: route argument taskId must not be empty'],
    [['listTaskGroup', 'g', []], TypeError, 'Queue.listTaskGroup: query must be an object, got an array'],
    [['listTaskGroup', 'g', { limt: 1 }], TypeError, 'Queue.listTaskGroup: listTaskGroup does not accept the query option "limt"; allowed: continuationToken, limit'],
    [['listTaskGroup', 'g', { limit: {} }], TypeError, 'Queue.listTaskGroup: query.limit must be a string, got an object'],
    [['listTaskGroup', 'g', { get limit() { throw new Error('no'); } }], Error, 'Queue.listTaskGroup: reading query.limit threw an exception'],
    [['task', 'x', { limit: 1 }], TypeError, 'Queue.task: task(taskId) expects 1 argument(s), got 2'],
    [['nope'], TypeError, 'Queue.nope: Queue has no method "nope"'],
  ];
  for (const [[name, ...args], type, message] of cases) {
    const matches = (error) => error.constructor === type && error.message === message;
    assert.throws(() => queue.buildUrl(name, ...args), matches, `buildUrl ${message}`);
    // (buildSignedUrl reads an object past the arguments as its own options: {expiration})
    if (name !== 'task' || args.length < 2) assert.throws(() => queue.buildSignedUrl(name, ...args), matches, `buildSignedUrl ${message}`);
    if (name !== 'nope') await assert.rejects(queue[name](...args), matches, `call ${message}`);
    // Fake mode checks the arguments without building the URL (an empty route argument passes).
    if (name !== 'nope' && !message.includes('must not be empty')) assert.throws(() => fake[name](...args), matches, `fake ${message}`);
  }
  // The payload is checked where a method takes one (not in buildUrl).
  await assert.rejects(queue.createTask('t', 'text'), (e) => e instanceof TypeError && e.message === 'Queue.createTask: payload must be an object, got a string');
  const cycle = {};
  cycle.self = cycle;
  await assert.rejects(queue.createTask('t', cycle), (e) => e.message === 'Queue.createTask: payload cannot be serialized as JSON (a cycle or a BigInt?)');
  assert.throws(() => queue.buildUrl(5), (e) => e instanceof TypeError && e.message === 'Queue.: method must be a string, got a number');
  assert.equal(queue.buildUrl('task', 'x', undefined), `${ROOT}/api/queue/v1/task/x`, 'a trailing undefined is an omitted query');
});

test("buildSignedUrl's trailing options refuse unknown keys, naming the nearest", () => {
  const queue = new tc.Queue({ rootUrl: ROOT, credentials: CREDS });
  assert.throws(() => queue.buildSignedUrl('getArtifact', 't', 0, 'n', { expiration: 60, expirs: 1 }),
    (e) => e instanceof TypeError && e.message === 'Queue.getArtifact: unknown option "expirs"; known options: expiration');
  assert.throws(() => queue.buildSignedUrl('listTaskGroup', 'g', {}, { expiratoin: 60 }),
    (e) => e instanceof TypeError && e.message === 'Queue.listTaskGroup: unknown option "expiratoin"; did you mean expiration?');
  assert.match(queue.buildSignedUrl('getArtifact', 't', 0, 'n', { expiration: 60 }), /\?bewit=/);
});

test('the debug setting is read after the first construction, not at import nor during it, and constructions are still logged', async () => {
  const script = `
    let reads = 0;
    globalThis.localStorage = { getItem(key) { reads++; return key === 'debug' ? 'taskcluster-wasm' : null; } };
    const tc = await import('taskcluster-wasm');
    const atImport = reads;
    new tc.Queue({ rootUrl: 'https://tc.example.com' });
    new tc.Queue({ rootUrl: 'https://tc.example.com' });
    const constructing = reads;
    await new Promise((resolve) => setTimeout(resolve, 5));
    new tc.Queue({ rootUrl: 'https://tc.example.com' });
    console.log(JSON.stringify({ atImport, constructing, after: reads }));`;
  const env = { ...process.env };
  delete env.DEBUG;
  const { stdout, stderr } = await new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], { env, cwd: fileURLToPath(new URL('../..', import.meta.url)) },
      (error, out, err) => (error ? reject(error) : resolve({ stdout: out, stderr: err })));
  });
  assert.deepEqual(JSON.parse(stdout), { atImport: 0, constructing: 0, after: 1 });
  assert.equal(stderr.match(/taskcluster-wasm new Queue/g)?.length, 3, 'every construction logged');
});

test("the generated classes' references (not checked again at their first client) pass createClient's checks", () => {
  let classes = 0;
  for (const module of [tc, legacy]) {
    for (const cls of Object.values(module)) {
      if (typeof cls !== 'function' || !(Array.isArray(cls.reference?.functions) || Array.isArray(cls.reference?.exchanges))) continue;
      const made = tc.createClient(structuredClone(cls.reference));
      assert.equal(made.name, cls.name);
      classes++;
    }
  }
  assert.ok(classes > 30, `${classes} classes`);
});
