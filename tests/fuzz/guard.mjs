// Safety for tests that let junk choose URLs: replaces `globalThis.fetch` with a
// guard that refuses (and records) any request whose host is not 127.0.0.1.
// Install it BEFORE importing the package, so nothing can hold the real fetch.
const realFetch = globalThis.fetch;
export const refused = [];

function hostOf(input) {
  try {
    const href = typeof input === 'string' ? input : input instanceof URL ? input.href : input?.url;
    return new URL(href).hostname;
  } catch {
    return undefined;
  }
}

export function installFetchGuard() {
  globalThis.fetch = function guardedFetch(input, init) {
    if (hostOf(input) !== '127.0.0.1') {
      refused.push(String(typeof input === 'string' ? input : input?.url ?? input).slice(0, 200));
      return Promise.reject(new TypeError('fetch guard: only 127.0.0.1 may be contacted from this test'));
    }
    return realFetch(input, init);
  };
}
