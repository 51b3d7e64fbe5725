// Scopes: differential property tests against taskcluster-lib-scopes.
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import { createRequire } from 'node:module';
import * as tc from 'taskcluster-wasm';
import { makeRandom } from '../support/prng.mjs';
import { randomScope, randomScopeSet, randomExpression, randomMaybeInvalidScope } from '../support/gen.mjs';

const lib = createRequire(import.meta.url)('taskcluster-lib-scopes');
const N = 3000;
const sortLib = (s) => [...s].sort(lib.scopeCompare);
const normLib = (s) => lib.normalizeScopeSet(sortLib(s));
const libValidExpression = (e) => { try { return lib.validExpression(e); } catch { return false; } };
const show = (...xs) => JSON.stringify(xs);

// lib-scopes 11.0.0 fails on some inputs: it flattens `.AnyOf` of a child AnyOf that
// simplified to a plain scope, so {AnyOf: [{AnyOf: ['a']}, 'b']} throws a TypeError and
// {AnyOf: [{AnyOf: ['a']}]} returns undefined. There, ours must still return a valid
// expression equivalent to the input.
let oracleCrashes = 0;
function checkSimplify(r, expr, ctx) {
  const got = tc.simplifyScopeExpression(expr);
  let expected;
  try {
    expected = lib.simplifyScopeExpression(expr);
  } catch (err) {
    assert.ok(err instanceof TypeError, `oracle failure ${err}`);
    expected = err;
  }
  if (expected instanceof Error || !libValidExpression(expected)) {
    oracleCrashes += 1;
    assert.ok(libValidExpression(got), `simplifyScopeExpression ${ctx} -> invalid ${show(got)}`);
    for (let k = 0; k < 30; k++) {
      const probe = randomScopeSet(r);
      assert.equal(lib.satisfiesExpression(probe, got), lib.satisfiesExpression(probe, expr),
        `simplifyScopeExpression ${ctx} -> ${show(got)} not equivalent for ${show(probe)}`);
    }
    return;
  }
  assert.deepEqual(got, expected, `simplifyScopeExpression ${ctx}`);
}

test('README examples (real answers)', () => {
  const sets = [['scopeA', 'scopeB'], ['scopeC:*']];
  assert.equal(tc.scopeMatch(['scopeC:xyz'], sets), false);
  assert.equal(tc.scopeMatch(['scopeA', 'scopeB'], sets), true);
  assert.equal(tc.scopeMatch(['scopeA'], sets), false);
  assert.equal(tc.scopeMatch(['scopeC:*'], sets), true);
  assert.equal(tc.scopeMatch(['*'], sets), true);
  assert.equal(tc.scopeMatch(['scopeC:xyz'], [['scopeC:*']]), false);
  assert.equal(tc.scopeMatch([], [[]]), true);
  assert.equal(tc.scopeMatch(['a'], []), false);
  assert.deepEqual(tc.scopeIntersection(['bar:*'], ['foo:x', 'bar:x']), ['bar:x']);
  assert.deepEqual(tc.normalizeScopeSet(['a*', 'a', 'ab', 'b']), ['a*', 'b']);
  assert.deepEqual(['a', '', 'aa', 'a(', '*', 'b', 'a*'].sort(tc.scopeCompare), ['*', '', 'a*', 'a', 'a(', 'aa', 'b']);
});

test('scopeMatch, satisfiesExpression, ScopeSet, scopesSatisfying, removeGivenScopes, simplifyScopeExpression, validExpression', () => {
  const r = makeRandom(0x5c0de);
  for (let i = 0; i < N; i++) {
    const assumed = randomScopeSet(r);
    const expr = randomExpression(r);
    const ctx = show(assumed, expr);
    const sat = lib.satisfiesExpression(assumed, expr);
    assert.equal(tc.satisfiesExpression(assumed, expr), sat, `satisfiesExpression ${ctx}`);
    assert.equal(new tc.ScopeSet(assumed).satisfies(expr), sat, `ScopeSet.satisfies ${ctx}`);
    assert.deepEqual(tc.scopesSatisfying(assumed, expr), lib.scopesSatisfying(assumed, expr), `scopesSatisfying ${ctx}`);
    assert.deepEqual(tc.removeGivenScopes(assumed, expr), lib.removeGivenScopes(assumed, expr), `removeGivenScopes ${ctx}`);
    checkSimplify(r, expr, ctx);
    assert.equal(tc.validExpression(expr), true, `validExpression ${ctx}`);

    const sets = Array.from({ length: r.int(0, 3) }, () => randomScopeSet(r, 3));
    assert.equal(tc.scopeMatch(assumed, sets),
      lib.satisfiesExpression(assumed, { AnyOf: sets.map((s) => ({ AllOf: s })) }), `scopeMatch ${show(assumed, sets)}`);
  }
  assert.ok(oracleCrashes < N / 2, `lib-scopes crashed on ${oracleCrashes} of ${N} expressions`);
  assert.deepEqual(tc.simplifyScopeExpression({ AnyOf: [{ AnyOf: ['a'] }, 'b'] }), { AnyOf: ['a', 'b'] });
  assert.equal(tc.simplifyScopeExpression({ AnyOf: [{ AnyOf: ['a'] }] }), 'a');
});

