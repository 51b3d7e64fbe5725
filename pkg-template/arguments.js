// Checking a caller's arguments in JS, with errors that name the function and
// the argument (the JS side of src/js/args.rs): type names, quoted excerpts, text.

import { typeName, wellFormed } from './read-options.js';

const EXCERPT_CHARS = 60;

/** "null", "an array", "number", ... for error messages. */
export const typeOf = (value) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

/** A caller's text as messages show it: quoted, cut after 60 characters, so a huge input cannot make a huge message. */
export const excerpt = (text) => JSON.stringify(text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}...` : text);

/** `value` if it is a string of valid Unicode; otherwise a TypeError naming `label` and `what`. */
export function text(value, label, what) {
  if (typeof value !== 'string') throw new TypeError(`${label}: ${what} must be a string, got ${typeOf(value)}`);
  // A lone surrogate would silently become U+FFFD on its way into wasm or a URL.
  if (!wellFormed(value)) throw new TypeError(`${label}: ${what} contains a lone UTF-16 surrogate; it must be valid Unicode text`);
  return value;
}

/** A non-null, non-array object. */
export function object(value, label, what) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${label}: ${what} must be an object, got ${typeOf(value)}`);
  return value;
}

// ---------------------------------------------------------------------------
// The checked readers behind the fast paths (hawk-signers.js, temporary-credentials.js,
// time.js, scopes.js): every option is read and checked here, so wasm takes only
// strings and numbers. Their messages name `what` (the argument's path) after `label`
// (the function), e.g. "hawkHeader: options.url must be a string, got a number".

/** Longer arrays are refused rather than walked (a sparse `length` can be 2^32-1). */
export const MAX_ARRAY_LENGTH = 1_000_000;
/** Deeper scope expressions are refused, so recursion stays far from the stack limit. */
export const MAX_EXPRESSION_DEPTH = 100;

const fail = (Kind, label, message) => new Kind(`${label}: ${message}`);

/** Absent, as optional arguments have it: undefined or null. */
export const isAbsent = (value) => value === undefined || value === null;

/** `object[name]` (an object); a throwing getter becomes an Error naming `what.name`. */
export function field(object, name, label, what) {
  try {
    return object[name];
  } catch (cause) {
    throw new Error(`${label}: reading ${what}.${name} threw an exception`, { cause });
  }
}

/** `value` if it is a string of valid Unicode (typeName-style messages). */
export function checkedString(value, label, what) {
  if (typeof value !== 'string') throw fail(TypeError, label, `${what} must be a string, got ${typeName(value)}`);
  if (!wellFormed(value)) throw fail(TypeError, label, `${what} contains a lone UTF-16 surrogate; it must be valid Unicode text`);
  return value;
}

/** A string, or undefined when absent (undefined or null). */
export const optionalString = (value, label, what) => (isAbsent(value) ? undefined : checkedString(value, label, what));

/** A finite number. */
export function checkedNumber(value, label, what) {
  if (typeof value !== 'number') throw fail(TypeError, label, `${what} must be a number, got ${typeName(value)}`);
  if (!Number.isFinite(value)) throw fail(RangeError, label, `${what} must be a finite number`);
  return value;
}

/** A finite number, or undefined when undefined (null is refused). */
export const optionalFiniteNumber = (value, label, what) => (value === undefined ? undefined : checkedNumber(value, label, what));

/** A non-null, non-array object (an options bag). */
export function checkedObject(value, label, what) {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw fail(TypeError, label, `${what} must be an object, got ${typeName(value)}`);
  }
  return value;
}

/** The items of an array, copied in one step (any getters or Proxy traps run inside it). */
export function items(value, label, what) {
  if (!Array.isArray(value)) throw fail(TypeError, label, `${what} must be an array, got ${typeName(value)}`);
  const length = field(value, 'length', label, what);
  if (length > MAX_ARRAY_LENGTH) {
    throw fail(RangeError, label, `${what} has ${Math.trunc(length)} items; at most ${MAX_ARRAY_LENGTH} are accepted`);
  }
  try {
    return [].concat(value);
  } catch (cause) {
    throw new Error(`${label}: reading the items of ${what} threw an exception`, { cause });
  }
}

/** An array of strings; errors name the offending index. */
export function stringArray(value, label, what) {
  const list = items(value, label, what);
  for (let i = 0; i < list.length; i++) checkedString(list[i], label, `${what}[${i}]`);
  return list;
}

/** An array of strings, or undefined when absent. */
export const optionalStringArray = (value, label, what) => (isAbsent(value) ? undefined : stringArray(value, label, what));

/**
 * A list of strings as one string for wasm: its first character separates the
 * items (one no item holds), so any list crosses exactly; '' is the empty list.
 */
export function listText(list) {
  if (list.length === 0) return '';
  // '\n' unless an item holds one; then the first character (not a surrogate) none holds.
  let code = 10;
  const held = (mark) => list.some((item) => item.includes(mark));
  while (held(String.fromCodePoint(code))) code = code === 0xd7ff ? 0xe000 : code + 1;
  const mark = String.fromCodePoint(code);
  return mark + list.join(mark);
}

/**
 * Credentials `{clientId, accessToken, certificate?}`, checked: the certificate as
 * compact JSON text (undefined for none). Messages never include the values, so
 * an accessToken cannot leak through an error.
 */
export function checkedCredentials(value, label, what) {
  checkedObject(value, label, what);
  const clientId = checkedString(field(value, 'clientId', label, what), label, `${what}.clientId`);
  const nonEmpty = (name) => fail(TypeError, label, `${what}.${name} must be a non-empty string`);
  // Whatever is wrong with the accessToken, the message says only that: it is a secret.
  const accessToken = field(value, 'accessToken', label, what);
  if (typeof accessToken !== 'string' || !wellFormed(accessToken)) throw nonEmpty('accessToken');
  if (clientId === '' || accessToken === '') throw nonEmpty(clientId === '' ? 'clientId' : 'accessToken');
  const certificate = field(value, 'certificate', label, what);
  return { clientId, accessToken, certificate: isAbsent(certificate) ? undefined : certificateJson(certificate, label, `${what}.certificate`) };
}

/** A certificate given as JSON text or as an object, as compact JSON text. */
function certificateJson(value, label, what) {
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(checkedString(value, label, what));
    } catch (error) {
      if (error instanceof TypeError && error.message.startsWith(`${label}:`)) throw error;
      throw fail(Error, label, `${what} is not valid JSON`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw fail(TypeError, label, `${what} must be a JSON object or an object, got ${typeName(parsed)}`);
  }
  let text;
  try {
    text = JSON.stringify(parsed);
  } catch {
    // reported below
  }
  if (typeof text !== 'string') throw fail(Error, label, `${what} cannot be serialized as JSON`);
  return text;
}
