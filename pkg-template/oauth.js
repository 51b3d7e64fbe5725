// Sign in with Taskcluster (the deployment's third-party login) and credentials
// that renew themselves. The pure steps (URLs, parsing, state, expiry, when to
// renew) are in oauth-steps.js; this file does what only a browser can:
// navigation, popups, storage and fetch.
import { oauthNewState, oauthPkcePair } from './taskcluster_wasm.js';
import { createTemporaryCredentials } from './temporary-credentials.js';
import {
  oauthAuthorizeUrl,
  oauthCredentialsAnswer,
  oauthEndpoint,
  oauthParseRedirect,
  oauthTokenAnswer,
  oauthTokenRequestBody,
} from './oauth-steps.js';

// Public too (oauthNewState and oauthPkcePair are exported with the other wasm functions).
export * from './oauth-steps.js';

const PENDING_KEY = 'taskcluster-wasm/oauth/pending';
const TOKEN_KEY = 'taskcluster-wasm/oauth/token';
const POPUP_NAME = 'taskcluster-wasm-oauth';
const MESSAGE_TYPE = 'taskcluster-wasm/oauth-redirect';
const CHANNEL_NAME = 'taskcluster-wasm/oauth';
const STORAGES = ['memory', 'session', 'local'];
const SIGN_IN_OPTIONS = ['rootUrl', 'clientId', 'redirectUri', 'responseType', 'scopes', 'expires', 'storage'];

/** Every sign-in and renewal failure; `code` says which (see the README). Never carries a token. */
export class OAuthError extends Error {
  constructor(code, message, { statusCode } = {}) {
    super(message);
    this.name = 'OAuthError';
    this.code = code;
    if (statusCode !== undefined) this.statusCode = statusCode;
  }
}

/** A plain copy of `options` (getters and Proxy traps run once, here), or a TypeError naming `label`. */
function refuseUnknown(options, known, label) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`${label}: options must be an object`);
  }
  let copy;
  try {
    copy = { ...options };
  } catch {
    throw new TypeError(`${label}: reading the options threw an exception`);
  }
  for (const key of Object.keys(copy)) {
    if (!known.includes(key)) throw new TypeError(`${label}: options.${key} is not an option (known: ${known.join(', ')})`);
  }
  return copy;
}

function storageArea(kind, label) {
  if (!STORAGES.includes(kind)) throw new RangeError(`${label}: options.storage must be one of ${STORAGES.join(', ')}, got ${JSON.stringify(kind)}`);
  if (kind === 'memory') return null;
  const area = kind === 'session' ? globalThis.sessionStorage : globalThis.localStorage;
  if (!area) throw new TypeError(`${label}: options.storage "${kind}" needs ${kind}Storage, which this runtime lacks`);
  return area;
}

function sessionArea(label) {
  if (!globalThis.sessionStorage) throw new TypeError(`${label}: needs sessionStorage (a browser page)`);
  return globalThis.sessionStorage;
}

/** Checks the options, keeps the pending sign-in in sessionStorage, returns the authorize URL. */
function prepareSignIn(options, label, popup) {
  const { rootUrl, clientId, redirectUri, responseType = 'token', scopes, expires, storage = 'memory' } = refuseUnknown(options, SIGN_IN_OPTIONS, label);
  storageArea(storage, label);
  const state = oauthNewState();
  // PKCE for the code flow: harmless where the server ignores it, a stolen code is useless where not.
  const pkce = responseType === 'code' ? oauthPkcePair() : null;
  let url;
  try {
    url = oauthAuthorizeUrl({ rootUrl, clientId, redirectUri, responseType, scopes, expires, state, codeChallenge: pkce?.challenge });
  } catch (error) {
    error.message = error.message.replace(/^oauthAuthorizeUrl/, label);
    throw error;
  }
  const pending = { state, rootUrl, clientId, redirectUri, responseType, storage, popup, codeVerifier: pkce?.verifier };
  sessionArea(label).setItem(PENDING_KEY, JSON.stringify(pending));
  return url;
}

/**
 * Sends this page to the deployment's sign-in. The page at `redirectUri` then
 * calls `finishSignIn()`.
 */
export function startSignIn(options) {
  const url = prepareSignIn(options, 'startSignIn', false);
  globalThis.location.assign(url);
  return url;
}

