// The generic layer under every generated class: one class factory for REST
// services and one for exchange sets. Requests, signing and retries happen in
// wasm (ServiceClient); this file only shapes the JS API around it.
import { ServiceClient } from './taskcluster_wasm.js';
import { typeOf } from './arguments.js';
import { builders as urls } from './url-builders.js';
import { exchangePrefixOf, routingKeyBinding } from './routing-key.js';
import { BASE_CLIENT_MEMBERS, BASE_EXCHANGES_MEMBERS } from './base-members.js';
import { OPTION_NAMES, agentCredentials, copyOptions, markChecked, readClientOptions } from './client-options.js';
import { readingOptions } from './read-options.js';
import { checkClassReference } from './reference-encoding.js';
import { mergeConfigured, withConfigured } from './client-defaults.js';
import { requestOnce } from './make-request.js';
import { signedUrl as signedUrlOf } from './signed-urls.js';
import { endpointFor, entryFor, functionOf, httpMethod, readCall, urlOf, withLabel } from './method-calls.js';

/** The error every failed API request rejects with. Never carries a secret. */
export class TaskclusterError extends Error {
  constructor(message, fields = {}) {
    super(message);
    this.name = 'TaskclusterError';
    Object.assign(this, fields);
  }
}

// ------------------------------------------------------------------ debug logging

const DEBUG_NAMES = ['taskcluster-wasm', 'taskcluster-client'];

/**
 * Opt-in logging, as with the `debug` package: `DEBUG=taskcluster-wasm` (or
 * `taskcluster-client*`) in Node, `localStorage.debug = 'taskcluster-wasm'` in
 * browsers. It names calls, URLs and outcomes, never credentials.
 */
function debugSetting() {
  let setting = '';
  try {
    setting = globalThis.process?.env?.DEBUG ?? globalThis.localStorage?.getItem('debug') ?? '';
  } catch {
    return false; // storage access can be denied
  }
  const patterns = String(setting).split(/[\s,]+/).filter(Boolean);
  const matches = (pattern, name) => new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*?')}$`).test(name);
  const on = (name) => patterns.some((p) => !p.startsWith('-') && matches(p, name)) &&
    !patterns.some((p) => p.startsWith('-') && matches(p.slice(1), name));
  return DEBUG_NAMES.some(on);
}
// The setting, read at the first call, or after the synchronous work of the task
// that made the first client: not at import, nor during a construction (a page's
// first read of localStorage costs it milliseconds).
let debugOn;
// Log lines of constructions made before the setting was read, printed once it is.
let waiting;

/** Whether logging is on (read now if it has not been). */
function debugEnabled() {
  if (debugOn === undefined) {
    debugOn = debugSetting();
    const lines = waiting ?? [];
    waiting = undefined;
    if (debugOn) for (const parts of lines) log(...parts);
  }
  return debugOn;
}

/** A construction's log line: printed now when the setting is known, else once it has been read (a timer away). */
function logConstruction(...parts) {
  if (debugOn !== undefined) {
    if (debugOn) log(...parts);
    return;
  }
  if (waiting === undefined) {
    waiting = [];
    setTimeout(debugEnabled, 0);
  }
  waiting.push(parts);
}
const log = (...parts) => (globalThis.process?.versions?.node ? console.error : console.debug)('taskcluster-wasm', ...parts);

// ------------------------------------------------------------------ service classes

// Per-instance state, out of reach of callers and of JSON.stringify: what
// readClientOptions gives ({settings, urls, options (for use()), fake, timeout, agent,
// asyncSigning, renewing}), the class, and the wasm engine once one is needed.
const states = new WeakMap();
// Generated method -> its name, for buildUrl(queue.task, ...).
const methodNames = new WeakMap();

function checkConcrete(cls) {
  if (cls.reference === undefined) {
    throw new TypeError(`new ${cls.name}: an abstract base class; make a class for a service with createClient(reference)`);
  }
}

/** Checks a class's reference, once. */
function checkClass(cls) {
  checkConcrete(cls);
  checkClassReference(cls);
}

