// Random generators for the property tests (all driven by a seeded PRNG).
const SCOPE_ALPHABET = ['a', 'b', 'c', ':', '*'];

export function randomScope(r, maxLen = 6) {
  let s = '';
  const n = r.int(0, maxLen);
  for (let i = 0; i < n; i++) s += r.pick(SCOPE_ALPHABET);
  return s;
}

export function randomScopeSet(r, maxSize = 6) {
  return Array.from({ length: r.int(0, maxSize) }, () => randomScope(r));
}

// Nested AnyOf/AllOf expressions; depth counts object levels (0 = a plain scope).
export function randomExpression(r, depth = 4) {
  if (depth === 0 || r.bool(0.35)) return randomScope(r);
  const items = Array.from({ length: r.int(0, 4) }, () => randomExpression(r, depth - 1));
  return r.bool() ? { AnyOf: items } : { AllOf: items };
}

// Strings around the printable-ASCII boundary, for validScope.
export function randomMaybeInvalidScope(r) {
  const chars = ['a', 'Z', ' ', '~', '*', ':', '\x1f', '\x7f', '\n', '\t', 'é', '\u2603', '\0'];
  let s = '';
  const n = r.int(0, 5);
  for (let i = 0; i < n; i++) s += r.pick(chars);
  return s;
}
