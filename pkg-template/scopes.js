// taskcluster-lib-scopes' surface: the functions (in wasm), the helpers it
// hangs on simplifyScopeExpression, and the whole set as one `scopes` object.
// Scope checks cross into wasm once, with one string written into the wasm
// pad (pad.js): the expression in prefix form, then the assumed scopes. Whatever that
// form cannot carry goes to the checked wasm function, which names what is wrong.
//
// Programs check the same expression constants, and often the same scope lists,
// again and again. From the second time an object is seen (by identity), what was
// read from it is kept: an expression's prefix form and its reading in wasm, a
// scope list's prepared set in wasm; a check of both is then one call with no
// text. Each later call reads the object again and compares each value with what
// was kept, which costs far less than writing the text; anything changed is read
// anew, so the answer is always the one for what the object holds now.
import { writePad } from './pad.js';
import * as wasm from './taskcluster_wasm.js';

// The fast path carries inputs of up to this many lines (scopes and nodes);
// larger ones, and cycles, take the checked path, which has its own limits.
const FAST_PATH_MAX_LINES = 10000;

// The one prefix-form writer (src/js/bulk.rs), from the wasm at the first check.
let writeExpression;
const written = { text: '', lines: 0, nodes: undefined };

// The mark of an object seen once: nothing is kept for it yet.
const SEEN_ONCE = 0;
/** Expression objects seen before: SEEN_ONCE, or a KeptExpression. */
const knownExpressions = new WeakMap();
/** Scope arrays seen before: SEEN_ONCE, or {scopes (a copy), set (a wasm ScopeSet)}. */
const knownScopeLists = new WeakMap();

// unchanged()'s walk: the values kept, and the position in them.
let keptNodes;
let at = 0;

/** Does `node` hold what `keptNodes` holds from `at` (writeExpression's `nodes`)? */
function sameNode(node) {
  if (typeof node === 'string') return keptNodes[at++] === node;
  if (keptNodes[at] !== node) return false;
  const key = keptNodes[at + 1];
  const children = keptNodes[at + 2];
  const count = keptNodes[at + 3];
  at += 4;
  if (node[key] !== children || children.length !== count) return false;
  const names = Object.getOwnPropertyNames(node);
  if (names.length !== 1 || names[0] !== key || Object.getOwnPropertySymbols(node).length !== 0) return false;
  for (let i = 0; i < count; i++) if (!sameNode(children[i])) return false;
  return true;
}

/** Does `expression` still hold the values in `nodes`? */
function unchanged(expression, nodes) {
  keptNodes = nodes;
  at = 0;
  try {
    return sameNode(expression);
  } catch {
    return false; // a throwing getter or Proxy: read anew, and the checked path reports it
  } finally {
    keptNodes = undefined;
  }
}

/** What is kept of an expression object seen before: the values read, its prefix form, and that read by wasm. */
class KeptExpression {
  constructor(nodes, text, lines) {
    this.nodes = nodes;
    this.text = text;
    this.lines = lines;
    /** The wasm PreparedExpression, made at the first check against a prepared set; null if wasm refused it. */
    this.prepared = undefined;
  }

  /** Does `set` (a wasm ScopeSet) satisfy the expression? Undefined for the checked path. */
  satisfiedBy(set) {
    if (this.prepared === undefined) {
      const length = writePad(this.text, 0);
      this.prepared = (length < 0 ? undefined : wasm.expressionFromPad(length, this.lines)) ?? null;
    }
    return this.prepared === null ? undefined : wasm.scopeSetSatisfiesPrepared(set, this.prepared);
  }

  forget() {
    this.prepared?.free();
  }
}

/** `expression` in prefix form ({text, lines}, a KeptExpression if seen before), or undefined for what only the checked path may judge. */
function prefixForm(expression) {
  const object = typeof expression === 'object' && expression !== null;
  const known = object ? knownExpressions.get(expression) : undefined;
  if (known instanceof KeptExpression) {
    if (unchanged(expression, known.nodes)) return known;
    known.forget();
  }
  writeExpression ??= wasm.expressionWriter();
  written.nodes = known === undefined ? undefined : [];
  const complete = writeExpression(expression, FAST_PATH_MAX_LINES, written);
  const nodes = written.nodes;
  written.nodes = undefined;
  if (!complete) {
    if (known !== undefined) knownExpressions.set(expression, SEEN_ONCE);
    return undefined;
  }
  if (nodes === undefined) {
    if (object) knownExpressions.set(expression, SEEN_ONCE);
    return written;
  }
  const kept = new KeptExpression(nodes, written.text, written.lines);
  knownExpressions.set(expression, kept);
  return kept;
}