/** The wasm engine of a client (its signer and request loop): made at its first use, so a construction costs no wasm call. */
function engineOf(state) {
  state.engine ??= new ServiceClient(...state.settings);
  return state.engine;
}

/**
 * Method `name` of the client's class called with `args` (the calling convention
 * of method-calls.js): `{entry, url, payload}`, or a TypeError labelled `Class.name`.
 * `withPayload` false: no payload slot (buildUrl).
 */
function requestOf(state, name, args, external = false, withPayload = true) {
  checkClass(state.cls);
  const entry = entryFor(state.cls, name);
  try {
    const call = readCall(entry, args, withPayload);
    return { entry, url: urlOf(endpointFor(state, external), call), payload: call.payload };
  } catch (error) {
    throw withLabel(`${state.cls.reference.name}.${name}`, error);
  }
}

function stateOf(client, what) {
  const state = states.get(client);
  if (state === undefined) throw new TypeError(`${what} must be called on a client made with new`);
  return state;
}

/** "a number", "null", ... for messages: never the value itself, which may hold a secret. */

function entryOf(client, name, label) {
  const service = client.constructor.reference.name;
  if (typeof name !== 'string') throw new TypeError(`${service}.${label}: the method name must be a string, got ${typeOf(name)}`);
  const entry = functionOf(client.constructor, name);
  if (!entry) throw new TypeError(`${service}.${label}: ${service} has no method ${JSON.stringify(name.slice(0, 60))}`);
  return entry;
}

