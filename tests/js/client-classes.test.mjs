// The service-client classes as a drop-in for taskcluster-client and
// taskcluster-client-web: options, method references, use(), fake mode,
// older reference formats, 303 answers, debug logging. Where the official
// clients are available as oracles, the same inputs go to them and the
// outputs are compared; where ours differs on purpose, the test says so.
// Servers listen on 127.0.0.1, port 0, and are closed at the end.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import official from 'taskcluster-client';
import * as tc from 'taskcluster-wasm';
import { listenOnLoopback } from '../support/listen.mjs';
import { startHawkServer } from '../support/hawk-server.mjs';
import { decodeExt } from '../support/tc-crypto.mjs';

const CREDS = { clientId: 'tester/classes', accessToken: 'classes-test-access-token-0123456789' };
const ROOT = 'https://tc.example.com';

// taskcluster-client-web ships untranspiled ESM with extension-less imports:
// bundled for Node (its Hawk code then runs on node:crypto).
let web;
before(async () => {
  const outfile = fileURLToPath(new URL('../../build/client-web.classes-test.cjs', import.meta.url));
  await esbuild.build({
    stdin: { contents: "module.exports = require('taskcluster-client-web');", resolveDir: fileURLToPath(new URL('../..', import.meta.url)), loader: 'js' },
    bundle: true, platform: 'node', format: 'cjs', outfile, logLevel: 'silent',
  });
  web = createRequire(import.meta.url)(outfile);
});

const closers = [];
after(async () => {
  await Promise.all(closers.map((close) => close()));
});

/** A server that records every request and answers from `routes` (path -> {status, json, headers}). */
async function recordingServer(routes = {}) {
  const requests = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method, url: req.url, headers: req.headers, body: body ? JSON.parse(body) : undefined });
      const path = req.url.split('?')[0];
      const answer = routes[path] ?? { status: 200, json: { path } };
      res.writeHead(answer.status, { 'Content-Type': 'application/json', ...answer.headers });
      res.end(JSON.stringify(answer.json));
    });
  });
  const { url } = await listenOnLoopback(server);
  closers.push(() => new Promise((resolve) => { server.closeAllConnections(); server.close(resolve); }));
  return { url, requests };
}

const byOurs = (name, options) => new tc[name](options);
const byOfficial = (name, options) => new official[name](options);
const byWeb = (name, options) => new web[name](options);

// ---------------------------------------------------------------- options

test('unknown options throw a TypeError naming the option and the nearest known one', () => {
  const cases = [
    ['credentails', 'credentials'], ['rootURL', 'rootUrl'], ['authorisedScopes', 'authorizedScopes'],
    ['retry', 'retries'], ['credentialsAgent', 'credentialAgent'], ['tracId', 'traceId'],
  ];
  for (const [typo, meant] of cases) {
    assert.throws(() => new tc.Queue({ rootUrl: ROOT, [typo]: 1 }),
      (e) => e instanceof TypeError && e.message === `new Queue(options): unknown option "${typo}"; did you mean ${meant}?`, typo);
  }
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, somethingElseEntirely: 1 }), /unknown option "somethingElseEntirely"; known options: rootUrl, /);
  // The same check in use(), and in the events classes (which take a client's options).
  const queue = new tc.Queue({ rootUrl: ROOT });
  assert.throws(() => queue.use({ credentails: CREDS }), /Queue\.use\(options\): unknown option "credentails"; did you mean credentials\?/);
  assert.throws(() => new tc.QueueEvents({ rootUrl: ROOT, exchangePrefx: 'x/' }), /did you mean exchangePrefix\?/);
  new tc.QueueEvents({ rootUrl: ROOT, credentials: CREDS, retries: 1 });
  // taskcluster-client refuses monitoring options; so do we, with its reason.
  assert.throws(() => new official.Queue({ rootUrl: ROOT, monitor: {} }), /no longer supported/);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, monitor: {} }), /options\.monitor: monitoring client calls is no longer supported/);
  // Documented options without an equivalent under fetch are accepted.
  new tc.Queue({ rootUrl: ROOT, agent: { keepAlive: true }, serviceName: 'queue', serviceVersion: 'v1', exchangePrefix: 'x/' });
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, serviceName: 'index' }), /options\.serviceName is "queue" for this class/);
  // A Proxy or getter that throws gives an ordinary error naming the constructor and
  // the option's path, with the caller's own error as its cause.
  const trap = new Error('trap');
  const hostile = new Proxy({}, { ownKeys() { throw trap; } });
  assert.throws(() => new tc.Queue(hostile), (e) => e instanceof TypeError && e.message === 'new Queue(options): options could not be read (trap)' && e.cause === trap);
  const getter = new Error('getter');
  const throwing = { get clientId() { throw getter; }, accessToken: 'x' };
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, credentials: throwing }),
    (e) => e instanceof TypeError && e.message === 'new Queue(options): options.credentials.clientId could not be read (getter)' && e.cause === getter);
  const scopes = Object.defineProperty(['a', 'b'], 1, { get() { throw getter; } });
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, authorizedScopes: scopes }),
    (e) => e.message === 'new Queue(options): options.authorizedScopes[1] could not be read (getter)' && e.cause === getter);
  const certificate = { get seed() { throw getter; } };
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, credentials: { clientId: 'a', accessToken: 'b', certificate } }),
    (e) => e.message.startsWith('new Queue(options): options.credentials.certificate cannot be serialized as JSON') && e.cause === getter);
  assert.throws(() => tc.Queue.prototype.use.call(new tc.Queue({ rootUrl: ROOT }), { get rootUrl() { throw getter; } }),
    (e) => e.message === 'Queue.use(options): options.rootUrl could not be read (getter)' && e.cause === getter);
  new tc.Queue({ rootUrl: ROOT, monitor: undefined, stats: false }); // falsy, as taskcluster-client allows
});