test('ScopeSet.scopes is an array of strings equivalent to the assumed scopes', () => {
  const r = makeRandom(77);
  for (let i = 0; i < 500; i++) {
    const assumed = randomScopeSet(r);
    const { scopes } = new tc.ScopeSet(assumed);
    assert.ok(Array.isArray(scopes) && scopes.every((s) => typeof s === 'string'), show(assumed, scopes));
    assert.ok(lib.satisfiesExpression(scopes, { AllOf: assumed }), `scopes cover assumed ${show(assumed, scopes)}`);
    assert.ok(lib.satisfiesExpression(assumed, { AllOf: scopes }), `assumed cover scopes ${show(assumed, scopes)}`);
  }
});

test('scopeIntersection, scopeUnion, normalizeScopeSet, mergeScopeSets', () => {
  const r = makeRandom(4242);
  for (let i = 0; i < N; i++) {
    const a = randomScopeSet(r);
    const b = randomScopeSet(r);
    const ctx = show(a, b);
    // lib-scopes documents the intersection as a set, without an order: compare sorted.
    assert.deepEqual([...tc.scopeIntersection(a, b)].sort(), lib.scopeIntersection(a, b).sort(), `scopeIntersection ${ctx}`);
    assert.deepEqual(tc.scopeUnion([...a], [...b]), lib.scopeUnion([...a], [...b]), `scopeUnion ${ctx}`);
    assert.deepEqual(tc.normalizeScopeSet(sortLib(a)), lib.normalizeScopeSet(sortLib(a)), `normalizeScopeSet ${ctx}`);
    const na = normLib(a);
    const nb = normLib(b);
    assert.deepEqual(tc.mergeScopeSets(na, nb), lib.mergeScopeSets(na, nb), `mergeScopeSets ${show(na, nb)}`);
  }
});

test('normalizeScopeSet sorts unsorted input first (lib-scopes requires sorted input)', () => {
  const r = makeRandom(5);
  for (let i = 0; i < 1000; i++) {
    const a = r.shuffle(randomScopeSet(r));
    assert.deepEqual(tc.normalizeScopeSet(a), normLib(a), `normalizeScopeSet ${show(a)}`);
  }
});

test('patternMatch, scopeCompare (sign), validScope', () => {
  const r = makeRandom(99);
  for (let i = 0; i < N; i++) {
    const p = randomScope(r);
    const s = randomScope(r);
    assert.equal(tc.patternMatch(p, s), lib.patternMatch(p, s), `patternMatch ${show(p, s)}`);
    assert.equal(Math.sign(tc.scopeCompare(p, s)), Math.sign(lib.scopeCompare(p, s)), `scopeCompare ${show(p, s)}`);
    const v = randomMaybeInvalidScope(r);
    assert.equal(tc.validScope(v), lib.validScope(v), `validScope ${show(v)}`);
  }
  for (const v of [undefined, null, 1, true, {}, ['a'], '', ' ~', '\x7f']) {
    assert.equal(tc.validScope(v), lib.validScope(v), `validScope ${String(v)}`);
  }
});

test('validExpression on invalid expressions', () => {
  const cases = [
    {}, { AnyOf: 'a' }, { AllOf: 'a' }, { AnyOf: [], AllOf: [] }, { Foo: [] }, { AnyOf: [1] },
    { AllOf: ['a', { AnyOf: ['\n'] }] }, 'bad\nscope', 'é', 42, true, [], ['a'], { anyOf: ['a'] },
    { AnyOf: ['a'], extra: 1 }, { AllOf: [{}] }, { AnyOf: null },
  ];
  for (const e of cases) {
    assert.equal(libValidExpression(e), false, `oracle ${show(e)}`);
    let got;
    try { got = tc.validExpression(e); } catch (err) { got = err; }
    assert.equal(got, false, `validExpression ${show(e)} -> ${got}`);
  }
  for (const e of ['', 'a', { AnyOf: [] }, { AllOf: [] }, { AllOf: ['a', { AnyOf: ['b*', ''] }] }]) {
    assert.equal(tc.validExpression(e), true, `validExpression ${show(e)}`);
  }
});

