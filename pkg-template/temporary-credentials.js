// createTemporaryCredentials with the options read here, in JS: wasm is crossed
// once, by the issuer's signer (hawk-signers.js: its accessToken kept as a
// prepared HMAC key), with the name, seed and scopes as text and the times as
// numbers. Anything unusual (strings for times, a certificate, wrong types, lone
// surrogates) takes the checked path: every option checked here, in order, then
// the same wasm function, whose rules (limits, names) throw errors that name the argument.
import { checkedCredentials, checkedObject, field, isAbsent, listText, optionalString, optionalStringArray } from './arguments.js';
import { HawkSigner } from './taskcluster_wasm.js';
import { signerOf } from './hawk-signers.js';
import { checkedTimeMs } from './time.js';
import { refuseUnknownOptions, wellFormed } from './read-options.js';

const OPTIONS = new Set(['clientId', 'accessToken', 'certificate', 'credentials', 'start', 'expiry', 'scopes', 'name', 'seed']);

/** Milliseconds for a Date or a number, as the checked path reads them; NaN when it must decide. */
function timeMs(value) {
  if (value instanceof Date) return value.getTime();
  // A Date's time clip: NaN outside the range of dates.
  return typeof value === 'number' ? new Date(Math.trunc(value)).getTime() : NaN;
}

const isText = (value) => typeof value === 'string' && wellFormed(value);
const isOptionalText = (value) => value == null || (value !== '' && isText(value));

function fastCreate(options) {
  if (typeof options !== 'object' || options === null) return undefined;
  const { credentials, start, expiry, scopes, seed } = options;
  // Ours: {clientId, accessToken, name?}; taskcluster-client's: {credentials, clientId?: name}.
  const issuer = credentials == null ? options : credentials;
  const name = credentials == null ? options.name : options.name ?? options.clientId;
  if (typeof issuer !== 'object' || issuer === null || !isOptionalText(name) || !isOptionalText(seed)) return undefined;
  const { clientId, accessToken } = issuer;
  const scopeList = scopes ?? [];
  if (!Array.isArray(scopeList)) return undefined;
  const startMs = start == null ? Math.trunc(Date.now()) : timeMs(start);
  const expiryMs = expiry == null ? NaN : timeMs(expiry);
  if (!Number.isFinite(startMs) || !Number.isFinite(expiryMs)) return undefined;
  for (const scope of scopeList) if (!isText(scope)) return undefined;
  // The issuer's signer keeps its accessToken as a prepared key (permanent credentials only).
  const signer = signerOf(issuer, clientId, accessToken);
  if (signer === undefined) return undefined;
  const result = signer.issueTemporaryCredentials(false, name ?? undefined, startMs, expiryMs, listText(scopeList), seed ?? undefined);
  return credentialsOf(name ?? clientId, result);
}

/** The credentials from wasm's `accessToken\ncertificate`. */
function credentialsOf(clientId, result) {
  const newline = result.indexOf('\n');
  return { clientId, accessToken: result.slice(0, newline), certificate: result.slice(newline + 1) };
}

const LABEL = 'createTemporaryCredentials';

/** The checked path: every option read and checked, in order, each error naming its option. */
function checkedCreate(options) {
  checkedObject(options, LABEL, 'options');
  const get = (name) => field(options, name, LABEL, 'options');
  // Ours: {clientId, accessToken, name?}; taskcluster-client's: {credentials, clientId?: name}.
  const nested = get('credentials');
  let name = optionalString(get('name'), LABEL, 'options.name');
  const issuer = isAbsent(nested) ? checkedCredentials(options, LABEL, 'options') : checkedCredentials(nested, LABEL, 'options.credentials');
  if (!isAbsent(nested)) name ??= optionalString(get('clientId'), LABEL, 'options.clientId');
  const start = get('start');
  const startMs = isAbsent(start) ? Math.trunc(Date.now()) : checkedTimeMs(start, LABEL, 'options.start');
  const expiry = get('expiry');
  if (isAbsent(expiry)) throw new TypeError(`${LABEL}: options.expiry is required (a Date, ms number or ISO string)`);
  const expiryMs = checkedTimeMs(expiry, LABEL, 'options.expiry');
  // No scopes means none, as in taskcluster-client (signed without its trailing-newline bug).
  const scopes = optionalStringArray(get('scopes'), LABEL, 'options.scopes') ?? [];
  const seed = optionalString(get('seed'), LABEL, 'options.seed');
  const { clientId, accessToken, certificate } = issuer;
  const signer = new HawkSigner(clientId, accessToken);
  try {
    return credentialsOf(name ?? clientId, signer.issueTemporaryCredentials(certificate !== undefined, name, startMs, expiryMs, listText(scopes), seed));
  } finally {
    signer.free();
  }
}

/** Issues temporary credentials signed with the issuer's permanent credentials. */
export function createTemporaryCredentials(options) {
  refuseUnknownOptions(options, OPTIONS, LABEL);
  let issued;
  try {
    issued = fastCreate(options);
  } catch {
    // A getter that throws, or any other surprise, is the checked path's to report.
  }
  return issued ?? checkedCreate(options);
}
