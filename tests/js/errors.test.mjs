// Every export against a table of bad inputs: each call throws an Error of the class the
// contract names, whose message starts with the function name and never contains the
// accessToken; after each error the module still works (no wasm trap, no corruption).
import { test, before } from 'node:test';
import assert from '../support/assert.mjs';
import { inspect } from 'node:util';
import { createRequire } from 'node:module';
import * as tc from 'taskcluster-wasm';
import { SLUG_RE } from '../support/exports.mjs';
import {
  SECRET, BIG, BAD_STRINGS, BAD_OPTIONAL_STRINGS, BAD_STRING_ARRAYS, BAD_OPTIONAL_STRING_ARRAYS, BAD_EXPRESSIONS,
  BAD_NUMBERS, BAD_TIMES, BAD_OPTIONS, throwingProxy, deepExpression,
} from '../support/bad-values.mjs';

const lib = createRequire(import.meta.url)('taskcluster-lib-scopes');
const CREDS = { clientId: 'errors/client', accessToken: SECRET };
const URL_OK = 'https://tc.example.com/api/queue/v1/task/abc?x=1';
const TEMP = { ...CREDS, scopes: ['a'], start: 1484843240974, expiry: 1484846840974, seed: 'A'.repeat(44) };

// Deterministic outputs computed before any error; the canary recomputes and compares them.
let reference;
const canaryValues = () => ({
  header: tc.hawkHeader({ method: 'POST', url: URL_OK, credentials: CREDS, payload: '{"a":1}', timestamp: 1353832234, nonce: 'j4h3g2', authorizedScopes: ['a'] }),
  temp: tc.createTemporaryCredentials(TEMP),
  simplified: tc.simplifyScopeExpression({ AllOf: ['b', { AllOf: ['a*', 'ab'] }, { AnyOf: ['c'] }] }),
  time: tc.fromNowJSON('1 day 2 hours', 1484843240974),
  url: tc.urls.api('https://tc.example.com/', 'queue', 'v1', '/ping'),
});
before(() => { reference = canaryValues(); });
function canary(ctx) {
  assert.match(tc.slugid(), SLUG_RE, `canary slugid after ${ctx}`);
  assert.deepEqual(canaryValues(), reference, `canary values after ${ctx}`);
}

// rows: [label, () => call, ExpectedErrorClass]
const rows = (label, values, make) => values.map(([vLabel, value, Kind]) => [`${label}: ${vLabel}`, () => make(value), Kind]);
const sub = (obj, key, value) => ({ ...obj, [key]: value });

function checkThrows(prefixes, [label, call, Kind]) {
  let err;
  let threw = false;
  let result;
  try { result = call(); } catch (e) { threw = true; err = e; }
  assert.ok(threw, `${label}: did not throw (returned ${inspect(result, { depth: 1 })?.slice(0, 200)})`);
  assert.ok(err instanceof Kind, `${label}: expected ${Kind.name}, got ${err?.constructor?.name}: ${err?.message}`);
  assert.ok(typeof err.message === 'string' && err.message.length > 0, `${label}: empty message`);
  assert.ok(prefixes.some((p) => err.message.startsWith(p)), `${label}: message should start with ${prefixes.join(' or ')}: ${err.message.slice(0, 200)}`);
  for (const text of [err.message, String(err), JSON.stringify(err), inspect(err, { showHidden: true, depth: 10 }), String(err.stack)]) {
    assert.ok(!text.includes(SECRET), `${label}: the accessToken leaked: ${text.slice(0, 300)}`);
  }
  canary(label);
}

function tableTest(name, prefixes, table) {
  test(`${name}: ${table.length} bad inputs`, () => {
    for (const row of table) checkThrows(prefixes, row);
  });
}

// Valid-but-deep expressions: the answer must be right, or an Error naming the function.
function deepTest(name, prefixes, call, expected) {
  for (const op of ['AllOf', 'AnyOf']) {
    const expr = deepExpression(10000, op);
    let got;
    try { got = { value: call(expr) }; } catch (err) { got = { err }; }
    if (got.err) {
      assert.ok(got.err instanceof Error, `${name} deep ${op}: threw a non-Error ${got.err}`);
      assert.ok(prefixes.some((p) => got.err.message.startsWith(p)), `${name} deep ${op}: ${got.err.message}`);
    } else {
      assert.deepEqual(got.value, expected, `${name} deep ${op}`);
    }
    canary(`${name} deep ${op}`);
  }
}

