// 4. Scope expression check: 50 assumed scopes, AllOf/AnyOf over 10 scopes.
import { ASSUMED_SCOPES, SCOPE_EXPRESSION } from '../fixtures.mjs';

export function scopesCase(ours, official) {
  const prepared = new ours.ScopeSet(ASSUMED_SCOPES);
  const contenders = [
    { id: 'ours', label: 'satisfiesExpression', fn: () => ours.satisfiesExpression(ASSUMED_SCOPES, SCOPE_EXPRESSION) },
    { id: 'oursPrepared', label: 'ScopeSet#satisfies (prepared)', fn: () => prepared.satisfies(SCOPE_EXPRESSION) },
    { id: 'libScopes', label: 'taskcluster-lib-scopes satisfiesExpression', fn: () => official.scopes.satisfiesExpression(ASSUMED_SCOPES, SCOPE_EXPRESSION) },
  ];
  const warnings = contenders
    .filter((c) => c.fn() !== true)
    .map((c) => `scopes: ${c.label} returned false; the fixture should be satisfied`);
  return {
    warnings,
    title: 'Scope check',
    contenders,
    rows: [
      { name: 'Scopes: satisfiesExpression vs taskcluster-lib-scopes', ours: 'ours', official: 'libScopes' },
      { name: 'Scopes: prepared ScopeSet vs taskcluster-lib-scopes', ours: 'oursPrepared', official: 'libScopes' },
    ],
  };
}
