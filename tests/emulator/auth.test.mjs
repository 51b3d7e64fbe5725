// Authentication and authorization: Hawk, bewits, certificates, authorizedScopes,
// roles, scope expressions and the stale-timestamp challenge.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import hawk from 'hawk';
import { startEmulator } from '../../emulator/index.mjs';
import { api, bewitUrl, hawkFetch, newTaskId, taskDefinition, temporaryCredentials } from './helpers.mjs';

let emu;
before(async () => { emu = await startEmulator(); });
after(async () => { await emu.close(); });

const currentScopes = async (credentials, options) => {
  const res = await hawkFetch(api(emu, 'auth', '/scopes/current'), credentials, options);
  return { status: res.status, body: await res.json(), res };
};

test('anonymous requests get the anonymous role; root gets *', async () => {
  const anonymous = await (await fetch(api(emu, 'auth', '/scopes/current'))).json();
  assert.ok(anonymous.scopes.includes('queue:get-artifact:public/*'));
  assert.ok(!anonymous.scopes.includes('*'));
  const root = await currentScopes(emu.clients.root);
  assert.deepEqual(root.body.scopes, ['*']);
});

test('the limited client gets 403 naming the missing scopes', async () => {
  const res = await hawkFetch(api(emu, 'queue', `/task/${newTaskId()}`), emu.clients.limited, { method: 'PUT', body: taskDefinition() });
  assert.equal(res.status, 403);
  const body = await res.json();
  assert.equal(body.code, 'InsufficientScopes');
  assert.match(body.message, /demo\/limited/);
  assert.match(body.message, /queue:create-task:project:none/);
  assert.match(body.message, /queue:scheduler-id:-/);
  assert.match(body.message, /queue:create-task:lowest:proj-demo\/ci/);

  const secret = await hawkFetch(api(emu, 'secrets', '/secret/project%2Fother%2Fcredentials'), emu.clients.limited);
  assert.equal(secret.status, 403);
  assert.match((await secret.json()).message, /secrets:get:project\/other\/credentials/);
  // ...while its role grants the demo project's secrets
  const allowed = await hawkFetch(api(emu, 'secrets', '/secret/project%2Fdemo%2Fapi-key'), emu.clients.limited);
  assert.equal(allowed.status, 200);
});

test('createTask scopes follow the payload: task scopes and routes are required too', async () => {
  const issuer = emu.clients.root;
  // temporary credentials that may create tasks but not grant secrets or routes
  const creds = temporaryCredentials(issuer, {
    scopes: ['queue:create-task:lowest:proj-demo/ci', 'queue:scheduler-id:-', 'queue:create-task:project:none'],
  });
  const create = (extra) => hawkFetch(api(emu, 'queue', `/task/${newTaskId()}`), creds, {
    method: 'PUT', body: taskDefinition(extra), ext: { certificate: creds.certificate },
  });
  assert.equal((await create({})).status, 200);
  const withScope = await create({ scopes: ['secrets:get:project/demo/config'] });
  assert.equal(withScope.status, 403);
  assert.match((await withScope.json()).message, /secrets:get:project\/demo\/config/);
  const withRoute = await create({ routes: ['index.project.demo.x'] });
  assert.equal(withRoute.status, 403);
  assert.match((await withRoute.json()).message, /queue:route:index\.project\.demo\.x/);
  // a higher-priority scope covers a lower priority
  const high = temporaryCredentials(issuer, { scopes: ['queue:create-task:high:proj-demo/ci', 'queue:scheduler-id:-', 'queue:create-task:project:none'] });
  const res = await hawkFetch(api(emu, 'queue', `/task/${newTaskId()}`), high, {
    method: 'PUT', body: taskDefinition({ priority: 'low' }), ext: { certificate: high.certificate },
  });
  assert.equal(res.status, 200);
});

test('temporary credentials: unnamed and named certificates are accepted', async () => {
  const unnamed = temporaryCredentials(emu.clients.root, { scopes: ['secrets:get:project/demo/*'] });
  const a = await currentScopes(unnamed, { ext: { certificate: unnamed.certificate } });
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.ok(a.body.scopes.includes('secrets:get:project/demo/*'));
  assert.ok(!a.body.scopes.includes('*'));

  const named = temporaryCredentials(emu.clients.root, { scopes: ['auth:current-scopes'], name: 'my-temporary-client' });
  const b = await currentScopes(named, { ext: { certificate: named.certificate } });
  assert.equal(b.status, 200, JSON.stringify(b.body));

  // empty scopes: the signed text ends with "scopes:"
  const empty = temporaryCredentials(emu.clients.root, { scopes: [] });
  assert.equal((await currentScopes(empty, { ext: { certificate: empty.certificate } })).status, 200);
  // works as a bewit too
  const url = bewitUrl(api(emu, 'auth', '/scopes/current'), unnamed, { ext: { certificate: unnamed.certificate } });
  assert.equal((await fetch(url)).status, 200);
});