// ---- Hawk ---------------------------------------------------------------------------
const HAWK_OK = { method: 'GET', url: URL_OK, credentials: CREDS };
const credentialRows = (make) => [
  ...rows('credentials', [...BAD_OPTIONS.filter(([l]) => l !== 'string'), ['string', SECRET, TypeError]], make),
  ...rows('credentials.clientId', BAD_STRINGS, (v) => make({ clientId: v, accessToken: SECRET })),
  ...rows('credentials.accessToken', BAD_STRINGS, (v) => make({ clientId: 'c', accessToken: v })),
  ['credentials.accessToken with a lone surrogate', () => make({ clientId: 'c', accessToken: `${SECRET}\uD800` }), TypeError],
  ['credentials.accessToken number-like', () => make({ clientId: 'c', accessToken: 12345 }), TypeError],
  ['credentials.certificate not JSON', () => make({ ...CREDS, certificate: `{not json ${SECRET}` }), Error],
  ['credentials.certificate number', () => make({ ...CREDS, certificate: 42 }), TypeError],
  ['credentials.certificate JSON array', () => make({ ...CREDS, certificate: '[1,2]' }), Error],
  ...rows('credentials.certificate', [['lone surrogate', '\uD800', TypeError], ['proxy', throwingProxy(), Error]],
    (v) => make({ ...CREDS, certificate: v })),
];
const hawkCommonRows = (make, ok) => [
  ['no arguments', () => make(), TypeError],
  ...rows('options', BAD_OPTIONS, (v) => make(v)),
  ...rows('url', BAD_STRINGS, (v) => make(sub(ok, 'url', v))),
  ...rows('url', [['relative', '/api/x', Error], ['not a URL', 'not a url', Error], ['ftp', 'ftp://x/y', Error],
    ['empty', '', Error], ['5 MB garbage', BIG, Error], ['no host', 'http://', Error]], (v) => make(sub(ok, 'url', v))),
  ...credentialRows((c) => make(sub(ok, 'credentials', c))),
  ...rows('authorizedScopes', BAD_OPTIONAL_STRING_ARRAYS, (v) => make(sub(ok, 'authorizedScopes', v))),
  ...rows('timestamp', BAD_NUMBERS, (v) => make(sub(ok, 'timestamp', v))),
  ...rows('localtimeOffsetMsec', BAD_NUMBERS, (v) => make(sub(ok, 'localtimeOffsetMsec', v))),
  ...rows('ext', BAD_OPTIONAL_STRINGS, (v) => make(sub(ok, 'ext', v))),
  ['ext together with authorizedScopes', () => make({ ...ok, ext: 'raw', authorizedScopes: ['a'] }), Error],
  ['missing credentials', () => make({ url: URL_OK, method: 'GET' }), TypeError],
  ['missing url', () => make({ method: 'GET', credentials: CREDS }), TypeError],
];
tableTest('hawkHeader', ['hawkHeader'], [
  ...hawkCommonRows((...a) => tc.hawkHeader(...a), HAWK_OK),
  ...rows('method', BAD_STRINGS, (v) => tc.hawkHeader(sub(HAWK_OK, 'method', v))),
  ['missing method', () => tc.hawkHeader({ url: URL_OK, credentials: CREDS }), TypeError],
  ...rows('payload', BAD_OPTIONAL_STRINGS, (v) => tc.hawkHeader({ ...HAWK_OK, method: 'POST', payload: v })),
  ...rows('contentType', BAD_OPTIONAL_STRINGS, (v) => tc.hawkHeader({ ...HAWK_OK, method: 'POST', payload: '{}', contentType: v })),
  ...rows('nonce', BAD_OPTIONAL_STRINGS, (v) => tc.hawkHeader(sub(HAWK_OK, 'nonce', v))),
]);
const BEWIT_OK = { url: URL_OK, credentials: CREDS };
for (const name of ['bewit', 'signUrl']) {
  tableTest(name, [name], [
    ...hawkCommonRows((...a) => tc[name](...a), BEWIT_OK),
    ...rows('expiration', BAD_NUMBERS, (v) => tc[name](sub(BEWIT_OK, 'expiration', v))),
  ]);
}
tableTest('hawkClockOffset', ['hawkClockOffset'], [
  ['no arguments', () => tc.hawkClockOffset(), TypeError],
  ...rows('wwwAuthenticate', BAD_STRINGS, (v) => tc.hawkClockOffset(v, CREDS, 0)),
  ...credentialRows((c) => tc.hawkClockOffset('Hawk ts="1", tsm="x", error="Stale timestamp"', c, 0))
    .filter(([label]) => !label.includes('certificate')),
  ...rows('nowMs', BAD_NUMBERS, (v) => tc.hawkClockOffset('Hawk ts="1", tsm="x", error="Stale timestamp"', CREDS, v)),
]);

