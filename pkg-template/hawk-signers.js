// hawkHeader, bewit and signUrl with the options read here, in JS, and the
// credentials kept in wasm as a signer whose HMAC key is prepared once: the
// wasm is crossed once per call, through the pad (pad.js). Anything
// this fast path does not handle (certificates, payloads, URLs to normalize,
// wrong types, values Hawk cannot carry) takes the checked path: every option
// checked here, the rules (URL, ext, payload hash, MAC) in wasm, with errors
// that name the argument.
import {
  checkedCredentials,
  checkedObject,
  checkedString,
  field,
  listText,
  optionalFiniteNumber,
  optionalString,
  optionalStringArray,
} from './arguments.js';
import { HawkSigner, bewitChecked, hawkClockOffsetOf, hawkExt, hawkHeaderChecked } from './taskcluster_wasm.js';
import { readPad, writePad } from './pad.js';
import { withBewit } from './signed-urls.js';
import { refuseUnknownOptions, wellFormed } from './read-options.js';

// A page or server signs with few credentials; the least recently added
// signer is released (its wasm memory freed) when a new one needs the room.
const MAX_SIGNERS = 8;
const MAX_EXTS = 16;
const signers = new Map();
const scopeExts = new Map();
// Lone surrogates would be replaced on the way into wasm: such credentials take the checked path.
const SURROGATE = /[\uD800-\uDFFF]/;

const HEADER_OPTIONS = new Set(['method', 'url', 'credentials', 'authorizedScopes', 'ext', 'timestamp', 'localtimeOffsetMsec', 'nonce', 'payload', 'contentType']);
const BEWIT_OPTIONS = new Set(['url', 'credentials', 'authorizedScopes', 'ext', 'timestamp', 'localtimeOffsetMsec', 'expiration']);

// The signer used last: a client signs with the same credentials object again and again.
let last = { credentials: undefined, clientId: undefined, accessToken: undefined, signer: undefined };

function signerFor(credentials) {
  if (typeof credentials !== 'object' || credentials === null) return undefined;
  const { clientId, accessToken } = credentials;
  return signerOf(credentials, clientId, accessToken);
}

/**
 * The signer of permanent credentials, an object whose clientId and accessToken
 * the caller has read; undefined when the checked path must decide.
 */
export function signerOf(credentials, clientId, accessToken) {
  if (credentials === last.credentials && clientId === last.clientId && accessToken === last.accessToken) return last.signer;
  if (credentials.certificate != null) return undefined;
  if (typeof clientId !== 'string' || typeof accessToken !== 'string' || !clientId || !accessToken) return undefined;
  // Length-prefixed, so no two (clientId, accessToken) pairs share a key.
  const key = `${clientId.length}:${clientId}${accessToken}`;
  let signer = signers.get(key);
  if (signer === undefined) {
    if (SURROGATE.test(accessToken) || SURROGATE.test(clientId)) return undefined;
    if (signers.size >= MAX_SIGNERS) {
      const [oldest, evicted] = signers.entries().next().value;
      signers.delete(oldest);
      if (last.signer === evicted) last = { credentials: undefined, clientId: undefined, accessToken: undefined, signer: undefined };
      evicted.free();
    }
    signer = new HawkSigner(clientId, accessToken);
    signers.set(key, signer);
  }
  last = { credentials, clientId, accessToken, signer };
  return signer;
}

// The scope list used last and its ext: a client sends the same list again and again.
let lastScopes = { list: undefined, copy: [], ext: '' };

const sameItems = (a, b) => a.length === b.length && a.every((item, i) => item === b[i]);

/** The ext for `options.ext` or `options.authorizedScopes` (not both); '' for none, null when the checked path must decide. */
function extFor(ext, authorizedScopes) {
  if (authorizedScopes == null) return ext == null ? '' : typeof ext === 'string' ? ext : null;
  if (ext != null || !Array.isArray(authorizedScopes)) return null;
  // The same array with the same items (it may have been changed since): the same ext.
  if (authorizedScopes === lastScopes.list && sameItems(authorizedScopes, lastScopes.copy)) return lastScopes.ext;
  if (!authorizedScopes.every((s) => typeof s === 'string' && wellFormed(s))) return null;
  const key = JSON.stringify(authorizedScopes);
  let value = scopeExts.get(key);
  if (value === undefined) {
    value = hawkExt(undefined, listText(authorizedScopes));
    if (scopeExts.size >= MAX_EXTS) scopeExts.delete(scopeExts.keys().next().value);
    scopeExts.set(key, value);
  }
  lastScopes = { list: authorizedScopes, copy: [...authorizedScopes], ext: value };
  return value;
}

const isOptionalNumber = (value) => value === undefined || (typeof value === 'number' && Number.isFinite(value));

/** Whole seconds since the epoch as the checked path computes them; undefined when it must decide. */
function nowSeconds({ timestamp, localtimeOffsetMsec }) {
  if (!isOptionalNumber(timestamp) || !isOptionalNumber(localtimeOffsetMsec)) return undefined;
  const seconds = Math.floor(timestamp ?? (Date.now() + (localtimeOffsetMsec ?? 0)) / 1000);
  return Number.isSafeInteger(seconds) ? seconds : undefined;
}

// ------------------------------------------------------------------ fast paths

