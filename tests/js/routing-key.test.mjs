// Routing-key patterns of exchange classes made from references: a seeded walk
// over random routing keys against a model, and bad patterns refused by name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { exchangeClass } from 'taskcluster-wasm';

function seeded(seed) {
  return (n) => {
    seed = (Math.imul(seed, 1_103_515_245) + 12_345) >>> 0;
    return (seed >>> 8) % n;
  };
}

const word = (next, length) => Array.from({ length: 1 + next(length) }, () => 'abcxyz019_-'[next(11)]).join('');

function referenceWith(routingKey) {
  return { name: 'ThingEvents', serviceName: 'thing', apiVersion: 'v1', exchangePrefix: 'exchange/thing/v1/', exchanges: [{ name: 'changed', exchange: 'thing-changed', routingKey }] };
}

test('patterns follow the model: constants, given values, * for one word and # for many', () => {
  const next = seeded(7);
  for (let round = 0; round < 200; round++) {
    const keys = Array.from({ length: 1 + next(5) }, (_, i) => ({
      name: `k${i}`,
      ...(next(3) === 0 ? { constant: word(next, 5) } : {}),
      required: false,
      multipleWords: next(2) === 0,
    }));
    const values = {};
    for (const key of keys) if (next(2) === 0) values[key.name] = next(4) === 0 ? next(1000) : word(next, 6);
    const Events = exchangeClass(referenceWith(keys));
    const binding = new Events().changed(values);
    const expected = keys.map((key) => key.constant ?? (key.name in values ? String(values[key.name]) : key.multipleWords ? '#' : '*')).join('.');
    assert.equal(binding.routingKeyPattern, expected, JSON.stringify({ keys, values }));
    assert.equal(binding.exchange, 'exchange/thing/v1/thing-changed');
    assert.deepEqual(binding.routingKeyReference, keys);
  }
});

test('bad patterns are refused, naming the method; the exchangePrefix option replaces the reference\'s', () => {
  const Events = exchangeClass(referenceWith([
    { name: 'kind', constant: 'primary', required: true, multipleWords: false },
    { name: 'id', required: true, multipleWords: false },
    { name: 'rest', required: false, multipleWords: true },
  ]));
  const events = new Events({ exchangePrefix: 'exchange/other/' });
  assert.deepEqual(events.changed({ id: 'a', rest: 'b.c' }), {
    exchange: 'exchange/other/thing-changed', routingKeyPattern: 'primary.a.b.c', routingKeyReference: Events.reference.exchanges[0].routingKey,
  });
  assert.equal(events.changed({ id: null, rest: undefined }).routingKeyPattern, 'primary.*.#');
  assert.equal(events.changed('any.#').routingKeyPattern, 'any.#');
  const named = (type, pattern) => (e) => e instanceof type && e.message.startsWith('ThingEvents.changed: ') && pattern.test(e.message);
  assert.throws(() => events.changed({ id: 'a.b' }), named(Error, /single word/));
  assert.throws(() => events.changed({ ID: 'a' }), named(TypeError, /no routing-key entry "ID"; allowed: id, rest/));
  assert.throws(() => events.changed({ id: true }), named(TypeError, /pattern\.id must be a string, got boolean/));
  assert.throws(() => events.changed({ id: Infinity }), named(TypeError, /pattern\.id/));
  assert.throws(() => events.changed(5), named(TypeError, /pattern must be an object/));
  assert.throws(() => events.changed({ get id() { throw new Error('boom'); } }), named(TypeError, /pattern could not be read/));
  assert.throws(() => Events.prototype.changed.call({}, {}), (e) => e instanceof TypeError && /ThingEvents\.changed/.test(e.message));
  assert.throws(() => new Events({ exchangePrefix: 5 }), TypeError);
});
