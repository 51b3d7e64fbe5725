// Self-test of tests/support/hawk-server.mjs with hawk's own client, so that
// "accepted by the server" in the other tests means something.
import { test, before, after } from 'node:test';
import assert from '../support/assert.mjs';
import hawk from 'hawk';
import * as tcClient from 'taskcluster-client';
import { startHawkServer } from '../support/hawk-server.mjs';

const KEY = 'server-selftest-key';
const creds = { id: 'selftest', key: KEY, algorithm: 'sha256' };
let srv;
before(async () => { srv = await startHawkServer({ credentials: { selftest: { key: KEY, algorithm: 'sha256' } } }); });
after(async () => { await srv.close(); });

const ext = (obj) => Buffer.from(JSON.stringify(obj)).toString('base64');
const call = async (path, init) => {
  const res = await fetch(srv.url + path, init);
  return { status: res.status, body: await res.json(), www: res.headers.get('www-authenticate') };
};

test('server binds to 127.0.0.1 and accepts a hawk-client header', async () => {
  assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  const { header } = hawk.client.header(`${srv.url}/a/b?c=d`, 'GET', { credentials: creds, ext: 'raw-ext' });
  const r = await call('/a/b?c=d', { headers: { Authorization: header } });
  assert.equal(r.status, 200, r.body.error);
  assert.equal(r.body.id, 'selftest');
  assert.equal(r.body.ext, 'raw-ext');
});

test('server rejects a wrong key, a tampered mac, a missing header', async () => {
  const bad = hawk.client.header(`${srv.url}/x`, 'GET', { credentials: { ...creds, key: 'other' } }).header;
  assert.equal((await call('/x', { headers: { Authorization: bad } })).status, 401);
  const good = hawk.client.header(`${srv.url}/x`, 'GET', { credentials: creds }).header;
  assert.equal((await call('/y', { headers: { Authorization: good } })).status, 401, 'other path');
  assert.equal((await call('/x', {})).status, 401);
});

test('server verifies payload hashes and requires one for a body', async () => {
  const payload = '{"héllo":"wörld"}';
  const { header } = hawk.client.header(`${srv.url}/p`, 'POST', { credentials: creds, payload, contentType: 'application/json' });
  const ok = await call('/p', { method: 'POST', body: payload, headers: { Authorization: header, 'Content-Type': 'application/json' } });
  assert.equal(ok.status, 200, ok.body.error);
  assert.equal(ok.body.payloadVerified, true);
  const tampered = await call('/p', { method: 'POST', body: payload + ' ', headers: { Authorization: header, 'Content-Type': 'application/json' } });
  assert.equal(tampered.status, 401);
  assert.match(tampered.body.error, /payload hash/i);
  const noHash = hawk.client.header(`${srv.url}/p`, 'POST', { credentials: creds }).header;
  const r = await call('/p', { method: 'POST', body: 'x', headers: { Authorization: noHash, 'Content-Type': 'text/plain' } });
  assert.equal(r.status, 401);
});

test('server honours X-Forwarded-Host for default ports', async () => {
  const { header } = hawk.client.header('http://example.com/z', 'GET', { credentials: creds });
  assert.equal((await call('/z', { headers: { Authorization: header, 'X-Forwarded-Host': 'example.com' } })).status, 200);
  const https = hawk.client.header('https://example.com/z', 'GET', { credentials: creds }).header;
  assert.equal((await call('/z', { headers: { Authorization: https, 'X-Forwarded-Host': 'example.com', 'X-Forwarded-Proto': 'https' } })).status, 200);
  assert.equal((await call('/z', { headers: { Authorization: https, 'X-Forwarded-Host': 'example.com' } })).status, 401, 'port 443 != 80');
});

test('server verifies bewits and rejects tampered ones', async () => {
  const b = hawk.client.getBewit(`${srv.url}/bw?x=1`, { credentials: creds, ttlSec: 60 });
  assert.equal((await call(`/bw?x=1&bewit=${b}`)).status, 200);
  assert.equal((await call(`/bw?x=2&bewit=${b}`)).status, 401);
});

test('server derives temporary keys from certificates and checks signatures', async () => {
  const tmp = tcClient.createTemporaryCredentials({
    credentials: { clientId: 'selftest', accessToken: KEY },
    expiry: new Date(Date.now() + 3600e3), scopes: ['a', 'b:*'],
  });
  const cert = JSON.parse(tmp.certificate);
  const tcreds = { id: tmp.clientId, key: tmp.accessToken, algorithm: 'sha256' };
  const h = hawk.client.header(`${srv.url}/t`, 'GET', { credentials: tcreds, ext: ext({ certificate: cert }) }).header;
  const r = await call('/t', { headers: { Authorization: h } });
  assert.equal(r.status, 200, r.body.error);
  assert.deepEqual(r.body.certificate, cert);
  const forged = { ...cert, scopes: ['*'] };
  const h2 = hawk.client.header(`${srv.url}/t`, 'GET', { credentials: tcreds, ext: ext({ certificate: forged }) }).header;
  const r2 = await call('/t', { headers: { Authorization: h2 } });
  assert.equal(r2.status, 401);
  assert.match(r2.body.error, /signature/);
});

test('server answers a stale timestamp with a ts/tsm challenge and CORS preflight', async () => {
  const { header } = hawk.client.header(`${srv.url}/s`, 'GET', { credentials: creds, timestamp: Math.floor(Date.now() / 1000) - 3600 });
  const r = await call('/s', { headers: { Authorization: header } });
  assert.equal(r.status, 401);
  assert.match(r.www, /^Hawk ts="\d+", tsm="[^"]+", error="Stale timestamp"$/);
  const pre = await fetch(`${srv.url}/s`, { method: 'OPTIONS', headers: { 'Access-Control-Request-Method': 'GET', Origin: 'http://127.0.0.1:1' } });
  assert.equal(pre.status, 204);
  assert.equal(pre.headers.get('access-control-allow-origin'), '*');
  assert.match(pre.headers.get('access-control-allow-headers'), /Authorization/);
});