test('a list longer than the wasm reads is refused before it is walked, at the bound the wasm itself refuses', () => {
  // A sparse array claims 2^32-1 items without holding any.
  const huge = new Array(2 ** 32 - 1);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, authorizedScopes: huge }),
    (e) => e instanceof RangeError && e.message === 'new Queue(options): options.authorizedScopes has 4294967295 items; at most 1000000 are accepted');
  assert.throws(() => tc.scopeMatch(['a'], huge),
    (e) => e instanceof RangeError && e.message === 'scopeMatch: requiredScopeSets has 4294967295 items; at most 1000000 are accepted');
  const long = new Array(1_000_001).fill('s');
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, authorizedScopes: long }), /has 1000001 items; at most 1000000 are accepted/);
  assert.equal(new tc.Queue({ rootUrl: ROOT, authorizedScopes: long.slice(1) }).constructor, tc.Queue);
});

test('the wasm engine behind the classes is internal; a reference is checked by createClient, naming the field', async () => {
  for (const name of ['ServiceClient', 'ServiceApi', 'TransferRetry']) {
    assert.equal(tc[name], undefined, `${name} is not exported`);
    assert.equal(tc.default[name], undefined, `${name} is not on the default export`);
  }
  const legacy = await import('taskcluster-wasm/legacy');
  assert.equal(legacy.TransferRetry, undefined);
  assert.throws(() => tc.createClient({ serviceName: 'q', functions: [{ name: 'ping', method: 'get', route: 5 }] }),
    (e) => e instanceof TypeError && e.message === 'createClient: reference.functions[0].route must be a string, got a number');
  assert.throws(() => tc.createClient({ serviceName: 'q', exchanges: [{ name: 'e', exchange: 'x', routingKey: [{ name: 7 }] }] }),
    /^TypeError: createClient: reference\.exchanges\[0\]\.routingKey\[0\]\.name/);
  // A client made from a checked reference works, and its clock offset is 0 before any request.
  const Ping = tc.createClient({ serviceName: 'q', functions: [{ name: 'ping', method: 'get', route: '/ping', args: [], query: [] }] });
  const client = new Ping({ rootUrl: ROOT });
  assert.equal(client.clockOffset, 0);
  assert.equal(client.buildUrl('ping'), `${ROOT}/api/q/v1/ping`);
});

