// Bad argument values for the error tests: [label, value, expected error class].
// `Error` means "any Error" (malformed value, or a JS exception raised while reading it).
export const SECRET = 'SECRET-TOKEN-xyz';
export const BIG = 'x'.repeat(5 * 1024 * 1024);

const explode = () => { throw new Error('proxy trap exploded'); };
const traps = { get: explode, has: explode, ownKeys: explode, getOwnPropertyDescriptor: explode, getPrototypeOf: explode };
export const throwingProxy = () => new Proxy({}, traps);
export const throwingArrayProxy = () => new Proxy([], traps);

export function deepExpression(depth, op = 'AllOf') {
  let e = 'a';
  for (let i = 0; i < depth; i++) e = { [op]: [e] };
  return e;
}
function deepArray(depth) {
  let a = ['a'];
  for (let i = 0; i < depth; i++) a = [a];
  return a;
}

// where a string is required
export const BAD_STRINGS = [
  ['undefined', undefined, TypeError], ['null', null, TypeError], ['number', 42, TypeError],
  ['NaN', NaN, TypeError], ['boolean', true, TypeError], ['object', {}, TypeError], ['array', ['a'], TypeError],
  ['Symbol', Symbol('s'), TypeError], ['BigInt', 10n, TypeError],
  ['lone surrogate', '\uD800', TypeError], ['trailing lone surrogate', 'abc\uDFFF', TypeError],
  ['5 MB with a lone surrogate', BIG + '\uD800', TypeError], ['proxy', throwingProxy(), Error],
];
// where an optional string may appear (undefined/null may mean "absent")
export const BAD_OPTIONAL_STRINGS = BAD_STRINGS.filter(([label]) => label !== 'undefined' && label !== 'null');

// where a string[] is required
export const BAD_STRING_ARRAYS = [
  ['undefined', undefined, TypeError], ['null', null, TypeError], ['number', 42, TypeError],
  ['boolean', false, TypeError], ['string', 'a', TypeError], ['5 MB string', BIG, TypeError], ['object', {}, TypeError],
  ['array-like', { length: 1, 0: 'a' }, TypeError], ['[number]', ['a', 1], TypeError], ['[null]', [null], TypeError],
  ['[undefined]', [undefined], TypeError], ['[object]', [{}], TypeError], ['[array]', [['a']], TypeError],
  ['[Symbol]', [Symbol('s')], TypeError], ['[BigInt]', [10n], TypeError], ['[lone surrogate]', ['ok', '\uD800'], TypeError],
  ['deeply nested array', deepArray(10000), TypeError], ['Symbol', Symbol('s'), TypeError], ['BigInt', 10n, TypeError],
  ['proxy array', throwingArrayProxy(), Error],
];
export const BAD_OPTIONAL_STRING_ARRAYS = BAD_STRING_ARRAYS.filter(([label]) => label !== 'undefined' && label !== 'null');

// where a scope expression is required (valid-but-deep ones are handled separately)
export const BAD_EXPRESSIONS = [
  ['undefined', undefined, TypeError], ['null', null, TypeError], ['number', 42, TypeError], ['boolean', true, TypeError],
  ['Symbol', Symbol('s'), TypeError], ['BigInt', 10n, TypeError], ['lone surrogate', '\uD800', TypeError],
  ['{}', {}, Error], ['{AnyOf: string}', { AnyOf: 'a' }, Error], ['{AllOf: number}', { AllOf: 1 }, Error],
  ['both keys', { AnyOf: ['a'], AllOf: ['b'] }, Error], ['unknown key', { Foo: ['a'] }, Error], ['array', ['a'], Error],
  ['{AnyOf: [number]}', { AnyOf: [1] }, Error], ['{AllOf: [null]}', { AllOf: [null] }, Error],
  ['nested bad', { AllOf: ['a', { AnyOf: [{ Bar: [] }] }] }, Error], ['nested lone surrogate', { AnyOf: ['\uDC00'] }, TypeError],
  ['proxy', throwingProxy(), Error], ['proxy inside', { AnyOf: [throwingProxy()] }, Error],
];

// where a number is required/optional
export const BAD_NUMBERS = [
  ['string', '123', TypeError], ['BigInt', 10n, TypeError], ['object', {}, TypeError], ['boolean', true, TypeError],
  ['Symbol', Symbol('n'), TypeError], ['NaN', NaN, RangeError], ['Infinity', Infinity, RangeError],
  ['-Infinity', -Infinity, RangeError], ['proxy', throwingProxy(), Error],
];

// where a time reference (Date | number | string) is required/optional
export const BAD_TIMES = [
  ['garbage string', 'not a date', Error], ['object', {}, TypeError], ['boolean', true, TypeError],
  ['Symbol', Symbol('t'), TypeError], ['BigInt', 10n, TypeError], ['NaN', NaN, RangeError],
  ['invalid Date', new Date(NaN), Error], ['lone surrogate', '\uD800', TypeError], ['proxy', throwingProxy(), Error],
];

// where an options object is required
export const BAD_OPTIONS = [
  ['undefined', undefined, TypeError], ['null', null, TypeError], ['number', 42, TypeError], ['string', 'GET', TypeError],
  ['boolean', true, TypeError], ['Symbol', Symbol('o'), TypeError], ['BigInt', 10n, TypeError], ['proxy', throwingProxy(), Error],
];
