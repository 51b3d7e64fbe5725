// buildSignedUrl and its variants: the URL built as every method's URL is
// (method-calls.js), its bewit made in one crossing into wasm through the pad with
// the client's own signer (HMAC key prepared once) and ext (ServiceClient.padBewit).
// Anything else (a URL to normalize, credentials from an agent, an expiration the
// wasm refuses) is signed as signUrl signs, with the client's authorizedScopes,
// clock correction and default lifetime.
import { field, optionalFiniteNumber } from './arguments.js';
import { signUrl } from './hawk-signers.js';
import { readPad, writePad } from './pad.js';
import { refuseUnknownOptions, typeName } from './read-options.js';
import { endpointFor, entryFor, httpMethod, readCall, urlOf, withLabel } from './method-calls.js';

// The options a trailing options object of buildSignedUrl may hold.
const SIGNED_URL_OPTIONS = new Set(['expiration']);

const stringKeys = (value) => Reflect.ownKeys(value).filter((key) => typeof key === 'string');

const ownKeysAre = (value, keys) => {
  try {
    const own = stringKeys(value);
    return own.length === keys.length && own.every((key, i) => key === keys[i]);
  } catch {
    return false; // a Proxy whose ownKeys throws is not an options object
  }
};

/**
 * Where buildSignedUrl's arguments end, and the expiration in seconds (NaN: the
 * client's default), taken from a trailing `{expiration}` object: one after the
 * route arguments and the query, or in the query's place when it holds nothing
 * else (and the method has no query option of that name). Errors name `label`.
 */
function expirationOptions(entry, args, label) {
  const count = args.length;
  const routeCount = entry.args.length;
  const query = entry.query;
  const slots = routeCount + (query.length > 0 ? 1 : 0);
  const last = args[count - 1];
  const onlyExpiration = () => typeof last === 'object' && last !== null && ownKeysAre(last, ['expiration']) && !query.includes('expiration');
  if (!(count > slots || (count === slots && count > routeCount && onlyExpiration()))) return [count, NaN];
  if (typeof last !== 'object' || last === null || Array.isArray(last)) {
    throw new TypeError(`${label}: buildSignedUrl options must be an object, got ${typeName(last)}`);
  }
  refuseUnknownOptions(last, SIGNED_URL_OPTIONS, label);
  const expiration = optionalFiniteNumber(field(last, 'expiration', label, 'options'), label, 'options.expiration');
  return [count - 1, expiration ?? NaN];
}

/**
 * `url` with `bewit=<value>` as the last query parameter, where Hawk servers look
 * for it, and before the fragment, which is not sent (the JS fast paths' form of
 * src/core/hawk/bewit.rs's `with_bewit`).
 */
export function withBewit(url, value) {
  const hash = url.indexOf('#');
  const base = hash < 0 ? url : url.slice(0, hash);
  const signed = `${base}${base.includes('?') ? '&' : '?'}bewit=${value}`;
  return hash < 0 ? signed : signed + url.slice(hash);
}

/** Static credentials of the client's own, read (`{clientId, accessToken, certificate}`), or undefined. */
function ownCredentials(state) {
  const own = state.agent === undefined ? state.options.credentials : undefined;
  return typeof own?.clientId === 'string' && typeof own.accessToken === 'string' ? own : undefined;
}

/** The room a bewit of the client's own needs in the pad, asked of its engine once. */
function bewitRoom(state, engine) {
  state.bewitRoom ??= engine.bewitRoom();
  return state.bewitRoom;
}

/**
 * The signed URL of GET method `name` for `args` (`[...routeArgs, query?, {expiration}?]`),
 * `external` for the deployment's rootUrl under in-cluster service discovery;
 * signed with `credentials` (a credentials agent's, read) or else the client's own.
 */
export function signedUrl(state, engine, name, args, external, credentials = undefined) {
  const { cls } = state;
  const label = `${cls.reference.name}.${typeof name === 'string' ? name : ''}`;
  const signing = credentials ?? ownCredentials(state);
  if (signing === undefined) {
    throw new TypeError(`${label}: buildSignedUrl needs credentials given as {clientId, accessToken}; with a credentials agent use buildSignedUrlAsync`);
  }
  const entry = entryFor(cls, name);
  if (entry.method.toLowerCase() !== 'get') {
    throw new TypeError(`${label}: buildSignedUrl works only for GET methods; ${entry.name} is ${httpMethod(entry)}`);
  }
  const [count, expiration] = expirationOptions(entry, args, label);
  let url;
  try {
    url = urlOf(endpointFor(state, external), readCall(entry, count === args.length ? args : args.slice(0, count), false));
  } catch (error) {
    throw withLabel(label, error);
  }
  if (credentials === undefined) {
    const length = writePad(url, bewitRoom(state, engine));
    const bewit = length < 0 ? undefined : readPad(length, engine.padBewit(length, Date.now(), expiration));
    if (bewit !== undefined) return withBewit(url, bewit);
  }
  return checkedSignedUrl(state, engine, label, url, expiration, signing);
}

/** `url` signed by signUrl with `credentials` and the client's options; its errors labelled `label`. */
function checkedSignedUrl(state, engine, label, url, expiration, credentials) {
  const options = {
    url,
    credentials,
    // NaN (none given) or 0: the client's default lifetime, as the fast path has it.
    expiration: Number.isNaN(expiration) || expiration === 0 ? state.signedUrlExpiration : expiration,
    localtimeOffsetMsec: engine.clockOffset,
  };
  if (state.options.authorizedScopes != null) options.authorizedScopes = state.options.authorizedScopes;
  try {
    return signUrl(options);
  } catch (error) {
    throw error instanceof Error && error.message.startsWith('signUrl: ') ? withLabel(label, new error.constructor(error.message.slice(9))) : error;
  }
}