function fastHeader(options) {
  if (typeof options !== 'object' || options === null) return undefined;
  const { method, url, nonce, payload } = options;
  if (typeof method !== 'string' || typeof url !== 'string' || payload != null) return undefined;
  if (nonce != null && (typeof nonce !== 'string' || nonce === '')) return undefined;
  const ts = nowSeconds(options);
  const ext = extFor(options.ext, options.authorizedScopes);
  const signer = ts === undefined || ext === null ? undefined : signerFor(options.credentials);
  if (signer === undefined) return undefined;
  // Plain ASCII (or the checked path): the lengths in bytes are the lengths in characters.
  const length = writePad(`${method}${url}${ext}${nonce ?? ''}`, 256 + last.clientId.length);
  return length < 0 ? undefined : readPad(length, signer.header(length, method.length, url.length, ext.length, ts));
}

function fastBewit(options, wholeUrl) {
  if (typeof options !== 'object' || options === null) return undefined;
  const { url, expiration } = options;
  if (typeof url !== 'string' || !isOptionalNumber(expiration)) return undefined;
  const now = nowSeconds(options);
  const ext = extFor(options.ext, options.authorizedScopes);
  const signer = now === undefined || ext === null ? undefined : signerFor(options.credentials);
  if (signer === undefined) return undefined;
  // Room for the bewit: base64 of the clientId, ext and at most 67 more bytes.
  const length = writePad(ext === '' ? url : url + ext, 256 + 2 * (last.clientId.length + ext.length));
  const value = length < 0 ? undefined : readPad(length, signer.bewit(length, url.length, now, expiration ?? NaN));
  return wholeUrl && value !== undefined ? withBewit(url, value) : value;
}

// ------------------------------------------------------------------ checked paths

/** What the signing functions share, read and checked: the URL, credentials, ext and clock. */
function signing(options, label) {
  checkedObject(options, label, 'options');
  const get = (name) => field(options, name, label, 'options');
  const url = checkedString(get('url'), label, 'options.url');
  const credentials = checkedCredentials(get('credentials'), label, 'options.credentials');
  const scopes = optionalStringArray(get('authorizedScopes'), label, 'options.authorizedScopes');
  const rawExt = optionalString(get('ext'), label, 'options.ext');
  const made = credentials.certificate === undefined && scopes === undefined ? undefined : hawkExt(credentials.certificate, scopes && listText(scopes));
  if (rawExt !== undefined && made !== undefined) {
    throw new TypeError(`${label}: options.ext cannot be combined with a certificate or authorizedScopes, which make their own ext`);
  }
  const offset = optionalFiniteNumber(get('localtimeOffsetMsec'), label, 'options.localtimeOffsetMsec') ?? 0;
  const timestamp = optionalFiniteNumber(get('timestamp'), label, 'options.timestamp');
  return { url, credentials, ext: rawExt ?? made, now: timestamp ?? (Date.now() + offset) / 1000, get };
}

function checkedHeader(options) {
  const label = 'hawkHeader';
  const { url, credentials, ext, now, get } = signing(options, label);
  const method = checkedString(get('method'), label, 'options.method');
  const nonce = optionalString(get('nonce'), label, 'options.nonce');
  const payload = optionalString(get('payload'), label, 'options.payload');
  const contentType = payload === undefined ? undefined : optionalString(get('contentType'), label, 'options.contentType');
  return hawkHeaderChecked(url, credentials.clientId, credentials.accessToken, ext, now, method, nonce, payload, contentType);
}

function checkedBewit(options, wholeUrl) {
  const label = wholeUrl ? 'signUrl' : 'bewit';
  const { url, credentials, ext, now, get } = signing(options, label);
  const expiration = optionalFiniteNumber(get('expiration'), label, 'options.expiration');
  return bewitChecked(url, credentials.clientId, credentials.accessToken, ext, now, expiration, wholeUrl);
}

/**
 * Milliseconds to add to the local clock, from an authentic Hawk "Stale
 * timestamp" challenge (`WWW-Authenticate` header); `null` for anything else.
 */
export function hawkClockOffset(wwwAuthenticate, credentials, nowMs) {
  const label = 'hawkClockOffset';
  const header = checkedString(wwwAuthenticate, label, 'wwwAuthenticate');
  const { clientId, accessToken } = checkedCredentials(credentials, label, 'credentials');
  const now = optionalFiniteNumber(nowMs, label, 'nowMs') ?? Date.now();
  return hawkClockOffsetOf(header, clientId, accessToken, now) ?? null;
}

// A getter that throws, or any other surprise, is the checked path's to report.
function attempt(fast, options, wholeUrl) {
  try {
    return fast(options, wholeUrl);
  } catch {
    return undefined;
  }
}

/** Builds a Hawk `Authorization` header for one request. */
export function hawkHeader(options) {
  refuseUnknownOptions(options, HEADER_OPTIONS, 'hawkHeader');
  return attempt(fastHeader, options) ?? checkedHeader(options);
}

/** The bewit for a URL: a signature a GET request carries in its query. */
export function bewit(options) {
  refuseUnknownOptions(options, BEWIT_OPTIONS, 'bewit');
  return attempt(fastBewit, options, false) ?? checkedBewit(options, false);
}

/** The URL with `bewit=...` appended: a link that works without headers until it expires. */
export function signUrl(options) {
  refuseUnknownOptions(options, BEWIT_OPTIONS, 'signUrl');
  return attempt(fastBewit, options, true) ?? checkedBewit(options, true);
}
