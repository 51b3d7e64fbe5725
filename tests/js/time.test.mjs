// fromNow / fromNowJSON: differential against taskcluster-client.
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import * as tc from 'taskcluster-wasm';
import * as client from 'taskcluster-client';
import { makeRandom } from '../support/prng.mjs';

const REF = new Date('2017-01-19T16:27:20.974Z');
const REFS = [['Date', REF], ['ms', REF.getTime()], ['ISO', REF.toISOString()]];
const JSON_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const UNITS = {
  y: ['y', 'yr', 'year', 'years'], mo: ['mo', 'month', 'months'], w: ['w', 'wk', 'week', 'weeks'],
  d: ['d', 'day', 'days'], h: ['h', 'hr', 'hour', 'hours'], m: ['m', 'min', 'minute', 'minutes'],
  s: ['s', 'sec', 'second', 'seconds'],
};
const ORDER = ['y', 'mo', 'w', 'd', 'h', 'm', 's'];
const SPACES = ['', ' ', '  ', '\t', '\n', ' \t '];

function caseVariants(word) {
  return [word, word.toUpperCase(), word[0].toUpperCase() + word.slice(1)];
}

// Hand-picked offsets: every unit spelling, in several cases, with signs and spaces.
function fixedOffsets() {
  const out = ['', ' ', '+', '-', '0s', '0 days', '007 days', '1d', '-1d', '+1d', '- 1 d', '+ 2 h',
    '1y2mo3w4d5h6m7s', '1 year 2 months 3 weeks 4 days 5 hours 6 minutes 7 seconds',
    '-1 year 2 months', '  3 days  ', '\t1d\n', '100 years', '1000 days', '59 s', '1 mo 1 m', '1m1s',
    '2 years 1 sec', '1w1d', '1 yr 1 wk 1 hr 1 min 1 sec'];
  for (const u of ORDER) {
    for (const spelling of UNITS[u]) {
      for (const v of caseVariants(spelling)) out.push(`1${v}`, `2 ${v}`, `-3 ${v}`, ` +4${v} `);
    }
  }
  return out;
}

// Random combinations, units high to low.
function randomOffsets(n) {
  const r = makeRandom(20170119);
  return Array.from({ length: n }, () => {
    let s = r.pick(['', '', '-', '+', ' -', '+ ']);
    for (const u of ORDER) {
      if (r.bool(0.4)) s += r.pick(SPACES) + r.int(0, 400) + r.pick(SPACES) + r.pick(caseVariants(r.pick(UNITS[u])));
    }
    return s + r.pick(SPACES);
  });
}

test('fromNow / fromNowJSON equal taskcluster-client for many offsets and reference forms', () => {
  const offsets = [...fixedOffsets(), ...randomOffsets(600)];
  for (const offset of offsets) {
    const expected = client.fromNow(offset, REF);
    for (const [kind, ref] of REFS) {
      const got = tc.fromNow(offset, ref);
      assert.ok(got instanceof Date, `fromNow(${JSON.stringify(offset)}, ${kind}) is a Date`);
      assert.equal(got.getTime(), expected.getTime(), `fromNow(${JSON.stringify(offset)}, ${kind})`);
      const json = tc.fromNowJSON(offset, ref);
      assert.equal(json, client.fromNowJSON(offset, REF), `fromNowJSON(${JSON.stringify(offset)}, ${kind})`);
      assert.match(json, JSON_RE);
    }
  }
});

test('known values', () => {
  assert.equal(tc.fromNowJSON('1 day', REF), '2017-01-20T16:27:20.974Z');
  assert.equal(tc.fromNowJSON('-1 year', REF), '2016-01-20T16:27:20.974Z'); // 365 days (2016 is leap)
  assert.equal(tc.fromNowJSON('1 month', REF), '2017-02-18T16:27:20.974Z'); // 30 days
  assert.equal(tc.fromNowJSON('', REF), REF.toISOString());
  assert.equal(tc.fromNowJSON('2h 3min', REF.getTime()), '2017-01-19T18:30:20.974Z');
});

test('invalid offsets throw an Error naming the offending text (and the oracle agrees)', () => {
  const bad = ['2 dayz', '1 day 2 years', 'abc', '1.5 days', '1 mins', '1 secs', '1 hrs', '1 mon', 'd',
    '1d1d', '--1d', '1 d -', 'day 1', '1 fortnight', '1 s 1 m', '1 days ago', '١ day'];
  for (const offset of bad) {
    assert.throws(() => client.fromNow(offset, REF), undefined, `oracle rejects ${JSON.stringify(offset)}`);
    for (const fn of ['fromNow', 'fromNowJSON']) {
      assert.throws(() => tc[fn](offset, REF), (err) => {
        assert.ok(err instanceof Error, `${fn}: not an Error: ${err}`);
        assert.ok(err.message.startsWith(fn), `${fn}: message does not start with the function name: ${err.message}`);
        assert.ok(err.message.includes(offset), `${fn}: message lacks ${JSON.stringify(offset)}: ${err.message}`);
        return true;
      }, `${fn}(${JSON.stringify(offset)})`);
    }
  }
});

