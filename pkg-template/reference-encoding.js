// A class's reference checked before its first client uses it: errors name the
// entry and field (`reference.functions[3].route`). The URLs are built from it in
// JS (method-calls.js); the wasm never reads it.
import { typeName, wellFormed } from './read-options.js';
import { isTrusted, trustReference } from './method-calls.js';

// Control characters a name may not hold (the separators of the encoding the
// reference once crossed into wasm in; kept out so that checked references stay the same).
const SEPARATORS = /[\u001d-\u001f]/;

/** A string fit for the encoding; `allowEmpty` for whole fields (a route may be ''). */
function name(value, path, allowEmpty = false) {
  if (typeof value !== 'string') throw new TypeError(`${path} must be a string, got ${typeName(value)}`);
  if (!allowEmpty && value === '') throw new TypeError(`${path} must be a non-empty string`);
  if (SEPARATORS.test(value) || !wellFormed(value)) throw new TypeError(`${path} contains control characters or a lone UTF-16 surrogate`);
  return value;
}

/** An optional array (absent: empty). */
function list(value, path) {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new TypeError(`${path} must be an array, got ${typeName(value)}`);
  return value;
}

function entryObject(value, path) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new TypeError(`${path} must be an object, got ${typeName(value)}`);
  return value;
}

function checkFunction(f, path) {
  entryObject(f, path);
  name(f.name, `${path}.name`, true);
  name(f.method, `${path}.method`, true);
  name(f.route, `${path}.route`, true);
  for (const key of ['args', 'query']) list(f[key], `${path}.${key}`).forEach((item, i) => name(item, `${path}.${key}[${i}]`));
}

function checkRoutingKey(key, path) {
  entryObject(key, path);
  name(key.name, `${path}.name`, true);
  if (key.constant !== undefined && key.constant !== null) name(key.constant, `${path}.constant`, true);
}

function checkExchange(e, path) {
  entryObject(e, path);
  name(e.name, `${path}.name`, true);
  name(e.exchange, `${path}.exchange`, true);
  list(e.routingKey, `${path}.routingKey`).forEach((key, i) => checkRoutingKey(key, `${path}.routingKey[${i}]`));
}

/**
 * Checks a service or exchanges reference: a TypeError naming the offending field
 * (`reference.functions[3].route`).
 */
function checkReferenceFields(reference) {
  entryObject(reference, 'reference');
  const optional = (value, path) => (value === undefined || value === null ? undefined : name(value, path, true));
  name(reference.name, 'reference.name', true);
  name(reference.serviceName, 'reference.serviceName', true);
  optional(reference.apiVersion, 'reference.apiVersion');
  list(reference.functions, 'reference.functions').forEach((f, i) => checkFunction(f, `reference.functions[${i}]`));
  optional(reference.exchangePrefix, 'reference.exchangePrefix');
  list(reference.exchanges, 'reference.exchanges').forEach((e, i) => checkExchange(e, `reference.exchanges[${i}]`));
}

/** Checks the reference of class `cls` once (errors are createClient's: only it and classes made by hand can hold a malformed one). */
export function checkClassReference(cls) {
  if (isTrusted(cls)) return;
  try {
    checkReferenceFields(cls.reference);
  } catch (error) {
    throw error instanceof TypeError ? new TypeError(`createClient: ${error.message}`) : error;
  }
  trustReference(cls);
}
