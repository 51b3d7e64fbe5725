// The scope-template evaluator and the role expander, tested directly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fill, MissingScopeParameter, parameterNames } from '../../emulator/scopes-template.mjs';
import { expandScopes } from '../../emulator/roles.mjs';
import { authorize } from '../../emulator/authorize.mjs';

test('placeholders, for-loops and conditionals', () => {
  assert.equal(fill('queue:get-task:<taskId>', { taskId: 'abc' }), 'queue:get-task:abc');
  assert.deepEqual(
    fill({ AllOf: [{ for: 'scope', in: 'scopes', each: '<scope>' }, 'x:<id>'] }, { scopes: ['a', 'b'], id: '1' }),
    { AllOf: ['a', 'b', 'x:1'] },
  );
  const conditional = { if: 'readOnly', then: { AnyOf: ['ro:<b>', 'rw:<b>'] }, else: 'rw:<b>' };
  assert.deepEqual(fill(conditional, { readOnly: true, b: 'x' }), { AnyOf: ['ro:x', 'rw:x'] });
  assert.equal(fill(conditional, { readOnly: false, b: 'x' }), 'rw:x');
  assert.equal(fill({ if: 'c', then: 'a' }, { c: false }), null);
  assert.deepEqual(fill({ AllOf: [{ if: 'c', then: 'a' }, 'b'] }, { c: false }), { AllOf: ['b'] });
  // a value is inserted as is, never re-expanded
  assert.equal(fill('a:<x>', { x: '<y>', y: 'no' }), 'a:<y>');
  assert.deepEqual([...parameterNames({ AllOf: [{ for: 'n', in: 'names', each: 'q:<n>:<taskId>' }] })].sort(), ['names', 'taskId']);
});

test('missing or mistyped parameters fail closed', () => {
  assert.throws(() => fill('a:<x>', {}), MissingScopeParameter);
  assert.throws(() => fill('a:<x>', { x: 5 }), MissingScopeParameter);
  assert.throws(() => fill({ AllOf: [{ for: 's', in: 'list', each: '<s>' }] }, { list: 'nope' }), MissingScopeParameter);
  assert.throws(() => fill({ if: 'c', then: 'a' }, { c: 'yes' }), MissingScopeParameter);
  assert.throws(() => authorize({ template: 'a:<x>', params: {}, scopes: ['*'], clientId: 'root' }), (err) => err.code === 'InsufficientScopes');
  // an empty AnyOf can never be satisfied; an empty AllOf always is
  assert.throws(() => authorize({ template: { AnyOf: [{ for: 's', in: 'l', each: '<s>' }] }, params: { l: [] }, scopes: ['*'] }));
  authorize({ template: { AllOf: [{ for: 's', in: 'l', each: '<s>' }] }, params: { l: [] }, scopes: [] });
});

test('role expansion: prefixes, parameters and cycles', () => {
  const roles = [
    { roleId: 'a', scopes: ['assume:b', 'x'] },
    { roleId: 'b', scopes: ['assume:a', 'y'] },
    { roleId: 'proj:*', scopes: ['secrets:get:<..>/*', 'index:<..>:tail'] },
  ];
  assert.deepEqual(expandScopes(['assume:a'], roles), ['assume:a', 'assume:b', 'x', 'y']);
  assert.deepEqual(expandScopes(['assume:proj:demo'], roles), ['assume:proj:demo', 'index:demo:tail', 'secrets:get:demo/*']);
  // a star scope grants every matching role; the parameter becomes `*`
  assert.deepEqual(expandScopes(['assume:proj:de*'], roles), ['assume:proj:de*', 'index:de*', 'secrets:get:de*']);
  assert.deepEqual(expandScopes(['assume:*'], roles), ['assume:*', 'index:*', 'secrets:get:*', 'x', 'y']);
  assert.deepEqual(expandScopes(['*'], roles), ['*']);
});
