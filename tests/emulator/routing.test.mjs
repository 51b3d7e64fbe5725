// Routing, reference documents, CORS and argument checks of the emulator.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index.mjs';
import { api, hawkFetch } from './helpers.mjs';

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu.close(); });

test('ping answers without authentication on every service', async () => {
  for (const service of ['queue', 'index', 'secrets', 'auth', 'hooks', 'notify', 'worker-manager']) {
    const res = await fetch(api(emu, service, '/ping'));
    assert.equal(res.status, 200, service);
    const body = await res.json();
    assert.equal(body.alive, true);
    assert.equal(typeof body.uptime, 'number');
  }
});

test('listens on 127.0.0.1 only and refuses other hosts', async () => {
  assert.match(emu.rootUrl, /^http:\/\/127\.0\.0\.1:\d+$/);
  await assert.rejects(startEmulator({ host: '0.0.0.0' }), /loopback/);
});

test('unknown routes answer 404 JSON like the real services', async () => {
  for (const path of ['/api/queue/v1/no-such-thing', '/api/no-such-service/v1/ping', '/api/queue/v2/ping', '/elsewhere']) {
    const res = await fetch(`${emu.rootUrl}${path}`);
    assert.equal(res.status, 404, path);
    assert.match(res.headers.get('content-type'), /application\/json/);
    assert.equal(res.headers.get('access-control-allow-origin'), '*');
    const body = await res.json();
    assert.equal(body.code, 'ResourceNotFound');
    assert.equal(typeof body.message, 'string');
    assert.deepEqual(Object.keys(body.requestInfo).sort(), ['method', 'params', 'payload', 'time']);
  }
  // a known path with the wrong method is unknown too
  const res = await fetch(api(emu, 'queue', '/ping'), { method: 'POST' });
  assert.equal(res.status, 404);
});

test('OPTIONS preflight is answered with 204 and the CORS headers', async () => {
  const res = await fetch(api(emu, 'queue', '/task/abc'), {
    method: 'OPTIONS',
    headers: { Origin: 'http://example.com', 'Access-Control-Request-Method': 'PUT', 'Access-Control-Request-Headers': 'authorization,content-type' },
  });
  assert.equal(res.status, 204);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.match(res.headers.get('access-control-allow-headers'), /Authorization/);
  assert.match(res.headers.get('access-control-allow-headers'), /Content-Type/);
  assert.match(res.headers.get('access-control-expose-headers'), /WWW-Authenticate/);
  assert.match(res.headers.get('access-control-expose-headers'), /x-taskcluster-endpoint/);
  assert.match(res.headers.get('access-control-expose-headers'), /Location/);
});

test('reference documents are served from the manifests', async () => {
  const manifest = await (await fetch(`${emu.rootUrl}/references/manifest.json`)).json();
  assert.ok(manifest.references.includes('/references/queue/v1/api.json'));
  assert.ok(manifest.references.includes('/references/queue/v1/exchanges.json'));
  const queueRef = await (await fetch(`${emu.rootUrl}/references/queue/v1/api.json`)).json();
  assert.equal(queueRef.serviceName, 'queue');
  assert.equal(queueRef.apiVersion, 'v1');
  const createTask = queueRef.entries.find((e) => e.name === 'createTask');
  assert.deepEqual(
    { type: createTask.type, method: createTask.method, route: createTask.route, args: createTask.args },
    { type: 'function', method: 'put', route: '/task/<taskId>', args: ['taskId'] },
  );
  assert.ok(createTask.input && createTask.output && createTask.scopes);
  const ping = queueRef.entries.find((e) => e.name === 'ping');
  assert.equal('scopes' in ping, false);
  const exchanges = await (await fetch(`${emu.rootUrl}/references/queue/v1/exchanges.json`)).json();
  assert.equal(exchanges.exchangePrefix, 'exchange/taskcluster-queue/v1/');
  const taskDefined = exchanges.entries.find((e) => e.name === 'taskDefined');
  assert.equal(taskDefined.type, 'topic-exchange');
  assert.equal(taskDefined.exchange, 'task-defined');
  assert.equal(taskDefined.routingKey[0].name, 'routingKeyKind');
});

test('route parameters are percent-decoded; %2F puts a slash in a parameter', async () => {
  const { publicArtifact: a } = emu.state.demo;
  const encoded = await fetch(api(emu, 'queue', `/task/${a.taskId}/runs/0/artifacts/${encodeURIComponent(a.name)}`));
  assert.equal(encoded.status, 200);
  assert.equal(await encoded.text(), a.content);
  // secrets names are wildcard parameters in Taskcluster: raw slashes work too
  for (const path of ['/secret/project%2Fdemo%2Fconfig', '/secret/project/demo/config']) {
    const res = await hawkFetch(api(emu, 'secrets', path), emu.clients.root);
    assert.equal(res.status, 200, path);
    assert.equal((await res.json()).secret.retries, 3);
  }
  // elsewhere an encoded slash stays inside the parameter
  const status = await fetch(api(emu, 'queue', `/task/${a.taskId}%2Fx/status`));
  assert.equal(status.status, 400);
  assert.equal((await status.json()).requestInfo.params.taskId, `${a.taskId}/x`);
});

test('bad route parameters and unknown query parameters are 400 InvalidRequestArguments', async () => {
  const badId = await fetch(api(emu, 'queue', '/task/not-a-slugid'));
  assert.equal(badId.status, 400);
  assert.equal((await badId.json()).code, 'InvalidRequestArguments');
  const { taskGroupId } = emu.state.demo;
  const typo = await fetch(api(emu, 'queue', `/task-group/${taskGroupId}/list?continuation_token=abc`));
  assert.equal(typo.status, 400);
  assert.match((await typo.json()).message, /unknown query parameter "continuation_token"/);
  const badLimit = await fetch(api(emu, 'queue', `/task-group/${taskGroupId}/list?limit=ten`));
  assert.equal(badLimit.status, 400);
  const badToken = await fetch(api(emu, 'queue', `/task-group/${taskGroupId}/list?continuationToken=garbage`));
  assert.equal(badToken.status, 400);
});

test('JSON bodies: wrong content type, malformed JSON and missing body are rejected', async () => {
  const url = api(emu, 'auth', '/scopes/expand');
  const wrongType = await hawkFetch(url, emu.clients.root, { method: 'POST', body: { scopes: [] }, headers: { 'Content-Type': 'text/plain' } });
  assert.equal(wrongType.status, 400);
  assert.equal((await wrongType.json()).code, 'InputValidationError');
  const malformed = await fetch(url, { method: 'POST', body: '{"scopes": [', headers: { 'Content-Type': 'application/json' } });
  assert.equal(malformed.status, 400);
  assert.equal((await malformed.json()).code, 'MalformedPayload');
  const missing = await fetch(url, { method: 'POST' });
  assert.equal(missing.status, 400);
});

test('functions in the manifests that are not emulated answer 501 after authentication', async () => {
  const unauthenticated = await fetch(api(emu, 'worker-manager', '/providers'), { headers: { Authorization: 'Hawk id="x", ts="1", nonce="n", mac="m"' } });
  assert.equal(unauthenticated.status, 401);
  const res = await hawkFetch(api(emu, 'worker-manager', '/providers'), emu.clients.root);
  assert.equal(res.status, 501);
  assert.equal((await res.json()).code, 'NotImplemented');
});
