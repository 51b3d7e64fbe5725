// Temporary-credential certificates, checked the way the Taskcluster auth
// service checks them. Pure functions: the caller supplies the issuer and the clock.
import crypto from 'node:crypto';
import libScopes from 'taskcluster-lib-scopes';
import { ApiError } from './responses.mjs';

const FIVE_MINUTES = 5 * 60 * 1000;
const THIRTY_ONE_DAYS = 31 * 24 * 60 * 60 * 1000;

const fail = (message) => { throw new ApiError('AuthenticationFailed', message); };

// The signed text: one `key:value` line each, scopes one per line after
// `scopes:`, joined by "\n" with no trailing newline (so an empty scope list
// ends the text with `scopes:`).
export function certificateSignature(issuerAccessToken, cert, hawkId) {
  const lines = ['version:1'];
  if (cert.issuer !== undefined) lines.push(`clientId:${hawkId}`, `issuer:${cert.issuer}`);
  lines.push(`seed:${cert.seed}`, `start:${cert.start}`, `expiry:${cert.expiry}`, 'scopes:', ...cert.scopes);
  return crypto.createHmac('sha256', issuerAccessToken).update(lines.join('\n')).digest('base64');
}

// The key that Hawk signatures made with temporary credentials use.
export function temporaryAccessToken(issuerAccessToken, seed) {
  return crypto.createHmac('sha256', issuerAccessToken).update(seed).digest('base64url');
}

// Shape checks that need neither the issuer nor the clock.
export function checkCertificateShape(cert, hawkId) {
  if (cert === null || typeof cert !== 'object' || Array.isArray(cert)) fail('ext.certificate must be a JSON object');
  if (cert.version !== 1) fail('ext.certificate.version must be 1');
  if (typeof cert.seed !== 'string') fail('ext.certificate.seed must be a string');
  if (cert.seed.length !== 44) fail('ext.certificate.seed is not 44 characters');
  if (typeof cert.start !== 'number') fail('ext.certificate.start must be a number');
  if (typeof cert.expiry !== 'number') fail('ext.certificate.expiry must be a number');
  if (!Array.isArray(cert.scopes)) fail('ext.certificate.scopes must be an array');
  if (!cert.scopes.every(libScopes.validScope)) fail('ext.certificate.scopes must be an array of valid scopes');
  if (typeof cert.signature !== 'string') fail('ext.certificate.signature must be a string');
  if (cert.issuer !== undefined) {
    if (typeof cert.issuer !== 'string') fail('ext.certificate.issuer must be a string');
    if (cert.issuer === hawkId) fail('ext.certificate.issuer must differ from the supplied clientId');
  } else if (cert.clientId !== undefined) {
    fail('ext.certificate.clientId must only be used with ext.certificate.issuer');
  }
}

export function checkCertificateTimes(cert, nowMs) {
  if (cert.start > nowMs + FIVE_MINUTES) fail('ext.certificate.start > now');
  if (cert.expiry < nowMs - FIVE_MINUTES) fail('ext.certificate.expiry < now');
  if (cert.expiry - cert.start > THIRTY_ONE_DAYS) fail('ext.certificate cannot last longer than 31 days!');
}

// issuer: {clientId, accessToken}; issuerScopes: the issuer's expanded scopes.
// -> the accessToken Hawk must verify the request with.
export function checkCertificateAgainstIssuer(cert, hawkId, issuer, issuerScopes) {
  if (cert.issuer !== undefined) {
    const createScope = `auth:create-client:${hawkId}`;
    if (!libScopes.satisfiesExpression(issuerScopes, createScope)) {
      fail(`ext.certificate issuer \`${issuer.clientId}\` doesn't have \`${createScope}\` for supplied clientId.`);
    }
  }
  if (!libScopes.satisfiesExpression(issuerScopes, { AllOf: cert.scopes })) {
    fail(`ext.certificate issuer \`${issuer.clientId}\` doesn't satisfy all certificate scopes `
      + `${cert.scopes.join(', ')}. The temporary credentials were not generated correctly.`);
  }
  const expected = Buffer.from(certificateSignature(issuer.accessToken, cert, hawkId));
  const given = Buffer.from(cert.signature);
  if (expected.length !== given.length || !crypto.timingSafeEqual(expected, given)) {
    fail('ext.certificate.signature is not valid');
  }
  return temporaryAccessToken(issuer.accessToken, cert.seed);
}

// Unnamed temporary credentials issued by `issuer` ({clientId, accessToken}),
// as the queue hands out for object artifacts: {clientId, accessToken, certificate}.
export function issueTemporaryCredentials(issuer, scopes, nowMs, lifetimeMs) {
  const seed = crypto.randomBytes(33).toString('base64url'); // 44 characters, as certificates need
  const cert = { version: 1, scopes, start: nowMs - FIVE_MINUTES, expiry: nowMs + lifetimeMs, seed };
  cert.signature = certificateSignature(issuer.accessToken, cert, issuer.clientId);
  return { clientId: issuer.clientId, accessToken: temporaryAccessToken(issuer.accessToken, seed), certificate: JSON.stringify(cert) };
}
