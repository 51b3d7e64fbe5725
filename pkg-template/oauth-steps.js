// The pure steps of Sign in with Taskcluster (OAuth2 as the deployment's login
// speaks it): the authorize URL, reading the redirect, the token request and the
// two answers. They are string work that WHATWG URL and URLSearchParams already
// do, so they run here; in wasm they cost more boundary bytes than work. The
// facts they rely on stay in wasm, single-sourced: scope rules (`validScope`),
// `fromNow` offsets, strict ISO 8601 dates, rootUrl normalization; the random
// state and PKCE pair are made there too (oauthNewState, oauthPkcePair).
import { validScope } from './scopes.js';
import { fromNow } from './time.js';
import { builders as urls } from './url-builders.js';
import { excerpt, object, text, typeOf } from './arguments.js';
import { readingOptions } from './read-options.js';

const RESPONSE_TYPES = ['token', 'code'];
const ENDPOINTS = ['authorize', 'token', 'credentials'];
const AUTHORIZE_OPTIONS = ['rootUrl', 'clientId', 'redirectUri', 'responseType', 'scopes', 'expires', 'state', 'codeChallenge'];
// Credentials are renewed a fifth of their life before they expire, at most this early.
const MAX_RENEW_EARLY_MS = 5 * 60_000;

const optionalText = (value, label, what) => (value === undefined || value === null ? undefined : text(value, label, what));

function nonEmpty(value, label, what) {
  if (text(value, label, what) === '') throw new Error(`${label}: ${what} must not be empty`);
  return value;
}

/** An absolute http: or https: URL (with a host). */
function httpUrl(value, label, what) {
  text(value, label, what);
  let url = null;
  try {
    url = new URL(value);
  } catch {
    // reported below
  }
  if (!url || !['http:', 'https:'].includes(url.protocol) || !url.host) {
    throw new Error(`${label}: ${what} must be an absolute http: or https: URL, got ${excerpt(value)}`);
  }
  return value;
}

function responseType(value, label, what) {
  if (!RESPONSE_TYPES.includes(text(value, label, what))) throw new RangeError(`${label}: ${what} must be "token" or "code", got ${excerpt(value)}`);
  return value;
}

/** `name=value&...` with every part percent-encoded (a space as `%20`, which every form decoder reads). */
function formEncode(pairs) {
  // URLSearchParams writes a space as `+` and a `+` as `%2B`, so every `+` left is a space.
  return new URLSearchParams(pairs.filter(([, value]) => value !== undefined)).toString().replaceAll('+', '%20');
}

/** `<rootUrl>/login/oauth/<name>`. */
export function oauthEndpoint(rootUrl, name) {
  const label = 'oauthEndpoint';
  httpUrl(rootUrl, label, 'rootUrl');
  if (!ENDPOINTS.includes(text(name, label, 'name'))) throw new RangeError(`${label}: name must be authorize, token or credentials, got ${excerpt(name)}`);
  return `${urls.normalizeRootUrl(rootUrl)}/login/oauth/${name}`;
}