test('construction: options are read once, the reference once per class; errors stay precise', () => {
  assert.throws(() => new tc.Queue(), /new Queue\(options\): options is required/);
  assert.throws(() => new tc.Queue({ retries: 1 }), /rootUrl is required/);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, retries: -1 }), (e) => e instanceof RangeError);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, traceId: 5 }), /options\.traceId must be a string, got a number/);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, serviceDiscoveryScheme: 'dns' }), /"default" or "k8s-dns"/);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, signedUrlExpiration: 0 }), (e) => e instanceof RangeError);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, credentials: { clientId: 'only-an-id' } }), /credentials\.accessToken must be a non-empty string/);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, credentialAgent: {} }), /credentialAgent must have a getCredentials\(\) method/);
  assert.throws(() => new tc.Queue({ rootUrl: ROOT, credentials: CREDS, credentialAgent: { getCredentials() {} } }), /not both/);
  // Many clients of one class: each construction is cheap (the benchmark measures how cheap).
  for (let i = 0; i < 2000; i++) new tc.Queue({ rootUrl: ROOT, credentials: CREDS });
  assert.equal(new tc.Queue({ rootUrl: ROOT }).buildUrl('ping'), `${ROOT}/api/queue/v1/ping`);
});

// ---------------------------------------------------------------- URLs

const URL_CASES = [
  ['Queue', 'task', ['abc']],
  ['Queue', 'getArtifact', ['abc', 0, 'public/logs/live.log']],
  ['Queue', 'getLatestArtifact', ['a b', 'private/x?y#z']],
  ['Queue', 'listTaskGroup', ['g', { continuationToken: 'a+b/c', limit: 5 }]],
  ['Queue', 'listArtifacts', ['abc', 2]],
  ['Index', 'findArtifactFromTask', ['project.demo.latest', 'public/build/target.tar.gz']],
  ['Auth', 'client', ['tester/with slash']],
  ['Secrets', 'get', ['project/x/credentials']],
];

test('buildUrl(client.method, ...) and buildUrl(name, ...) give the official clients\' URLs', () => {
  // On purpose: for the legacy rootUrl https://taskcluster.net ours keeps the 2018 hosts
  // (https://queue.taskcluster.net/v1/...), which taskcluster-client 87 no longer builds.
  assert.equal(new tc.Queue({ rootUrl: 'https://taskcluster.net' }).buildUrl('ping'), 'https://queue.taskcluster.net/v1/ping');
  for (const root of [ROOT, 'http://127.0.0.1:1/']) {
    for (const [cls, method, args] of URL_CASES) {
      const ours = byOurs(cls, { rootUrl: root });
      const theirs = byOfficial(cls, { rootUrl: root });
      const expected = theirs.buildUrl(theirs[method], ...args);
      assert.equal(ours.buildUrl(ours[method], ...args), expected, `${cls}.${method}`);
      assert.equal(ours.buildUrl(method, ...args), expected);
      assert.equal(ours.externalBuildUrl(ours[method], ...args), theirs.externalBuildUrl(theirs[method], ...args));
      // client-web sorts query keys (query-string's stringify); the cases list them sorted.
      const webClient = byWeb(cls, { rootUrl: root });
      assert.equal(webClient.buildUrl(webClient[method], ...args), expected, `client-web ${cls}.${method}`);
    }
  }
  // A method of another client, or any other function, is refused (the official clients say "from the same object").
  const queue = new tc.Queue({ rootUrl: ROOT });
  const index = new tc.Index({ rootUrl: ROOT });
  assert.throws(() => queue.buildUrl(index.findTask, 'x'), (e) => e instanceof TypeError && /API method of this client/.test(e.message));
  assert.throws(() => queue.buildUrl(() => {}, 'x'), /Queue\.buildUrl: method must be an API method of this client/);
  assert.throws(() => queue.buildUrl(queue.task), /task\(taskId\) expects 1 argument/);
});

test('serviceDiscoveryScheme k8s-dns: in-cluster request URLs, external URLs on the rootUrl, as taskcluster-client builds them', () => {
  const ours = new tc.Queue({ rootUrl: ROOT, serviceDiscoveryScheme: 'k8s-dns', credentials: CREDS });
  const theirs = new official.Queue({ rootUrl: ROOT, serviceDiscoveryScheme: 'k8s-dns', credentials: CREDS });
  assert.equal(ours.buildUrl(ours.task, 'abc'), theirs.buildUrl(theirs.task, 'abc'));
  assert.equal(ours.buildUrl(ours.task, 'abc'), 'http://taskcluster-queue/api/queue/v1/task/abc');
  assert.equal(ours.externalBuildUrl(ours.task, 'abc'), theirs.externalBuildUrl(theirs.task, 'abc'));
  const signed = ours.externalBuildSignedUrl(ours.getArtifact, 'abc', 0, 'public/x');
  assert.ok(signed.startsWith(`${theirs.externalBuildUrl(theirs.getArtifact, 'abc', 0, 'public/x')}?bewit=`), signed);
  // use() keeps the scheme and the true rootUrl.
  assert.equal(ours.use({ retries: 0 }).externalBuildUrl('ping'), `${ROOT}/api/queue/v1/ping`);
});

