// The options of a service client, read and checked here (V8 reads objects far
// faster than wasm can through Reflect): every error names the constructor and
// the option's path, and wasm receives only strings and numbers.
import { MAX_ARRAY_LENGTH, checkedString, listText, optionalString } from './arguments.js';
import { optionalNumber, readField, retrySettings, typeName, unknownOption, unreadable, wellFormed } from './read-options.js';

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
export const OPTION_NAMES = Object.keys(CLIENT_OPTIONS);
// Options taskcluster-client refuses with an error of its own.
const RETIRED_OPTIONS = { monitor: 'monitoring client calls is no longer supported', stats: 'monitoring client calls is no longer supported' };

/** Per attempt, as the official clients' default. */
const DEFAULT_TIMEOUT_MS = 30_000;
/** Signed URLs' default lifetime, in seconds (taskcluster-client's). */
const DEFAULT_SIGNED_URL_EXPIRATION = 15 * 60;

// Option objects use() has built and checked itself: taken as they are.
const checkedOptions = new WeakSet();

/** Marks an options object made by use() from checked options. */
export function markChecked(options) {
  checkedOptions.add(options);
  return options;
}

/**
 * A copy of the caller's options, read one by one (a throwing getter is named by
 * its path), with every name checked. A non-object stays as given, for the caller to report.
 */
export function copyOptions(options, where, known = OPTION_NAMES) {
  if (options === null || typeof options !== 'object') return options;
  if (checkedOptions.has(options)) return options;
  let names;
  try {
    names = Object.keys(options);
  } catch (cause) {
    throw unreadable(where, 'options', cause);
  }
  const copy = {};
  for (const name of names) {
    if (!known.includes(name) && !(name in RETIRED_OPTIONS)) throw unknownOption(where, name, known);
    copy[name] = readField(options, name, where, 'options');
    if (name in RETIRED_OPTIONS && copy[name]) throw new TypeError(`${where}: options.${name}: ${RETIRED_OPTIONS[name]}`);
  }
  return copy;
}


const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);

/** A certificate given as JSON text or as an object, as compact JSON text. */
function certificateJson(value, where, path) {
  if (value === undefined || value === null) return undefined;
  let parsed = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(checkedString(value, where, path));
    } catch (cause) {
      if (cause instanceof TypeError) throw cause;
      throw new Error(`${where}: ${path} is not valid JSON`);
    }
  }
  if (!isObject(parsed)) throw new TypeError(`${where}: ${path} must be a JSON object or an object, got ${typeName(parsed)}`);
  let json;
  try {
    json = JSON.stringify(parsed);
  } catch (cause) {
    throw new Error(`${where}: ${path} cannot be serialized as JSON (${cause instanceof Error ? cause.message : typeName(cause)})`, { cause });
  }
  return checkedString(json, where, path);
}

/**
 * Credentials `{clientId, accessToken, certificate?}` as `{clientId, accessToken,
 * certificate (JSON text or undefined)}`. Messages never include the values.
 */
export function readCredentials(value, where, path) {
  if (!isObject(value)) throw new TypeError(`${where}: ${path} must be an object, got ${typeName(value)}`);
  const clientId = checkedString(readField(value, 'clientId', where, path), where, `${path}.clientId`);
  const accessToken = readField(value, 'accessToken', where, path);
  if (typeof accessToken !== 'string' || accessToken === '' || !wellFormed(accessToken)) {
    throw new TypeError(`${where}: ${path}.accessToken must be a non-empty string`);
  }
  if (clientId === '') throw new TypeError(`${where}: ${path}.clientId must be a non-empty string`);
  const certificate = certificateJson(readField(value, 'certificate', where, path), where, `${path}.certificate`);
  return { clientId, accessToken, certificate };
}

/** An array of strings, copied; errors name the offending index. */
function stringList(value, where, path) {
  if (!Array.isArray(value)) throw new TypeError(`${where}: ${path} must be an array, got ${typeName(value)}`);
  const length = readField(value, 'length', where, path);
  // The bound every list read in JS has (arguments.js): known without the wasm, before `ready`.
  if (length > MAX_ARRAY_LENGTH) {
    throw new RangeError(`${where}: ${path} has ${length} items; at most ${MAX_ARRAY_LENGTH} are accepted`);
  }
  return Array.from({ length }, (_, i) => {
    let item;
    try {
      item = value[i];
    } catch (cause) {
      throw unreadable(where, `${path}[${i}]`, cause);
    }
    return checkedString(item, where, `${path}[${i}]`);
  });
}

/** Whether `value` is a credentials agent (has a getCredentials() method); getters are read through `readField`. */
const isAgent = (value, where, path) => isObject(value) && typeof readField(value, 'getCredentials', where, path) === 'function';

/** `{}` or `{clientId: undefined, accessToken: undefined}` (taskcluster-client's defaults): anonymous. */
const isEmptyCredentials = (value, where, path) =>
  isObject(value) && ['clientId', 'accessToken', 'certificate'].every((key) => !readField(value, key, where, path));

/**
 * Reads a client's options (a `copyOptions` copy) for class `cls`: `{settings}`
 * (what the wasm engine is made from), `urls` (`{rootUrl, baseUrl, inCluster}`:
 * where its requests go, method-calls.js), `signedUrlExpiration` (seconds),
 * `options` (for use(): plain data, copied),
 * `fake`, `timeout`, `agent`, `asyncSigning` and `renewing` (an agent that hears about a 401).
 */