test('temporary credentials: bad certificates are rejected with the auth service messages', async () => {
  const check = async (creds, message) => {
    const { status, body } = await currentScopes(creds, { ext: { certificate: creds.certificate } });
    assert.equal(status, 401, message.toString());
    assert.equal(body.code, 'AuthenticationFailed');
    assert.match(body.message, message);
  };
  const root = emu.clients.root;
  await check(temporaryCredentials(root, { scopes: [], trailingNewline: true }), /ext\.certificate\.signature is not valid/);
  await check(temporaryCredentials(root, { scopes: ['a'], expiry: Date.now() - 10 * 60_000, start: Date.now() - 20 * 60_000 }), /ext\.certificate\.expiry < now/);
  await check(temporaryCredentials(root, { scopes: ['a'], start: Date.now() + 10 * 60_000 }), /ext\.certificate\.start > now/);
  await check(temporaryCredentials(root, { scopes: ['a'], expiry: Date.now() + 40 * 86400_000 }), /31 days/);
  // the limited client may not issue certificates for scopes it lacks, nor named ones
  await check(temporaryCredentials(emu.clients.limited, { scopes: ['secrets:set:x'] }), /doesn't satisfy all certificate scopes/);
  await check(temporaryCredentials(emu.clients.limited, { scopes: [], name: 'someone' }), /auth:create-client:someone/);
  const wrongVersion = temporaryCredentials(root, { scopes: [] });
  wrongVersion.certificate.version = 2;
  await check(wrongVersion, /version must be 1/);
  const shortSeed = temporaryCredentials(root, { scopes: [] });
  shortSeed.certificate.seed = 'short';
  await check(shortSeed, /seed is not 44 characters/);
});

test('authorizedScopes restrict a root client; overstepping fails', async () => {
  const restricted = { ext: { authorizedScopes: ['secrets:get:project/demo/config'] } };
  const ok = await hawkFetch(api(emu, 'secrets', '/secret/project%2Fdemo%2Fconfig'), emu.clients.root, restricted);
  assert.equal(ok.status, 200);
  const denied = await hawkFetch(api(emu, 'secrets', '/secret/project%2Fdemo%2Fapi-key'), emu.clients.root, restricted);
  assert.equal(denied.status, 403);
  assert.match((await denied.json()).message, /secrets:get:project\/demo\/api-key/);
  const oversteps = await hawkFetch(api(emu, 'auth', '/scopes/current'), emu.clients.limited, { ext: { authorizedScopes: ['secrets:set:x'] } });
  assert.equal(oversteps.status, 401);
  assert.match((await oversteps.json()).message, /ext\.authorizedScopes oversteps your scopes/);
});

test('Hawk failures: bad key, unknown client, bad payload hash, garbage ext', async () => {
  const wrongKey = await currentScopes({ clientId: emu.clients.root.clientId, accessToken: 'wrong' });
  assert.equal(wrongKey.status, 401);
  assert.match(wrongKey.body.message, /Bad mac/);
  const unknown = await currentScopes({ clientId: 'nobody', accessToken: 'x' });
  assert.equal(unknown.status, 401);

  // a payload hash that does not match the body
  const url = api(emu, 'auth', '/scopes/expand');
  const { header } = hawk.client.header(url, 'POST', {
    credentials: { id: emu.clients.root.clientId, key: emu.clients.root.accessToken, algorithm: 'sha256' },
    payload: '{"scopes":["a"]}', contentType: 'application/json',
  });
  const tampered = await fetch(url, { method: 'POST', headers: { Authorization: header, 'Content-Type': 'application/json' }, body: '{"scopes":["b"]}' });
  assert.equal(tampered.status, 401);
  assert.match((await tampered.json()).message, /Bad payload hash/);
  // the matching body passes, and so does a request without a hash
  const good = await hawkFetch(url, emu.clients.root, { method: 'POST', body: { scopes: ['a'] }, payloadHash: true });
  assert.equal(good.status, 200);
  const noHash = await hawkFetch(url, emu.clients.root, { method: 'POST', body: { scopes: ['a'] } });
  assert.equal(noHash.status, 200);

  const { header: garbage } = hawk.client.header(api(emu, 'auth', '/scopes/current'), 'GET', {
    credentials: { id: emu.clients.root.clientId, key: emu.clients.root.accessToken, algorithm: 'sha256' }, ext: 'not base64 json',
  });
  const res = await fetch(api(emu, 'auth', '/scopes/current'), { headers: { Authorization: garbage } });
  assert.equal(res.status, 401);
});

test('the Stale timestamp challenge when the server clock is an hour off', async () => {
  emu.clockOffsetSec = 3600;
  try {
    const { status, body, res } = await currentScopes(emu.clients.root);
    assert.equal(status, 401);
    assert.equal(body.code, 'AuthenticationFailed');
    assert.match(body.message, /Stale timestamp/);
    const challenge = res.headers.get('www-authenticate');
    const m = /^Hawk ts="(\d+)", tsm="([^"]+)", error="Stale timestamp"$/.exec(challenge);
    assert.ok(m, challenge);
    const ts = Number(m[1]);
    assert.ok(Math.abs(ts - (Date.now() / 1000 + 3600)) < 60);
    // tsm is HMAC-SHA256 over "hawk.1.ts\n<ts>\n" with the client's key
    const tsm = crypto.createHmac('sha256', emu.clients.root.accessToken).update(`hawk.1.ts\n${ts}\n`).digest('base64');
    assert.equal(m[2], tsm);
    // a client that corrects its clock by the offset gets in
    const corrected = await currentScopes(emu.clients.root, { timestamp: ts });
    assert.equal(corrected.status, 200);
    // the challenge header is readable from browsers
    assert.match(res.headers.get('access-control-expose-headers'), /WWW-Authenticate/);
  } finally {
    emu.clockOffsetSec = 0;
  }
  assert.equal((await currentScopes(emu.clients.root)).status, 200);
});

