// The generic layer under every generated class: one class factory for REST
// services and one for exchange sets. Requests, signing and retries happen in
// wasm (ServiceClient); this file only shapes the JS API around it.
import { ServiceApi, ServiceClient } from './taskcluster_wasm.js';
import { builders as urls } from './url-builders.js';
import { exchangePrefixOf, routingKeyBinding } from './routing-key.js';
import { BASE_CLIENT_MEMBERS, BASE_EXCHANGES_MEMBERS } from './base-members.js';

/** The error every failed API request rejects with. Never carries a secret. */
export class TaskclusterError extends Error {
  constructor(message, fields = {}) {
    super(message);
    this.name = 'TaskclusterError';
    Object.assign(this, fields);
  }
}

const ERROR_FIELDS = ['code', 'statusCode', 'body', 'method', 'url', 'functionName', 'retries'];

/** The wasm engine marks its request errors by name; give them our class. */
function asTaskclusterError(error) {
  if (error instanceof Error && error.name === 'TaskclusterError' && !(error instanceof TaskclusterError)) {
    const fields = Object.fromEntries(ERROR_FIELDS.map((key) => [key, error[key]]));
    return new TaskclusterError(error.message, fields);
  }
  return error;
}

// ------------------------------------------------------------------ options

/**
 * Every option either official client documents. `true`: used here; a string:
 * accepted without effect, for that reason (docs/migrating.md lists them).
 */
const CLIENT_OPTIONS = {
  rootUrl: true,
  baseUrl: true,
  credentials: true,
  credentialAgent: true,
  authorizedScopes: true,
  retries: true,
  delayFactor: true,
  randomizationFactor: true,
  maxDelay: true,
  timeout: true,
  traceId: true,
  signedUrlExpiration: true,
  serviceDiscoveryScheme: true,
  fake: true,
  exchangePrefix: true,
  agent: 'a Node http.Agent has no equivalent under fetch, which manages its own connections',
  serviceName: 'taskcluster-client-web derives it from the reference; a class here already has one',
  serviceVersion: 'taskcluster-client-web derives it from the reference; a class here already has one',
  reference: 'taskcluster-client-web passes its reference this way; a class here already has one',
};
const OPTION_NAMES = Object.keys(CLIENT_OPTIONS);
// Options taskcluster-client refuses with an error of its own.
const RETIRED_OPTIONS = { monitor: 'monitoring client calls is no longer supported', stats: 'monitoring client calls is no longer supported' };

