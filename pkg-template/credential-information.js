// credentialInformation: what a set of credentials is and may do, from its
// certificate and from the deployment's auth service.
import { Auth } from './services/index.js';
import { readingOptions } from './read-options.js';
import { typeOf } from './arguments.js';

function checkedCredentials(credentials) {
  if (credentials === null || typeof credentials !== 'object') {
    throw new TypeError(`credentialInformation: credentials must be an object {clientId, accessToken, certificate?}, got ${typeOf(credentials)}`);
  }
  for (const key of ['clientId', 'accessToken']) {
    if (typeof credentials[key] !== 'string' || credentials[key] === '') {
      throw new TypeError(`credentialInformation: credentials.${key} must be a non-empty string, got ${typeOf(credentials[key])}`);
    }
  }
  return credentials;
}

/** The certificate as an object, or undefined for permanent credentials. */
function certificateOf({ certificate }) {
  if (certificate === undefined || certificate === null || certificate === '') return undefined;
  if (typeof certificate === 'object') return certificate;
  if (typeof certificate !== 'string') {
    throw new TypeError(`credentialInformation: credentials.certificate must be JSON text or an object, got ${typeOf(certificate)}`);
  }
  try {
    return JSON.parse(certificate);
  } catch {
    // The text itself is not quoted: it carries a signature.
    throw new TypeError('credentialInformation: credentials.certificate is not valid JSON');
  }
}

/**
 * `{clientId, type: 'permanent' | 'temporary', active, start?, expiry, scopes}`
 * for `credentials`: start and expiry from the certificate, the earlier expiry
 * of the certificate and the issuing client, the scopes the auth service
 * grants (expanded), and `active` false when the client is disabled or the
 * credentials are not yet or no longer valid.
 *
 * taskcluster-client takes `(rootUrl, credentials)`, taskcluster-client-web
 * `(credentials, rootUrl)`; both orders work.
 */
export async function credentialInformation(rootUrl, credentials) {
  if (typeof credentials === 'string' && typeof rootUrl === 'object' && rootUrl !== null) {
    [rootUrl, credentials] = [credentials, rootUrl];
  }
  if (typeof rootUrl !== 'string' || rootUrl === '') {
    throw new TypeError(`credentialInformation: rootUrl must be a non-empty string, got ${typeOf(rootUrl)}`);
  }
  const { result, issuer } = readingOptions('credentialInformation', () => {
    checkedCredentials(credentials);
    const certificate = certificateOf(credentials);
    const known = { clientId: credentials.clientId, active: true, type: certificate ? 'temporary' : 'permanent' };
    if (!certificate) return { result: known, issuer: credentials.clientId };
    Object.assign(known, { scopes: certificate.scopes, start: new Date(certificate.start), expiry: new Date(certificate.expiry) });
    return { result: known, issuer: certificate.issuer || credentials.clientId };
  }, 'credentials');

  let client;
  let scopes;
  try {
    [client, { scopes }] = await Promise.all([
      new Auth({ rootUrl }).client(issuer),
      new Auth({ rootUrl, credentials }).currentScopes(),
    ]);
  } catch (error) {
    // The failing call names itself (e.g. Auth.currentScopes); the caller called credentialInformation.
    if (error instanceof Error && !error.message.startsWith('credentialInformation')) error.message = `credentialInformation: ${error.message}`;
    throw error;
  }
  const clientExpires = new Date(client.expires);
  if (!result.expiry || result.expiry > clientExpires) result.expiry = clientExpires;
  if (client.disabled) result.active = false;
  result.scopes = scopes;

  const now = new Date();
  if ((result.start && result.start > now) || (result.expiry && result.expiry < now)) result.active = false;
  return result;
}