/** `value` as an options object (`undefined` for none), or a TypeError naming `label`. */
function optionsBag(value, label) {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${label}: options must be an object, got ${typeOf(value)}`);
  }
  try {
    return { ...value };
  } catch {
    throw new TypeError(`${label}: reading the options threw an exception`);
  }
}

/** A reference handed to serviceClass/exchangeClass: an object naming its class, with `list` an array. */
function checkReference(reference, list, label) {
  if (reference === null || typeof reference !== 'object') {
    throw new TypeError(`${label}: reference must be an object, got ${typeOf(reference)}`);
  }
  let shaped;
  try {
    shaped = typeof reference.name === 'string' && Array.isArray(reference[list]);
  } catch {
    throw new TypeError(`${label}: reading the reference threw an exception`);
  }
  if (!shaped) throw new TypeError(`${label}: reference must have a string name and an array ${list}`);
}

/** The method name for a method or its name: `buildUrl(queue.task, ...)` or `buildUrl('task', ...)`. */
function nameOf(client, method, what) {
  if (typeof method !== 'function') return method; // a string, or a wrong type wasm reports
  const name = methodNames.get(method);
  if (name === undefined || client[name] !== method) {
    throw new TypeError(`${client.constructor.name}.${what}: method must be an API method of this client (e.g. queue.task) or its name`);
  }
  return name;
}

/** The array of a list response's items: its one array-valued property. */
function itemsOf(page, label) {
  const lists = Object.entries(page ?? {}).filter(([, value]) => Array.isArray(value));
  if (lists.length !== 1) {
    const found = lists.map(([key]) => key).join(', ') || 'none';
    throw new TypeError(`${label}: cannot tell which property holds the items (arrays: ${found}); iterate pages() instead`);
  }
  return lists[0][1];
}

/** What every service class shares. */
export class BaseClient {
  constructor(options) {
    const cls = this.constructor;
    checkConcrete(cls);
    const where = `new ${cls.name}(options)`;
    const state = readClientOptions(withConfigured(copyOptions(options, where)), cls, where);
    state.cls = cls;
    states.set(this, state);
    if (state.fake) this.fakeCalls = Object.fromEntries(cls.reference.functions.map((f) => [f.name, []]));
    logConstruction(`new ${cls.name}`, { rootUrl: state.options.rootUrl, baseUrl: state.options.baseUrl, fake: Boolean(state.fake) });
  }

  /** A new client with these options changed (undefined values keep the current ones); shares no state with this one. */
  use(updates = {}) {
    return derived(this, stateOf(this, 'use').options, updates);
  }

  /** taskcluster-client's hook for per-request clients: a client sending `traceId`. */
  taskclusterPerRequestInstance(options = {}) {
    const where = `${this.constructor.name}.taskclusterPerRequestInstance(options)`;
    if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${typeOf(options)}`);
    let traceId;
    try {
      ({ traceId } = options);
    } catch {
      throw new TypeError(`${where}: reading options.traceId threw an exception`);
    }
    return this.use({ traceId });
  }

  /**
   * The seed's keyword convention:
   * `request(name, {params: {taskId}, payload, query, paginationHandler})`.
   * With `paginationHandler`, every page is passed to it and the call resolves when the last has been.
   */
  async request(name, options) {
    const entry = entryOf(this, name, 'request');
    const label = `${this.constructor.name}.${name}`;
    const { params: rawParams, payload, query, paginationHandler } = optionsBag(options, label);
    const params = optionsBag(rawParams, `${label} params`);
    const unknown = Object.keys(params).filter((key) => !entry.args.includes(key));
    if (unknown.length > 0) {
      throw new TypeError(`${this.constructor.name}.${name}: unknown params ${unknown.join(', ')}; expected ${entry.args.join(', ') || 'none'}`);
    }
    const args = entry.args.map((arg) => params[arg]);
    if (entry.input) args.push(payload);
    if (paginationHandler === undefined) return call(this, name, query === undefined ? args : [...args, query]);
    for await (const page of this.pages(name, ...args, query)) await paginationHandler(page);
    return undefined;
  }

  /** The URL of a method call: `buildUrl(queue.task, taskId)` or `buildUrl('task', taskId)`. */
  buildUrl(method, ...args) {
    return requestOf(stateOf(this, 'buildUrl'), nameOf(this, method, 'buildUrl'), args, false, false).url;
  }

  /** Like buildUrl, with the deployment's rootUrl also under `serviceDiscoveryScheme: 'k8s-dns'` (links for people). */
  externalBuildUrl(method, ...args) {
    return requestOf(stateOf(this, 'externalBuildUrl'), nameOf(this, method, 'externalBuildUrl'), args, true, false).url;
  }

  /**
   * A signed URL for a GET method: `buildSignedUrl(queue.getArtifact, taskId, runId, name, {expiration: 600})`.
   * With a credentialAgent it returns a Promise, as taskcluster-client-web's does.
   */
  buildSignedUrl(method, ...args) {
    const state = stateOf(this, 'buildSignedUrl');
    if (state.asyncSigning) return this.buildSignedUrlAsync(method, ...args);
    return signedUrl(state, nameOf(this, method, 'buildSignedUrl'), args, false);
  }

  /** taskcluster-client-web's name for the synchronous buildSignedUrl. */
  buildSignedUrlSync(method, ...args) {
    return signedUrl(stateOf(this, 'buildSignedUrlSync'), nameOf(this, method, 'buildSignedUrlSync'), args, false);
  }

  /** Like buildSignedUrl, also for credentials that come from an agent. */
  async buildSignedUrlAsync(method, ...args) {
    const state = stateOf(this, 'buildSignedUrlAsync');
    return signedUrlAsync(this, state, nameOf(this, method, 'buildSignedUrlAsync'), args, false);
  }

  /** buildSignedUrl with the deployment's rootUrl also under `serviceDiscoveryScheme: 'k8s-dns'`. */
  externalBuildSignedUrl(method, ...args) {
    const state = stateOf(this, 'externalBuildSignedUrl');
    const name = nameOf(this, method, 'externalBuildSignedUrl');
    return state.asyncSigning ? signedUrlAsync(this, state, name, args, true) : signedUrl(state, name, args, true);
  }

  /** Every page of a paginated method, following `continuationToken`. */
  async *pages(name, ...args) {
    const entry = entryOf(this, name, 'pages');
    const fixed = entry.args.length + (entry.input ? 1 : 0);
    const query = optionsBag(args[fixed] ?? undefined, `${this.constructor.name}.${name} query`);
    do {
      const page = await call(this, name, [...args.slice(0, fixed), query]);
      yield page;
      query.continuationToken = page?.continuationToken;
    } while (query.continuationToken);
  }

  /** Every item of a paginated method: `for await (const task of queue.paginate('listTaskGroup', id))`. */
  async *paginate(name, ...args) {
    for await (const page of this.pages(name, ...args)) yield* itemsOf(page, `${this.constructor.name}.${name}`);
  }

  /** Milliseconds this client adds to the local clock after a "Stale timestamp" correction. */
  get clockOffset() {
    return stateOf(this, 'clockOffset').engine?.clockOffset ?? 0;
  }
}

