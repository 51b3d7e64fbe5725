// Reading a caller's objects: a getter or Proxy that throws becomes a TypeError
// naming the function, instead of an anonymous error from deep inside it.

/**
 * Runs `read` (the synchronous reading of `what`, e.g. "options"); an error our
 * own checks raised (already prefixed with `label:`) passes unchanged.
 */
export function readingOptions(label, read, what = 'options') {
  try {
    return read();
  } catch (error) {
    if (error instanceof Error && error.message.startsWith(`${label}:`)) throw error;
    throw new TypeError(`${label}: the ${what} could not be read (${error instanceof Error ? error.message : typeof error})`, { cause: error });
  }
}

/** "a number", "an array", "null", ... for messages: never the value itself, which may hold a secret. */
export function typeName(value) {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  const type = typeof value;
  return type === 'undefined' ? 'undefined' : type === 'object' ? 'an object' : `a${/^[aeiou]/.test(type) ? 'n' : ''} ${type}`;
}

/** Whether a string is valid Unicode text (no lone UTF-16 surrogate), as wasm needs it. */
export const wellFormed = (text) =>
  typeof text.isWellFormed === 'function' ? text.isWellFormed() : !/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);

/** The error for a getter or Proxy of the caller's that threw while `path` was read; the caller's error is its `cause`. */
export function unreadable(label, path, cause) {
  const why = cause instanceof Error ? cause.message : typeName(cause);
  return new TypeError(`${label}: ${path} could not be read (${why})`, { cause });
}

/** `object[key]`, with a throwing getter reported by its path (`${path}.${key}`). */
export function readField(object, key, label, path) {
  try {
    return object[key];
  } catch (cause) {
    throw unreadable(label, `${path}.${key}`, cause);
  }
}

/** A non-negative finite number, or `undefined` when absent. */
export function optionalNumber(value, label, path) {
  if (value === undefined) return undefined;
  if (typeof value !== 'number') throw new TypeError(`${label}: ${path} must be a number, got ${typeName(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${label}: ${path} must be a finite number`);
  if (value < 0) throw new RangeError(`${label}: ${path} must not be negative`);
  return value;
}

/** The retry options of API calls and data transfers; their defaults and caps live in wasm. */
export const RETRY_OPTIONS = ['retries', 'delayFactor', 'randomizationFactor', 'maxDelay'];

/** `[retries, delayFactor, randomizationFactor, maxDelay]` of `options` (an object), checked; `undefined` for a default. */
export function retrySettings(options, label, path = 'options') {
  return RETRY_OPTIONS.map((name) => optionalNumber(readField(options, name, label, path), label, `${path}.${name}`));
}

/** Edit distance, for "did you mean" suggestions. */
function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

/**
 * The TypeError for option `name` of `label`, which is none of `known` (an
 * array): it names the nearest known option, or lists them when none is near.
 */
export function unknownOption(label, name, known) {
  const lower = name.toLowerCase();
  const ranked = known.map((k) => [distance(lower, k.toLowerCase()), k]).sort((x, y) => x[0] - y[0]);
  const [best, closest] = ranked[0] ?? [Infinity];
  const hint = best <= Math.max(3, Math.floor(name.length / 2)) ? `did you mean ${closest}?` : `known options: ${known.join(', ')}`;
  return new TypeError(`${label}: unknown option ${JSON.stringify(name).slice(0, 62)}; ${hint}`);
}

/**
 * Throws `unknownOption`'s TypeError for the first option of `options` not in
 * `known` (a Set): a typo must not go unnoticed. Hot paths call it, so it reads
 * the keys without copying them; options whose keys cannot be listed (a
 * throwing Proxy) are left to the caller's own reading to report.
 */
export function refuseUnknownOptions(options, known, label) {
  if (typeof options !== 'object' || options === null) return;
  let unknown;
  try {
    for (const key in options) {
      if (!known.has(key)) {
        unknown = key;
        break;
      }
    }
  } catch {
    return;
  }
  if (unknown !== undefined) throw unknownOption(label, unknown, [...known]);
}
