// createTemporaryCredentials: differential against taskcluster-client, plus an
// independent recomputation of what the Taskcluster auth service verifies.
import { test, before, after } from 'node:test';
import assert from '../support/assert.mjs';
import * as tc from 'taskcluster-wasm';
import * as client from 'taskcluster-client';
import { authServiceSignature, tempAccessToken, decodeExt } from '../support/tc-crypto.mjs';
import { startHawkServer } from '../support/hawk-server.mjs';

const ISSUER = { clientId: 'issuer/test-client', accessToken: 'issuer-access-token-0123456789abcdef' };
const START = new Date('2017-01-19T16:27:20.974Z');
const DAY = 86400e3;

const forms = (d) => [['Date', d], ['ms', d.getTime()], ['ISO', d.toISOString()]];
const SCOPE_SETS = [
  [],
  ['queue:create-task:*'],
  ['a', 'b:*', 'c:with space', 'd:~!@#$%^&*()_+{}|:"<>?', '*', 'assume:role:x', 'x'.repeat(300)],
];
const CASES = [];
for (const scopes of SCOPE_SETS) {
  for (const name of [undefined, 'named/temp-client']) {
    for (const [span, label] of [[60e3, '1 minute'], [DAY, '1 day'], [31 * DAY, '31 days']]) {
      CASES.push({ scopes, name, start: START, expiry: new Date(START.getTime() + span), label });
    }
  }
}

function oracle({ scopes, name, start, expiry }) {
  return client.createTemporaryCredentials({ credentials: ISSUER, scopes: [...scopes], start, expiry, clientId: name });
}

test('same certificate and accessToken as taskcluster-client (non-empty scopes), auth-service signature', () => {
  for (const c of CASES) {
    const expected = oracle(c);
    const expectedCert = JSON.parse(expected.certificate);
    for (const [sForm, start] of forms(c.start)) {
      for (const [eForm, expiry] of forms(c.expiry)) {
        const ctx = `${JSON.stringify(c.scopes)} name=${c.name} ${c.label} start=${sForm} expiry=${eForm}`;
        const got = tc.createTemporaryCredentials({ ...ISSUER, scopes: c.scopes, name: c.name, start, expiry, seed: expectedCert.seed });
        assert.deepEqual(Object.keys(got).sort(), ['accessToken', 'certificate', 'clientId'], ctx);
        assert.equal(typeof got.certificate, 'string', ctx);
        const cert = JSON.parse(got.certificate);
        assert.equal(got.clientId, c.name ?? ISSUER.clientId, ctx);
        assert.equal(got.accessToken, tempAccessToken(ISSUER.accessToken, cert.seed), `accessToken ${ctx}`);
        assert.equal(cert.signature, authServiceSignature(ISSUER.accessToken, cert, c.name, ISSUER.clientId), `auth-service signature ${ctx}`);
        if (c.scopes.length > 0) {
          assert.deepEqual(cert, expectedCert, `certificate ${ctx}`);
          assert.equal(got.accessToken, expected.accessToken, `accessToken ${ctx}`);
          assert.equal(got.clientId, expected.clientId, ctx);
        } else {
          // taskcluster-client signs "scopes:\n" (trailing newline), which the auth service rejects.
          assert.notEqual(cert.signature, expectedCert.signature, `empty scopes must not copy the client bug ${ctx}`);
          assert.deepEqual({ ...cert, signature: null }, { ...expectedCert, signature: null }, `other fields ${ctx}`);
          assert.equal(got.accessToken, expected.accessToken, ctx);
        }
      }
    }
  }
});

test('the credentials:{clientId, accessToken} form gives the same result', () => {
  const seed = 'A'.repeat(22) + 'b-_'.repeat(7) + 'z';
  const opts = { scopes: ['s'], start: START, expiry: new Date(START.getTime() + DAY), seed };
  const flat = tc.createTemporaryCredentials({ ...ISSUER, ...opts });
  const nested = tc.createTemporaryCredentials({ credentials: { ...ISSUER }, ...opts });
  assert.deepEqual(nested, flat);
  assert.equal(JSON.parse(flat.certificate).seed, seed);
  assert.equal(JSON.parse(flat.certificate).issuer, undefined);
  assert.equal(JSON.parse(tc.createTemporaryCredentials({ ...ISSUER, ...opts, name: 'n' }).certificate).issuer, ISSUER.clientId);
});