/** A signed URL with the client's own credentials (see signed-urls.js). */
function signedUrl(state, name, args, external) {
  checkClass(state.cls);
  return signedUrlOf(state, engineOf(state), name, args, external);
}

/** A signed URL with the credentials a credentials agent gives now (or the client's own). */
async function signedUrlAsync(client, state, name, args, external) {
  const label = `${client.constructor.name}.${typeof name === 'string' ? name : ''}`;
  const credentials = state.agent ? await agentCredentials(state.agent, label) : state.options.credentials;
  if (!credentials?.clientId) throw new TypeError(`${label}: buildSignedUrlAsync needs credentials`);
  checkClass(state.cls);
  return signedUrlOf(state, engineOf(state), name, args, external, state.agent ? credentials : undefined);
}

/** A new instance of `client`'s class with its `options` and these `updates` (checked; undefined keeps a value). */
function derived(client, options, updates) {
  const where = `${client.constructor.name}.use(options)`;
  const changed = copyOptions(updates, where);
  if (changed !== undefined && (changed === null || typeof changed !== 'object')) throw new TypeError(`${where}: options must be an object`);
  const merged = { ...options };
  for (const name in changed) if (changed[name] !== undefined) merged[name] = changed[name];
  return new client.constructor(markChecked(merged));
}

/**
 * taskcluster-client's `makeRequest(client, method, url, payload, query)`: one
 * request signed with `client`'s credentials and options, without retries;
 * resolves to `{statusCode, headers, body}` (see make-request.js).
 */
export async function makeRequest(client, method, url, payload, query) {
  const state = states.get(client);
  if (state === undefined) throw new TypeError(`makeRequest: client must be a service client made with new (e.g. new Queue(options)), got ${typeOf(client)}`);
  return requestOnce(state.options, state.engine?.clockOffset ?? 0, method, url, payload, query);
}

/**
 * taskcluster-client's `config(options)`: defaults for every client made
 * afterwards (and the issuer for createTemporaryCredentials); a client's own
 * options win. Names are checked as a constructor checks them.
 */
export function config(options) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`config: options must be an object, got ${typeOf(options)}`);
  }
  const copy = copyOptions(options, 'config(options)', OPTION_NAMES.filter((name) => !CLASS_OPTIONS.includes(name)));
  if (copy.credentials && typeof copy.credentials === 'object' && typeof copy.credentials.getCredentials !== 'function') copy.credentials = { ...copy.credentials };
  if (Array.isArray(copy.authorizedScopes)) copy.authorizedScopes = [...copy.authorizedScopes];
  // A value a client would refuse is refused now, not at every construction afterwards.
  try {
    configProbe ??= serviceClass({ name: 'ConfigProbe', serviceName: 'config-probe', apiVersion: 'v1', functions: [] });
    new configProbe(withConfigured({ rootUrl: 'https://config.invalid', ...copy })); // eslint-disable-line no-new, new-cap
  } catch (error) {
    throw new error.constructor(String(error.message).replace(/^(ConfigProbe: )?new ConfigProbe\(options\)/, 'config(options)'));
  }
  mergeConfigured(copy);
}
/**
 * taskcluster-client's `setServiceDiscoveryScheme(scheme)`: the scheme of every client
 * made afterwards that does not choose its own, as `config({serviceDiscoveryScheme})`.
 */
export function setServiceDiscoveryScheme(scheme) {
  if (typeof scheme !== 'string') throw new TypeError(`setServiceDiscoveryScheme: scheme must be 'default' or 'k8s-dns', got ${typeOf(scheme)}`);
  try {
    config({ serviceDiscoveryScheme: scheme });
  } catch (error) {
    throw new error.constructor(String(error.message).replace(/^config\(options\): options\.serviceDiscoveryScheme/, 'setServiceDiscoveryScheme: scheme'));
  }
}

