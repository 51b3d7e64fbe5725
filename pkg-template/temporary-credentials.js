// createTemporaryCredentials with the options read here, in JS: wasm is crossed
// once, through the pad (pad.js), by the issuer's signer (hawk-signers.js: its
// accessToken kept as a prepared HMAC key), with the name, seed and scopes as text
// and the times as numbers. Anything unusual (strings for times, a certificate,
// wrong types, non-ASCII text) goes to the full wasm function, which does every
// check and throws the error that names the argument.
import { createTemporaryCredentials as checkedCreate } from './taskcluster_wasm.js';
import { signerOf } from './hawk-signers.js';
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
  if (result === undefined) return undefined;
  const newline = result.indexOf('\n');
  return { clientId: name ?? clientId, accessToken: result.slice(0, newline), certificate: result.slice(newline + 1) };
}

/** Issues temporary credentials signed with the issuer's permanent credentials. */
export function createTemporaryCredentials(options) {
  refuseUnknownOptions(options, OPTIONS, 'createTemporaryCredentials');
  let issued;
  try {
    issued = fastCreate(options);
  } catch {
    // A getter that throws, or any other surprise, is the checked path's to report.
  }
  return issued ?? checkedCreate(options);
}
