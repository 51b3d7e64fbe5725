// taskcluster-lib-scopes' surface: the functions (their rules in wasm), the helpers
// it hangs on simplifyScopeExpression, and the whole set as one `scopes` object.
// Scope checks cross into wasm once, with one string written into the wasm
// pad (pad.js): the expression in prefix form, then the assumed scopes. Whatever that
// form cannot carry takes the checked path: the arguments are read and checked
// here, and cross as one string each; wasm names any scope that breaks the rules.
//
// Programs check the same expression constants, and often the same scope lists,
// again and again. From the second time an object is seen (by identity), what was
// read from it is kept: an expression's prefix form and its reading in wasm, a
// scope list's prepared set in wasm; a check of both is then one call with no
// text. Each later call reads the object again and compares each value with what
// was kept, which costs far less than writing the text; anything changed is read
// anew, so the answer is always the one for what the object holds now.
import { MAX_EXPRESSION_DEPTH, checkedString, field, items, listText, stringArray } from './arguments.js';
import { writePad } from './pad.js';
import { typeName } from './read-options.js';
import * as wasm from './taskcluster_wasm.js';

// The fast path carries inputs of up to this many lines (scopes and nodes);
// larger ones, and cycles, take the checked path, which has its own limits.
const FAST_PATH_MAX_LINES = 10000;

// ------------------------------------------------------------------ prefix form
// An expression as wasm reads it (src/core/scopes/prefix.rs): one node per line,
// "S<scope>", or "A<n>" (AnyOf) / "L<n>" (AllOf) followed by its n children.
const SCOPE = 'S';
const tagOf = (key) => (key === 'AllOf' ? 'L' : 'A');

let text = '';
let linesLeft = 0;
let nodes;

/**
 * Appends `node` (at `depth`) in prefix form, each line after a newline; records
 * every value read in `nodes` if it is an array. A scope holding a newline is
 * written as it is: the line count then tells.
 */
function append(node, depth) {
  if (--linesLeft < 0 || depth > MAX_EXPRESSION_DEPTH) return false;
  if (typeof node === 'string') {
    nodes?.push(node);
    text += '\n' + SCOPE + node;
    return true;
  }
  if (typeof node !== 'object' || node === null) return false;
  // Exactly one own key, as the checked reader has it (Reflect.ownKeys, but much cheaper in V8).
  const names = Object.getOwnPropertyNames(node);
  if (names.length !== 1 || Object.getOwnPropertySymbols(node).length !== 0) return false;
  const key = names[0];
  if (key !== 'AllOf' && key !== 'AnyOf') return false;
  const children = node[key];
  if (!Array.isArray(children)) return false;
  const count = children.length;
  if (count > linesLeft) return false;
  nodes?.push(node, key, children, count);
  text += '\n' + tagOf(key) + count;
  for (let i = 0; i < count; i++) if (!append(children[i], depth + 1)) return false;
  return true;
}

/**
 * The fast paths' writer: `expression` in prefix form, one node per line, in at
 * most `maxLines` lines: `out.text` and `out.lines`, and in `out.nodes` (if an
 * array) every value read, in order: for each AnyOf/AllOf the object, its key,
 * its array and length; each scope. False for what only the checked reader may judge.
 */
function writeExpression(expression, maxLines, out) {
  text = '';
  linesLeft = maxLines;
  nodes = out.nodes;
  let complete = false;
  try {
    complete = append(expression, 0);
  } catch {
    // A throwing getter or Proxy, or a stack overflow: the checked reader reports it.
  }
  out.text = complete ? text.slice(1) : '';
  out.lines = maxLines - linesLeft;
  text = '';
  nodes = undefined;
  return complete;
}

const written = { text: '', lines: 0, nodes: undefined };

/** The nodes of `value` in prefix form, read and checked in order; errors name `what` (the node's path). */
function readNodes(value, label, what, depth, lines) {
  if (depth > MAX_EXPRESSION_DEPTH) throw new RangeError(`${label}: ${what} is nested more than ${MAX_EXPRESSION_DEPTH} levels deep`);
  if (typeof value === 'string') {
    lines.push(SCOPE + checkedString(value, label, what));
    return;
  }
  const shapeError = () => new TypeError(`${label}: ${what} must be a scope string, {AnyOf: [...]} or {AllOf: [...]}, got ${typeName(value)}`);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw shapeError();
  let keys;
  try {
    keys = Reflect.ownKeys(value);
  } catch (cause) {
    throw new Error(`${label}: listing the keys of ${what} threw an exception`, { cause });
  }
  const key = keys.length === 1 ? keys[0] : undefined;
  if (key !== 'AnyOf' && key !== 'AllOf') throw shapeError();
  const children = items(field(value, key, label, what), label, `${what}.${key}`);
  lines.push(tagOf(key) + children.length);
  for (let i = 0; i < children.length; i++) readNodes(children[i], label, `${what}.${key}[${i}]`, depth + 1, lines);
}

/** The checked reader: a scope expression as one string for wasm (its nodes joined as `listText` joins). */
function expressionText(value, label, what = 'expression') {
  const lines = [];
  readNodes(value, label, what, 0, lines);
  return listText(lines);
}

