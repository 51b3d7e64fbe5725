// One request attempt on the platform's fetch, for the wasm transport
// (src/transport/mod.rs), and the waits between attempts. It never rejects: a page may replace fetch with one
// that rejects with anything, and a rejection that is not an Error must not
// reach wasm code that expects one.

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

// Deadlines are shared: attempts whose deadlines fall in the same window of
// DEADLINE_WINDOW_MS share one AbortController and one timer, which fire at
// the window's end (so an attempt ends at most that much after its timeout).
// An AbortController per attempt cost more than a tenth of a call's CPU time
// in Node, where every signal is made transferable. A window closes early
// once its last attempt has settled, and takes at most MAX_SHARING attempts
// (fetch adds an abort listener per request to the signal).
const DEADLINE_WINDOW_MS = 50;
const MAX_SHARING = 1000;
const openWindows = new Map(); // window end (performance.now() ms) -> its Deadline

class Deadline {
  constructor(end) {
    this.end = end;
    this.controller = new AbortController();
    this.waiting = new Set(); // the resolve functions of the attempts still running
    this.timer = setTimeout(() => this.expire(), end - performance.now());
  }

  static for(timeout) {
    const end = Math.ceil((performance.now() + timeout) / DEADLINE_WINDOW_MS) * DEADLINE_WINDOW_MS;
    let deadline = openWindows.get(end);
    if (deadline === undefined || deadline.waiting.size >= MAX_SHARING) {
      deadline = new Deadline(end);
      openWindows.set(end, deadline);
    }
    return deadline;
  }

  expire() {
    this.close();
    this.controller.abort();
    for (const resolve of this.waiting) resolve(null);
    this.waiting.clear();
  }

  /** `resolve` settled its attempt: the window no longer waits for it. */
  release(resolve) {
    this.waiting.delete(resolve);
    if (this.waiting.size === 0) {
      clearTimeout(this.timer);
      this.close();
    }
  }

  close() {
    if (openWindows.get(this.end) === this) openWindows.delete(this.end);
  }
}

/**
 * Sends one attempt and reads its body. Resolves to `[response, text]`, a
 * string (why the network failed), or null when `timeout` ms passed first: then
 * the request is aborted, and the attempt ends even if fetch ignores the abort.
 * Without a `timeout` (one too long for a timer) the attempt waits for fetch.
 */
export function attempt(url, method, headers, authorization, body, timeout) {
  return new Promise((resolve) => {
    // A copy each time: the client's headers object must not change if a replaced fetch edits what it is given.
    const init = { method, headers: authorization === undefined ? { ...headers } : { ...headers, authorization }, body, redirect: REDIRECT };
    let deadline;
    if (timeout !== undefined) {
      deadline = Deadline.for(timeout);
      deadline.waiting.add(resolve);
      init.signal = deadline.controller.signal;
    }
    const settle = (value) => {
      deadline?.release(resolve);
      resolve(value);
    };
    const fail = (error) => settle(init.signal?.aborted ? null : reasonOf(error));
    const read = (response) => {
      if (!(response instanceof Response)) return fail(new TypeError('fetch resolved to something that is not a Response'));
      return response.text().then((text) => settle([response, text]));
    };
    try {
      Promise.resolve(fetch(url, init)).then(read).catch(fail);
    } catch (error) {
      fail(error); // a fetch that throws instead of rejecting
    }
  });
}

/** Resolves to undefined after `ms` milliseconds (no more than a timer takes). */
export function delay(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
