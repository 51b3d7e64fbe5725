// One expiration rule for every function that signs a URL, and it is the official
// clients' rule: taskcluster-client's buildSignedUrl is the oracle (exp = now +
// (expiration || 900)); a negative expiration makes a link that has already
// expired, which the hawk reference server refuses.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as tc from 'taskcluster-wasm';
import * as legacy from 'taskcluster-wasm/legacy';
import { startHawkServer } from '../support/hawk-server.mjs';

const official = createRequire(import.meta.url)('taskcluster-client').clients;
const CREDS = { clientId: 'expiration/client', accessToken: 'expiration-access-token' };
const expOf = (url) => +Buffer.from(new URL(url).searchParams.get('bewit'), 'base64url').toString('utf8').split('\\')[1];

let srv;
before(async () => { srv = await startHawkServer({ credentials: { [CREDS.clientId]: { key: CREDS.accessToken, algorithm: 'sha256' } } }); });
after(() => srv.close());

// Every signer, as (expiration) => signed URL.
const signers = () => {
  const options = (expiration) => (expiration === undefined ? {} : { expiration });
  const trailing = (expiration) => (expiration === undefined ? [] : [{ expiration }]);
  const queue = new tc.Queue({ rootUrl: srv.url, credentials: CREDS });
  const legacyQueue = new legacy.Queue({ rootUrl: srv.url, credentials: CREDS });
  const agentQueue = new tc.Queue({ rootUrl: srv.url, credentials: { getCredentials: async () => CREDS } });
  return {
    signUrl: (e) => tc.signUrl({ url: `${srv.url}/x`, credentials: CREDS, ...options(e) }),
    bewit: (e) => `${srv.url}/x?bewit=${tc.bewit({ url: `${srv.url}/x`, credentials: CREDS, ...options(e) })}`,
    buildSignedUrl: (e) => queue.buildSignedUrl('task', 'abc', ...trailing(e)),
    'legacy buildSignedUrl': (e) => legacyQueue.buildSignedUrl('task', 'abc', ...trailing(e)),
    buildSignedUrlAsync: (e) => agentQueue.buildSignedUrlAsync('task', 'abc', ...trailing(e)),
  };
};

test('every signer computes the expiry as taskcluster-client does', async () => {
  const oracle = new official.Queue({ rootUrl: srv.url, credentials: CREDS });
  for (const expiration of [undefined, 0, 1, 60, 3600, -1, -60, -86400]) {
    const expected = expOf(oracle.buildSignedUrl(oracle.task, 'abc', ...(expiration === undefined ? [] : [{ expiration }])));
    for (const [name, sign] of Object.entries(signers())) {
      const exp = expOf(await sign(expiration));
      // Both read the clock; allow for a second boundary between the two reads.
      assert.ok(Math.abs(exp - expected) <= 1, `${name}(expiration ${expiration}): exp ${exp}, taskcluster-client ${expected}`);
    }
  }
});

test('a negative expiration makes an already-expired link; a positive one works', async () => {
  for (const [name, sign] of Object.entries(signers())) {
    if (name.includes('buildSignedUrl')) continue; // their routes are not served by the hawk test server
    const expired = await fetch(await sign(-60));
    assert.equal(expired.status, 401, `${name} with expiration -60`);
    assert.match((await expired.json()).error, /expired/i);
    assert.equal((await fetch(await sign(60))).status, 200, `${name} with expiration 60`);
  }
});

test('a non-finite or non-number expiration is refused by every signer', async () => {
  for (const [name, sign] of Object.entries(signers())) {
    for (const bad of [NaN, Infinity, '60']) {
      await assert.rejects(async () => sign(bad), (e) => e instanceof TypeError || e instanceof RangeError, `${name}(${bad})`);
    }
  }
});
