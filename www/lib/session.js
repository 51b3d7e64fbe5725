// The signed-in credentials. Kept in sessionStorage (this tab only, gone when it
// closes), never in localStorage and never in a URL.
const KEY = 'taskcluster-dashboard/session';

export function normalizeRootUrl(value) {
  const text = String(value ?? '').trim();
  let url;
  try {
    url = new URL(text);
  } catch {
    throw new TypeError(`Root URL is not a valid URL: ${JSON.stringify(text)}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new TypeError('Root URL must be http(s)');
  return text.replace(/\/+$/, '');
}

/** The certificate of temporary credentials as an object (stored as JSON text), or null. */
function certificateOf(stored) {
  if (!stored?.certificate) return null;
  try {
    const certificate = JSON.parse(stored.certificate);
    return certificate && typeof certificate === 'object' ? certificate : null;
  } catch {
    return null;
  }
}

/**
 * session.rootUrl / clientId / credentials / scopes / signedIn; kind
 * ('permanent' | 'temporary' | 'oauth' | null) and expires (a Date for temporary
 * and OAuth credentials); signInWithAgent(agent) for "Sign in with Taskcluster". signIn(...) verifies the credentials with auth.currentScopes()
 * before keeping them; signing in with temporary credentials over permanent
 * ones keeps the permanent ones, so switchToPermanent() can go back.
 */
export function createSession(tc, { defaultRootUrl }) {
  const events = new EventTarget();
  let stored = read();
  let scopes = null;
  // A "Sign in with Taskcluster" session: the agent renews the credentials and
  // keeps its own token (sessionStorage); `latest` are the credentials it last gave.
  let agent = null;
  let latest = null;

  function read() {
    try {
      const value = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
      if (value && typeof value.clientId === 'string' && typeof value.accessToken === 'string') return value;
    } catch {
      // unreadable: treat as signed out
    }
    return null;
  }

  const changed = () => events.dispatchEvent(new Event('change'));

  // Temporary credentials over permanent ones of the same deployment keep those, to switch back.
  function permanentUnder(root) {
    if (!stored || stored.rootUrl !== root) return undefined;
    return stored.certificate ? stored.permanent : { clientId: stored.clientId, accessToken: stored.accessToken };
  }

  const session = {
    get signedIn() { return stored !== null || agent !== null; },
    get rootUrl() { return agent?.rootUrl ?? stored?.rootUrl ?? defaultRootUrl; },
    get clientId() { return agent ? agent.clientId : stored?.clientId; },
    get hasCertificate() { return Boolean(agent ? latest?.certificate : stored?.certificate); },
    /**
     * 'permanent', 'temporary' (signed in with a certificate), 'oauth' ("Sign in with
     * Taskcluster": credentials that renew themselves) or null when signed out.
     */
    get kind() {
      if (agent) return 'oauth';
      return stored ? (stored.certificate ? 'temporary' : 'permanent') : null;
    },
    /** When temporary or OAuth credentials expire (a Date), else null. */
    get expires() {
      if (agent) return agent.expires;
      const expiry = certificateOf(stored)?.expiry;
      return Number.isFinite(expiry) ? new Date(expiry) : null;
    },
    /** The clientId of the permanent credentials kept under temporary ones, else null. */
    get permanentClientId() { return stored?.permanent?.clientId ?? null; },
    /** {clientId, accessToken, certificate?} or undefined (anonymous). */
    get credentials() {
      if (agent) return latest ? { ...latest } : undefined;
      if (!stored) return undefined;
      const { clientId, accessToken, certificate } = stored;
      return certificate ? { clientId, accessToken, certificate } : { clientId, accessToken };
    },
    /** The expanded scopes from auth.currentScopes() (null until known). */
    get scopes() { return scopes; },
    /** The stored fields, for refilling the form after a reload. */
    get stored() { return stored ? { ...stored } : null; },

    /** A service client for the current rootUrl and credentials (anonymous when signed out). */
    client(ServiceClass, { rootUrl = session.rootUrl, credentials = agent ?? session.credentials } = {}) {
      return new ServiceClass({ rootUrl, credentials, retries: 2, delayFactor: 50, timeout: 15000 });
    },

    /** Verifies with auth.currentScopes(), then keeps the credentials. Throws (and keeps nothing) on failure. */
    async signIn({ rootUrl, clientId, accessToken, certificate }) {
      const root = normalizeRootUrl(rootUrl);
      clientId = String(clientId ?? '').trim();
      if (!clientId) throw new TypeError('Client ID is required');
      if (!accessToken) throw new TypeError('Access token is required');
      let cert = typeof certificate === 'string' ? certificate.trim() : certificate;
      if (cert && typeof cert === 'string') {
        try {
          JSON.parse(cert);
        } catch {
          throw new TypeError('Certificate must be JSON (as issued with temporary credentials)');
        }
      }
      if (cert && typeof cert === 'object') cert = JSON.stringify(cert);
      const credentials = cert ? { clientId, accessToken, certificate: cert } : { clientId, accessToken };
      const auth = session.client(tc.Auth, { rootUrl: root, credentials });
      const result = await auth.currentScopes();
      const permanent = cert ? permanentUnder(root) : undefined;
      agent?.signOut();
      agent = null;
      latest = null;
      stored = permanent ? { rootUrl: root, ...credentials, permanent } : { rootUrl: root, ...credentials };
      scopes = result.scopes ?? [];
      sessionStorage.setItem(KEY, JSON.stringify(stored));
      changed();
      return scopes;
    },

    /** Signs in again with the permanent credentials kept under temporary ones. */
    async switchToPermanent() {
      const permanent = stored?.permanent;
      if (!permanent) throw new Error('No permanent credentials to go back to: sign in with them again.');
      return session.signIn({ rootUrl: stored.rootUrl, ...permanent });
    },

    /** Uses an OAuthCredentialAgent (after "Sign in with Taskcluster"); verified like signIn. */
    async signInWithAgent(newAgent) {
      const result = await session.client(tc.Auth, { rootUrl: newAgent.rootUrl, credentials: newAgent }).currentScopes();
      agent?.signOut();
      agent = newAgent;
      latest = await agent.getCredentials();
      agent.addEventListener('change', async () => {
        if (agent !== newAgent) return;
        latest = agent.signedIn ? await agent.getCredentials().catch(() => null) : null;
        changed();
      });
      stored = null;
      sessionStorage.removeItem(KEY);
      scopes = result.scopes ?? [];
      changed();
      return scopes;
    },

    signOut() {
      agent?.signOut(); // forgets the OAuth token too
      agent = null;
      latest = null;
      stored = null;
      scopes = null;
      sessionStorage.removeItem(KEY);
      changed();
    },

    onChange(listener) {
      events.addEventListener('change', listener);
    },
  };
  return session;
}
