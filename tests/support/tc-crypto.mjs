// Independent re-implementations of what the Taskcluster auth service checks,
// written from its documented algorithm (node:crypto only, no package code).
import crypto from 'node:crypto';

// The certificate signature exactly as the auth service verifies it: lines joined
// by "\n", no trailing newline; the scope lines follow the `scopes:` line.
export function authServiceSignature(issuerAccessToken, cert, name, issuerClientId) {
  const lines = ['version:1'];
  if (name !== undefined && name !== null) {
    lines.push(`clientId:${name}`, `issuer:${issuerClientId}`);
  }
  lines.push(`seed:${cert.seed}`, `start:${cert.start}`, `expiry:${cert.expiry}`, 'scopes:', ...cert.scopes);
  return crypto.createHmac('sha256', issuerAccessToken).update(lines.join('\n')).digest('base64');
}

// The temporary accessToken: base64url without padding of HMAC-SHA256(issuer token, seed).
export function tempAccessToken(issuerAccessToken, seed) {
  return crypto.createHmac('sha256', issuerAccessToken).update(seed).digest('base64')
    .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

// Decodes a Taskcluster Hawk ext (base64 of JSON). Returns undefined for an empty ext.
export function decodeExt(ext) {
  if (ext === undefined || ext === null || ext === '') return undefined;
  return JSON.parse(Buffer.from(ext, 'base64').toString('utf8'));
}

// Parses `Hawk a="b", c="d"` into {a: 'b', c: 'd'}; throws on anything else.
export function parseHawkHeader(header) {
  const m = /^Hawk (.*)$/.exec(header);
  if (!m) throw new Error(`not a Hawk header: ${header}`);
  const attrs = {};
  const rest = m[1].replace(/(\w+)="([^"\\]*)"\s*(?:,\s*|$)/g, (_, k, v) => {
    if (k in attrs) throw new Error(`duplicate attribute ${k}`);
    attrs[k] = v;
    return '';
  });
  if (rest !== '') throw new Error(`unparsable Hawk header: ${header}`);
  return attrs;
}
