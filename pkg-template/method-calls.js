// A method call of a service class as a request: the calling convention
// `method(arg1, ..., [payload], [query])` read against the class's reference,
// the route filled and the query appended. The one place URLs of API methods are
// built (calls, buildUrl, buildSignedUrl, fake-mode checks): the wasm gets the
// finished URL. Errors name the argument; the caller adds the method's label.
import { typeName, wellFormed } from './read-options.js';
import { builders } from './url-builders.js';

// Classes whose reference needs no check: made from the package's own apis/
// (generated-class.js), or checked once already (reference-encoding.js).
const trustedClasses = new WeakSet();
// A class's functions by name, made when first needed.
const functionMaps = new WeakMap();
// A function entry's route, split once: its literal parts and the `<name>`s between them.
const routePlans = new WeakMap();

/**
 * Marks a class whose reference needs no (further) check: one made from the
 * package's own apis/ (tests check every one), or one checked already.
 */
export function trustReference(cls) {
  trustedClasses.add(cls);
  return cls;
}

/** Whether `cls`'s reference needs no check (see trustReference). */
export const isTrusted = (cls) => trustedClasses.has(cls);

/** A function entry with its optional lists (route arguments, query options) present. */
const withLists = (entry) => (Array.isArray(entry.args) && Array.isArray(entry.query) ? entry : { ...entry, args: entry.args ?? [], query: entry.query ?? [] });

/** The function `name` of class `cls`, or undefined. A name given twice is its first entry (the one rule for duplicates). */
export function functionOf(cls, name) {
  let functions = functionMaps.get(cls);
  if (functions === undefined) {
    functions = new Map();
    for (const entry of cls.reference.functions) if (!functions.has(entry.name)) functions.set(entry.name, withLists(entry));
    functionMaps.set(cls, functions);
  }
  return functions.get(name);
}

/** `error` (one of ours, without a label) with its message prefixed by `label`, e.g. `Queue.task: ...`. */
export function withLabel(label, error) {
  if (!(error instanceof Error)) return error;
  return new error.constructor(`${label}: ${error.message}`);
}

/** The function `name` of class `cls`; a TypeError labelled `Class.name` when there is none. */
export function entryFor(cls, name) {
  const service = cls.reference.name;
  if (typeof name !== 'string') throw new TypeError(`${service}.: method must be a string, got ${typeName(name)}`);
  const entry = functionOf(cls, name);
  if (entry === undefined) throw new TypeError(`${service}.${name}: ${service} has no method ${quoted(name)}`);
  return entry;
}

/** A function's HTTP method as sent: ASCII letters upper-cased. */
export const httpMethod = (entry) => entry.method.replace(/[a-z]+/g, (letters) => letters.toUpperCase());