export function readClientOptions(copy, cls, where) {
  if (copy === undefined || copy === null) throw new TypeError(`${where}: options is required: at least {rootUrl}`);
  if (!isObject(copy)) throw new TypeError(`${where}: options must be an object, got ${typeName(copy)}`);
  for (const name of ['serviceName', 'serviceVersion']) {
    const own = name === 'serviceName' ? cls.reference.serviceName : cls.reference.apiVersion;
    if (copy[name] !== undefined && copy[name] !== own) {
      throw new TypeError(`${where}: options.${name} is ${JSON.stringify(own)} for this class; use createClient(reference) for another service`);
    }
  }
  if (copy.fake != null && typeof copy.fake !== 'object') throw new TypeError(`${where}: options.fake must be an object of method implementations`);
  if (copy.agent != null && typeof copy.agent !== 'object') throw new TypeError(`${where}: options.agent must be an object (http.Agent options), got ${typeName(copy.agent)}`);

  const rootUrl = optionalString(copy.rootUrl, where, 'options.rootUrl') || undefined;
  const baseUrl = optionalString(copy.baseUrl, where, 'options.baseUrl');
  if (rootUrl === undefined && baseUrl === undefined) {
    throw new TypeError(`${where}: options.rootUrl is required (e.g. "https://tc.example.com"; optionsFromEnvironment() reads TASKCLUSTER_ROOT_URL)`);
  }
  const scheme = optionalString(copy.serviceDiscoveryScheme, where, 'options.serviceDiscoveryScheme');
  if (scheme !== undefined && scheme !== 'default' && scheme !== 'k8s-dns') {
    throw new TypeError(`${where}: options.serviceDiscoveryScheme must be "default" or "k8s-dns"`);
  }
  if (scheme === 'k8s-dns' && baseUrl !== undefined) throw new TypeError(`${where}: options.serviceDiscoveryScheme "k8s-dns" needs rootUrl, not baseUrl`);

  const { agent, credentials } = credentialsOf(copy, where);
  const authorizedScopes = copy.authorizedScopes == null ? undefined : stringList(copy.authorizedScopes, where, 'options.authorizedScopes');
  const timeout = optionalNumber(copy.timeout, where, 'options.timeout') ?? DEFAULT_TIMEOUT_MS;
  const expiration = copy.signedUrlExpiration === undefined ? DEFAULT_SIGNED_URL_EXPIRATION : signedUrlExpiration(copy.signedUrlExpiration, where);
  const settings = [
    credentials?.clientId, credentials?.accessToken, credentials?.certificate, agent !== undefined,
    authorizedScopes && listText(authorizedScopes), ...retrySettings(copy, where), timeout,
    optionalString(copy.traceId, where, 'options.traceId'), expiration,
  ];
  // Plain data is kept as read, so a later change by the caller (or a use() client) reaches no other client.
  const options = { ...copy };
  if (credentials) options.credentials = { ...credentials };
  if (authorizedScopes) options.authorizedScopes = authorizedScopes;
  return {
    settings,
    urls: { rootUrl, baseUrl, inCluster: scheme === 'k8s-dns' },
    signedUrlExpiration: expiration,
    options,
    fake: copy.fake ?? undefined,
    timeout,
    agent,
    // client-web's option: its buildSignedUrl returns a Promise, so ours does too.
    asyncSigning: copy.credentialAgent != null,
    // An agent that wants to hear about a 401 (`credentialsRejected()`), to renew.
    renewing: agent && typeof readField(agent, 'credentialsRejected', where, 'the credentials agent') === 'function' ? agent : undefined,
  };
}

/** A signed URL's default lifetime: a positive number of seconds (fractions dropped). */
function signedUrlExpiration(value, where) {
  const path = 'options.signedUrlExpiration';
  if (typeof value !== 'number') throw new TypeError(`${where}: ${path} must be a number, got ${typeName(value)}`);
  if (!Number.isFinite(value)) throw new RangeError(`${where}: ${path} must be a finite number`);
  if (value <= 0) throw new RangeError(`${where}: ${path} must be a positive number of seconds`);
  return Math.floor(value);
}

/** `{agent}` (client-web's credentialAgent, or an agent given as credentials) or `{credentials}` (static, read). */
function credentialsOf(copy, where) {
  const given = copy.credentials;
  if (copy.credentialAgent != null) {
    if (!isAgent(copy.credentialAgent, where, 'options.credentialAgent')) {
      throw new TypeError(`${where}: options.credentialAgent must have a getCredentials() method`);
    }
    if (given != null && !isEmptyCredentials(given, where, 'options.credentials')) {
      throw new TypeError(`${where}: give options.credentials or options.credentialAgent, not both`);
    }
    return { agent: copy.credentialAgent };
  }
  if (given === undefined || given === null) return {};
  if (!isObject(given)) throw new TypeError(`${where}: options.credentials must be an object, got ${typeName(given)}`);
  if (isAgent(given, where, 'options.credentials')) return { agent: given };
  if (isEmptyCredentials(given, where, 'options.credentials')) return {};
  return { credentials: readCredentials(given, where, 'options.credentials') };
}

/**
 * A credentials agent's answer for one request, read as `readCredentials` does;
 * `undefined` when it has none (yet): the request then goes unsigned, as with client-web.
 */
export async function agentCredentials(agent, label) {
  const failed = (cause) => {
    const detail = cause instanceof Error ? `: ${cause.message}` : '';
    return new Error(`${label}: the credentials agent's getCredentials() failed${detail}`, { cause });
  };
  let answer;
  try {
    answer = await agent.getCredentials();
  } catch (cause) {
    throw failed(cause);
  }
  if (answer === undefined || answer === null) return undefined;
  return readCredentials(answer, label, "the credentials agent's getCredentials() result");
}
