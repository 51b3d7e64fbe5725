// Role expansion: a scope `assume:<roleId>` grants that role's scopes. Roles
// whose id ends in `*` are granted by any `assume:<prefix>...` scope, and their
// `<..>` placeholders take the part of the scope that the `*` matched.
import libScopes from 'taskcluster-lib-scopes';

const MAX_ROUNDS = 50;
const MAX_SCOPES = 10000;

export function normalize(scopes) {
  return libScopes.normalizeScopeSet([...new Set(scopes)].sort(libScopes.scopeCompare));
}

// -> undefined when `scope` does not grant the role, otherwise the text that the
// role's trailing `*` stood for ('' for roles without one).
function grantParameter(scope, roleId) {
  const target = `assume:${roleId}`;
  if (!roleId.endsWith('*')) return libScopes.patternMatch(scope, target) ? '' : undefined;
  const prefix = target.slice(0, -1);
  if (scope.startsWith(prefix)) return scope.slice(prefix.length);
  // `assume:dem*` grants every role under `demo-role:`; its parameter is `*`.
  if (scope.endsWith('*') && prefix.startsWith(scope.slice(0, -1))) return '*';
  return undefined;
}

function substitute(roleScope, parameter) {
  if (!roleScope.includes('<..>')) return roleScope;
  // A parameter ending in `*` already covers everything after the placeholder.
  if (parameter.endsWith('*')) return roleScope.slice(0, roleScope.indexOf('<..>')) + parameter;
  return roleScope.replace('<..>', parameter);
}

// roles: iterable of {roleId, scopes}. Expands to a fixpoint (bounded).
export function expandScopes(scopes, roles) {
  const roleList = [...roles];
  let current = normalize(scopes);
  for (let round = 0; round < MAX_ROUNDS; round++) {
    if (current.includes('*')) return ['*'];
    const added = [];
    for (const scope of current) {
      if (!scope.startsWith('assume:') && !(scope.endsWith('*') && 'assume:'.startsWith(scope.slice(0, -1)))) continue;
      for (const role of roleList) {
        const parameter = grantParameter(scope, role.roleId);
        if (parameter === undefined) continue;
        for (const roleScope of role.scopes) added.push(substitute(roleScope, parameter));
      }
    }
    const next = normalize([...current, ...added]);
    if (next.length > MAX_SCOPES) throw new Error('role expansion exceeded the scope limit');
    if (next.length === current.length && next.every((s, i) => s === current[i])) return next;
    current = next;
  }
  return current;
}