/** A list of scopes, checked, as one string for wasm. */
const scopesText = (value, label, what) => listText(stringArray(value, label, what));

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
  const label = 'satisfiesExpression';
  return quickSatisfies(scopeset, expression) ?? wasm.scopeExpressionOperation(0, scopesText(scopeset, label, 'scopeset'), expressionText(expression, label));
}

/** One user's scopes, prepared for checking many expressions quickly. */
export class ScopeSet extends wasm.ScopeSet {
  constructor(assumed) {
    super(scopesText(assumed, 'ScopeSet', 'assumed'));
  }

  /** Whether these scopes satisfy `expression`. */
  satisfies(expression) {
    const prefix = prefixForm(expression);
    return (prefix === undefined ? undefined : setSatisfies(this, prefix)) ?? super.satisfies(expressionText(expression, 'ScopeSet.satisfies'));
  }

  /** Whether these scopes satisfy the single scope `scope`. */
  covers(scope) {
    return super.covers(checkedString(scope, 'ScopeSet.covers', 'scope'));
  }
}

/**
 * The seed's `scopeMatch`: does `assumed` satisfy any of the scope sets in
 * `requiredScopeSets` (disjunctive normal form)? A `*` expands only in assumed scopes.
 */
export function scopeMatch(assumed, requiredScopeSets) {
  const label = 'scopeMatch';
  const assumedText = scopesText(assumed, label, 'assumed');
  const sets = items(requiredScopeSets, label, 'requiredScopeSets').map((set, i) => scopesText(set, label, `requiredScopeSets[${i}]`));
  return wasm.scopeMatchOf(assumedText, listText(sets));
}

/** The assumed scopes that satisfy `expression`, or `undefined` when it is not satisfied. */
export function scopesSatisfying(scopeset, expression) {
  const label = 'scopesSatisfying';
  return wasm.scopeExpressionOperation(1, scopesText(scopeset, label, 'scopeset'), expressionText(expression, label));
}

/** What remains of `expression` once `scopes` are given; `null` when nothing remains. */
export function removeGivenScopes(scopes, expression) {
  const label = 'removeGivenScopes';
  return wasm.scopeExpressionOperation(2, scopesText(scopes, label, 'scopes'), expressionText(expression, label));
}

/** A binary scope-set operation (src/js/scopes.rs's `scopeSetOperation`), its arguments checked. */
const setOperation = (operation, label) => (a, b) => wasm.scopeSetOperation(operation, scopesText(a, label, 'a'), scopesText(b, label, 'b'));
/** The scopes satisfied by both `a` and `b`, normalized. */
export const scopeIntersection = setOperation(0, 'scopeIntersection');
/** The scopes satisfied by `a` or `b`, normalized. */
export const scopeUnion = setOperation(1, 'scopeUnion');
/** Merges two already-normalized scope sets into one normalized set. */
export const mergeScopeSets = setOperation(2, 'mergeScopeSets');

/** Sorted, with every scope that another scope's `*` covers removed. */
export function normalizeScopeSet(scopes) {
  return wasm.normalizeScopeSetOf(scopesText(scopes, 'normalizeScopeSet', 'scopes'));
}

/** The order `normalizeScopeSet` sorts by (`a*` before `a`-prefixed scopes). */
export function scopeCompare(a, b) {
  return wasm.scopeCompareOf(checkedString(a, 'scopeCompare', 'a'), checkedString(b, 'scopeCompare', 'b'));
}

/** Does the assumed `pattern` (possibly ending in `*`) satisfy `scope`? */
export function patternMatch(pattern, scope) {
  return wasm.patternMatchOf(checkedString(pattern, 'patternMatch', 'pattern'), checkedString(scope, 'patternMatch', 'scope'));
}

/** Is `scope` a string of printable ASCII? Never throws. */
export function validScope(scope) {
  return typeof scope === 'string' && wasm.validScopeOf(scope);
}

/** Is `expression` a valid scope expression? Never throws. */
export function validExpression(expression) {
  let text;
  try {
    text = expressionText(expression, 'validExpression');
  } catch {
    return false;
  }
  return wasm.validExpressionOf(text);
}

/** `{AnyOf: [...]}` and `{AllOf: [...]}` simplified: duplicates and nesting removed, scopes sorted. */
export function simplifyScopeExpression(expression) {
  return wasm.scopeExpressionOperation(3, '', expressionText(expression, 'simplifyScopeExpression'));
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
  return { scopes: [...scopes].sort(scopeCompare), anyOfs: [...anyOfs.values()], allOfs: [...allOfs.values()] };
};

/** Everything taskcluster-lib-scopes exports, as one object (its module's shape). */
export const scopes = Object.freeze({
  validScope,
  scopeIntersection,
  scopeUnion,
  patternMatch,
  scopeCompare,
  normalizeScopeSet,
  mergeScopeSets,
  validExpression,
  satisfiesExpression,
  scopesSatisfying,
  removeGivenScopes,
  simplifyScopeExpression,
});
