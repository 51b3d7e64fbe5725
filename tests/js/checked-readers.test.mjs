// The checked paths behind the fast paths read the caller's values in JS and
// hand wasm one string per list or expression, whose first character separates
// the items: any item must cross exactly (a newline, the separator candidates),
// and each limit must hold the same on the fast and the checked path.
import { test } from 'node:test';
import { createRequire } from 'node:module';
import assert from '../support/assert.mjs';
import hapiHawk from '@hapi/hawk';
import * as tc from 'taskcluster-wasm';

const lib = createRequire(import.meta.url)('taskcluster-lib-scopes');
const URL_ = 'https://tc.example.com/api/queue/v1/task/abc?x=1';
const CREDENTIALS = { clientId: 'checked/client', accessToken: 'checked-token' };
const FIXED = { timestamp: 1893456000, nonce: 'n0nce1' };

/** The authorizedScopes a header's ext carries (base64 JSON). */
const extScopes = (header) => JSON.parse(Buffer.from(/ext="([^"]*)"/.exec(header)[1], 'base64').toString()).authorizedScopes;

test('authorizedScopes holding newlines and separator candidates cross exactly, as @hapi/hawk signs them', () => {
  for (const scopes of [['a\nb', 'c'], ['\n', ''], ['x\n\0\u0001y', '\u0002'], [], ['']]) {
    const header = tc.hawkHeader({ method: 'GET', url: URL_, credentials: CREDENTIALS, authorizedScopes: scopes, ...FIXED });
    assert.deepEqual(extScopes(header), scopes, JSON.stringify(scopes));
    const ext = /ext="([^"]*)"/.exec(header)[1];
    const official = hapiHawk.client.header(URL_, 'GET', { credentials: { id: CREDENTIALS.clientId, key: CREDENTIALS.accessToken, algorithm: 'sha256' }, ...FIXED, ext }).header;
    assert.equal(header, official);
  }
});

test('a scope holding a newline is named by index, on every function that takes scopes', () => {
  const bad = ['ok', 'a\nb'];
  assert.throws(() => tc.scopeIntersection(['x'], bad), { name: 'TypeError', message: /^scopeIntersection: b\[1\] is not a valid scope/ });
  assert.throws(() => tc.normalizeScopeSet(bad), { name: 'TypeError', message: /^normalizeScopeSet: scopes\[1\] is not a valid scope/ });
  assert.throws(() => tc.scopeMatch(['x'], [['y'], bad]), { name: 'TypeError', message: /^scopeMatch: requiredScopeSets\[1\]\[1\] is not a valid scope/ });
  assert.throws(() => new tc.ScopeSet(bad), { name: 'TypeError', message: /^ScopeSet: assumed\[1\] is not a valid scope/ });
  assert.throws(() => tc.satisfiesExpression(['a'], { AnyOf: ['b', { AllOf: ['c\nd'] }] }), {
    name: 'TypeError', message: /^satisfiesExpression: expression\.AnyOf\[1\]\.AllOf\[0\] is not a valid scope/,
  });
  assert.throws(() => tc.createTemporaryCredentials({ ...CREDENTIALS, scopes: bad, expiry: 3600e3, start: 0 }), {
    name: 'TypeError', message: /^createTemporaryCredentials: options\.scopes\[1\] is not a valid scope/,
  });
  assert.equal(tc.validExpression({ AnyOf: ['a\nb'] }), false);
  assert.equal(tc.validScope('a\nb'), false);
});

test('the depth limit is the same on the fast path, the prepared path and the checked path', () => {
  const nest = (depth) => {
    let expression = 'queue:x';
    for (let i = 0; i < depth; i++) expression = { AnyOf: [expression] };
    return expression;
  };
  const atLimit = nest(100);
  const beyond = nest(101);
  const set = new tc.ScopeSet(['queue:*']);
  for (let pass = 0; pass < 3; pass++) {
    // The same objects again: later passes use what was kept of them.
    assert.equal(tc.satisfiesExpression(['queue:*'], atLimit), lib.satisfiesExpression(['queue:*'], atLimit));
    assert.equal(set.satisfies(atLimit), true);
    assert.throws(() => tc.satisfiesExpression(['queue:*'], beyond), { name: 'RangeError', message: /^satisfiesExpression: expression(\.AnyOf\[0\])+ is nested more than 100 levels deep$/ });
    assert.throws(() => set.satisfies(beyond), { name: 'RangeError', message: /^ScopeSet\.satisfies: expression(\.AnyOf\[0\])+ is nested more than 100 levels deep$/ });
  }
  assert.equal(tc.validExpression(beyond), false);
});

test('the checked paths agree with taskcluster-lib-scopes on expressions the fast path declines', () => {
  // Scopes with spaces and non-ASCII-free edge cases, plus keys the fast path does not take.
  const cases = [
    [['a b'], { AllOf: ['a b'] }],
    [['x*'], { AnyOf: [] }],
    [[], { AllOf: [] }],
    [['a*', 'b'], { AllOf: ['a:1', { AnyOf: ['c', 'b'] }] }],
  ];
  for (const [scopes, expression] of cases) {
    assert.equal(tc.satisfiesExpression(scopes, expression), lib.satisfiesExpression(scopes, expression), JSON.stringify([scopes, expression]));
    assert.deepEqual(tc.scopesSatisfying(scopes, expression), lib.scopesSatisfying(scopes, expression));
    assert.deepEqual(tc.removeGivenScopes(scopes, expression), lib.removeGivenScopes(scopes, expression));
  }
});

test("a client's authorizedScopes cross as one string: its signed URLs carry them exactly", () => {
  const scopes = ['queue:get-artifact:x\ny', 'queue:*', ''];
  const queue = new tc.Queue({ rootUrl: 'https://tc.example.com', credentials: CREDENTIALS, authorizedScopes: scopes });
  const signed = new URL(queue.buildSignedUrl(queue.getLatestArtifact, 'abc', 'public/x'));
  const [id, , , ext] = Buffer.from(signed.searchParams.get('bewit'), 'base64url').toString().split('\\');
  assert.equal(id, CREDENTIALS.clientId);
  assert.deepEqual(JSON.parse(Buffer.from(ext, 'base64').toString()).authorizedScopes, scopes);
});