// Options that describe one class, not defaults for all.
const CLASS_OPTIONS = ['serviceName', 'serviceVersion', 'reference'];
// A class without methods, made on the first config() only to check its options.
let configProbe;

function call(client, name, args) {
  const state = stateOf(client, `${client?.constructor?.name}.${name}`);
  if (state.fake) return fakeCall(client, state, name, args);
  if (!debugEnabled()) return send(state, name, args);
  const label = labelOf(state, name);
  log(`${label}: calling`);
  return send(state, name, args).then(
    (result) => {
      log(`${label}: done`);
      return result;
    },
    (error) => {
      log(`${label}: failed`, { code: error?.code, statusCode: error?.statusCode, retries: error?.retries, url: error?.url });
      throw error;
    },
  );
}

/** E.g. `Queue.task`, for messages: made only when one is. */
const labelOf = (state, name) => `${state.cls.name}.${name}`;

function send(state, name, args) {
  const answer = state.agent ? attemptWithAgent(state, name, args) : attempt(state, name, args);
  if (!state.renewing) return answer;
  // An agent whose credentials were refused fetches fresh ones, and the call is made once more.
  return answer.catch(async (error) => {
    if (error?.statusCode !== 401) throw error;
    await state.renewing.credentialsRejected();
    return attemptWithAgent(state, name, args);
  });
}

/** One call through the wasm engine (which retries), signed with the client's own credentials, if any. */
function attempt(state, name, args) {
  let answer;
  try {
    const { entry, url, payload } = requestOf(state, name, args);
    answer = engineOf(state).call(httpMethod(entry), url, payload);
  } catch (error) {
    return Promise.reject(error);
  }
  return answer.then((settled) => outcome(state, name, settled));
}

/** As `attempt`, signed with the credentials the client's agent gives now. */
async function attemptWithAgent(state, name, args) {
  const { entry, url, payload } = requestOf(state, name, args);
  const engine = engineOf(state);
  const credentials = await agentCredentials(state.agent, labelOf(state, name));
  const answer = await engine.call(httpMethod(entry), url, payload, credentials?.clientId, credentials?.accessToken, credentials?.certificate);
  return outcome(state, name, answer);
}

/** At most `count` characters (code points) of `text`, trimmed, for a message. */
const excerpt = (text, count) => Array.from(String(text).slice(0, count * 2)).slice(0, count).join('').trim();

/**
 * The result of a call from the engine's answer `[status, body, retries, url]`
 * (status 0: network error, -1: timeout, -2: a request that could not be signed),
 * or the TaskclusterError to reject with.
 */
function outcome(state, name, [status, body, retries, url]) {
  // A 303 (getArtifact and friends) answers with the JSON callers read: `{url}`.
  const answered = (status >= 200 && status < 300) || status === 303;
  if (answered) {
    if (body === '') return undefined;
    try {
      return JSON.parse(body);
    } catch {
      // Methods that declare no JSON output may answer with text; for the others it is a proxy's page or a cut-off body.
      if (!functionOf(state.cls, name).output) return body;
    }
  }
  const label = labelOf(state, name);
  const method = httpMethod(functionOf(state.cls, name));
  const failure = (message, code, statusCode, errorBody) =>
    new TaskclusterError(message, { code, statusCode, body: errorBody, method, url, functionName: label, retries });
  const where = `(${method} ${url}, ${retries} retries)`;
  if (status === -2) throw new Error(`${label}: ${body}`);
  if (status === -1) throw failure(`${label}: no response within ${Math.trunc(state.timeout)} ms ${where}`, 'RequestTimeout');
  if (status === 0) throw failure(`${label}: network error: ${body} ${where}`, 'NetworkError');
  if (answered) {
    throw failure(`${label}: HTTP ${status} with a body that is not JSON ${where}: ${excerpt(body, 100)}`, 'InvalidResponse', status, body);
  }
  // The server's message and code first; an HTML or text body is kept short.
  let parsed;
  try {
    parsed = JSON.parse(body);
  } catch {
    parsed = undefined;
  }
  if (parsed === null || typeof parsed !== 'object') parsed = undefined;
  const field = (key) => (typeof parsed?.[key] === 'string' ? parsed[key] : undefined);
  const message = field('message') ?? `${label}: HTTP ${status} ${excerpt(body, 300)}`;
  throw failure(message, field('code') ?? `HTTP${status}`, status, parsed ?? body);
}

