// Who is calling and with which scopes: anonymous requests get the `anonymous`
// role; Hawk-signed ones are verified and their scopes computed as the auth
// service does (client scopes, or certificate scopes, then authorizedScopes),
// with `assume:anonymous` implicitly granted to everybody.
import libScopes from 'taskcluster-lib-scopes';
import { ApiError } from './responses.mjs';
import { expandScopes } from './roles.mjs';
import { decodeExt, rawExtOf } from './ext.mjs';
import { hasHawkAuthentication, verifyHawk } from './hawk-verify.mjs';
import { checkCertificateAgainstIssuer, checkCertificateShape, checkCertificateTimes } from './certificates.mjs';

export const IMPLICIT_SCOPES = ['assume:anonymous'];

const fail = (message) => { throw new ApiError('AuthenticationFailed', message); };

export function createAuthenticator({ state, clock }) {
  const expand = (scopes) => expandScopes(scopes, state.roles.values());

  // The clients of the deployment: unknown, disabled and expired ones fail.
  const loadStateClient = (clientId) => {
    const client = state.clients.get(clientId);
    if (!client) fail(`Client with clientId '${clientId}' not found`);
    if (client.disabled) fail(`Client '${clientId}' is disabled`);
    if (client.expires && new Date(client.expires).getTime() < clock.now()) fail(`Client '${clientId}' has expired`);
    return client;
  };

  // -> {authenticated, clientId, scopes, expires}
  async function authenticate(req, rawBody, { loadClient = loadStateClient, implicitScopes = IMPLICIT_SCOPES } = {}) {
    if (!hasHawkAuthentication(req)) {
      return { authenticated: false, clientId: undefined, scopes: expand(implicitScopes) };
    }
    const ext = decodeExt(rawExtOf(req));
    let result;
    const credentialsFor = async (hawkId) => {
      result = resolveCredentials(hawkId, ext, { loadClient, implicitScopes });
      return { id: hawkId, key: result.key, algorithm: 'sha256' };
    };
    const clientId = await verifyHawk(req, {
      rawBody, credentialsFor, localtimeOffsetMsec: clock.offsetMs(),
    });
    return { authenticated: true, clientId, scopes: result.scopes, expires: result.expires };
  }

  function resolveCredentials(hawkId, ext, { loadClient, implicitScopes }) {
    let key;
    let scopes;
    let expires;
    if (ext.certificate !== undefined) {
      const cert = ext.certificate;
      checkCertificateShape(cert, hawkId);
      const issuer = loadClient(cert.issuer ?? hawkId);
      const issuerScopes = expand([...issuer.scopes, ...implicitScopes]);
      checkCertificateTimes(cert, clock.now());
      key = checkCertificateAgainstIssuer(cert, hawkId, issuer, issuerScopes);
      scopes = expand([...cert.scopes, ...implicitScopes]);
      expires = new Date(Math.min(cert.expiry, issuer.expires ? new Date(issuer.expires).getTime() : Infinity)).toJSON();
    } else {
      const client = loadClient(hawkId);
      key = client.accessToken;
      scopes = expand([...client.scopes, ...implicitScopes]);
      expires = client.expires;
    }
    if (ext.authorizedScopes !== undefined) {
      const authorized = ext.authorizedScopes;
      if (!Array.isArray(authorized)) fail('ext.authorizedScopes must be an array');
      if (!authorized.every(libScopes.validScope)) fail('ext.authorizedScopes must be an array of valid scopes');
      if (!libScopes.satisfiesExpression(scopes, { AllOf: authorized })) fail('ext.authorizedScopes oversteps your scopes');
      scopes = expand([...authorized, ...implicitScopes]);
    }
    return { key, scopes, expires };
  }

  return { authenticate, expand };
}