/** Does the wasm ScopeSet `set` satisfy the expression in prefix form `prefix`? Undefined for the checked path. */
function setSatisfies(set, prefix) {
  if (prefix instanceof KeptExpression) return prefix.satisfiedBy(set);
  const length = writePad(prefix.text, 0);
  return length < 0 ? undefined : wasm.scopeSetSatisfiesPad(set, length, prefix.lines);
}

/** The length of the array `scopeset` if the fast path can take it, else -1. */
function assumedCount(scopeset) {
  try {
    return Array.isArray(scopeset) && scopeset.length <= FAST_PATH_MAX_LINES ? scopeset.length : -1;
  } catch {
    return -1;
  }
}

/** The first `count` items of `scopeset` if all are strings (each read once: a Proxy may answer differently twice). */
function stringsOf(scopeset, count) {
  const scopes = new Array(count);
  try {
    for (let i = 0; i < count; i++) {
      const scope = scopeset[i];
      if (typeof scope !== 'string') return undefined;
      scopes[i] = scope;
    }
  } catch {
    return undefined;
  }
  return scopes;
}

/** Does `scopeset` still hold the `scopes` kept from it? */
function sameScopes(scopeset, count, scopes) {
  if (count !== scopes.length) return false;
  try {
    for (let i = 0; i < count; i++) if (scopeset[i] !== scopes[i]) return false;
  } catch {
    return false;
  }
  return true;
}

/** The wasm ScopeSet of a scope list seen before (its `count` items), or undefined the first time and for what the fast path cannot take. */
function preparedSet(scopeset, count) {
  const known = knownScopeLists.get(scopeset);
  if (known === undefined) {
    knownScopeLists.set(scopeset, SEEN_ONCE);
    return undefined;
  }
  if (known !== SEEN_ONCE) {
    if (sameScopes(scopeset, count, known.scopes)) return known.set;
    known.set.free();
    knownScopeLists.set(scopeset, SEEN_ONCE);
  }
  const scopes = count === 0 ? undefined : stringsOf(scopeset, count);
  const length = scopes === undefined ? -1 : writePad(scopes.join('\n'), 0);
  const set = length < 0 ? undefined : wasm.scopeSetFromPad(length, count);
  if (set !== undefined) knownScopeLists.set(scopeset, { scopes, set });
  return set;
}

/** `prefix` then the first `count` items of `scopeset`, one per line, in the pad: the length, or -1 if that cannot be. */
function writeOneShot(scopeset, count, prefix) {
  let text = prefix.text;
  try {
    for (let i = 0; i < count; i++) {
      const scope = scopeset[i]; // read once: a Proxy may answer differently twice
      if (typeof scope !== 'string') return -1;
      text += '\n' + scope;
    }
  } catch {
    return -1;
  }
  return writePad(text, 0);
}

/** The fast path's answer, or undefined for the checked path. */
function quickSatisfies(scopeset, expression) {
  const count = assumedCount(scopeset);
  if (count < 0) return undefined;
  const prefix = prefixForm(expression);
  if (prefix === undefined) return undefined;
  const { lines } = prefix;
  const set = preparedSet(scopeset, count);
  if (set !== undefined) return setSatisfies(set, prefix);
  const length = writeOneShot(scopeset, count, prefix);
  return length < 0 ? undefined : wasm.satisfiesPad(length, lines, count);
}

/** Does the array of scopes `scopeset` satisfy `expression`? (taskcluster-lib-scopes' `satisfiesExpression`) */
export function satisfiesExpression(scopeset, expression) {
  return quickSatisfies(scopeset, expression) ?? wasm.satisfiesExpression(scopeset, expression);
}

/** One user's scopes, prepared for checking many expressions quickly. */
export class ScopeSet extends wasm.ScopeSet {
  /** Whether these scopes satisfy `expression`. */
  satisfies(expression) {
    const prefix = prefixForm(expression);
    return (prefix === undefined ? undefined : setSatisfies(this, prefix)) ?? super.satisfies(expression);
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
