// A class's reference as wasm reads it: checked here (errors name the entry and
// field), then its functions cross as one string, which costs one boundary
// crossing instead of several per field. Entries are split by RS, fields by US,
// list items by GS (src/js/reference.rs splits them again).
import { typeName, wellFormed } from './read-options.js';

const ENTRY = '\u001e';
const FIELD = '\u001f';
const ITEM = '\u001d';
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

function encodeFunction(f, path) {
  entryObject(f, path);
  const names = (key) => list(f[key], `${path}.${key}`).map((item, i) => name(item, `${path}.${key}[${i}]`)).join(ITEM);
  return [
    name(f.name, `${path}.name`, true), name(f.method, `${path}.method`, true), name(f.route, `${path}.route`, true),
    names('args'), names('query'), f.input ? '1' : '', f.output ? '1' : '',
  ].join(FIELD);
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
 * `[name, serviceName, apiVersion, functions]` for wasm's ServiceApi; a TypeError
 * naming the offending field (`reference.functions[3].route`). The exchanges of
 * an exchanges reference are only checked: routing-key.js works with them as they are.
 */
export function encodeReference(reference) {
  entryObject(reference, 'reference');
  const optional = (value, path) => (value === undefined || value === null ? undefined : name(value, path, true));
  const encoded = [
    name(reference.name, 'reference.name', true),
    name(reference.serviceName, 'reference.serviceName', true),
    optional(reference.apiVersion, 'reference.apiVersion') ?? 'v1',
    list(reference.functions, 'reference.functions').map((f, i) => encodeFunction(f, `reference.functions[${i}]`)).join(ENTRY),
  ];
  optional(reference.exchangePrefix, 'reference.exchangePrefix');
  list(reference.exchanges, 'reference.exchanges').forEach((e, i) => checkExchange(e, `reference.exchanges[${i}]`));
  return encoded;
}