// ---- Temporary credentials ------------------------------------------------------------
const ctc = (o) => tc.createTemporaryCredentials(o);
tableTest('createTemporaryCredentials', ['createTemporaryCredentials'], [
  ['no arguments', () => ctc(), TypeError],
  ...rows('options', BAD_OPTIONS, ctc),
  ...rows('clientId', BAD_STRINGS, (v) => ctc(sub(TEMP, 'clientId', v))),
  ...rows('accessToken', BAD_STRINGS, (v) => ctc(sub(TEMP, 'accessToken', v))),
  ['accessToken with a lone surrogate', () => ctc(sub(TEMP, 'accessToken', `${SECRET}\uDBFF`)), TypeError],
  ...rows('credentials', [['number', 42, TypeError], ['string', SECRET, TypeError], ['proxy', throwingProxy(), Error],
    ['bad accessToken', { clientId: 'c', accessToken: 7 }, TypeError], ['with certificate', { ...CREDS, certificate: '{}' }, Error]],
  (v) => ctc({ credentials: v, scopes: [], expiry: TEMP.expiry, start: TEMP.start })),
  // No scopes (undefined or null) means none, as in taskcluster-client.
  ...rows('scopes', BAD_OPTIONAL_STRING_ARRAYS, (v) => ctc(sub(TEMP, 'scopes', v))),
  ...rows('scopes', [['newline', ['a\nb'], TypeError], ['5 MB with a tab', [BIG + '\t'], TypeError], ['NUL', ['\0'], TypeError],
    ['non-ASCII', ['ü'], TypeError]], (v) => ctc(sub(TEMP, 'scopes', v))),
  ...rows('start', BAD_TIMES, (v) => ctc(sub(TEMP, 'start', v))),
  ...rows('expiry', [['undefined', undefined, TypeError], ['null', null, TypeError], ...BAD_TIMES], (v) => ctc(sub(TEMP, 'expiry', v))),
  ['expiry before start', () => ctc(sub(TEMP, 'expiry', TEMP.start - 1)), RangeError],
  ['span over 31 days', () => ctc(sub(TEMP, 'expiry', TEMP.start + 31 * 86400e3 + 1)), RangeError],
  ...rows('name', BAD_OPTIONAL_STRINGS, (v) => ctc(sub(TEMP, 'name', v))),
  ...rows('seed', [...BAD_OPTIONAL_STRINGS, ['too short', 'abc', Error], ['bad characters', '!'.repeat(44), Error],
    ['too long', 'A'.repeat(45), Error]], (v) => ctc(sub(TEMP, 'seed', v))),
]);

