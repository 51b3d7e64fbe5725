// The JS fast path of hawkHeader/bewit/signUrl (pkg-template/hawk-signers.js) keeps
// a few prepared signers and scope exts: whatever it keeps, every header and bewit
// must be exactly what @hapi/hawk and hawk produce for the same inputs, including
// after signers and exts have been released to make room.
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import hapiHawk from '@hapi/hawk';
import hawk from 'hawk';
import * as client from 'taskcluster-client';
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

test('unknown options are refused, naming the function and the option', () => {
  const credentials = { clientId: 'client/unknown', accessToken: 'unknown-token' };
  const calls = [
    ['hawkHeader', () => tc.hawkHeader({ method: 'GET', url: URL_, credentials, timestmap: 1 }), '"timestmap"; did you mean timestamp?'],
    ['bewit', () => tc.bewit({ url: URL_, credentials, expires: 60 }), '"expires"; known options: url, credentials, '],
    ['signUrl', () => tc.signUrl({ url: URL_, credentials, ttlSec: 60 }), '"ttlSec"; known options: url, credentials, '],
    ['createTemporaryCredentials', () => tc.createTemporaryCredentials({ ...credentials, expiry: new Date(Date.now() + 60e3), scope: ['a'] }), '"scope"; did you mean scopes?'],
  ];
  // The same message as the clients' options (client-options.js): one refuser.
  for (const [name, call, expected] of calls) {
    assert.throws(call, (error) => error instanceof TypeError && error.message.startsWith(`${name}: unknown option ${expected}`), name);
  }
});

test('headers stay right after wasm memory grows under the pad', () => {
  const credentials = { clientId: 'client/growth', accessToken: 'growth-token' };
  const sign = (url) => tc.hawkHeader({ method: 'GET', url, credentials, ...FIXED });
  const expected = (url) => hapiHawk.client.header(url, 'GET', { credentials: { id: credentials.clientId, key: credentials.accessToken, algorithm: 'sha256' }, ...FIXED }).header;
  assert.equal(sign(URL_), expected(URL_));
  // A URL too long for the pad goes through the checked path, whose copy into wasm grows its memory.
  const huge = `https://tc.example.com/${'a'.repeat(8 << 20)}`;
  assert.match(sign(huge), /^Hawk id="client\/growth"/);
  for (const url of [URL_, `${URL_}&y=${'b'.repeat(5000)}`, URL_]) assert.equal(sign(url), expected(url));
});

test('inputs the fast path leaves to the checked one give the same headers, or its errors', () => {
  const credentials = { clientId: 'client/fallback', accessToken: 'fallback-token' };
  const sign = (options) => tc.hawkHeader({ credentials, ...FIXED, ...options });
  const expected = (url, method, ext) =>
    hapiHawk.client.header(url, method, { credentials: { id: credentials.clientId, key: credentials.accessToken, algorithm: 'sha256' }, ...FIXED, ext }).header;
  // Lower-case method (signed upper-case), a URL that fetch would normalize, an ext.
  assert.equal(sign({ method: 'get', url: URL_ }), expected(URL_, 'GET'));
  assert.equal(sign({ method: 'GET', url: 'https://tc.example.com/a b' }), expected('https://tc.example.com/a%20b', 'GET'));
  assert.equal(sign({ method: 'GET', url: URL_, ext: 'some ext' }), expected(URL_, 'GET', 'some ext'));
  // Values a header cannot carry: the checked path's errors, naming the option.
  assert.throws(() => sign({ method: 'GET', url: URL_, ext: 'line\nbreak' }), /hawkHeader: ext contains/);
  assert.throws(() => sign({ method: 'GET', url: URL_, ext: 'é' }), /hawkHeader: ext contains/);
  assert.throws(() => sign({ method: 'G T', url: URL_ }), /hawkHeader: method must be an HTTP method name/);
  assert.throws(() => sign({ method: 'GET', url: URL_, nonce: '' }), /hawkHeader: nonce must not be empty/);
  assert.throws(() => tc.hawkHeader({ method: 'GET', url: URL_, credentials: { clientId: 'a"b', accessToken: 't' } }), /credentials\.clientId contains/);
  // A lone surrogate in the key is not silently replaced.
  assert.throws(() => tc.hawkHeader({ method: 'GET', url: URL_, credentials: { clientId: 'c', accessToken: 'bad\uD800' } }), /hawkHeader:/);
});