const cloned = (value) => {
  try {
    return structuredClone(value);
  } catch {
    return value; // functions and the like are recorded as given
  }
};

/**
 * `fake` mode (taskcluster-client's): the arguments are checked against the
 * reference, the call is recorded in `fakeCalls[name]` as `{<arg>: value, payload?, query?}`,
 * and `fake[name]` answers it.
 */
function fakeCall(client, state, name, args) {
  checkClass(state.cls);
  const entry = entryFor(state.cls, name);
  try {
    readCall(entry, args);
  } catch (error) {
    throw withLabel(`${state.cls.reference.name}.${name}`, error);
  }
  const record = {};
  entry.args.forEach((arg, i) => { record[arg] = cloned(args[i]); });
  if (entry.input) record.payload = cloned(args[entry.args.length]);
  const query = args[entry.args.length + (entry.input ? 1 : 0)];
  if (query) record.query = cloned(query);
  client.fakeCalls[name].push(record);
  if (debugEnabled()) log(`${client.constructor.name}.${name}: faked`);
  const implementation = state.fake[name];
  if (typeof implementation !== 'function') {
    return Promise.reject(new Error(`Faked ${client.constructor.reference.serviceName} object does not have an implementation of ${name}`));
  }
  return implementation.apply(client, args);
}

function named(cls, name) {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** A class for a REST service reference `{name, serviceName, apiVersion, functions}`. */
export function serviceClass(reference) {
  checkReference(reference, 'functions', 'serviceClass');
  const cls = named(class extends BaseClient {}, reference.name);
  cls.reference = reference;
  for (const { name } of reference.functions) {
    if (BASE_CLIENT_MEMBERS.includes(name)) continue; // still reachable through request(name, ...)
    // Named by its computed key as it is made: cheaper at import than redefining `name` after.
    const method = { [name](...args) { return call(this, name, args); } }[name];
    methodNames.set(method, name);
    Object.defineProperty(cls.prototype, name, { value: method, writable: true, configurable: true });
  }
  return cls;
}

/** taskcluster-client-web's `Client.create(reference)`: a class for a reference. */
BaseClient.create = (reference) => createClient(reference);

// ------------------------------------------------------------------ exchange classes

// Per instance: {prefix, options (for use())}.
const exchangeStates = new WeakMap();

/** What every exchange class shares. */
export class BaseExchanges {
  /** Takes the options of a service client (as taskcluster-client's events classes do); only exchangePrefix matters. */
  constructor(options) {
    const cls = this.constructor;
    const copy = withConfigured(copyOptions(options, `new ${cls.name}(options)`));
    checkClass(cls);
    exchangeStates.set(this, { prefix: exchangePrefixOf(cls.reference, copy, cls.name), options: copy ?? {} });
  }

  /** A new instance with these options changed (e.g. another exchangePrefix); shares no state with this one. */
  use(updates = {}) {
    const state = exchangeStates.get(this);
    if (state === undefined) throw new TypeError(`${this.constructor.name}.use must be called on an instance made with new`);
    return derived(this, state.options, updates);
  }
}
BaseExchanges.prototype.taskclusterPerRequestInstance = BaseClient.prototype.taskclusterPerRequestInstance;

/** A class for an exchanges reference `{name, exchangePrefix, exchanges}`. */
export function exchangeClass(reference) {
  checkReference(reference, 'exchanges', 'exchangeClass');
  const cls = named(class extends BaseExchanges {}, reference.name);
  cls.reference = reference;
  for (const entry of reference.exchanges) {
    const { name, routingKey } = entry;
    if (BASE_EXCHANGES_MEMBERS.includes(name)) continue;
    Object.defineProperty(cls.prototype, name, {
      value: {
        [name](pattern) {
          const state = exchangeStates.get(this);
          if (state === undefined) throw new TypeError(`${cls.name}.${name} must be called on an instance made with new`);
          const binding = routingKeyBinding(entry, state.prefix, pattern, `${cls.name}.${name}`);
          return { ...binding, routingKeyReference: structuredClone(routingKey) };
        },
      }[name],
      writable: true,
      configurable: true,
    });
  }
  return cls;
}

// ------------------------------------------------------------------ references

const pascalCase = (serviceName) => serviceName.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());