// satisfiesExpression and ScopeSet#satisfies hand wasm one string (pkg-template/scopes.js); what that
// form cannot carry must still be refused exactly as the checked path refuses it.
const bothChecks = (assumed, expr) => [
  ['satisfiesExpression', () => tc.satisfiesExpression(assumed, expr)],
  ['ScopeSet.satisfies', () => new tc.ScopeSet(assumed).satisfies(expr)],
];

test('the one-string fast path refuses what the checked path refuses', () => {
  const nest = (depth) => { let e = 'a'; for (let i = 0; i < depth; i++) e = { AllOf: [e] }; return e; };
  const refused = [
    [['x\nL1'], 'c', TypeError], // an assumed scope that would read as two lines
    [['p', 'q'], { AllOf: ['p\nA1', 'q'] }, TypeError], // a required one
    [['a'], { AllOf: ['a'], [Symbol('extra')]: 1 }, TypeError],
    [['a'], Object.defineProperty({ AllOf: ['a'] }, 'hidden', { value: 1 }), TypeError],
    [['a'], { AnyOf: ['a', 'caf\u00e9'] }, TypeError], // decided before the bad scope, refused all the same
    [['a', '\u00e9*'], 'a', TypeError],
    [['a'], { AllOf: ['a', '\uD800'] }, TypeError],
    [['a'], nest(101), RangeError],
    [['a'], { AllOf: 'a' }, TypeError],
  ];
  for (const [assumed, expr, type] of refused) {
    for (const [name, check] of bothChecks(assumed, expr)) {
      if (name === 'ScopeSet.satisfies' && !assumed.every(lib.validScope)) continue; // the constructor refuses first
      assert.throws(check, (err) => err instanceof type && err.message.startsWith(name), `${name} ${show(assumed, expr)}`);
    }
  }
  for (const [name, check] of bothChecks(['a'], nest(100))) assert.equal(check(), true, `${name} at the depth limit`);
});

test('the fast path answers as lib-scopes does on edge cases and large inputs', () => {
  const big = Array.from({ length: 10050 }, (_, i) => `scope:${i}`); // past the fast path's size: the checked path answers
  const cases = [
    [[], { AllOf: [] }], [[], { AnyOf: [] }], [[], 'a'], [[''], ''], [['*'], ''], [['a*'], 'a*'], [['a'], 'a*'],
    [['a*b'], 'a*b'], [['a*b'], 'axb'], [[' '], ' '], [big, 'scope:10049'], [big, { AnyOf: ['x', 'scope:5'] }],
    [['a'], { AnyOf: Array.from({ length: 10050 }, () => 'b') }],
  ];
  for (const [assumed, expr] of cases) {
    const expected = lib.satisfiesExpression(assumed, expr);
    for (const [name, check] of bothChecks(assumed, expr)) assert.equal(check(), expected, `${name} ${show(assumed, expr).slice(0, 100)}`);
  }
  // A Proxy answering differently on each read cannot make wasm misread the text.
  let reads = 0;
  const shifty = new Proxy(['a', 'b'], { get: (t, k) => (k === 'length' ? 2 : typeof k === 'string' && /^\d$/.test(k) ? (reads++ % 2 ? 'a' : 'x\nL1') : t[k]) });
  assert.throws(() => tc.satisfiesExpression(shifty, 'c'), TypeError);
});

test('differential with scopes that may be invalid: an answer equal to lib-scopes, or a TypeError', () => {
  const r = makeRandom(0xbad5c0);
  for (let i = 0; i < 1000; i++) {
    const assumed = Array.from({ length: r.int(0, 4) }, () => (r.bool(0.2) ? randomMaybeInvalidScope(r) : randomScope(r)));
    const required = Array.from({ length: r.int(0, 3) }, () => (r.bool(0.2) ? randomMaybeInvalidScope(r) : randomScope(r)));
    const expr = r.bool() ? { AnyOf: required } : { AllOf: required };
    const valid = [...assumed, ...required].every(lib.validScope);
    for (const [name, check] of bothChecks(assumed, expr)) {
      if (valid) assert.equal(check(), lib.satisfiesExpression(assumed, expr), `${name} ${show(assumed, expr)}`);
      else assert.throws(check, TypeError, `${name} ${show(assumed, expr)}`);
    }
  }
});