/** {id, exp, ext} of a signed URL's bewit. */
function bewitOf(url) {
  const [id, exp, , ext] = Buffer.from(new URL(url).searchParams.get('bewit'), 'base64url').toString().split('\\');
  return { id, exp: Number(exp), ext: ext ? decodeExt(ext) : undefined };
}
const unsigned = (url) => url.replace(/[?&]bewit=[^&]*$/, '');

test('buildSignedUrl(client.method, ...): the official URLs, accepted by a hawk server; use() and signedUrlExpiration', async () => {
  const srv = await startHawkServer({ credentials: { [CREDS.clientId]: { key: CREDS.accessToken, algorithm: 'sha256' } } });
  closers.push(() => srv.close());
  const options = { rootUrl: srv.url, credentials: CREDS };
  const ours = new tc.Queue(options);
  const theirs = new official.Queue(options);
  const webClient = new web.Queue(options);
  const now = Math.floor(Date.now() / 1000);
  for (const [, method, args] of URL_CASES.filter(([cls]) => cls === 'Queue')) {
    const mine = ours.buildSignedUrl(ours[method], ...args);
    const expected = theirs.buildSignedUrl(theirs[method], ...args);
    assert.equal(unsigned(mine), unsigned(expected), method);
    assert.equal(unsigned(ours.buildSignedUrl(method, ...args)), unsigned(expected));
    assert.equal(unsigned(await webClient.buildSignedUrl(webClient[method], ...args)), unsigned(expected));
    assert.equal(bewitOf(mine).id, CREDS.clientId);
    assert.ok(Math.abs(bewitOf(mine).exp - bewitOf(expected).exp) <= 2);
    const answer = await fetch(mine);
    assert.equal(answer.status, 200, `${method}: ${(await answer.text())}`);
  }
  // An explicit expiration, the client's signedUrlExpiration, and the default of 15 minutes.
  assert.ok(Math.abs(bewitOf(ours.buildSignedUrl(ours.task, 'abc', { expiration: 60 })).exp - now - 60) <= 5);
  const short = new tc.Queue({ ...options, signedUrlExpiration: 30 });
  assert.ok(Math.abs(bewitOf(short.buildSignedUrl(short.task, 'abc')).exp - now - 30) <= 5);
  assert.ok(Math.abs(bewitOf(ours.buildSignedUrl(ours.task, 'abc')).exp - now - 900) <= 5);
  // use(): the same ext as the official client's use() (authorizedScopes), and the server accepts it.
  const scopes = ['queue:get-artifact:public/*'];
  const scopedOurs = ours.use({ authorizedScopes: scopes });
  const scopedTheirs = theirs.use({ authorizedScopes: scopes });
  const link = scopedOurs.buildSignedUrl(scopedOurs.task, 'abc');
  assert.deepEqual(bewitOf(link).ext, bewitOf(scopedTheirs.buildSignedUrl(scopedTheirs.task, 'abc')).ext);
  assert.equal((await fetch(link)).status, 200);
  assert.equal(bewitOf(ours.buildSignedUrl(ours.task, 'abc')).ext, undefined, 'the original client is unchanged');
});

// ---------------------------------------------------------------- requests

