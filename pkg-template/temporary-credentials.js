// createTemporaryCredentials with the options read here, in JS: wasm is crossed
// once, through the pad (pad.js), by the issuer's signer (hawk-signers.js: its
// accessToken kept as a prepared HMAC key), with the name, seed and scopes as text
// and the times as numbers. Anything unusual (strings for times, a certificate,
// wrong types, non-ASCII text) takes the checked path: every option checked here,
// the rules (limits, names, the signature) in wasm, with errors that name the argument.
import { checkedCredentials, checkedObject, field, isAbsent, listText, optionalString, optionalStringArray } from './arguments.js';
import { createTemporaryCredentialsChecked } from './taskcluster_wasm.js';
import { signerOf } from './hawk-signers.js';
import { checkedTimeMs } from './time.js';
import { readPad, writePad } from './pad.js';
import { refuseUnknownOptions } from './read-options.js';

const OPTIONS = new Set(['clientId', 'accessToken', 'certificate', 'credentials', 'start', 'expiry', 'scopes', 'name', 'seed']);

/** Milliseconds for a Date or a number, as the checked path reads them; NaN when it must decide. */
function timeMs(value) {
  if (value instanceof Date) return value.getTime();
  return typeof value === 'number' ? Math.trunc(value) : NaN;
}

const isOptionalText = (value) => value == null || (typeof value === 'string' && value !== '');

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
  for (const scope of scopeList) if (typeof scope !== 'string') return undefined;
  const scopeLines = scopeList.length === 0 ? '' : `\n${scopeList.join('\n')}`;
  // The issuer's signer keeps its accessToken as a prepared key (permanent credentials only).
  const signer = signerOf(issuer, clientId, accessToken);
  if (signer === undefined) return undefined;
  const length = writePad(`${name ?? ''}\n${seed ?? ''}${scopeLines}`, 1024);
  const result = length < 0 ? undefined : readPad(length, signer.issueTemporaryCredentials(length, scopeList.length, startMs, expiryMs));
  return result === undefined ? undefined : credentialsOf(name ?? clientId, result);
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
  const result = createTemporaryCredentialsChecked(clientId, accessToken, certificate !== undefined, name, startMs, expiryMs, listText(scopes), seed);
  return credentialsOf(name ?? clientId, result);
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