/** The URL of the deployment's authorize endpoint for one sign-in; checks every part first. */
export function oauthAuthorizeUrl(options) {
  const label = 'oauthAuthorizeUrl';
  const o = readingOptions(label, () => {
    const copy = { ...object(options, label, 'options') };
    const unknown = Object.keys(copy).find((key) => !AUTHORIZE_OPTIONS.includes(key));
    if (unknown !== undefined) throw new TypeError(`${label}: options.${unknown} is not an option (known: ${AUTHORIZE_OPTIONS.join(', ')})`);
    if (!Array.isArray(copy.scopes)) throw new TypeError(`${label}: options.scopes must be an array, got ${typeOf(copy.scopes)}`);
    copy.scopes = [...copy.scopes];
    return copy;
  }, 'options');
  httpUrl(o.rootUrl, label, 'options.rootUrl');
  nonEmpty(o.clientId, label, 'options.clientId');
  httpUrl(o.redirectUri, label, 'options.redirectUri');
  // RFC 6749 3.1.2: the redirection endpoint has no fragment.
  if (o.redirectUri.includes('#')) throw new Error(`${label}: options.redirectUri must not have a fragment: ${excerpt(o.redirectUri)}`);
  responseType(o.responseType, label, 'options.responseType');
  if (o.scopes.length === 0) throw new Error(`${label}: options.scopes must name at least one scope`);
  o.scopes.forEach((scope, i) => {
    // OAuth2 scope tokens are separated by spaces; a Taskcluster scope never contains one.
    if (!validScope(text(scope, label, `options.scopes[${i}]`)) || scope.includes(' ')) {
      throw new Error(`${label}: options.scopes[${i}] is not a valid scope: ${excerpt(scope)}`);
    }
  });
  if (optionalText(o.expires, label, 'options.expires') !== undefined) {
    try {
      fromNow(o.expires); // the deployment reads it with the same parser
    } catch (error) {
      throw new Error(`${label}: options.expires: ${error.message.replace(/^fromNow: /, '')}`);
    }
  }
  nonEmpty(o.state, label, 'options.state');
  const challenge = optionalText(o.codeChallenge, label, 'options.codeChallenge');
  const query = formEncode([
    ['response_type', o.responseType],
    ['client_id', o.clientId],
    ['redirect_uri', o.redirectUri],
    ['scope', o.scopes.join(' ')],
    ['expires', o.expires ?? undefined],
    ['state', o.state],
    ['code_challenge', challenge],
    ['code_challenge_method', challenge === undefined ? undefined : 'S256'],
  ]);
  return `${oauthEndpoint(o.rootUrl, 'authorize')}?${query}`;
}

/**
 * The name/value pairs of a query string or fragment: `+` is a space, and a
 * malformed escape (or one that is not UTF-8) is an error, where URLSearchParams
 * would pass it on unchanged. Values are not quoted in errors: they may be tokens.
 */
function formDecode(part, label, where) {
  return part.split('&').filter(Boolean).map((pair) => {
    const at = pair.indexOf('=');
    const [name, value] = at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
    try {
      return [decodeURIComponent(name.replaceAll('+', ' ')), decodeURIComponent(value.replaceAll('+', ' '))];
    } catch {
      throw new Error(`${label}: the redirect URL has a malformed percent-escape (or bytes that are not UTF-8) in its ${where}`);
    }
  });
}

function checkTokenType(tokenType, label) {
  // Taskcluster's OAuth2 access tokens are bearer tokens (any case).
  if (tokenType.toLowerCase() !== 'bearer') throw new Error(`${label}: the token type must be Bearer, got ${excerpt(tokenType)}`);
}

