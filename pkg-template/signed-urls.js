// buildSignedUrl and its variants. The fast path builds the URL here as the wasm
// builds it (src/core/call.rs: the endpoint's URL of route `/`, the route filled
// with route arguments escaped as encodeURIComponent escapes, then the query)
// and makes its bewit in one crossing into wasm through the pad, with the
// client's own signer (HMAC key prepared once) and ext (ServiceClient.padBewit).
// Anything else (an argument the checked path refuses or converts differently,
// an unusual route, a URL to normalize, credentials from an agent) takes the
// checked path: the options and the GET method are checked here, the arguments
// and the URL in wasm (ServiceClient.buildSignedUrl), whose errors name the argument.
import { readPad, writePad } from './pad.js';
import { typeName } from './read-options.js';

// A class's plans by method name, made at its first signed URL (null: no fast path for that method).
const plansByClass = new WeakMap();

/**
 * How to build the URL of GET method `entry` without wasm: the route's literal
 * parts and, between them, the index of the argument that fills each `<name>`.
 */
function compile(entry) {
  const { method, route, args, query } = entry;
  if (typeof method !== 'string' || method.toLowerCase() !== 'get' || typeof route !== 'string') return null;
  // Appended after the prefix, which ends with `/`; a query or fragment in a route is left to the checked path.
  if (route[0] !== '/' || route[1] === '/' || route.includes('?') || route.includes('#')) return null;
  if (!Array.isArray(args) || !(query === undefined || query === null || Array.isArray(query))) return null;
  const literals = [];
  const slots = [];
  let rest = route.slice(1);
  for (let open = rest.indexOf('<'); open >= 0; open = rest.indexOf('<')) {
    const close = rest.indexOf('>', open);
    if (close < 0) break;
    const slot = args.indexOf(rest.slice(open + 1, close));
    if (slot < 0) return null; // the checked path names the route's unknown argument
    literals.push(rest.slice(0, open));
    slots.push(slot);
    rest = rest.slice(close + 1);
  }
  literals.push(rest);
  const queryNames = query ?? [];
  return { entry, literals, slots, argCount: args.length, query: new Set(queryNames) };
}

function planOf(cls, name) {
  let plans = plansByClass.get(cls);
  if (plans === undefined) {
    plans = new Map();
    for (const entry of cls.reference.functions) {
      // A name given twice is the checked path's to resolve.
      plans.set(entry.name, plans.has(entry.name) ? null : compile(entry));
    }
    plansByClass.set(cls, plans);
  }
  return plans.get(name) ?? null;
}

/** A route argument as the wasm writes it: a string, or a finite number's decimal text; undefined: the checked path. */
function routeText(value) {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** A query value: a string, a finite number or a boolean as text; null when left out; undefined: the checked path. */
function queryText(value) {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : undefined;
  return typeof value === 'boolean' ? String(value) : undefined;
}

const isPlainObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const stringKeys = (value) => Reflect.ownKeys(value).filter((key) => typeof key === 'string');

/** `?name=value&...` for a query object, '' for none; undefined: the checked path. */
function queryString(plan, value) {
  if (!isPlainObject(value)) return undefined;
  let text = '';
  for (const name of stringKeys(value)) {
    if (!plan.query.has(name)) return undefined;
    const item = queryText(value[name]);
    if (item === undefined) return undefined;
    if (item !== null) text += `${text === '' ? '?' : '&'}${encodeURIComponent(name)}=${encodeURIComponent(item)}`;
  }
  return text;
}

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
  const routeCount = (entry.args ?? []).length;
  const query = entry.query ?? [];
  const slots = routeCount + (query.length > 0 ? 1 : 0);
  const last = args[count - 1];
  const onlyExpiration = () => typeof last === 'object' && last !== null && ownKeysAre(last, ['expiration']) && !query.includes('expiration');
  if (!(count > slots || (count === slots && count > routeCount && onlyExpiration()))) return [count, NaN];
  if (typeof last !== 'object' || last === null || Array.isArray(last)) {
    throw new TypeError(`${label}: buildSignedUrl options must be an object, got ${typeName(last)}`);
  }
  let expiration;
  try {
    ({ expiration } = last);
  } catch (cause) {
    throw new Error(`${label}: reading options.expiration threw an exception`, { cause });
  }
  if (expiration === undefined) return [count - 1, NaN];
  if (typeof expiration !== 'number') throw new TypeError(`${label}: options.expiration must be a number, got ${typeName(expiration)}`);
  if (!Number.isFinite(expiration)) throw new RangeError(`${label}: options.expiration must be a finite number`);
  return [count - 1, expiration];
}