/** Edit distance, for "did you mean" suggestions. */
function distance(a, b) {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(previous[j] + 1, row[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = row;
  }
  return previous[b.length];
}

function suggestion(name, known) {
  const lower = name.toLowerCase();
  const ranked = known.map((k) => [distance(lower, k.toLowerCase()), k]).sort((x, y) => x[0] - y[0]);
  const [best, closest] = ranked[0];
  return best <= Math.max(3, Math.floor(name.length / 2)) ? `; did you mean ${closest}?` : `; known options: ${known.join(', ')}`;
}

// Option objects use() has built and checked itself: taken as they are.
const checkedOptions = new WeakSet();

/** A copy of the caller's options with every name checked; `undefined` stays as given for wasm to report. */
function copyOptions(options, where, known) {
  if (options === null || typeof options !== 'object') return options;
  if (checkedOptions.has(options)) return options;
  let copy;
  try {
    copy = { ...options };
  } catch {
    throw new TypeError(`${where}: reading the options threw an exception`);
  }
  for (const name of Object.keys(copy)) {
    if (name in RETIRED_OPTIONS && copy[name]) throw new TypeError(`${where}: options.${name}: ${RETIRED_OPTIONS[name]}`);
    if (!known.includes(name) && !(name in RETIRED_OPTIONS)) {
      throw new TypeError(`${where}: unknown option ${JSON.stringify(name).slice(0, 62)}${suggestion(name, known)}`);
    }
  }
  return copy;
}

const isAgent = (value) => value !== null && typeof value === 'object' && typeof value.getCredentials === 'function';

/** `{}` or `{clientId: undefined, accessToken: undefined}` (taskcluster-client's defaults): anonymous. */
const isEmptyCredentials = (value) =>
  value !== null && typeof value === 'object' && !isAgent(value) && !value.clientId && !value.accessToken && !value.certificate;

/** What the wasm engine reads: the credential source settled, copies of mutable values kept for use(). */
function settleOptions(copy, cls, where) {
  if (copy === null || typeof copy !== 'object') return copy;
  try {
    return settle(copy, cls, where);
  } catch (error) {
    if (error instanceof TypeError && error.message.startsWith(where)) throw error;
    throw new TypeError(`${where}: reading the options threw an exception`); // a getter or Proxy of the caller's
  }
}

function settle(copy, cls, where) {
  for (const name of ['serviceName', 'serviceVersion']) {
    const own = name === 'serviceName' ? cls.reference.serviceName : cls.reference.apiVersion;
    if (copy[name] !== undefined && copy[name] !== own) {
      throw new TypeError(`${where}: options.${name} is ${JSON.stringify(own)} for this class; use createClient(reference) for another service`);
    }
  }
  if (copy.credentialAgent != null) {
    if (!isAgent(copy.credentialAgent)) throw new TypeError(`${where}: options.credentialAgent must have a getCredentials() method`);
    if (copy.credentials != null && !isEmptyCredentials(copy.credentials)) {
      throw new TypeError(`${where}: give options.credentials or options.credentialAgent, not both`);
    }
  }
  if (copy.fake != null && typeof copy.fake !== 'object') throw new TypeError(`${where}: options.fake must be an object of method implementations`);
  // Plain data is copied, so a later change by the caller (or a use() client) reaches no other client.
  if (copy.credentials && typeof copy.credentials === 'object' && !isAgent(copy.credentials)) copy.credentials = { ...copy.credentials };
  if (Array.isArray(copy.authorizedScopes)) copy.authorizedScopes = [...copy.authorizedScopes];
  const credentials = copy.credentialAgent ?? (isEmptyCredentials(copy.credentials) ? undefined : copy.credentials);
  return {
    engine: { ...copy, credentials },
    // client-web's option: its buildSignedUrl returns a Promise, so ours does too.
    asyncSigning: copy.credentialAgent != null,
    // An agent that wants to hear about a 401 (`credentialsRejected()`), to renew.
    renewing: typeof credentials?.credentialsRejected === 'function' ? credentials : undefined,
  };
}

// ------------------------------------------------------------------ debug logging

const DEBUG_NAMES = ['taskcluster-wasm', 'taskcluster-client'];

/**
 * Opt-in logging, as with the `debug` package: `DEBUG=taskcluster-wasm` (or
 * `taskcluster-client*`) in Node, `localStorage.debug = 'taskcluster-wasm'` in
 * browsers. It names calls, URLs and outcomes, never credentials.
 */
function debugEnabled() {
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
const DEBUG = debugEnabled();
const log = (...parts) => (globalThis.process?.versions?.node ? console.error : console.debug)('taskcluster-wasm', ...parts);

// ------------------------------------------------------------------ service classes

// Per-instance state, out of reach of callers and of JSON.stringify:
// {engine, options (for use()), fake, asyncSigning, renewing}.
const states = new WeakMap();
// A class's reference, read into wasm once (the expensive part of a construction).
const apis = new WeakMap();
// Generated method -> its name, for buildUrl(queue.task, ...).
const methodNames = new WeakMap();

function apiOf(cls) {
  let api = apis.get(cls);
  if (api === undefined) {
    if (cls.reference === undefined) {
      throw new TypeError(`new ${cls.name}: an abstract base class; make a class for a service with createClient(reference)`);
    }
    api = new ServiceApi(cls.reference);
    apis.set(cls, api);
  }
  return api;
}

function stateOf(client, what) {
  const state = states.get(client);
  if (state === undefined) throw new TypeError(`${what} must be called on a client made with new`);
  return state;
}

/** "a number", "null", ... for messages: never the value itself, which may hold a secret. */
const kindOf = (value) => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);

function entryOf(client, name, label) {
  const service = client.constructor.reference.name;
  if (typeof name !== 'string') throw new TypeError(`${service}.${label}: the method name must be a string, got ${kindOf(name)}`);
  const entry = client.constructor.reference.functions.find((f) => f.name === name);
  if (!entry) throw new TypeError(`${service}.${label}: ${service} has no method ${JSON.stringify(name.slice(0, 60))}`);
  return entry;
}

/** `value` as an options object (`undefined` for none), or a TypeError naming `label`. */
function optionsBag(value, label) {
  if (value === undefined) return {};
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new TypeError(`${label}: options must be an object, got ${kindOf(value)}`);
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
    throw new TypeError(`${label}: reference must be an object, got ${kindOf(reference)}`);
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
    const where = `new ${cls.name}(options)`;
    const copy = copyOptions(options, where, OPTION_NAMES);
    const settled = settleOptions(copy, cls, where);
    const engine = new ServiceClient(apiOf(cls), settled?.engine ?? copy);
    const fake = copy.fake ?? undefined;
    states.set(this, { engine, options: copy, fake, asyncSigning: settled.asyncSigning, renewing: settled.renewing });
    if (fake) this.fakeCalls = Object.fromEntries(cls.reference.functions.map((f) => [f.name, []]));
    if (DEBUG) log(`new ${cls.name}`, { rootUrl: copy.rootUrl, baseUrl: copy.baseUrl, fake: Boolean(fake) });
  }

  /** A new client with these options changed (undefined values keep the current ones); shares no state with this one. */
  use(updates = {}) {
    const { options } = stateOf(this, 'use');
    const changed = copyOptions(updates, `${this.constructor.name}.use(options)`, OPTION_NAMES);
    if (changed !== undefined && (changed === null || typeof changed !== 'object')) {
      throw new TypeError(`${this.constructor.name}.use(options): options must be an object`);
    }
    const merged = { ...options };
    for (const name in changed) if (changed[name] !== undefined) merged[name] = changed[name];
    checkedOptions.add(merged);
    return new this.constructor(merged);
  }

  /** taskcluster-client's hook for per-request clients: a client sending `traceId`. */
  taskclusterPerRequestInstance(options = {}) {
    const where = `${this.constructor.name}.taskclusterPerRequestInstance(options)`;
    if (options === null || typeof options !== 'object') throw new TypeError(`${where}: options must be an object, got ${kindOf(options)}`);
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
    return stateOf(this, 'buildUrl').engine.buildUrl(nameOf(this, method, 'buildUrl'), args, false);
  }

  /** Like buildUrl, with the deployment's rootUrl also under `serviceDiscoveryScheme: 'k8s-dns'` (links for people). */
  externalBuildUrl(method, ...args) {
    return stateOf(this, 'externalBuildUrl').engine.buildUrl(nameOf(this, method, 'externalBuildUrl'), args, true);
  }

  /**
   * A signed URL for a GET method: `buildSignedUrl(queue.getArtifact, taskId, runId, name, {expiration: 600})`.
   * With a credentialAgent it returns a Promise, as taskcluster-client-web's does.
   */
  buildSignedUrl(method, ...args) {
    const state = stateOf(this, 'buildSignedUrl');
    if (state.asyncSigning) return this.buildSignedUrlAsync(method, ...args);
    return state.engine.buildSignedUrl(nameOf(this, method, 'buildSignedUrl'), args, false);
  }

  /** taskcluster-client-web's name for the synchronous buildSignedUrl. */
  buildSignedUrlSync(method, ...args) {
    return stateOf(this, 'buildSignedUrlSync').engine.buildSignedUrl(nameOf(this, method, 'buildSignedUrlSync'), args, false);
  }

  /** Like buildSignedUrl, also for credentials that come from an agent. */
  buildSignedUrlAsync(method, ...args) {
    const state = stateOf(this, 'buildSignedUrlAsync');
    return state.engine.buildSignedUrlAsync(nameOf(this, method, 'buildSignedUrlAsync'), args, false);
  }

  /** buildSignedUrl with the deployment's rootUrl also under `serviceDiscoveryScheme: 'k8s-dns'`. */
  externalBuildSignedUrl(method, ...args) {
    const state = stateOf(this, 'externalBuildSignedUrl');
    const name = nameOf(this, method, 'externalBuildSignedUrl');
    return state.asyncSigning ? state.engine.buildSignedUrlAsync(name, args, true) : state.engine.buildSignedUrl(name, args, true);
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
    return stateOf(this, 'clockOffset').engine.clockOffset;
  }
}