/** Compares without stopping at the first difference, so timing says nothing about a guessed state. */
function sameText(a, b) {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/**
 * Reads the URL the deployment redirected to and checks its `state`. The implicit
 * flow answers in the fragment, the code flow in the query; an error may come in either.
 */
export function oauthParseRedirect(url, type, expectedState) {
  const label = 'oauthParseRedirect';
  text(url, label, 'url');
  responseType(type, label, 'responseType');
  text(expectedState, label, 'expectedState');
  const hash = url.indexOf('#');
  const beforeFragment = hash < 0 ? url : url.slice(0, hash);
  const question = beforeFragment.indexOf('?');
  const parts = {
    fragment: hash < 0 ? '' : url.slice(hash + 1),
    query: question < 0 ? '' : beforeFragment.slice(question + 1),
  };
  const primaryName = type === 'token' ? 'fragment' : 'query';
  const primary = new Map(formDecode(parts[primaryName], label, primaryName).reverse());
  const other = new Map(formDecode(parts[type === 'token' ? 'query' : 'fragment'], label, type === 'token' ? 'query' : 'fragment').reverse());
  const errorPart = [primary, other].find((pairs) => pairs.has('error'));
  let answer;
  if (errorPart) {
    answer = { kind: 'error', error: errorPart.get('error'), description: errorPart.get('error_description') };
  } else {
    const name = type === 'token' ? 'access_token' : 'code';
    const value = primary.get(name);
    if (!value) throw new Error(`${label}: the redirect URL has no ${name} in its ${primaryName} (was this page reached from the sign-in?)`);
    if (type === 'token' && primary.has('token_type')) checkTokenType(primary.get('token_type'), label);
    answer = type === 'token' ? { kind: 'token', accessToken: value } : { kind: 'code', code: value };
  }
  // The state must be the one this browser sent: otherwise the answer belongs to another sign-in (or was forged).
  const state = (errorPart ?? primary).get('state');
  if (state === undefined) return { kind: 'stateMismatch', message: 'the redirect carries no state; it is not the answer to this sign-in' };
  if (expectedState === '' || !sameText(state, expectedState)) {
    return { kind: 'stateMismatch', message: `the state in the redirect (${excerpt(state)}) is not the one this sign-in sent` };
  }
  return answer;
}

/** The body of the code-for-token request (RFC 6749 4.1.3), with PKCE's verifier when given. */
export function oauthTokenRequestBody(code, redirectUri, clientId, codeVerifier) {
  const label = 'oauthTokenRequestBody';
  return formEncode([
    ['grant_type', 'authorization_code'],
    ['code', text(code, label, 'code')],
    ['redirect_uri', text(redirectUri, label, 'redirectUri')],
    ['client_id', text(clientId, label, 'clientId')],
    ['code_verifier', optionalText(codeVerifier, label, 'codeVerifier')],
  ]);
}

/** The access token of a token endpoint answer `{access_token, token_type}`. */
export function oauthTokenAnswer(answer) {
  const label = 'oauthTokenAnswer';
  const { access_token: token, token_type: tokenType } = readingOptions(label, () => ({ ...object(answer, label, 'the token answer') }), 'token answer');
  if (typeof token !== 'string' || token === '') throw new Error(`${label}: the token answer has no access_token`);
  checkTokenType(text(tokenType, label, "the token answer's token_type"), label);
  return token;
}

/**
 * Checks a `/login/oauth/credentials` answer `{credentials, expires}` and says
 * when to renew it: a fifth of the credentials' life early, at most five
 * minutes, so requests in flight never carry credentials that expire under them.
 * Messages never include the accessToken.
 */
export function oauthCredentialsAnswer(answer, nowMs) {
  const label = 'oauthCredentialsAnswer';
  const { credentials, expires } = readingOptions(label, () => {
    const { credentials, expires } = object(answer, label, 'the credentials answer');
    return { credentials: { ...object(credentials, label, "the answer's credentials") }, expires };
  }, 'credentials answer');
  if (typeof nowMs !== 'number') throw new TypeError(`${label}: nowMs must be a number, got ${typeOf(nowMs)}`);
  if (!Number.isFinite(nowMs)) throw new RangeError(`${label}: nowMs must be a finite number`);
  nonEmpty(credentials.clientId, label, "the answer's credentials.clientId");
  if (typeof credentials.accessToken !== 'string' || credentials.accessToken === '') {
    throw new TypeError(`${label}: the answer's credentials.accessToken must be a non-empty string`);
  }
  const { certificate } = credentials;
  if (certificate !== undefined && certificate !== null) checkCertificate(certificate, label);
  let expiresMs;
  try {
    // The strict ISO 8601 reading fromNow gives its reference.
    expiresMs = fromNow(undefined, text(expires, label, "the answer's expires")).getTime();
  } catch (error) {
    if (error.message.startsWith(`${label}:`)) throw error;
    throw new Error(`${label}: the credentials' expires is not a date: ${error.message.replace(/^fromNow: (reference:? )?/, '')}`);
  }
  if (expiresMs <= nowMs) throw new Error(`${label}: the credentials have already expired (${excerpt(expires)})`);
  const early = Math.min(Math.max(expiresMs - nowMs, 0) / 5, MAX_RENEW_EARLY_MS);
  // Handed back as the server sent them, certificate included, once checked.
  const plain = { clientId: credentials.clientId, accessToken: credentials.accessToken };
  if (certificate !== undefined && certificate !== null) plain.certificate = certificate;
  return { credentials: plain, expires: expiresMs, renewAt: expiresMs - early };
}

/** A certificate is a JSON object, as text or as an object (its text is never quoted: it carries a signature). */
function checkCertificate(certificate, label) {
  const what = "the answer's credentials.certificate";
  let parsed = certificate;
  if (typeof certificate === 'string') {
    try {
      parsed = JSON.parse(certificate);
    } catch {
      throw new Error(`${label}: ${what} is not valid JSON`);
    }
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
    throw new TypeError(`${label}: ${what} must be a JSON object or an object, got ${typeOf(parsed)}`);
  }
}
