// hawkHeader, bewit and signUrl with the options read here, in JS, and the
// credentials kept in wasm as a signer whose HMAC key is prepared once: the
// wasm is crossed once per call, with strings and numbers. Anything this fast
// path does not handle (certificates, payloads, URLs to normalize, wrong types,
// values Hawk cannot carry) goes to the full wasm function, which does every
// check and throws the error that names the argument.
import {
  HawkSigner,
  bewit as checkedBewit,
  hawkHeader as checkedHawkHeader,
  signUrl as checkedSignUrl,
} from './taskcluster_wasm.js';

// A page or server signs with few credentials; the least recently added
// signer is released (its wasm memory freed) when a new one needs the room.
const MAX_SIGNERS = 8;
const MAX_EXTS = 16;
const signers = new Map();
const scopeExts = new Map();
// Lone surrogates would be replaced on the way into wasm: such keys take the checked path.
const SURROGATE = /[\uD800-\uDFFF]/;

function signerFor(credentials) {
  if (typeof credentials !== 'object' || credentials === null || credentials.certificate != null) return undefined;
  const { clientId, accessToken } = credentials;
  if (typeof clientId !== 'string' || typeof accessToken !== 'string' || !clientId || !accessToken) return undefined;
  // Length-prefixed, so no two (clientId, accessToken) pairs share a key.
  const key = `${clientId.length}:${clientId}${accessToken}`;
  let signer = signers.get(key);
  if (signer === undefined) {
    if (SURROGATE.test(accessToken)) return undefined;
    if (signers.size >= MAX_SIGNERS) {
      const [oldest, evicted] = signers.entries().next().value;
      signers.delete(oldest);
      evicted.free();
    }
    signer = new HawkSigner(clientId, accessToken);
    signers.set(key, signer);
  }
  return signer;
}

/** The ext for `options.ext` or `options.authorizedScopes` (not both); null when the checked path must decide. */
function extFor(ext, authorizedScopes) {
  if (authorizedScopes == null) return ext == null ? undefined : typeof ext === 'string' && !SURROGATE.test(ext) ? ext : null;
  if (ext != null || !Array.isArray(authorizedScopes) || !authorizedScopes.every((s) => typeof s === 'string')) return null;
  const key = JSON.stringify(authorizedScopes);
  let value = scopeExts.get(key);
  if (value === undefined) {
    if (authorizedScopes.some((scope) => SURROGATE.test(scope))) return null;
    if (scopeExts.size >= MAX_EXTS) scopeExts.delete(scopeExts.keys().next().value);
    value = HawkSigner.scopesExt(authorizedScopes);
    scopeExts.set(key, value);
  }
  return value;
}

const isOptionalNumber = (value) => value === undefined || (typeof value === 'number' && Number.isFinite(value));

/** Seconds since the epoch as the checked path computes them. */
function nowSeconds({ timestamp, localtimeOffsetMsec }) {
  if (!isOptionalNumber(timestamp) || !isOptionalNumber(localtimeOffsetMsec)) return undefined;
  return timestamp ?? (Date.now() + (localtimeOffsetMsec ?? 0)) / 1000;
}

function fastHeader(options) {
  if (typeof options !== 'object' || options === null) return undefined;
  const { method, url, nonce, payload } = options;
  if (typeof method !== 'string' || typeof url !== 'string' || payload != null || (nonce != null && typeof nonce !== 'string')) return undefined;
  const ts = nowSeconds(options);
  const ext = extFor(options.ext, options.authorizedScopes);
  const signer = ts === undefined || ext === null ? undefined : signerFor(options.credentials);
  return signer?.header(method, url, ts, nonce ?? undefined, ext);
}

function fastBewit(options, wholeUrl) {
  if (typeof options !== 'object' || options === null) return undefined;
  const { url, expiration } = options;
  if (typeof url !== 'string' || !isOptionalNumber(expiration)) return undefined;
  const now = nowSeconds(options);
  const ext = extFor(options.ext, options.authorizedScopes);
  const signer = now === undefined || ext === null ? undefined : signerFor(options.credentials);
  return signer?.bewit(url, now, expiration, ext, wholeUrl);
}

// A getter that throws, or any other surprise, is the checked path's to report.
function attempt(fast, options, ...rest) {
  try {
    return fast(options, ...rest);
  } catch {
    return undefined;
  }
}

/** Builds a Hawk `Authorization` header for one request. */
export function hawkHeader(options) {
  return attempt(fastHeader, options) ?? checkedHawkHeader(options);
}

/** The bewit for a URL: a signature a GET request carries in its query. */
export function bewit(options) {
  return attempt(fastBewit, options, false) ?? checkedBewit(options);
}

/** The URL with `bewit=...` appended: a link that works without headers until it expires. */
export function signUrl(options) {
  return attempt(fastBewit, options, true) ?? checkedSignUrl(options);
}