/**
 * Signs in in a popup and resolves with the agent; this page keeps running.
 * The page at `redirectUri` calls `finishSignIn()`, which hands the answer back here.
 * Call it from a click handler (browsers block other popups).
 */
export function signInWithPopup(options) {
  const url = prepareSignIn(options, 'signInWithPopup', true);
  const popup = globalThis.open(url, POPUP_NAME, 'popup,width=600,height=700');
  if (!popup) return Promise.reject(new OAuthError('popup_blocked', 'signInWithPopup: the browser blocked the popup; call it from a click handler'));
  return new Promise((resolve, reject) => {
    // The answer comes by postMessage from the popup, or by BroadcastChannel when
    // the deployment's pages cut the popup off from its opener.
    const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(CHANNEL_NAME) : null;
    let finished = false;
    const finish = (outcome) => {
      if (finished) return;
      finished = true;
      globalThis.removeEventListener('message', onMessage);
      channel?.close();
      clearInterval(watch);
      outcome();
    };
    const accept = (data) => {
      if (data?.type !== MESSAGE_TYPE || typeof data.url !== 'string') return;
      finish(() => completeSignIn(data.url, 'signInWithPopup').then(resolve, reject));
    };
    const onMessage = (event) => {
      if (event.source === popup && event.origin === globalThis.location.origin) accept(event.data);
    };
    if (channel) channel.onmessage = (event) => accept(event.data);
    // The user may close the popup instead of answering (a handed-over answer may still be on its way).
    const watch = setInterval(() => {
      if (!popup.closed) return;
      clearInterval(watch);
      setTimeout(() => finish(() => {
        sessionArea('signInWithPopup').removeItem(PENDING_KEY);
        reject(new OAuthError('popup_closed', 'signInWithPopup: the sign-in window was closed before it finished'));
      }), 1000);
    }, 300);
    globalThis.addEventListener('message', onMessage);
  });
}

/** Whether this page is the redirect page inside a sign-in popup. */
function inSignInPopup() {
  if (globalThis.name === POPUP_NAME) return true;
  // Cross-site navigation may clear window.name; the popup's copy of the pending sign-in says it too.
  try {
    return JSON.parse(globalThis.sessionStorage?.getItem(PENDING_KEY) ?? 'null')?.popup === true && Boolean(globalThis.opener);
  } catch {
    return false;
  }
}

/**
 * On the redirect page: checks the answer, exchanges a code for a token (code
 * flow), fetches the first credentials and resolves with the agent. The token
 * or code is removed from the address bar. In a sign-in popup it hands the
 * answer to the page that opened it, closes the popup and resolves with null.
 */
export async function finishSignIn(options = {}) {
  const { url = globalThis.location?.href } = refuseUnknown(options, ['url'], 'finishSignIn');
  if (inSignInPopup()) {
    scrubAddressBar(url);
    const message = { type: MESSAGE_TYPE, url };
    const opener = globalThis.opener;
    if (opener && opener !== globalThis) opener.postMessage(message, globalThis.location.origin);
    if (typeof BroadcastChannel === 'function') {
      const channel = new BroadcastChannel(CHANNEL_NAME);
      channel.postMessage(message);
      channel.close();
    }
    globalThis.sessionStorage?.removeItem(PENDING_KEY);
    globalThis.close();
    return null;
  }
  return completeSignIn(url, 'finishSignIn');
}

async function completeSignIn(url, label) {
  if (typeof url !== 'string') throw new TypeError(`${label}: url must be a string`);
  const area = sessionArea(label);
  let pending = null;
  try {
    pending = JSON.parse(area.getItem(PENDING_KEY) ?? 'null');
  } catch {
    // unreadable: as if there were none
  }
  // One answer per sign-in: a reload of the redirect page cannot replay it.
  area.removeItem(PENDING_KEY);
  scrubAddressBar(url);
  if (!pending?.state) {
    throw new OAuthError('no_pending_sign_in', `${label}: no sign-in was started in this tab (or it was already finished)`);
  }
  let answer;
  try {
    answer = oauthParseRedirect(url, pending.responseType, pending.state);
  } catch (error) {
    throw new OAuthError('bad_answer', `${label}: ${error.message.replace(/^oauthParseRedirect: /, '')}`);
  }
  if (answer.kind === 'stateMismatch') throw new OAuthError('state_mismatch', `${label}: ${answer.message}`);
  if (answer.kind === 'error') {
    const what = answer.error === 'access_denied' ? 'access was denied (consent refused, or the client may not ask for this)' : 'the deployment refused the sign-in';
    const description = answer.description ? ` (${answer.description.slice(0, 200)})` : '';
    throw new OAuthError(answer.error.slice(0, 60), `${label}: ${what}: ${answer.error.slice(0, 60)}${description}`);
  }
  const accessToken = answer.kind === 'token' ? answer.accessToken : await exchangeCode(pending, answer.code, label);
  const agent = new OAuthCredentialAgent({ rootUrl: pending.rootUrl, accessToken, storage: pending.storage });
  try {
    await agent.getCredentials();
  } catch (error) {
    agent.signOut(); // nothing kept from a sign-in that did not work
    throw error;
  }
  return agent;
}

