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

/**
 * Throws a TypeError naming `label` and the first option of `options` not in
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
  if (unknown !== undefined) throw new TypeError(`${label}: options.${unknown} is not an option (known: ${[...known].join(', ')})`);
}