function call(client, name, args) {
  const state = stateOf(client, `${client?.constructor?.name}.${name}`);
  if (state.fake) return fakeCall(client, state, name, args);
  const label = `${client.constructor.name}.${name}`;
  if (DEBUG) log(`${label}: calling`);
  return send(state, name, args).then(
    (result) => {
      if (DEBUG) log(`${label}: done`);
      return result;
    },
    (error) => {
      const failure = asTaskclusterError(error);
      if (DEBUG) log(`${label}: failed`, { code: failure.code, statusCode: failure.statusCode, retries: failure.retries, url: failure.url });
      throw failure;
    },
  );
}

async function send(state, name, args) {
  try {
    return await state.engine.call(name, args);
  } catch (error) {
    // An agent whose credentials were refused fetches fresh ones, and the call is made once more.
    if (!state.renewing || error?.statusCode !== 401) throw error;
    await state.renewing.credentialsRejected();
    return state.engine.call(name, args);
  }
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
  state.engine.check(name, args);
  const entry = entryOf(client, name, name);
  const record = {};
  entry.args.forEach((arg, i) => { record[arg] = cloned(args[i]); });
  if (entry.input) record.payload = cloned(args[entry.args.length]);
  const query = args[entry.args.length + (entry.input ? 1 : 0)];
  if (query) record.query = cloned(query);
  client.fakeCalls[name].push(record);
  if (DEBUG) log(`${client.constructor.name}.${name}: faked`);
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
    const method = named(function (...args) { return call(this, name, args); }, name);
    methodNames.set(method, name);
    Object.defineProperty(cls.prototype, name, { value: method, writable: true, configurable: true });
  }
  return cls;
}