// The fast path keeps what it read from expression objects and scope arrays seen
// before and compares them on each later call. Whatever changes in between, in place
// or by replacement, every answer must be the one for what the objects hold now.
test('expressions and scope lists used again and changed in between: answers for what they hold now', () => {
  const r = makeRandom(0x5c0fe5);
  const objectNodes = (expr, out = []) => {
    if (typeof expr === 'string') return out;
    out.push(expr);
    for (const child of expr.AllOf ?? expr.AnyOf) objectNodes(child, out);
    return out;
  };
  const extraKeys = new Set(); // nodes given a key that makes the expression invalid
  const changeExpression = (expr) => {
    const node = r.pick(objectNodes(expr));
    const key = 'AllOf' in node ? 'AllOf' : 'AnyOf';
    const items = node[key];
    switch (r.int(0, 7)) {
      case 0: items.push(randomExpression(r, 2)); break;
      case 1: items.pop(); break;
      case 2: if (items.length) items[r.int(0, items.length - 1)] = randomExpression(r, 2); break;
      case 3: delete node[key]; node[key === 'AllOf' ? 'AnyOf' : 'AllOf'] = items; break; // same array, other key
      case 4: node[key] = r.bool() ? [...items] : items.slice(1); break; // a new array
      case 5: if (items.length) items[r.int(0, items.length - 1)] = randomScope(r); break;
      case 6: {
        const extra = r.pick([Symbol('extra'), 'other', 'hidden']);
        if (extra === 'hidden') Object.defineProperty(node, extra, { value: 1, configurable: true });
        else node[extra] = 1;
        extraKeys.add(node);
        break;
      }
      default:
        for (const extra of Reflect.ownKeys(node)) if (extra !== key) delete node[extra];
        extraKeys.delete(node);
    }
  };
  const changeScopes = (scopes) => {
    switch (r.int(0, 4)) {
      case 0: scopes.push(randomScope(r)); break;
      case 1: scopes.pop(); break;
      case 2: if (scopes.length) scopes[r.int(0, scopes.length - 1)] = randomScope(r); break;
      case 3: scopes.sort(); break;
      default: scopes.length = 0;
    }
  };
  const expressions = Array.from({ length: 4 }, () => ({ [r.pick(['AllOf', 'AnyOf'])]: Array.from({ length: r.int(0, 4) }, () => randomExpression(r, 3)) }));
  const scopeLists = Array.from({ length: 4 }, () => randomScopeSet(r, 8));
  const fixed = randomScopeSet(r, 8);
  const fixedSet = new tc.ScopeSet(fixed);
  for (let i = 0; i < N; i++) {
    const expr = r.pick(expressions);
    const scopes = r.pick(scopeLists);
    if (r.bool(0.3)) changeExpression(expr);
    if (r.bool(0.3)) changeScopes(scopes);
    const ctx = `step ${i}: ${show(scopes, expr)}`;
    if (objectNodes(expr).some((node) => extraKeys.has(node))) {
      assert.throws(() => tc.satisfiesExpression(scopes, expr), TypeError, ctx);
      assert.throws(() => fixedSet.satisfies(expr), TypeError, ctx);
      continue;
    }
    assert.equal(tc.satisfiesExpression(scopes, expr), lib.satisfiesExpression(scopes, expr), `satisfiesExpression ${ctx}`);
    assert.equal(fixedSet.satisfies(expr), lib.satisfiesExpression(fixed, expr), `ScopeSet.satisfies ${show(fixed)} ${ctx}`);
  }
});

test('a scope list or expression whose reads change between calls is answered for what was read', () => {
  let flip = 0;
  const shiftyScopes = new Proxy(['a', 'b'], { get: (t, k) => (k === '1' ? (flip % 2 ? 'c' : 'b') : t[k]) });
  const shiftyExpression = { get AllOf() { return flip % 2 ? ['c'] : ['a', 'b']; } };
  for (flip = 0; flip < 8; flip++) {
    // Odd: ['a', 'c'] and {AllOf: ['c']}; even: ['a', 'b'] and {AllOf: ['a', 'b']}.
    const expected = lib.satisfiesExpression(flip % 2 ? ['a', 'c'] : ['a', 'b'], { AllOf: flip % 2 ? ['c'] : ['a', 'b'] });
    assert.equal(tc.satisfiesExpression(shiftyScopes, shiftyExpression), expected, `call ${flip}`);
    assert.equal(tc.satisfiesExpression(['a', 'b'], shiftyExpression), !(flip % 2), `call ${flip}`);
  }
});