test('createTemporaryCredentials: the fast path (Date, ms) and the checked one (ISO strings) issue the same credentials', () => {
  const issuer = { clientId: 'issuer/fast', accessToken: 'issuer-fast-token' };
  const seed = 'aaaaaaaaaaaaaaaaaaaaaabbbbbbbbbbbbbbbbbbbbbb';
  const start = new Date('2030-01-01T00:00:00.000Z');
  const expiry = new Date('2030-01-01T06:00:00.000Z');
  for (const scopes of [undefined, [], ['a', 'b:*', 'c with space']]) {
    for (const name of [undefined, 'named/fast']) {
      const checked = tc.createTemporaryCredentials({ ...issuer, name, scopes, seed, start: start.toISOString(), expiry: expiry.toISOString() });
      assert.deepEqual(tc.createTemporaryCredentials({ ...issuer, name, scopes, seed, start, expiry }), checked);
      assert.deepEqual(tc.createTemporaryCredentials({ ...issuer, name, scopes, seed, start: start.getTime() + 0.7, expiry: expiry.getTime() }), checked);
      assert.deepEqual(tc.createTemporaryCredentials({ credentials: issuer, clientId: name, scopes, seed, start, expiry }), checked);
    }
  }
  // A scope holding a newline must not be split into two scopes on the way into wasm.
  assert.throws(() => tc.createTemporaryCredentials({ ...issuer, scopes: ['a\nb'], start, expiry }), /createTemporaryCredentials: options\.scopes\[0\]/);
});

test('any URL is signed as fetch sends it: seeded URLs of tricky characters, checked against WHATWG URL and @hapi/hawk\'s MAC', () => {
  const credentials = { clientId: 'client/urls', accessToken: 'urls-token' };
  const hawkCredentials = { id: credentials.clientId, key: credentials.accessToken, algorithm: 'sha256' };
  // Path and query characters URL keeps, encodes or resolves (dot segments, escapes of dots, bad escapes).
  const pieces = ['a', 'Z', '0', '-', '_', '~', '.', '..', '%2e', '%2E', '%2F', '%4', '%zz', '%', '/', '?', '#', '=', '&', ':', '@', '!', '$', "'", '(', '*', '+', ',', ';', ' ', '"', '<', '|', '\\', '^', '`', '{', 'é'];
  // Half the URLs only of pieces the fast path may take as they are (dot segments aside).
  const plain = pieces.filter((piece) => /^[\w.~%/?#=&:@!$(*+,;-]+$/.test(piece));
  const hosts = ['tc.example.com', 'tc.example.com:8443', 'TC.example.com', '127.0.0.1:80', 'h:'];
  let seed = 7;
  const next = (n) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let i = 0; i < 2000; i++) {
    const from = i % 2 ? pieces : plain;
    const path = Array.from({ length: 1 + next(10) }, () => from[next(from.length)]).join('');
    const url = `${['https', 'http'][next(2)]}://${hosts[next(hosts.length)]}/${path}`;
    // What the server sees: fetch sends the URL as WHATWG URL serializes it (hawk's own
    // client.header would re-encode it with the legacy url.parse instead).
    const sent = new URL(url);
    const port = Number(sent.port || (sent.protocol === 'https:' ? 443 : 80));
    const artifacts = { ts: FIXED.timestamp, nonce: FIXED.nonce, method: 'GET', resource: sent.pathname + sent.search, host: sent.hostname, port };
    const mac = hapiHawk.crypto.calculateMac('header', hawkCredentials, artifacts);
    const expected = `Hawk id="${credentials.clientId}", ts="${FIXED.timestamp}", nonce="${FIXED.nonce}", mac="${mac}"`;
    assert.equal(tc.hawkHeader({ method: 'GET', url, credentials, ...FIXED }), expected, url);
  }
});

test('createTemporaryCredentials through the issuers\' signers: taskcluster-client\'s credentials for more issuers than are kept, between headers', () => {
  const start = new Date('2030-01-01T00:00:00.000Z');
  const expiry = new Date('2030-01-02T00:00:00.000Z');
  const issuers = Array.from({ length: 20 }, (_, i) => ({ clientId: `issuer/${i}`, accessToken: `issuer-token-${i}-${'t'.repeat(i * 4)}` }));
  for (let pass = 0; pass < 2; pass++) {
    for (const issuer of issuers) {
      const expected = client.createTemporaryCredentials({ credentials: issuer, scopes: ['queue:a', 'queue:b'], start, expiry, clientId: pass ? 'named/temp' : undefined });
      const { seed } = JSON.parse(expected.certificate);
      const name = pass ? 'named/temp' : undefined;
      assert.deepEqual(tc.createTemporaryCredentials({ ...issuer, name, scopes: ['queue:a', 'queue:b'], start, expiry, seed }), expected);
      // A header with the same credentials uses the same signer.
      assert.equal(tc.hawkHeader({ method: 'GET', url: URL_, credentials: issuer, ...FIXED }), official(issuer));
    }
  }
});