test('roles expand, including parameterized ones', async () => {
  const expand = async (scopes) => (await (await hawkFetch(api(emu, 'auth', '/scopes/expand'), emu.clients.root, { method: 'POST', body: { scopes } })).json()).scopes;
  assert.deepEqual(await expand(['assume:demo-role:viewer']), ['assume:demo-role:viewer', 'secrets:get:project/demo/*']);
  const admin = await expand(['assume:project-admin:demo']);
  assert.ok(admin.includes('secrets:set:project/demo/*'));
  assert.ok(admin.includes('index:insert-task:project.demo.*'));
  // via assume:hook-id:project-demo/*, the hook role too
  assert.ok(admin.includes('queue:route:index.project.demo.*'));
  const limited = await (await hawkFetch(api(emu, 'auth', `/clients/${encodeURIComponent('demo/limited')}`), emu.clients.root)).json();
  assert.ok(limited.expandedScopes.includes('secrets:get:project/demo/*'));
});

test('testAuthenticate and testAuthenticateGet use the tester client', async () => {
  const tester = { clientId: 'tester', accessToken: 'no-secret' };
  const res = await hawkFetch(api(emu, 'auth', '/test-authenticate'), tester, { method: 'POST', body: { clientScopes: ['test:*'], requiredScopes: ['test:x'] } });
  assert.equal(res.status, 200);
  assert.deepEqual(await res.json(), { clientId: 'tester', scopes: ['test:*'] });
  const denied = await hawkFetch(api(emu, 'auth', '/test-authenticate'), tester, { method: 'POST', body: { clientScopes: ['test:a'], requiredScopes: ['test:b'] } });
  assert.equal(denied.status, 403);
  const viaBewit = await fetch(bewitUrl(api(emu, 'auth', '/test-authenticate-get/'), tester));
  assert.equal(viaBewit.status, 200);
  assert.equal((await viaBewit.json()).clientId, 'tester');
});

test('createClient makes a usable client; its scopes need the creator to hold them', async () => {
  const clientId = `test/${crypto.randomBytes(4).toString('hex')}`;
  const url = api(emu, 'auth', `/clients/${encodeURIComponent(clientId)}`);
  const body = { description: 'test', expires: new Date(Date.now() + 3600_000).toJSON(), scopes: ['secrets:get:project/demo/config'] };
  const denied = await hawkFetch(url, emu.clients.limited, { method: 'PUT', body });
  assert.equal(denied.status, 403);
  const created = await (await hawkFetch(url, emu.clients.root, { method: 'PUT', body })).json();
  assert.equal(created.clientId, clientId);
  const secret = await hawkFetch(api(emu, 'secrets', '/secret/project%2Fdemo%2Fconfig'), created);
  assert.equal(secret.status, 200);
});
