// taskcluster-lib-scopes' surface: the functions (in wasm), the helpers it
// hangs on simplifyScopeExpression, and the whole set as one `scopes` object.
// Scope checks cross into wasm once, with one string written into the wasm
// pad (pad.js): the expression in prefix form, then the assumed scopes. Whatever that
// form cannot carry goes to the checked wasm function, which names what is wrong.
import { writePad } from './pad.js';
import * as wasm from './taskcluster_wasm.js';

// The fast path carries inputs of up to this many lines (scopes and nodes);
// larger ones, and cycles, take the checked path, which has its own limits.
const FAST_PATH_MAX_LINES = 10000;

let prefixText = '';
let linesLeft = 0;

/**
 * Appends `node` in prefix form: "S<scope>", or "A<n>" (AnyOf) / "L<n>" (AllOf)
 * and its n children, each line after a newline. A scope holding a newline is
 * written as it is: wasm counts the lines and refuses the text.
 */
function appendPrefix(node) {
  if (--linesLeft < 0) return false;
  if (typeof node === 'string') {
    prefixText += '\nS' + node;
    return true;
  }
  if (typeof node !== 'object' || node === null) return false;
  // Exactly one own key, as the checked path reads it (Reflect.ownKeys, but much cheaper in V8).
  const names = Object.getOwnPropertyNames(node);
  if (names.length !== 1 || Object.getOwnPropertySymbols(node).length !== 0) return false;
  let children, tag;
  if (names[0] === 'AllOf') {
    children = node.AllOf;
    tag = '\nL';
  } else if (names[0] === 'AnyOf') {
    children = node.AnyOf;
    tag = '\nA';
  } else {
    return false;
  }
  if (!Array.isArray(children)) return false;
  const count = children.length;
  if (count > linesLeft) return false;
  prefixText += tag + count;
  for (let i = 0; i < count; i++) if (!appendPrefix(children[i])) return false;
  return true;
}

// The number of lines of the last prefixForm.
let prefixLines = 0;

/** `expression` in prefix form (its line count in prefixLines); undefined for what only the checked path may judge. */
function prefixForm(expression) {
  prefixText = '';
  linesLeft = FAST_PATH_MAX_LINES;
  let complete = false;
  try {
    complete = appendPrefix(expression);
  } catch {
    // A throwing getter or Proxy, or a stack overflow: the checked path reports it.
  }
  prefixLines = FAST_PATH_MAX_LINES - linesLeft;
  // Without the first newline.
  const text = prefixText.slice(1);
  prefixText = '';
  return complete ? text : undefined;
}

/** The length of the array `scopeset` if the fast path can take it, else -1. */
function assumedCount(scopeset) {
  try {
    return Array.isArray(scopeset) && scopeset.length <= FAST_PATH_MAX_LINES ? scopeset.length : -1;
  } catch {
    return -1;
  }
}

/** `expression` in prefix form, then the first `count` items of `scopeset`, one per line; undefined if that cannot be. */
function oneShotText(scopeset, count, expression) {
  let text = prefixForm(expression);
  if (text === undefined) return undefined;
  try {
    for (let i = 0; i < count; i++) {
      const scope = scopeset[i]; // read once: a Proxy may answer differently twice
      if (typeof scope !== 'string') return undefined;
      text += '\n' + scope;
    }
  } catch {
    return undefined;
  }
  return text;
}

/** Does the array of scopes `scopeset` satisfy `expression`? (taskcluster-lib-scopes' `satisfiesExpression`) */
export function satisfiesExpression(scopeset, expression) {
  const count = assumedCount(scopeset);
  const text = count >= 0 ? oneShotText(scopeset, count, expression) : undefined;
  const length = text === undefined ? -1 : writePad(text, 0);
  return (length < 0 ? undefined : wasm.satisfiesPad(length, prefixLines, count)) ?? wasm.satisfiesExpression(scopeset, expression);
}

/** One user's scopes, prepared for checking many expressions quickly. */
export class ScopeSet extends wasm.ScopeSet {
  /** Whether these scopes satisfy `expression`. */
  satisfies(expression) {
    const text = prefixForm(expression);
    const length = text === undefined ? -1 : writePad(text, 0);
    return (length < 0 ? undefined : wasm.scopeSetSatisfiesPad(this, length, prefixLines)) ?? super.satisfies(expression);
  }
}

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
  satisfiesExpression,
  scopesSatisfying: wasm.scopesSatisfying,
  removeGivenScopes: wasm.removeGivenScopes,
  simplifyScopeExpression,
});
