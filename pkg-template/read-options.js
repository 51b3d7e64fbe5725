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