test('without a reference, now is used', () => {
  const before = Date.now();
  const got = tc.fromNow('1 hour').getTime();
  const after = Date.now();
  assert.ok(got >= before + 3600e3 && got <= after + 3600e3, `${got} not in [${before}, ${after}] + 1h`);
  const json = Date.parse(tc.fromNowJSON('-2 days'));
  assert.ok(json >= before - 2 * 86400e3 && json <= Date.now() - 2 * 86400e3);
});

test('time strings are ISO 8601, parsed strictly (not like Date.parse)', () => {
  const day = '2017-01-19T16:27:20.974Z';
  assert.equal(tc.fromNowJSON('1 day', '2017-01-19T17:27:20.974+01:00'), '2017-01-20T16:27:20.974Z');
  assert.equal(tc.fromNowJSON('0 s', '2017-01-19'), '2017-01-19T00:00:00.000Z');
  assert.equal(tc.fromNowJSON('1 day', day), '2017-01-20T16:27:20.974Z');
  // Date.parse reads this as local time and accepts a day that does not exist; we refuse both.
  assert.throws(() => tc.fromNow('1 day', '2017-01-19T16:27:20'), (e) => e instanceof Error && /no time zone/.test(e.message));
  assert.throws(() => tc.fromNow('1 day', '2017-02-30'), (e) => e instanceof Error && /reference/.test(e.message));
  assert.throws(
    () => tc.createTemporaryCredentials({ clientId: 'i', accessToken: 't', scopes: [], expiry: 'next tuesday' }),
    (e) => e instanceof Error && /options\.expiry/.test(e.message),
  );
});

test('any falsy offset means now, as in taskcluster-client', () => {
  for (const offset of [undefined, null, '', 0, -0, NaN, false, 0n]) {
    assert.equal(tc.fromNow(offset, REF).getTime(), client.fromNow(offset, REF).getTime(), `fromNow(${String(offset)})`);
    assert.equal(tc.fromNowJSON(offset, REF), client.fromNowJSON(offset, REF), `fromNowJSON(${String(offset)})`);
  }
  const before = Date.now();
  const now = tc.fromNow(0).getTime();
  assert.ok(now >= before && now <= Date.now());
});

// fromNow keeps the milliseconds of recent offsets (pkg-template/time.js): answers must not depend on it.
test('repeated, evicted and uncached offsets give the same answers', () => {
  const offsets = Array.from({ length: 80 }, (_, i) => `${i} days ${i % 24} hours`);
  for (let round = 0; round < 3; round++) {
    for (const offset of offsets) {
      assert.equal(tc.fromNow(offset, REF).getTime(), client.fromNow(offset, REF).getTime(), offset);
    }
  }
  const long = `${'0'.repeat(100)}1 day`; // longer than the offsets kept
  assert.equal(tc.fromNowJSON(long, REF), client.fromNowJSON(long, REF));
  assert.equal(tc.fromNowJSON(long, REF), client.fromNowJSON(long, REF));
  // A bad offset is never kept: it throws every time.
  for (let i = 0; i < 2; i++) assert.throws(() => tc.fromNow('2 dayz', REF), /2 dayz/);
});

// Plain offsets are read in JS (pkg-template/time.js), the rest by the wasm parser:
// at the edges of what the JS reading takes, both must answer as taskcluster-client.
test('offsets at the edges of the JS reading: long counts, non-ASCII spaces and letters', () => {
  const valid = ['999999999999999 s', '000000000000000001 s', '1\u00a0day', '\u2003 1 d \u3000', '\ufeff2h',
    '1 d\u20282 h', '-\u00a01 min', '100000000 days', '-100000000 days', '0 s', '-0 s', '1 Y 1 MO 1 W'];
  for (const offset of valid) {
    for (const ref of [REF, new Date(0)]) {
      const expected = client.fromNow(offset, ref).getTime();
      if (Number.isNaN(expected)) assert.throws(() => tc.fromNow(offset, ref), RangeError, JSON.stringify(offset));
      else assert.equal(tc.fromNow(offset, ref).getTime(), expected, JSON.stringify(offset));
    }
  }
  // Letters whose upper case is ASCII are not the unit (the wasm parser compares ASCII only).
  const invalid = ['1 \u017fec', '1 m\u0131n', '1 \u212a', '1 days\u00e9', '1 d\u00e91 h', '9999999999999999 s x', '1 dayss', '1 mos'];
  for (const offset of invalid) {
    assert.throws(() => client.fromNow(offset, REF), undefined, `oracle rejects ${JSON.stringify(offset)}`);
    assert.throws(() => tc.fromNow(offset, REF), (err) => err instanceof Error && err.message.startsWith('fromNow'), JSON.stringify(offset));
  }
});

test('dates at the ends of the range: ISO strings with extended years, and a RangeError past them', () => {
  for (const offset of ['8000 years', '-3000 years', '273790 years', '-273790 years', '-99999999 days']) {
    assert.equal(tc.fromNowJSON(offset, REF), client.fromNowJSON(offset, REF), offset);
  }
  const end = new Date(8.64e15);
  assert.equal(tc.fromNow('', end).getTime(), 8.64e15);
  assert.equal(tc.fromNow('-1 s', end).getTime(), 8.64e15 - 1000);
  assert.throws(() => tc.fromNow('1 s', end), RangeError);
  assert.throws(() => tc.fromNowJSON('1 s', end), RangeError);
  assert.throws(() => tc.fromNow('1 day', new Date(NaN)), RangeError);
});
