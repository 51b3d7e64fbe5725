// The generic layer under every generated class: one class factory for REST
// services and one for exchange sets. Requests, signing and retries happen in
// wasm (ServiceClient); this file only shapes the JS API around it.
import { ExchangeSet, ServiceClient } from './taskcluster_wasm.js';

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

// Per-instance engines, out of reach of callers and of JSON.stringify.
const engines = new WeakMap();
const exchangeSets = new WeakMap();
// Credential agents that want to hear about a 401 (`credentialsRejected()`).
const renewingAgents = new WeakMap();

const BASE_MEMBERS = new Set(['constructor', 'request', 'buildUrl', 'buildSignedUrl', 'buildSignedUrlAsync', 'pages', 'paginate', 'clockOffset']);

function entryOf(client, name) {
  const entry = client.constructor.reference.functions.find((f) => f.name === name);
  if (!entry) throw new TypeError(`${client.constructor.reference.name} has no method ${JSON.stringify(name)}`);
  return entry;
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
    engines.set(this, new ServiceClient(this.constructor.reference, options));
    const agent = options?.credentialAgent ?? options?.credentials;
    if (typeof agent?.credentialsRejected === 'function') renewingAgents.set(this, agent);
  }

  /**
   * The seed's keyword convention:
   * `request(name, {params: {taskId}, payload, query, paginationHandler})`.
   * With `paginationHandler`, every page is passed to it and the call resolves when the last has been.
   */
  async request(name, { params = {}, payload, query, paginationHandler } = {}) {
    const entry = entryOf(this, name);
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

  /** The URL of a method call: `buildUrl('task', taskId)`. */
  buildUrl(name, ...args) {
    return engines.get(this).buildUrl(name, args);
  }

  /** A signed URL for a GET method: `buildSignedUrl('getArtifact', taskId, runId, name, {expiration: 600})`. */
  buildSignedUrl(name, ...args) {
    return engines.get(this).buildSignedUrl(name, args);
  }

  /** Like buildSignedUrl, for credentials that come from an agent. */
  buildSignedUrlAsync(name, ...args) {
    return engines.get(this).buildSignedUrlAsync(name, args);
  }

  /** Every page of a paginated method, following `continuationToken`. */
  async *pages(name, ...args) {
    const entry = entryOf(this, name);
    const fixed = entry.args.length + (entry.input ? 1 : 0);
    const query = { ...(args[fixed] ?? {}) };
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
    return engines.get(this).clockOffset;
  }
}

async function call(client, name, args) {
  try {
    return await engines.get(client).call(name, args);
  } catch (error) {
    // An agent whose credentials were refused fetches fresh ones, and the call is made once more.
    const agent = renewingAgents.get(client);
    if (!agent || error?.statusCode !== 401) throw asTaskclusterError(error);
    await agent.credentialsRejected();
    return engines.get(client).call(name, args).catch((again) => {
      throw asTaskclusterError(again);
    });
  }
}

function named(cls, name) {
  Object.defineProperty(cls, 'name', { value: name });
  return cls;
}

/** A class for a REST service reference `{name, serviceName, apiVersion, functions}`. */
export function serviceClass(reference) {
  const cls = named(class extends BaseClient {}, reference.name);
  cls.reference = reference;
  for (const { name } of reference.functions) {
    if (BASE_MEMBERS.has(name)) continue; // still reachable through request(name, ...)
    Object.defineProperty(cls.prototype, name, {
      value: named(function (...args) { return call(this, name, args); }, name),
      writable: true,
      configurable: true,
    });
  }
  return cls;
}

/** What every exchange class shares. */
export class BaseExchanges {
  constructor(options) {
    exchangeSets.set(this, new ExchangeSet(this.constructor.reference, options));
  }
}

/** A class for an exchanges reference `{name, exchangePrefix, exchanges}`. */
export function exchangeClass(reference) {
  const cls = named(class extends BaseExchanges {}, reference.name);
  cls.reference = reference;
  for (const { name, routingKey } of reference.exchanges) {
    Object.defineProperty(cls.prototype, name, {
      value: named(function (pattern) {
        const binding = exchangeSets.get(this).binding(name, pattern);
        return { ...binding, routingKeyReference: structuredClone(routingKey) };
      }, name),
      writable: true,
      configurable: true,
    });
  }
  return cls;
}

const pascalCase = (serviceName) => serviceName.replace(/(^|-)([a-z])/g, (_, __, c) => c.toUpperCase());

/**
 * A class for any service, from our compact reference or Taskcluster's reference
 * format (`{serviceName, apiVersion, entries: [{type: 'function' | 'topic-exchange', ...}]}`).
 */
export function createClient(reference, name) {
  if (reference === null || typeof reference !== 'object') {
    throw new TypeError(`createClient: reference must be an object, got ${reference === null ? 'null' : typeof reference}`);
  }
  const entries = Array.isArray(reference.entries) ? reference.entries : undefined;
  const isExchanges = entries ? entries.some((e) => e.type === 'topic-exchange') : Array.isArray(reference.exchanges);
  const className = name ?? reference.name ?? `${pascalCase(String(reference.serviceName ?? 'Client'))}${isExchanges ? 'Events' : ''}`;
  const compact = { ...reference, name: className, apiVersion: reference.apiVersion ?? 'v1' };
  if (entries && isExchanges) {
    compact.exchanges = entries.filter((e) => e.type === 'topic-exchange')
      .map(({ name: n, exchange, routingKey }) => ({ name: n, exchange, routingKey }));
  } else if (entries) {
    compact.functions = entries.filter((e) => e.type === 'function').map((e) => ({
      name: e.name, method: e.method, route: e.route, args: e.args ?? [], query: e.query ?? [], input: Boolean(e.input), output: Boolean(e.output),
    }));
  }
  delete compact.entries;
  return isExchanges ? exchangeClass(compact) : serviceClass(compact);
}

/** Client classes for every service a deployment lists in `<rootUrl>/references/manifest.json`. */
BaseClient.fromManifest = async function fromManifest(rootUrl) {
  const fetchJson = async (url) => {
    const response = await fetch(url);
    if (!response.ok) throw new TaskclusterError(`fromManifest: HTTP ${response.status} for ${url}`, { statusCode: response.status, url });
    return response.json();
  };
  const root = String(rootUrl).replace(/\/+$/, '');
  const manifest = await fetchJson(`${root}/references/manifest.json`);
  const classes = {};
  for (const url of manifest.references ?? []) {
    // Deployments list absolute URLs; accept ones relative to the rootUrl too.
    const cls = createClient(await fetchJson(new URL(url, `${root}/`).href));
    classes[cls.name] = cls;
  }
  return classes;
};

export { BaseClient as Client };
