// Checking a caller's arguments in JS, with errors that name the function and
// the argument (the JS side of src/js/args.rs): type names, quoted excerpts, text.

import { wellFormed } from './read-options.js';

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