/**
 * The service a reference is for. Older references name it `name`, or only
 * through their `baseUrl` (`https://queue.taskcluster.net/v1`) or
 * `exchangePrefix` (`exchange/taskcluster-queue/v1/`), as taskcluster-client reads them.
 */
function serviceNameOf(reference) {
  const text = (value) => (typeof value === 'string' && value ? value : undefined);
  return text(reference.serviceName) ??
    text(reference.name) ??
    text(text(reference.baseUrl)?.split('//')[1]?.split('.')[0]) ??
    text(text(reference.exchangePrefix)?.split('/')[1]?.replace('taskcluster-', ''));
}

/**
 * A class for any service, from our compact reference or Taskcluster's reference
 * format (`{serviceName, apiVersion, entries: [{type: 'function' | 'topic-exchange', ...}]}`),
 * including its older forms.
 */
export function createClient(reference, name) {
  if (reference === null || typeof reference !== 'object') {
    throw new TypeError(`createClient: reference must be an object, got ${reference === null ? 'null' : typeof reference}`);
  }
  // A getter or Proxy of the caller's that throws is reported as createClient's.
  return readingOptions('createClient', () => classFor(reference, name), 'reference');
}

function classFor(reference, name) {
  const entries = Array.isArray(reference.entries) ? reference.entries : undefined;
  const isExchanges = entries ? entries.some((e) => e.type === 'topic-exchange') : Array.isArray(reference.exchanges);
  const serviceName = serviceNameOf(reference);
  if (serviceName === undefined) {
    throw new TypeError('createClient: the reference names no service (serviceName, name, baseUrl or exchangePrefix)');
  }
  // In our compact format `name` is the class name; in the older format it is the service's.
  const ownName = typeof reference.serviceName === 'string' && reference.serviceName ? reference.name : undefined;
  const className = name ?? ownName ?? `${pascalCase(serviceName)}${isExchanges ? 'Events' : ''}`;
  const compact = { ...reference, name: className, serviceName, apiVersion: reference.apiVersion ?? 'v1' };
  if (entries && isExchanges) {
    compact.exchanges = entries.filter((e) => e.type === 'topic-exchange')
      .map(({ name: n, exchange, routingKey }) => ({ name: n, exchange, routingKey }));
  } else if (entries) {
    compact.functions = entries.filter((e) => e.type === 'function').map((e) => ({
      name: e.name, method: e.method, route: e.route, args: e.args ?? [], query: e.query ?? [], input: Boolean(e.input), output: Boolean(e.output),
    }));
  }
  delete compact.entries;
  delete compact.baseUrl;
  checkReference(compact, isExchanges ? 'exchanges' : 'functions', 'createClient');
  const cls = isExchanges ? exchangeClass(compact) : serviceClass(compact);
  checkClass(cls); // a malformed reference fails here, not at the first construction
  return cls;
}

/** Client classes for every service a deployment lists in its API manifest (`urls.apiManifest`). */
BaseClient.fromManifest = async function fromManifest(rootUrl) {
  const fetchJson = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new TaskclusterError(`fromManifest: HTTP ${response.status} for ${url}`, { statusCode: response.status, url });
    return response.json();
  };
  const manifestUrl = urls.apiManifest(rootUrl);
  const manifest = await fetchJson(manifestUrl);
  const classes = {};
  for (const url of manifest.references ?? []) {
    // Deployments list absolute URLs; accept ones relative to the rootUrl too.
    const cls = createClient(await fetchJson(new URL(url, `${urls.normalizeRootUrl(rootUrl)}/`).href));
    classes[cls.name] = cls;
  }
  return classes;
};

export { BaseClient as Client };
