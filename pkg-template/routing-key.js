// Routing-key patterns for binding to Taskcluster's pulse exchanges: what every
// method of a generated `...Events` class returns (before routingKeyReference).
import { excerpt as quoted, object, text as checkedText } from './arguments.js';
import { readingOptions } from './read-options.js';

/** The pattern's value for one entry: a string or a finite number (as `String(n)` writes it); undefined when unspecified. */
function word(value, label, what) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return checkedText(value, label, what);
}

/**
 * `{exchange, routingKeyPattern}` for `entry` (`{name, exchange, routingKey}`)
 * of an exchanges reference: `pattern` is a ready pattern string, or an object of
 * routing-key values where constants fill themselves and unspecified entries become
 * `*` (one word) or `#` (multiple words). `label` names the method in errors.
 */
export function routingKeyBinding(entry, exchangePrefix, pattern, label) {
  const exchange = `${exchangePrefix}${entry.exchange}`;
  if (typeof pattern === 'string') return { exchange, routingKeyPattern: pattern };
  const values = pattern === undefined || pattern === null ? {} : readingOptions(label, () => ({ ...object(pattern, label, 'pattern') }), 'pattern');
  const names = new Set(entry.routingKey.map((key) => key.name));
  const unknown = Object.keys(values).find((name) => !names.has(name));
  if (unknown !== undefined) {
    const allowed = entry.routingKey.filter((key) => key.constant === undefined || key.constant === null).map((key) => key.name);
    throw new TypeError(`${label}: ${entry.name} has no routing-key entry ${quoted(unknown)}; allowed: ${allowed.join(', ')}`);
  }
  const words = entry.routingKey.map((key) => {
    if (typeof key.constant === 'string') return key.constant;
    const value = word(values[key.name], label, `pattern.${key.name}`);
    if (value === undefined) return key.multipleWords ? '#' : '*';
    if (!key.multipleWords && value.includes('.')) {
      throw new Error(`${label}: ${entry.name}: routing-key entry ${key.name} is a single word and cannot contain '.', got ${quoted(value)}`);
    }
    return value;
  });
  return { exchange, routingKeyPattern: words.join('.') };
}

/** The exchange prefix for a class made from `reference`: the options' `exchangePrefix` (other deployments) or the reference's. */
export function exchangePrefixOf(reference, options, label) {
  const given = options === undefined || options === null ? undefined : object(options, label, 'options').exchangePrefix;
  if (given !== undefined && given !== null) return checkedText(given, label, 'options.exchangePrefix');
  return typeof reference.exchangePrefix === 'string' ? reference.exchangePrefix : '';
}