/** The URL for `args` (the options already taken off) after `prefix`, or undefined. */
function urlOf(plan, prefix, args, count) {
  // A trailing undefined stands for an omitted query, as in method calls.
  const given = count === plan.argCount + 1 && args[count - 1] === undefined ? plan.argCount : count;
  if (given !== plan.argCount && !(plan.query.size > 0 && given === plan.argCount + 1)) return undefined;
  // Every route argument is checked, also one the route does not name, as the wasm checks them.
  const encoded = [];
  for (let i = 0; i < plan.argCount; i++) {
    const text = routeText(args[i]);
    if (text === undefined) return undefined;
    encoded.push(encodeURIComponent(text));
  }
  const { literals, slots } = plan;
  let url = prefix + literals[0];
  for (let i = 0; i < slots.length; i++) url += encoded[slots[i]] + literals[i + 1];
  if (given === plan.argCount) return url;
  const query = queryString(plan, args[plan.argCount]);
  return query === undefined ? undefined : url + query;
}

/**
 * What a client's signed URLs share, asked of its engine once: the URL of route
 * `/` for buildSignedUrl and for externalBuildSignedUrl, and the room its bewits
 * need in the pad; null when this client takes the checked path (a fragment in
 * its rootUrl or baseUrl: the bewit goes before it).
 */
function setupOf(state, engine) {
  if (state.signedUrls === undefined) {
    const prefixes = [engine.urlPrefix(false), engine.urlPrefix(true)];
    state.signedUrls = prefixes.some((prefix) => prefix.includes('#')) ? null : { prefixes, room: engine.bewitRoom() };
  }
  return state.signedUrls;
}

function signed(state, engine, name, args, external) {
  const plan = planOf(state.cls, name);
  const setup = plan === null ? null : setupOf(state, engine);
  if (setup === null) return undefined;
  const options = expirationOptions(plan.entry, args, '');
  const url = urlOf(plan, setup.prefixes[external ? 1 : 0], args, options[0]);
  if (url === undefined) return undefined;
  const length = writePad(url, setup.room);
  const bewit = length < 0 ? undefined : readPad(length, engine.padBewit(length, Date.now(), options[1]));
  return bewit === undefined ? undefined : withBewit(url, bewit);
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

/** The signed URL by the fast path, or undefined. */
function fastSignedUrl(state, engine, name, args, external) {
  try {
    return signed(state, engine, name, args, external);
  } catch {
    return undefined; // a getter that throws, a lone surrogate (encodeURIComponent): the checked path reports it
  }
}

/** Static credentials of the client's own, read (`{clientId, accessToken, certificate}`), or undefined. */
function ownCredentials(state) {
  const own = state.agent === undefined ? state.options.credentials : undefined;
  return typeof own?.clientId === 'string' && typeof own.accessToken === 'string' ? own : undefined;
}

/** ASCII letters upper-cased, as the wasm writes a method. */
const upperAscii = (text) => text.replace(/[a-z]+/g, (letters) => letters.toUpperCase());

/**
 * The signed URL of GET method `name` for `args` (`[...routeArgs, query?, {expiration}?]`),
 * `external` for the deployment's rootUrl under in-cluster service discovery;
 * signed with `credentials` (a credentials agent's, read) or else the client's own.
 */
export function signedUrl(state, engine, name, args, external, credentials = undefined) {
  if (credentials === undefined && typeof name === 'string' && ownCredentials(state) !== undefined) {
    const fast = fastSignedUrl(state, engine, name, args, external);
    if (fast !== undefined) return fast;
  }
  const label = `${state.cls.reference.name}.${typeof name === 'string' ? name : ''}`;
  const signing = credentials ?? ownCredentials(state);
  if (signing === undefined) {
    throw new TypeError(`${label}: buildSignedUrl needs credentials given as {clientId, accessToken}; with a credentials agent use buildSignedUrlAsync`);
  }
  // A name that is not a string or not a method is the wasm's to report.
  const entry = typeof name === 'string' ? state.cls.reference.functions.find((f) => f.name === name) : undefined;
  let [count, expiration] = [args.length, NaN];
  if (entry !== undefined) {
    if (entry.method.toLowerCase() !== 'get') {
      throw new TypeError(`${label}: buildSignedUrl works only for GET methods; ${entry.name} is ${upperAscii(entry.method)}`);
    }
    [count, expiration] = expirationOptions(entry, args, label);
  }
  const values = count === args.length ? args : args.slice(0, count);
  return engine.buildSignedUrl(name, values, external, expiration, signing.clientId, signing.accessToken, signing.certificate);
}