test('defaults: random 44-char seed, start = now (as taskcluster-client)', () => {
  const before = Date.now();
  const a = tc.createTemporaryCredentials({ ...ISSUER, scopes: [], expiry: new Date(before + 3600e3) });
  const b = tc.createTemporaryCredentials({ ...ISSUER, scopes: [], expiry: new Date(before + 3600e3) });
  const after = Date.now();
  const ca = JSON.parse(a.certificate);
  assert.match(ca.seed, /^[A-Za-z0-9_-]{44}$/);
  assert.notEqual(ca.seed, JSON.parse(b.certificate).seed);
  assert.ok(ca.start >= before && ca.start <= after, `start ${ca.start}`);
  assert.equal(ca.expiry, before + 3600e3);
  assert.equal(ca.version, 1);
  assert.deepEqual(ca.scopes, []);
});

const base = (patch = {}) => {
  const opts = { ...ISSUER, scopes: ['a'], start: START, expiry: new Date(START.getTime() + DAY), ...patch };
  for (const key of Object.keys(opts)) if (opts[key] === undefined) delete opts[key];
  return opts;
};
const withCert = (certificate) => base({ clientId: undefined, accessToken: undefined, credentials: { ...ISSUER, certificate } });
const ERRORS = [
  ['span over 31 days', base({ expiry: new Date(START.getTime() + 31 * DAY + 1) }), RangeError],
  ['expiry before start', base({ expiry: new Date(START.getTime() - 1) }), RangeError],
  ['expiry equal to start', base({ expiry: START }), RangeError],
  ['issuer has a certificate (string)', withCert('{"version":1}'), Error],
  ['issuer has a certificate (object)', withCert({ version: 1 }), Error],
  ['scope with a newline', base({ scopes: ['a', 'b\nc'] }), TypeError],
  ['scope with DEL', base({ scopes: ['\x7f'] }), TypeError],
  ['scope with non-ASCII', base({ scopes: ['é'] }), TypeError],
  ['scope not a string', base({ scopes: ['a', 5] }), TypeError],
  ['missing expiry', base({ expiry: undefined }), TypeError],
  ['missing accessToken', base({ accessToken: undefined }), TypeError],
];

test('errors', () => {
  for (const [label, opts, Kind] of ERRORS) {
    assert.throws(() => tc.createTemporaryCredentials(opts), (err) => {
      assert.ok(err instanceof Kind, `${label}: expected ${Kind.name}, got ${err?.name}: ${err?.message}`);
      if (Kind === Error) assert.equal(err.name, 'Error', `${label}: ${err.name}`);
      assert.ok(err.message.startsWith('createTemporaryCredentials'), `${label}: ${err.message}`);
      assert.ok(!String(err).includes(ISSUER.accessToken) && !err.message.includes(ISSUER.accessToken), label);
      return true;
    }, label);
  }
  // exactly 31 days is allowed
  assert.doesNotThrow(() => tc.createTemporaryCredentials(base({ expiry: new Date(START.getTime() + 31 * DAY) })));
});

let srv;
before(async () => {
  srv = await startHawkServer({ credentials: { [ISSUER.clientId]: { key: ISSUER.accessToken, algorithm: 'sha256' } } });
});
after(async () => { await srv.close(); });

test('temporary credentials sign requests the server accepts; ext carries the certificate object', async () => {
  const now = Date.now();
  for (const name of [undefined, 'named/temp-client']) {
    for (const scopes of [[], ['a', 'b:*']]) {
      const tmp = tc.createTemporaryCredentials({ ...ISSUER, scopes, name, expiry: new Date(now + 3600e3) });
      const cert = JSON.parse(tmp.certificate);
      for (const certificate of [tmp.certificate, cert]) {
        const url = `${srv.url}/api/queue/v1/task/${name ?? 'x'}`;
        const header = tc.hawkHeader({ method: 'GET', url, credentials: { ...tmp, certificate } });
        const res = await fetch(url, { headers: { Authorization: header } });
        const body = await res.json();
        const ctx = `name=${name} scopes=${scopes} certificate as ${typeof certificate}`;
        assert.equal(res.status, 200, `${ctx}: ${body.error}`);
        assert.equal(body.id, name ?? ISSUER.clientId, ctx);
        assert.deepEqual(decodeExt(body.ext), { certificate: cert }, ctx);
        assert.deepEqual(body.certificate, cert, ctx);
      }
    }
  }
});
