// Helpers for the emulator tests: Hawk-signed requests made with the npm
// `hawk` client, and temporary-credential certificates built with node:crypto.
import crypto from 'node:crypto';
import hawk from 'hawk';

export const hawkCredentials = ({ clientId, accessToken }) => ({ id: clientId, key: accessToken, algorithm: 'sha256' });

export const encodeExt = (ext) => Buffer.from(JSON.stringify(ext)).toString('base64');

// fetch with a Hawk Authorization header (when credentials are given).
// options: {method, body (JSON value), ext (object), payloadHash (bool), headers, redirect}
export async function hawkFetch(url, credentials, options = {}) {
  const method = options.method ?? 'GET';
  const headers = { ...(options.headers ?? {}) };
  let body;
  if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['Content-Type'] ??= 'application/json';
  }
  if (credentials) {
    const { header } = hawk.client.header(url, method, {
      credentials: hawkCredentials(credentials),
      ext: options.ext ? encodeExt(options.ext) : undefined,
      ...(options.payloadHash ? { payload: body ?? '', contentType: headers['Content-Type'] ?? '' } : {}),
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    });
    headers.Authorization = header;
  }
  return fetch(url, { method, headers, body, redirect: options.redirect ?? 'manual' });
}

export function bewitUrl(url, credentials, { ext, ttlSec = 300 } = {}) {
  const bewit = hawk.client.getBewit(url, {
    credentials: hawkCredentials(credentials), ttlSec, ext: ext ? encodeExt(ext) : undefined,
  });
  return `${url}${url.includes('?') ? '&' : '?'}bewit=${bewit}`;
}

// A temporary-credentials certificate as the auth service expects it.
// trailingNewline reproduces a known client bug (a "\n" after an empty `scopes:`).
export function temporaryCredentials(issuer, { scopes, name, start = Date.now() - 60_000, expiry = Date.now() + 3600_000, trailingNewline = false }) {
  const seed = crypto.randomBytes(33).toString('base64url');
  const cert = { version: 1, scopes, start, expiry, seed, signature: '' };
  if (name !== undefined) cert.issuer = issuer.clientId;
  const lines = ['version:1'];
  if (name !== undefined) lines.push(`clientId:${name}`, `issuer:${issuer.clientId}`);
  lines.push(`seed:${seed}`, `start:${start}`, `expiry:${expiry}`, 'scopes:', ...scopes);
  const signed = lines.join('\n') + (trailingNewline ? '\n' : '');
  cert.signature = crypto.createHmac('sha256', issuer.accessToken).update(signed).digest('base64');
  const accessToken = crypto.createHmac('sha256', issuer.accessToken).update(seed).digest('base64')
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  return { clientId: name ?? issuer.clientId, accessToken, certificate: cert };
}

export const api = (emu, service, path) => `${emu.rootUrl}/api/${service}/v1${path}`;

export function taskDefinition(overrides = {}) {
  const now = Date.now();
  return {
    taskQueueId: 'proj-demo/ci',
    created: new Date(now).toJSON(),
    deadline: new Date(now + 3600_000).toJSON(),
    payload: { command: ['true'] },
    metadata: { name: 'emulator test', description: 'created by tests/emulator', owner: 'test@example.com', source: 'https://example.com/test' },
    ...overrides,
  };
}

export function newTaskId() {
  const bytes = crypto.randomBytes(16);
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  bytes[0] &= 0x7f;
  return bytes.toString('base64url');
}