test('the same calls make the same requests and give the same results as taskcluster-client (and client-web where it can)', async () => {
  const redirect = { storageType: 's3', url: 'https://storage.example.com/x?sig=1' };
  const srv = await recordingServer({
    '/api/queue/v1/task/abc/runs/0/artifacts/public%2Fx': { status: 303, json: redirect, headers: { Location: redirect.url } },
    '/api/index/v1/task/project.x/artifacts/public%2Fy': { status: 303, json: redirect, headers: { Location: redirect.url } },
  });
  const run = async (make) => {
    const queue = make('Queue', { rootUrl: srv.url, credentials: CREDS, retries: 0 });
    const index = make('Index', { rootUrl: srv.url, credentials: CREDS, retries: 0 });
    const start = srv.requests.length;
    const results = [
      await queue.task('abc'),
      await queue.listTaskGroup('g/1', { limit: 2 }),
      await queue.createTask('t1', { provisionerId: 'p', payload: { n: [1, 2] } }),
      await queue.reportCompleted('t1', 0),
    ];
    return { results, requests: srv.requests.slice(start), queue, index };
  };
  const shape = ({ method, url, headers, body }) => ({
    method, url, body, signed: /^Hawk id="tester\/classes"/.test(headers.authorization ?? ''),
    json: headers['content-type'] === 'application/json',
  });
  const ours = await run(byOurs);
  const theirs = await run(byOfficial);
  const webs = await run(byWeb);
  assert.deepEqual(ours.results, theirs.results);
  assert.deepEqual(ours.requests.map(shape), theirs.requests.map(shape));
  assert.deepEqual(webs.results, theirs.results);
  assert.deepEqual(webs.requests.map(shape), theirs.requests.map(shape));

  // 303 See Other (getArtifact, getLatestArtifact, findArtifactFromTask): the answer's own JSON, not followed.
  // client-web follows it with fetch (the storage host here does not exist), so only taskcluster-client is compared.
  const theirArtifact = await theirs.queue.getArtifact('abc', 0, 'public/x');
  assert.deepEqual(theirArtifact, redirect);
  assert.deepEqual(await ours.queue.getArtifact('abc', 0, 'public/x'), theirArtifact);
  assert.deepEqual(await ours.index.findArtifactFromTask('project.x', 'public/y'), await theirs.index.findArtifactFromTask('project.x', 'public/y'));

  // traceId travels as taskcluster-client sends it (client-web has no such option).
  const traced = async (make) => {
    const before = srv.requests.length;
    await make('Queue', { rootUrl: srv.url, traceId: 'trace-123' }).task('abc');
    const perRequest = make('Queue', { rootUrl: srv.url }).taskclusterPerRequestInstance({ requestId: 'r', traceId: 'trace-456' });
    await perRequest.task('abc');
    return srv.requests.slice(before).map((r) => r.headers['x-taskcluster-trace-id']);
  };
  const ourTraces = await traced(byOurs);
  const theirTraces = await traced(byOfficial);
  assert.deepEqual(ourTraces, ['trace-123', 'trace-456']);
  assert.deepEqual(ourTraces, theirTraces);
});

test('credentials: {} is anonymous, as in taskcluster-client; credentialAgent (client-web) signs each request', async () => {
  const srv = await recordingServer();
  for (const make of [byOurs, byOfficial]) {
    await make('Queue', { rootUrl: srv.url, credentials: {} }).task('anon');
    await make('Queue', { rootUrl: srv.url, credentials: { clientId: undefined, accessToken: undefined } }).task('anon');
  }
  assert.deepEqual(srv.requests.map((r) => r.headers.authorization), [undefined, undefined, undefined, undefined]);

  const hawkSrv = await startHawkServer({
    credentials: { [CREDS.clientId]: { key: CREDS.accessToken, algorithm: 'sha256' } }, requirePayloadHash: false,
  });
  closers.push(() => hawkSrv.close());
  let asked = 0;
  const credentialAgent = { async getCredentials() { asked += 1; return CREDS; } };
  const ours = new tc.Queue({ rootUrl: hawkSrv.url, credentialAgent, retries: 0 });
  const webClient = new web.Queue({ rootUrl: hawkSrv.url, credentialAgent, retries: 0 });
  const answer = await ours.task('abc');
  assert.equal(answer.id, CREDS.clientId, 'the hawk server accepted our signature');
  assert.equal((await webClient.task('abc')).id, answer.id);
  // buildSignedUrl with an agent returns a Promise, as client-web's always does.
  const link = await ours.buildSignedUrl(ours.task, 'abc');
  assert.equal(unsigned(link), unsigned(await webClient.buildSignedUrl(webClient.task, 'abc')));
  assert.equal((await fetch(link)).status, 200);
  assert.equal(asked, 4);
  assert.throws(() => ours.buildSignedUrlSync(ours.task, 'abc'), /buildSignedUrlAsync/);
  // An agent with nothing to give yet: the request goes unsigned (as with client-web).
  const none = new tc.Queue({ rootUrl: srv.url, credentialAgent: { getCredentials: async () => null } });
  await none.task('x');
  assert.equal(srv.requests.at(-1).headers.authorization, undefined);
  // An agent that throws: an ordinary error that names the agent and gives its reason.
  const broken = new tc.Queue({ rootUrl: srv.url, credentialAgent: { getCredentials: async () => { throw new Error("the agent's reason"); } } });
  const error = await broken.task('x').then(() => null, (e) => e);
  assert.match(error.message, /Queue\.task: the credentials agent's getCredentials\(\) failed: the agent's reason/);
});

