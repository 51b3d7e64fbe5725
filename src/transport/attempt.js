// One request attempt on the platform's fetch, for the wasm transport
// (src/transport/mod.rs). It never rejects: a page may replace fetch with one
// that rejects with anything, and a rejection that is not an Error must not
// reach wasm code that expects one.

// Timers take at most 2^31-1 ms; a longer timeout cannot fire in practice
// (and setTimeout would fire at once), so none is set.
const LONGEST_TIMER_MS = 2 ** 31 - 1;

// Outside browsers fetch hands a redirect back as it is, so a 303 (getArtifact)
// reaches the caller with its `{url}` body, as with the official clients.
// Browsers only expose an opaque redirect, so there it is followed.
const REDIRECT = 'document' in globalThis || 'WorkerGlobalScope' in globalThis ? 'follow' : 'manual';

/** Why a fetch failed, in the platform's words; never the rejected value itself (it may hold anything). */
function reasonOf(error) {
  try {
    if (error instanceof Error && typeof error.message === 'string' && error.message) {
      // undici says "fetch failed" and keeps the useful part in `cause`.
      const cause = error.cause instanceof Error && typeof error.cause.message === 'string' && error.cause.message ? ` (${error.cause.message})` : '';
      return error.message + cause;
    }
  } catch {
    // a throwing getter on a thrown object
  }
  return `fetch failed with ${error === null ? 'null' : typeof error}, not an Error`;
}

/**
 * Sends one attempt and reads its body. Resolves to `[response, text]`, a
 * string (why the network failed), or null when `timeout` ms passed first: then
 * the request is aborted, and the attempt ends even if fetch ignores the abort.
 */
export function attempt(url, method, headers, authorization, body, timeout) {
  return new Promise((resolve) => {
    const init = { method, headers: authorization === undefined ? headers : { ...headers, authorization }, body, redirect: REDIRECT };
    let timer;
    if (timeout < LONGEST_TIMER_MS) {
      const controller = new AbortController();
      init.signal = controller.signal;
      timer = setTimeout(() => {
        controller.abort();
        resolve(null);
      }, timeout);
    }
    const settle = (value) => {
      clearTimeout(timer);
      resolve(value);
    };
    const fail = (error) => settle(init.signal?.aborted ? null : reasonOf(error));
    const read = (response) => {
      if (!(response instanceof Response)) return fail(new TypeError('fetch resolved to something that is not a Response'));
      return response.text().then((text) => settle([response, text]), fail);
    };
    try {
      Promise.resolve(fetch(url, init)).then(read).catch(fail);
    } catch (error) {
      fail(error); // a fetch that throws instead of rejecting
    }
  });
}