// ---- Scopes ---------------------------------------------------------------------------
const arrayArgs = (name, arity) => {
  const good = Array.from({ length: arity }, () => ['a', 'b*']);
  return [['no arguments', () => tc[name](), TypeError],
    ...Array.from({ length: arity }, (_, i) => rows(`argument ${i + 1}`, BAD_STRING_ARRAYS,
      (v) => tc[name](...good.map((g, j) => (j === i ? v : g))))).flat()];
};
for (const name of ['scopeIntersection', 'scopeUnion', 'mergeScopeSets']) tableTest(name, [name], arrayArgs(name, 2));
tableTest('normalizeScopeSet', ['normalizeScopeSet'], arrayArgs('normalizeScopeSet', 1));
for (const name of ['scopeCompare', 'patternMatch']) {
  tableTest(name, [name], [
    ['no arguments', () => tc[name](), TypeError],
    ...rows('argument 1', BAD_STRINGS, (v) => tc[name](v, 'a')),
    ...rows('argument 2', BAD_STRINGS, (v) => tc[name]('a*', v)),
  ]);
}
tableTest('scopeMatch', ['scopeMatch'], [
  ['no arguments', () => tc.scopeMatch(), TypeError],
  ...rows('assumed', BAD_STRING_ARRAYS, (v) => tc.scopeMatch(v, [['a']])),
  ...rows('requiredScopeSets', [...BAD_STRING_ARRAYS.filter(([l]) => !l.startsWith('[array]') && l !== 'deeply nested array'),
    ['flat array of strings', ['a'], TypeError], ['[[number]]', [['a'], [1]], TypeError], ['[[lone surrogate]]', [['\uD800']], TypeError],
    ['[[[string]]]', [[['a']]], TypeError], ['[proxy]', [throwingProxy()], Error]], (v) => tc.scopeMatch(['a'], v)),
]);
const exprTable = (name, call) => [
  ['no arguments', () => tc[name](), TypeError],
  ...rows('expression', BAD_EXPRESSIONS, call),
];
for (const name of ['satisfiesExpression', 'removeGivenScopes', 'scopesSatisfying']) {
  tableTest(name, [name], [
    ...exprTable(name, (e) => tc[name](['a'], e)),
    ...rows('assumed', BAD_STRING_ARRAYS, (v) => tc[name](v, 'a')),
  ]);
}
tableTest('simplifyScopeExpression', ['simplifyScopeExpression'], exprTable('simplifyScopeExpression', (e) => tc.simplifyScopeExpression(e)));
tableTest('ScopeSet', ['ScopeSet'], [
  ['no arguments', () => new tc.ScopeSet(), TypeError],
  ...rows('constructor', BAD_STRING_ARRAYS, (v) => new tc.ScopeSet(v)),
]);
tableTest('ScopeSet.satisfies', ['ScopeSet.satisfies', 'satisfies'], [
  ['no arguments', () => new tc.ScopeSet(['a']).satisfies(), TypeError],
  ...rows('expression', BAD_EXPRESSIONS, (e) => new tc.ScopeSet(['a']).satisfies(e)),
]);

test('ScopeSet without new throws a TypeError', () => {
  assert.throws(() => tc.ScopeSet(['a']), TypeError);
  canary('ScopeSet()');
});

test('deeply nested (10000) valid expressions: right answer or an Error naming the function', () => {
  const ans = (e) => lib.satisfiesExpression(['a'], e);
  deepTest('satisfiesExpression', ['satisfiesExpression'], (e) => tc.satisfiesExpression(['a'], e), true);
  deepTest('ScopeSet.satisfies', ['ScopeSet.satisfies', 'satisfies'], (e) => new tc.ScopeSet(['a']).satisfies(e), ans('a'));
  deepTest('removeGivenScopes', ['removeGivenScopes'], (e) => tc.removeGivenScopes(['a'], e), null);
  deepTest('scopesSatisfying', ['scopesSatisfying'], (e) => tc.scopesSatisfying(['a'], e), ['a']);
  deepTest('simplifyScopeExpression', ['simplifyScopeExpression'], (e) => tc.simplifyScopeExpression(e), 'a');
  // validExpression may say false for an expression deeper than the library accepts,
  // but only if the library then really refuses it.
  for (const op of ['AllOf', 'AnyOf']) {
    const expr = deepExpression(10000, op);
    if (tc.validExpression(expr) === false) {
      assert.throws(() => tc.satisfiesExpression(['a'], expr), RangeError, `validExpression deep ${op} is false but accepted`);
    } else {
      deepTest('validExpression', ['validExpression'], (e) => tc.validExpression(e), true);
    }
    canary(`validExpression deep ${op}`);
  }
});