// ---------------------------------------------------------------- use() and fake

test('use() returns a new client with merged options, sharing nothing mutable', async () => {
  const srv = await recordingServer();
  const credentials = { ...CREDS };
  const scopes = ['a'];
  const base = new tc.Queue({ rootUrl: srv.url, credentials, authorizedScopes: scopes, retries: 0 });
  const derived = base.use({ traceId: 'derived', credentials: undefined });
  assert.ok(derived instanceof tc.Queue && derived !== base);
  // The caller changes its objects afterwards: no client sees it.
  credentials.accessToken = 'changed';
  scopes.push('b');
  const again = derived.use({ retries: 0 });
  for (const client of [base, derived, again]) {
    assert.deepEqual(bewitOf(client.buildSignedUrl('task', 'x')).ext, { authorizedScopes: ['a'] });
  }
  await derived.task('x');
  await base.task('x');
  const [first, second] = srv.requests.slice(-2);
  assert.equal(first.headers['x-taskcluster-trace-id'], 'derived');
  assert.equal(second.headers['x-taskcluster-trace-id'], undefined, 'base unchanged');
  assert.ok(first.headers.authorization.startsWith('Hawk id="tester/classes"'), 'undefined keeps the current credentials, as in taskcluster-client');
  assert.throws(() => base.use(null), /Queue\.use\(options\): options must be an object/);
  // Anonymous from a signed client.
  await base.use({ credentials: {} }).task('y');
  assert.equal(srv.requests.at(-1).headers.authorization, undefined);
});

test('fake mode records calls as taskcluster-client does and answers with the fakes', async () => {
  const fakes = () => ({ task: async (taskId) => ({ taskId, faked: true }), createTask: async (taskId, payload) => ({ status: { taskId }, payload }) });
  const drive = async (queue) => {
    const results = [
      await queue.task('abc'),
      await queue.createTask('t1', { provisionerId: 'p', nested: { deep: [1] } }),
      await queue.listTaskGroup('g', { limit: 1 }).then(() => 'resolved', (e) => e.message),
    ];
    return { results, calls: { task: queue.fakeCalls.task, createTask: queue.fakeCalls.createTask, listTaskGroup: queue.fakeCalls.listTaskGroup } };
  };
  const ours = new tc.Queue({ rootUrl: ROOT, fake: fakes() });
  const theirs = new official.Queue({ rootUrl: ROOT, fake: fakes() });
  const a = await drive(ours);
  const b = await drive(theirs);
  assert.deepEqual(a, b);
  assert.equal(a.results[2], 'Faked queue object does not have an implementation of listTaskGroup');
  assert.deepEqual(Object.keys(theirs.fakeCalls).filter((name) => !(name in ours.fakeCalls)), [], 'a record for every method');
  // Recorded values are copies.
  const payload = { provisionerId: 'p' };
  await ours.createTask('t2', payload);
  payload.provisionerId = 'changed';
  assert.equal(ours.fakeCalls.createTask.at(-1).payload.provisionerId, 'p');
  // Arguments are checked against the reference, as in taskcluster-client (there an Error; here a TypeError naming the method).
  assert.throws(() => theirs.task(), /takes 1 arguments/);
  assert.throws(() => ours.task(), (e) => e instanceof TypeError && /Queue\.task: task\(taskId\) expects 1 argument/.test(e.message));
  assert.throws(() => ours.listTaskGroup('g', { limt: 1 }), /does not accept the query option "limt"/);
  assert.equal(ours.fakeCalls.task.length, 1, 'refused calls are not recorded');
  // use() of a fake client is a fake client with its own record; a real client has no fakeCalls.
  const derived = ours.use({ traceId: 'x' });
  await derived.task('d');
  assert.deepEqual(derived.fakeCalls.task, [{ taskId: 'd' }]);
  assert.equal(new tc.Queue({ rootUrl: ROOT }).fakeCalls, undefined);
  // buildUrl works on fakes too.
  assert.equal(ours.buildUrl(ours.task, 'abc'), theirs.buildUrl(theirs.task, 'abc'));
});

// ---------------------------------------------------------------- references

