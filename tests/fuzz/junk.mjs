// Junk values for the fuzz test, drawn from a seeded PRNG: every kind of value a
// careless or hostile caller could pass, plus near-valid shapes that get past the
// first checks and reach deeper code.
const explode = () => { throw new Error('junk: trap exploded'); };
const TRAPS = { get: explode, has: explode, ownKeys: explode, getOwnPropertyDescriptor: explode, getPrototypeOf: explode, apply: explode, construct: explode };

// Built once: large values are shared, so a draw costs nothing.
const HUGE_STRING = 'x'.repeat(1 << 18);
const HUGE_ARRAY = Array.from({ length: 20_000 }, (_, i) => `scope:${i}`);
const SPARSE_ARRAY = new Array(2 ** 32 - 1);
const DEEP_OBJECT = (() => { let o = {}; for (let i = 0; i < 10_000; i++) o = { a: o, AnyOf: [o] }; return o; })();
const DEEP_EXPRESSION = (() => { let e = 'a'; for (let i = 0; i < 5_000; i++) e = { AllOf: [e] }; return e; })();
const DEEP_ARRAY = (() => { let a = ['a']; for (let i = 0; i < 10_000; i++) a = [a]; return a; })();
const CYCLIC = (() => { const o = { clientId: 'c', AnyOf: [] }; o.self = o; o.AnyOf.push(o); o.accessToken = o; return o; })();
const CYCLIC_ARRAY = (() => { const a = ['a']; a.push(a); return a; })();

export function makeJunk(random, { stubUrl, secret }) {
  const { int, pick, bool } = random;
  const scalar = [
    () => undefined, () => null, () => NaN, () => 0, () => -0, () => -1, () => 1.5, () => Infinity, () => -Infinity,
    () => 2 ** 53 + 2, () => Number.MAX_VALUE, () => -8.64e15 - 1, () => 8.64e15, () => int(-1e9, 1e9), () => true, () => false,
    () => 10n, () => -(2n ** 70n), () => Symbol('junk'), () => Symbol.iterator,
    () => '', () => ' ', () => '\uD800', () => 'abc\uDFFF', () => '\u0000', () => 'a\nb', () => '*', () => 'queue:*',
    () => 'a'.repeat(int(0, 300)), () => HUGE_STRING, () => '%zz/../?#', () => '2 days 3 hours', () => '-1 year',
    () => '9999999999999999999999 days', () => '2017-01-19T16:27:20.974Z', () => '+275761-01-01T00:00:00.000Z',
    () => 'Hawk ts="1", tsm="x", error="Stale timestamp"', () => 'http://127.0.0.1:1/x', () => 'https://example.com/',
    () => stubUrl, () => `${stubUrl}/api/queue/v1/ping`, () => 'fQDQ8SL4SNKtXE4sdrOj-Q', () => 'null', () => '{"a":1}',
    () => 'constructor', () => '__proto__', () => 'toString', () => 'ping', () => 'GET', () => 'post',
    () => new Date(NaN), () => new Date(0), () => new Date(8.64e15),
  ];
  const objectish = [
    () => ({}), () => [], () => Object.freeze({ clientId: 'a', accessToken: secret }), () => Object.freeze([1, 2]),
    () => new Proxy({}, TRAPS), () => new Proxy([], TRAPS), () => new Proxy(() => {}, TRAPS),
    () => Object.defineProperty({}, pick(KEYS), { get: explode, enumerable: true }),
    () => Object.defineProperty([], 0, { get: explode, enumerable: true }),
    () => HUGE_ARRAY, () => SPARSE_ARRAY, () => DEEP_OBJECT, () => DEEP_EXPRESSION, () => DEEP_ARRAY,
    () => CYCLIC, () => CYCLIC_ARRAY, () => Object.create(null), () => ({ length: 2 ** 40, 0: 'a' }),
    () => ({ toString: explode, valueOf: explode, [Symbol.toPrimitive]: explode }),
    () => ({ then: explode }), () => ({ then: (resolve) => resolve(1) }),
    () => () => 1, () => explode, () => class {}, () => new Map([['a', 1]]), () => new Uint8Array(8),
    () => new Error('junk'), () => Promise.resolve(1),
    () => new AbortController().signal, () => (() => { const c = new AbortController(); c.abort(); return c.signal; })(),
  ];
  // Keys that the library reads, so a junk object reaches its checks.
  const KEYS = [
    'rootUrl', 'credentials', 'clientId', 'accessToken', 'certificate', 'authorizedScopes', 'retries', 'timeout',
    'maxDelay', 'delayFactor', 'randomizationFactor', 'baseUrl', 'exchangePrefix', 'fake', 'signal', 'url', 'method',
    'payload', 'contentType', 'timestamp', 'nonce', 'ext', 'expiration', 'localtimeOffsetMsec', 'scopes', 'start',
    'expiry', 'name', 'AnyOf', 'AllOf', 'continuationToken', 'limit', 'taskId', 'routingKeyPattern', 'headers',
    'version', 'seed', 'signature', 'issuer', 'credentialAgent', 'monitor', 'serviceName', 'serviceVersion', 'reference',
  ];

  let value;
  // A near-valid object: some real keys, each with any value (recursing a little).
  const shaped = (depth) => {
    const o = {};
    for (let i = int(0, 5); i > 0; i--) o[pick(KEYS)] = value(depth + 1);
    if (bool(0.2)) Object.freeze(o);
    return o;
  };
  value = (depth = 0) => {
    const r = random.next();
    if (depth > 3 || r < 0.55) return pick(scalar)();
    if (r < 0.75) return pick(objectish)();
    if (r < 0.9) return shaped(depth);
    return Array.from({ length: int(0, 4) }, () => value(depth + 1));
  };
  // 0 to 4 arguments; usually at least one is near-valid.
  const args = () => Array.from({ length: int(0, 4) }, () => value());
  return { value, args, shaped: () => shaped(0), KEYS };
}
