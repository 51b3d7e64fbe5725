// taskcluster-lib-scopes' surface: the functions (in wasm), the helpers it
// hangs on simplifyScopeExpression, and the whole set as one `scopes` object.
import * as wasm from './taskcluster_wasm.js';

/** `{AnyOf: [...]}` and `{AllOf: [...]}` simplified: duplicates and nesting removed, scopes sorted. */
export function simplifyScopeExpression(expression) {
  return wasm.simplifyScopeExpression(expression);
}

/** Is the expression a single scope? */
simplifyScopeExpression.isScope = (expression) => typeof expression === 'string';
/** The expression's `AnyOf` list (truthy) if it has one, as taskcluster-lib-scopes returns it. */
simplifyScopeExpression.isAnyOf = (expression) => expression.AnyOf;
/** The expression's `AllOf` list (truthy) if it has one. */
simplifyScopeExpression.isAllOf = (expression) => expression.AllOf;

/** Key-order-independent JSON, so that equal expressions count once. */
function canonicalJson(value) {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    return `{${Object.keys(value).sort().map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * Splits subexpressions into distinct `scopes` (sorted as normalizeScopeSet
 * sorts), `anyOfs` and `allOfs` (each without duplicates, in first-seen order).
 */
simplifyScopeExpression.divideSubexpressions = (subexpressions) => {
  if (!Array.isArray(subexpressions)) {
    throw new TypeError('simplifyScopeExpression.divideSubexpressions: subexpressions must be an array');
  }
  const scopes = new Set();
  const anyOfs = new Map();
  const allOfs = new Map();
  for (const expression of subexpressions) {
    if (simplifyScopeExpression.isScope(expression)) scopes.add(expression);
    else if (expression?.AnyOf) anyOfs.set(canonicalJson(expression), expression);
    else if (expression?.AllOf) allOfs.set(canonicalJson(expression), expression);
  }
  return { scopes: [...scopes].sort(wasm.scopeCompare), anyOfs: [...anyOfs.values()], allOfs: [...allOfs.values()] };
};

/** Everything taskcluster-lib-scopes exports, as one object (its module's shape). */
export const scopes = Object.freeze({
  validScope: wasm.validScope,
  scopeIntersection: wasm.scopeIntersection,
  scopeUnion: wasm.scopeUnion,
  patternMatch: wasm.patternMatch,
  scopeCompare: wasm.scopeCompare,
  normalizeScopeSet: wasm.normalizeScopeSet,
  mergeScopeSets: wasm.mergeScopeSets,
  validExpression: wasm.validExpression,
  satisfiesExpression: wasm.satisfiesExpression,
  scopesSatisfying: wasm.scopesSatisfying,
  removeGivenScopes: wasm.removeGivenScopes,
  simplifyScopeExpression,
});
