// The JS fast path of hawkHeader/bewit/signUrl (pkg-template/hawk-signers.js) keeps
// a few prepared signers and scope exts: whatever it keeps, every header and bewit
// must be exactly what @hapi/hawk and hawk produce for the same inputs, including
// after signers and exts have been released to make room.
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import hapiHawk from '@hapi/hawk';
import hawk from 'hawk';
import * as tc from 'taskcluster-wasm';

const URL_ = 'https://tc.example.com/api/queue/v1/task/abc/artifacts/public%2Flog.txt?x=1';
const FIXED = { timestamp: 1893456000, nonce: 'n0nce1' };
const official = (credentials, ext) =>
  hapiHawk.client.header(URL_, 'GET', { credentials: { id: credentials.clientId, key: credentials.accessToken, algorithm: 'sha256' }, ...FIXED, ext }).header;

test('hawkHeader matches @hapi/hawk across more credentials than the signers kept', () => {
  // 20 credentials, each signed on three passes: later passes reuse or rebuild signers.
  const all = Array.from({ length: 20 }, (_, i) => ({ clientId: `client/${i}`, accessToken: `token-${i}-${'k'.repeat(i * 5)}` }));
  for (let pass = 0; pass < 3; pass++) {
    for (const credentials of all) {
      assert.equal(tc.hawkHeader({ method: 'GET', url: URL_, credentials, ...FIXED }), official(credentials));
    }
  }
});

test('credentials that concatenate alike are different signers', () => {
  const a = { clientId: 'ab', accessToken: 'c-token' };
  const b = { clientId: 'a', accessToken: 'bc-token' };
  for (const credentials of [a, b, a, b]) assert.equal(tc.hawkHeader({ method: 'GET', url: URL_, credentials, ...FIXED }), official(credentials));
});

test('authorizedScopes: the ext is the official one for more scope lists than are kept, and follows a mutated array', () => {
  const credentials = { clientId: 'client/scopes', accessToken: 'scopes-token' };
  const ext = (scopes) => Buffer.from(JSON.stringify({ authorizedScopes: scopes })).toString('base64');
  const lists = Array.from({ length: 24 }, (_, i) => Array.from({ length: i % 4 }, (_, j) => `queue:scope-${i}-${j}`));
  for (let pass = 0; pass < 2; pass++) {
    for (const scopes of lists) {
      assert.equal(tc.hawkHeader({ method: 'GET', url: URL_, credentials, authorizedScopes: scopes, ...FIXED }), official(credentials, ext(scopes)));
    }
  }
  const scopes = ['a'];
  tc.hawkHeader({ method: 'GET', url: URL_, credentials, authorizedScopes: scopes, ...FIXED });
  scopes.push('b');
  assert.equal(tc.hawkHeader({ method: 'GET', url: URL_, credentials, authorizedScopes: scopes, ...FIXED }), official(credentials, ext(['a', 'b'])));
});

test('bewit and signUrl verify with hawk across many credentials and expirations', async () => {
  const all = Array.from({ length: 12 }, (_, i) => ({ clientId: `bewit/${i}`, accessToken: `bewit-token-${i}` }));
  for (const credentials of [...all, ...all]) {
    for (const expiration of [undefined, 60, 3600.7]) {
      const url = tc.signUrl({ url: URL_, credentials, expiration });
      const value = new URL(url).searchParams.get('bewit');
      assert.equal(tc.bewit({ url: URL_, credentials, expiration, timestamp: Math.floor(Date.now() / 1000) }).length > 0, true);
      const request = { method: 'GET', url: new URL(url).pathname + new URL(url).search, host: 'tc.example.com', port: 443 };
      const { credentials: who } = await hawk.uri.authenticate(request, (id) => ({ id, key: credentials.accessToken, algorithm: 'sha256' }));
      assert.equal(who.id, credentials.clientId);
      assert.ok(value.length > 20);
    }
  }
});