/** taskcluster-client-web's `Client.create(reference)`: a class for a reference. */
BaseClient.create = (reference) => createClient(reference);

// ------------------------------------------------------------------ exchange classes

const exchangePrefixes = new WeakMap();

/** What every exchange class shares. */
export class BaseExchanges {
  /** Takes the options of a service client (as taskcluster-client's events classes do); only exchangePrefix matters. */
  constructor(options) {
    const cls = this.constructor;
    const copy = copyOptions(options, `new ${cls.name}(options)`, OPTION_NAMES);
    apiOf(cls); // checks the reference, once per class
    exchangePrefixes.set(this, exchangePrefixOf(cls.reference, copy, cls.name));
  }
}

/** A class for an exchanges reference `{name, exchangePrefix, exchanges}`. */
export function exchangeClass(reference) {
  checkReference(reference, 'exchanges', 'exchangeClass');
  const cls = named(class extends BaseExchanges {}, reference.name);
  cls.reference = reference;
  for (const entry of reference.exchanges) {
    const { name, routingKey } = entry;
    if (BASE_EXCHANGES_MEMBERS.includes(name)) continue;
    Object.defineProperty(cls.prototype, name, {
      value: named(function (pattern) {
        if (!exchangePrefixes.has(this)) throw new TypeError(`${cls.name}.${name} must be called on an instance made with new`);
        const binding = routingKeyBinding(entry, exchangePrefixes.get(this), pattern, `${cls.name}.${name}`);
        return { ...binding, routingKeyReference: structuredClone(routingKey) };
      }, name),
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
  apiOf(cls); // a malformed reference fails here, not at the first construction
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