/** A caller's string as messages show it: JSON-quoted, cut after 60 characters (code points). */
function quoted(text) {
  const chars = Array.from(String(text).slice(0, 121));
  const cut = chars.length > 60 ? `${chars.slice(0, 60).join('')}...` : chars.join('');
  // As JSON writes it, with the control characters (and DEL) as \u escapes but the usual three.
  const escaped = cut.replace(/["\\\u0000-\u001f\u007f]/g, (c) => ({ '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' })[c] ??
    `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  return `"${escaped}"`;
}

/** E.g. `listTaskGroup(taskGroupId, [query])`, for messages. */
function signature(entry) {
  const params = [...entry.args];
  if (entry.input) params.push('payload');
  if (entry.query.length > 0) params.push('[query]');
  return `${entry.name}(${params.join(', ')})`;
}

/** A string fit for a URL (valid Unicode), or a TypeError naming `path`. */
function text(value, path) {
  if (typeof value !== 'string') throw new TypeError(`${path} must be a string, got ${typeName(value)}`);
  if (!wellFormed(value)) throw new TypeError(`${path} contains a lone UTF-16 surrogate; it must be valid Unicode text`);
  return value;
}

/** A route argument: a string, or a finite number as its decimal text (e.g. a runId). */
const routeArg = (value, name) => (typeof value === 'number' && Number.isFinite(value) ? String(value) : text(value, name));

/** A query value: a string, a finite number or a boolean as text; null when absent (left out). */
function queryValue(value, path) {
  if (value === undefined || value === null) return null;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  return text(value, path);
}

/** `?name=value&...` of a query object ('' when every value is absent), its names checked against the method's. */
function queryString(entry, value) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`query must be an object, got ${typeName(value)}`);
  }
  let names;
  try {
    names = Reflect.ownKeys(value).filter((key) => typeof key === 'string');
  } catch {
    throw new Error('listing the keys of query threw an exception');
  }
  const unknown = names.find((name) => !entry.query.includes(name));
  if (unknown !== undefined) {
    throw new TypeError(entry.query.length === 0
      ? `${entry.name} accepts no query options, got ${quoted(unknown)}`
      : `${entry.name} does not accept the query option ${quoted(unknown)}; allowed: ${entry.query.join(', ')}`);
  }
  let query = '';
  for (const name of names) {
    let item;
    try {
      item = value[name];
    } catch {
      throw new Error(`reading query.${name} threw an exception`);
    }
    const valueText = queryValue(item, `query.${name}`);
    if (valueText !== null) query += `${query === '' ? '?' : '&'}${encodeURIComponent(name)}=${encodeURIComponent(valueText)}`;
  }
  return query;
}

/** The payload as JSON text. */
function payloadJson(value) {
  if (value === null || typeof value !== 'object') throw new TypeError(`payload must be an object, got ${typeName(value)}`);
  let json;
  try {
    json = JSON.stringify(value);
  } catch {
    json = undefined;
  }
  if (typeof json !== 'string') throw new TypeError('payload cannot be serialized as JSON (a cycle or a BigInt?)');
  return json;
}

/**
 * The call of `entry` with `args`: `{entry, routeArgs, payload (JSON text or
 * undefined), query ('' or '?...')}`. `withPayload` false reads no payload slot
 * (buildUrl and signed URLs). Errors name the argument.
 */
export function readCall(entry, args, withPayload = true) {
  const takesPayload = withPayload && entry.input;
  const required = entry.args.length + (takesPayload ? 1 : 0);
  const acceptsQuery = entry.query.length > 0;
  // A trailing `undefined` stands for an omitted query.
  const given = args.length === required + 1 && args[required] === undefined ? required : args.length;
  if (given !== required && !(acceptsQuery && given === required + 1)) {
    const expected = acceptsQuery ? `${required} or ${required + 1}` : `${required}`;
    throw new TypeError(`${signature(entry)} expects ${expected} argument(s), got ${given}`);
  }
  const routeArgs = entry.args.map((name, i) => routeArg(args[i], name));
  const payload = takesPayload ? payloadJson(args[entry.args.length]) : undefined;
  const query = given > required ? queryString(entry, args[required]) : '';
  return { entry, routeArgs, payload, query };
}

/** `entry`'s route as literal parts with, between each two, the `<name>` that goes there. */
function routePlan(entry) {
  let plan = routePlans.get(entry);
  if (plan === undefined) {
    const literals = [];
    const names = [];
    let rest = entry.route;
    for (let open = rest.indexOf('<'), close; open >= 0 && (close = rest.indexOf('>', open + 1)) >= 0; open = rest.indexOf('<')) {
      literals.push(rest.slice(0, open));
      names.push(rest.slice(open + 1, close));
      rest = rest.slice(close + 1);
    }
    literals.push(rest);
    plan = { literals, names, slots: names.map((name) => entry.args.indexOf(name)) };
    routePlans.set(entry, plan);
  }
  return plan;
}

/** The route of a read call filled with its percent-encoded route arguments. */
function path({ entry, routeArgs }) {
  const { literals, names, slots } = routePlan(entry);
  let filled = literals[0];
  for (let i = 0; i < slots.length; i++) {
    if (slots[i] < 0) throw new Error(`route ${quoted(entry.route)} names <${names[i]}>, which is not among its arguments`);
    const value = routeArgs[slots[i]];
    if (value === '') throw new TypeError(`route argument ${names[i]} must not be empty`);
    filled += encodeURIComponent(value) + literals[i + 1];
  }
  return filled;
}

/**
 * Where a client's requests go, from its options (`state.urls`): `{prefix}` for a
 * rootUrl (urls.api's URL of path '' under it), `{base}` for a baseUrl (trailing
 * slashes dropped, routes appended as they are). Under in-cluster service
 * discovery requests go to the service's bare host (the cluster's DNS search
 * domain resolves it; plain http), while `external` URLs (links for people) keep
 * the deployment's rootUrl. Made once per client.
 */
export function endpointFor(state, external) {
  state.endpoints ??= [false, true].map((outside) => {
    const { rootUrl, baseUrl, inCluster } = state.urls;
    if (baseUrl !== undefined) return { base: baseUrl.replace(/\/+$/, '') };
    const { serviceName, apiVersion } = state.cls.reference;
    const root = inCluster && !outside ? `http://taskcluster-${serviceName}` : rootUrl;
    return { prefix: builders.api(root, serviceName, apiVersion ?? 'v1', '') };
  });
  return state.endpoints[external ? 1 : 0];
}

/** The URL of a read call at `endpoint` (see endpointFor). */
export function urlOf(endpoint, call) {
  const route = path(call);
  const url = endpoint.base === undefined ? endpoint.prefix + route.replace(/^\/+/, '') : endpoint.base + route;
  return url + call.query;
}