test('validScope and validExpression answer false (not throw) for bad values', () => {
  const values = [undefined, null, 42, true, {}, [], ['a'], Symbol('s'), 10n, '\uD800', 'a\n', 'é', () => 'a'];
  for (const v of values) {
    assert.equal(tc.validScope(v), false, `validScope(${String(v)})`);
    canary(`validScope(${String(v)})`);
  }
  assert.equal(tc.validScope(), false);
  assert.equal(tc.validScope(BIG), true);
  for (const v of [...values.filter((x) => typeof x !== 'string'), { AnyOf: 'a' }, { AnyOf: ['a'], AllOf: [] }, { AllOf: ['\uD800'] }]) {
    assert.equal(tc.validExpression(v), false, `validExpression(${String(v)})`);
    canary(`validExpression(${String(v)})`);
  }
  assert.equal(tc.validExpression(), false);
  for (const [fn, v] of [['validScope', throwingProxy()], ['validExpression', throwingProxy()]]) {
    let r;
    try { r = tc[fn](v); } catch (err) { r = err; }
    assert.ok(r === false || (r instanceof Error && r.message.startsWith(fn)), `${fn}(proxy) -> ${r}`);
    canary(`${fn}(proxy)`);
  }
});

// ---- Time -----------------------------------------------------------------------------
for (const name of ['fromNow', 'fromNowJSON']) {
  tableTest(name, [name], [
    // Any falsy offset (undefined, null, NaN, 0, false, '') means now, as in taskcluster-client.
    ...rows('offset', BAD_OPTIONAL_STRINGS.filter(([, value]) => value), (v) => tc[name](v, 0)),
    ...rows('offset', [['garbage', '2 dayz', Error], ['5 MB garbage', BIG, Error], ['huge number', `${'9'.repeat(400)} days`, Error]],
      (v) => tc[name](v, 0)),
    ...rows('reference', BAD_TIMES, (v) => tc[name]('1 day', v)),
  ]);
}

tableTest('parseTime', ['parseTime'], [
  ...rows('offset', BAD_OPTIONAL_STRINGS, (v) => tc.parseTime(v)),
  ...rows('offset', [['garbage', '2 dayz', Error], ['5 MB garbage', BIG, Error], ['huge number', `${'9'.repeat(400)} days`, Error]],
    (v) => tc.parseTime(v)),
]);

// ---- URLs -----------------------------------------------------------------------------
const URL_ARGS = {
  api: ['https://tc.example.com', 'queue', 'v1', '/ping'], apiReference: ['https://tc.example.com', 'queue', 'v1'],
  exchangeReference: ['https://tc.example.com', 'queue', 'v1'], schema: ['https://tc.example.com', 'queue', 'v1/x.json'],
  apiManifest: ['https://tc.example.com'], apiReferenceSchema: ['https://tc.example.com', 'v1'],
  exchangesReferenceSchema: ['https://tc.example.com', 'v1'], apiManifestSchema: ['https://tc.example.com', 'v1'],
  metadataMetaschema: ['https://tc.example.com'], docs: ['https://tc.example.com', '/x'], ui: ['https://tc.example.com', '/x'],
  normalizeRootUrl: ['https://tc.example.com/'],
};
for (const [name, good] of Object.entries(URL_ARGS)) {
  tableTest(`urls.${name}`, [`urls.${name}`, name], [
    ['no arguments', () => tc.urls[name](), TypeError],
    ...good.flatMap((_, i) => rows(`argument ${i + 1}`, BAD_STRINGS, (v) => tc.urls[name](...good.map((g, j) => (j === i ? v : g))))),
  ]);
}

// ---- Functions without arguments ignore junk ------------------------------------------
test('slugid functions and urls.testRootUrl ignore junk arguments', () => {
  const junk = [undefined, null, 42, {}, Symbol('s'), 10n, throwingProxy(), '\uD800'];
  for (const [label, fn] of [['slugid', tc.slugid], ['slugid.v4', tc.slugid.v4], ['slugid.nice', tc.slugid.nice]]) {
    for (const [i, j] of junk.entries()) assert.match(fn(j, j), SLUG_RE, `${label}(junk #${i})`);
  }
  for (const [i, j] of junk.entries()) assert.equal(tc.urls.testRootUrl(j), 'https://tc-tests.example.com', `junk #${i}`);
  canary('junk arguments');
});

test('hawkClockOffset returns null (not throw) for garbage challenges', () => {
  for (const h of ['', 'garbage', BIG, 'Hawk ts="x", tsm="y", error="Stale timestamp"', 'Hawk ts="99999999999999999999999", tsm="AAAA", error="Stale timestamp"']) {
    assert.equal(tc.hawkClockOffset(h, CREDS, 0), null, h.slice(0, 60));
    canary('hawkClockOffset garbage');
  }
});