async function exchangeCode(pending, code, label) {
  const endpoint = oauthEndpoint(pending.rootUrl, 'token');
  const response = await send(endpoint, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
    body: oauthTokenRequestBody(code, pending.redirectUri, pending.clientId, pending.codeVerifier),
  }, label);
  const body = await readJson(response);
  if (!response.ok) {
    const error = typeof body?.error === 'string' ? body.error : `HTTP${response.status}`;
    const description = typeof body?.error_description === 'string' ? ` (${body.error_description.slice(0, 200)})` : '';
    throw new OAuthError(error, `${label}: the token endpoint refused the code: ${error}${description}`, { statusCode: response.status });
  }
  try {
    return oauthTokenAnswer(body);
  } catch (error) {
    throw new OAuthError('bad_answer', `${label}: ${error.message.replace(/^oauthTokenAnswer: /, '')}`);
  }
}

async function send(url, init, label) {
  try {
    // Plain options only: some runtimes (workerd) refuse `cache` and `credentials`;
    // the endpoints answer no-store, and cross-origin fetches send no cookies anyway.
    return await fetch(url, init);
  } catch (error) {
    throw new OAuthError('network', `${label}: network error talking to ${url}: ${error?.message ?? error}`);
  }
}

async function readJson(response) {
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

/** Leaves the address bar (and history) without the token, code and state. */
function scrubAddressBar(url) {
  const location = globalThis.location;
  if (!location || url !== location.href || !globalThis.history?.replaceState) return;
  globalThis.history.replaceState(globalThis.history.state, '', location.pathname);
}

const AGENT_OPTIONS = ['rootUrl', 'accessToken', 'storage'];

/**
 * Holds the OAuth2 access token and hands out Taskcluster credentials, fetched
 * from `<rootUrl>/login/oauth/credentials` on first use and again before they
 * expire. Share one agent between all clients: `new Queue({rootUrl, credentials: agent})`.
 */
export class OAuthCredentialAgent extends EventTarget {
  #accessToken;
  #storage;
  #answer = null;
  #fetching = null;

  constructor(options) {
    super();
    const { rootUrl, accessToken, storage = 'memory' } = refuseUnknown(options, AGENT_OPTIONS, 'OAuthCredentialAgent');
    this.rootUrl = rootUrl;
    try {
      this.credentialsUrl = oauthEndpoint(rootUrl, 'credentials');
    } catch (error) {
      throw new error.constructor(`OAuthCredentialAgent: ${error.message}`);
    }
    if (typeof accessToken !== 'string' || accessToken === '') throw new TypeError('OAuthCredentialAgent: options.accessToken must be a non-empty string');
    this.#accessToken = accessToken;
    this.#storage = storageArea(storage, 'OAuthCredentialAgent');
    this.#storage?.setItem(TOKEN_KEY, JSON.stringify({ rootUrl, accessToken }));
  }

  /** The agent of an earlier sign-in kept in session or local storage, or null. */
  static restore({ storage = 'session' } = {}) {
    const area = storageArea(storage, 'OAuthCredentialAgent.restore');
    if (!area) throw new RangeError('OAuthCredentialAgent.restore: options.storage must be "session" or "local"');
    try {
      const kept = JSON.parse(area.getItem(TOKEN_KEY) ?? 'null');
      if (typeof kept?.rootUrl === 'string' && typeof kept?.accessToken === 'string') {
        return new OAuthCredentialAgent({ rootUrl: kept.rootUrl, accessToken: kept.accessToken, storage });
      }
    } catch {
      // unreadable: nothing to restore
    }
    return null;
  }

  /** Whether the agent still holds a token (false after signOut). */
  get signedIn() {
    return this.#accessToken !== null;
  }

  /** The clientId of the current credentials (undefined before the first fetch). */
  get clientId() {
    return this.#answer?.credentials.clientId;
  }

  /** When the current credentials expire (null before the first fetch). */
  get expires() {
    return this.#answer ? new Date(this.#answer.expires) : null;
  }

  /** Current credentials, fetched when there are none or they are about to expire. */
  async getCredentials() {
    if (this.#answer && Date.now() < this.#answer.renewAt) return { ...this.#answer.credentials };
    return { ...(await this.renew()).credentials };
  }

  /** Fetches fresh credentials now (one fetch however many callers ask at once). */
  renew() {
    if (!this.#fetching) {
      this.#fetching = this.#fetch().finally(() => {
        this.#fetching = null;
      });
    }
    return this.#fetching.then((answer) => ({ credentials: { ...answer.credentials }, expires: new Date(answer.expires) }));
  }

  /** Called by service clients when a request made with these credentials got a 401. */
  async credentialsRejected() {
    // A fetch under way already brings fresh credentials.
    if (!this.#fetching) this.#answer = null;
  }

  async #fetch() {
    const label = 'OAuthCredentialAgent.getCredentials';
    if (this.#accessToken === null) throw new OAuthError('signed_out', `${label}: signed out; sign in again`);
    const response = await send(this.credentialsUrl, {
      headers: { Authorization: `Bearer ${this.#accessToken}`, Accept: 'application/json' },
    }, label);
    const body = await readJson(response);
    if (!response.ok) throw credentialsFailure(response.status, body, label, this.rootUrl);
    try {
      this.#answer = oauthCredentialsAnswer(body, Date.now());
    } catch (error) {
      throw new OAuthError('bad_answer', `${label}: ${error.message.replace(/^oauthCredentialsAnswer: /, '')}`);
    }
    this.dispatchEvent(new Event('change'));
    return this.#answer;
  }

  /**
   * Temporary credentials made from the current ones, restricted to `scopes`,
   * to hand to a Web Worker or an iframe. They expire with the credentials they
   * were made from (or at `expiry`, if earlier).
   */
  async createTemporaryCredentials({ scopes, expiry, ...rest } = {}) {
    refuseUnknown(rest, [], 'OAuthCredentialAgent.createTemporaryCredentials');
    const credentials = await this.getCredentials();
    const until = this.#answer.expires;
    const requested = expiry === undefined ? until : new Date(expiry).getTime();
    return createTemporaryCredentials({
      clientId: credentials.clientId,
      accessToken: credentials.accessToken,
      scopes,
      start: Date.now() - 60_000, // tolerate a little clock skew at the server
      expiry: Math.min(requested, until),
    });
  }

  /** Forgets the token and credentials, here and in storage. */
  signOut() {
    this.#accessToken = null;
    this.#answer = null;
    this.#storage?.removeItem(TOKEN_KEY);
    this.dispatchEvent(new Event('change'));
  }

  toJSON() {
    return { rootUrl: this.rootUrl, clientId: this.clientId, expires: this.expires };
  }

  [Symbol.for('nodejs.util.inspect.custom')]() {
    return `OAuthCredentialAgent ${JSON.stringify(this.toJSON())}`;
  }
}

function credentialsFailure(status, body, label, rootUrl) {
  const server = typeof body?.message === 'string' ? ` (${body.message.split('\n')[0].slice(0, 200)})` : '';
  if (status === 401) return new OAuthError('invalid_token', `${label}: the sign-in expired or was revoked; sign in again${server}`, { statusCode: status });
  if (status === 404) return new OAuthError('not_supported', `${label}: ${rootUrl} does not offer third-party login (404 from /login/oauth/credentials)`, { statusCode: status });
  if (status >= 400 && status < 500) return new OAuthError('credentials_refused', `${label}: the deployment refused to issue credentials${server}`, { statusCode: status });
  return new OAuthError('server_error', `${label}: HTTP ${status} from /login/oauth/credentials${server}`, { statusCode: status });
}
