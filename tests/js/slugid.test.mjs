// slugid(), slugid.v4(), slugid.nice(): format, v4 UUIDs (decoded by npm slugid), uniqueness.
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import { createRequire } from 'node:module';
import * as tc from 'taskcluster-wasm';
import { SLUG_RE } from '../support/exports.mjs';

const npmSlugid = createRequire(import.meta.url)('slugid');
const UUID_V4_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function checkMany(label, gen, extra = () => {}) {
  const seen = new Set();
  for (let i = 0; i < 1000; i++) {
    const s = gen();
    assert.equal(typeof s, 'string', label);
    assert.equal(s.length, 22, `${label}: ${s}`);
    assert.match(s, SLUG_RE, label);
    const uuid = npmSlugid.decode(s);
    assert.match(uuid, UUID_V4_RE, `${label}: ${s} -> ${uuid}`);
    assert.equal(npmSlugid.encode(uuid), s, `${label}: round trip ${s}`);
    extra(s);
    seen.add(s);
  }
  assert.equal(seen.size, 1000, `${label}: duplicates`);
}

test('slugid()', () => checkMany('slugid()', () => tc.slugid()));
test('slugid.v4()', () => checkMany('slugid.v4()', () => tc.slugid.v4()));
test('slugid.nice()', () => checkMany('slugid.nice()', () => tc.slugid.nice(), (s) => {
  assert.notEqual(s[0], '-', s);
  assert.match(s, /^[A-Za-f]/, s);
}));

test('the generator is not biased toward a fixed first character', () => {
  const firsts = new Set(Array.from({ length: 500 }, () => tc.slugid.nice()[0]));
  assert.ok(firsts.size > 20, `only ${firsts.size} distinct first characters`);
  const v4Firsts = new Set(Array.from({ length: 2000 }, () => tc.slugid.v4()[0]));
  assert.ok(v4Firsts.size > 50, `v4: only ${v4Firsts.size} distinct first characters`);
});