test('createClient accepts references naming the service by serviceName, name, baseUrl or exchangePrefix, as taskcluster-client does', () => {
  const functions = [{ type: 'function', name: 'ping', method: 'get', route: '/ping', args: [], query: [], input: undefined, output: undefined },
    { type: 'function', name: 'task', method: 'get', route: '/task/<taskId>', args: ['taskId'], query: [] }];
  const references = [
    { serviceName: 'queue', apiVersion: 'v1', entries: functions },
    { name: 'queue', entries: functions },
    { baseUrl: 'https://queue.taskcluster.net/v1/', entries: functions },
  ];
  for (const reference of references) {
    const Ours = tc.createClient(reference);
    const Theirs = official.createClient(reference);
    assert.equal(Ours.name, 'Queue');
    const ours = new Ours({ rootUrl: ROOT });
    const theirs = new Theirs({ rootUrl: ROOT });
    assert.equal(ours.buildUrl(ours.task, 'a'), theirs.buildUrl(theirs.task, 'a'), JSON.stringify(Object.keys(reference)));
  }
  const exchanges = {
    exchangePrefix: 'exchange/taskcluster-queue/v1/',
    entries: [{ type: 'topic-exchange', name: 'taskDefined', exchange: 'task-defined', routingKey: [
      { name: 'routingKeyKind', constant: 'primary', required: true, multipleWords: false },
      { name: 'taskId', required: true, multipleWords: false },
      { name: 'reserved', required: false, multipleWords: true }] }],
  };
  const OursEvents = tc.createClient(exchanges);
  assert.equal(OursEvents.name, 'QueueEvents');
  const binding = new OursEvents().taskDefined({ taskId: 'abc' });
  const expected = new (official.createClient(exchanges))({ rootUrl: ROOT }).taskDefined({ taskId: 'abc' });
  assert.deepEqual(binding, expected);
  // client-web's Client.create.
  const Created = tc.Client.create({ serviceName: 'queue', entries: functions });
  assert.equal(new Created({ rootUrl: ROOT }).buildUrl('ping'), `${ROOT}/api/queue/v1/ping`);
  assert.throws(() => tc.createClient({ entries: functions }), /names no service/);
  assert.throws(() => tc.createClient({ serviceName: 'q', functions: [{ name: 'x' }] }), /reference\.functions\[0\]\.method must be a string/);
  const badKey = { serviceName: 'q', exchangePrefix: 'x/', exchanges: [{ name: 'a', exchange: 'b', routingKey: [{ name: 5 }] }] };
  assert.throws(() => tc.createClient(badKey), /reference\.exchanges\[0\]\.routingKey\[0\]\.name must be a string, got a number/);
});

// ---------------------------------------------------------------- debug logging

test('DEBUG=taskcluster-wasm (or taskcluster-client*) logs calls without secrets; off by default', async () => {
  const srv = await recordingServer({ '/api/queue/v1/task/missing': { status: 404, json: { code: 'ResourceNotFound', message: 'no such task' } } });
  const script = `
    const tc = await import('taskcluster-wasm');
    const queue = new tc.Queue({ rootUrl: ${JSON.stringify(srv.url)}, credentials: ${JSON.stringify(CREDS)}, retries: 0 });
    await queue.task('abc');
    await queue.task('missing').catch(() => {});
    queue.buildSignedUrl('task', 'abc');`;
  // The server answers from this process, so the child runs asynchronously.
  const run = (DEBUG) => new Promise((resolve, reject) => {
    execFile(process.execPath, ['--input-type=module', '-e', script], {
      env: { ...process.env, DEBUG }, cwd: fileURLToPath(new URL('../..', import.meta.url)),
    }, (error, stdout, stderr) => (error ? reject(error) : resolve(stdout + stderr)));
  });
  const logged = await run('taskcluster-client*');
  assert.match(logged, /Queue\.task: calling/);
  assert.match(logged, /Queue\.task: failed .*ResourceNotFound/s);
  assert.ok(!logged.includes(CREDS.accessToken), 'no accessToken in the log');
  // Off by default: this process (no DEBUG) logs nothing for the same calls.
  if (!process.env.DEBUG) {
    const printed = [];
    const saved = [console.error, console.debug];
    console.error = console.debug = (...parts) => printed.push(parts);
    try {
      const queue = new tc.Queue({ rootUrl: srv.url, credentials: CREDS, retries: 0 });
      await queue.task('abc');
      await queue.task('missing').catch(() => {});
    } finally {
      [console.error, console.debug] = saved;
    }
    assert.deepEqual(printed, []);
  }
});
