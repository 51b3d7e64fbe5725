// Credentials: sign in (verified with auth.currentScopes()), show the scopes, sign out.
import { $, h, guarded, showError } from '../lib/dom.js';

export function initCredentials(app) {
  const { session } = app;
  const form = $('cred-form');
  const rootUrl = $('cred-root-url');
  const clientId = $('cred-client-id');
  const accessToken = $('cred-access-token');
  const certificate = $('cred-certificate');
  const status = $('cred-status');
  const errorSlot = $('cred-error');
  const signInButton = $('cred-sign-in');

  rootUrl.value = session.rootUrl;

  // Running the demo: say where its credentials are (never served to the page).
  const demoClients = app.config.demo?.clientIds ?? [];
  if (demoClients.length) {
    $('cred-demo-hint').replaceChildren(
      'Demo credentials: ', h('code', {}, 'bash scripts/main.sh'), ' prints them in its terminal when it starts (',
      ...demoClients.flatMap((id, i) => [i ? ' and ' : '', h('code', {}, id)]),
      ', each with its access token). Copy a clientId and its accessToken here.');
    $('cred-demo-hint').hidden = false;
  }

  function renderScopes() {
    const scopes = session.scopes;
    $('cred-scopes-card').hidden = !session.signedIn || !scopes;
    $('cred-sign-out').disabled = !session.signedIn;
    if (!scopes) return;
    $('cred-scopes-count').textContent = String(scopes.length);
    $('cred-scopes').replaceChildren(...scopes.map((scope) => h('li', {}, scope)));
    status.textContent = session.kind === 'oauth'
      ? `Signed in as ${session.clientId} (Sign in with Taskcluster, until ${session.expires?.toISOString()})`
      : `Signed in as ${session.clientId}`;
    status.className = 'status ok';
  }

  function fillForm(values) {
    rootUrl.value = values?.rootUrl ?? session.rootUrl;
    clientId.value = values?.clientId ?? '';
    accessToken.value = values?.accessToken ?? ''; // the only place the token is ever put back
    certificate.value = values?.certificate ?? '';
  }

  async function signIn(values) {
    status.textContent = 'Checking credentials…';
    status.className = 'status';
    const result = await guarded(errorSlot, signInButton, () => session.signIn(values));
    if (result === undefined) {
      status.textContent = session.signedIn ? `Still signed in as ${session.clientId}` : '';
      return false;
    }
    return true;
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    await signIn({ rootUrl: rootUrl.value, clientId: clientId.value, accessToken: accessToken.value, certificate: certificate.value });
  });

  // Sign in with Taskcluster: off to the deployment; www/signed-in.html brings the user back.
  $('oauth-sign-in').addEventListener('click', () => {
    guarded($('oauth-error'), $('oauth-sign-in'), async () => app.tc.startSignIn({
      rootUrl: rootUrl.value,
      clientId: $('oauth-client-id').value.trim(),
      responseType: $('oauth-flow').value,
      redirectUri: new URL('/signed-in.html', location.href).href,
      scopes: $('oauth-scopes').value.split(/\s+/).filter(Boolean),
      storage: 'session',
    }));
  });

  $('cred-sign-out').addEventListener('click', () => {
    session.signOut();
    fillForm(null);
    showError(errorSlot, null);
    status.textContent = 'Signed out';
    status.className = 'status';
  });

  session.onChange(renderScopes);
  renderScopes();

  return {
    /** After a reload: refill the form from sessionStorage and re-check the credentials. */
    async restore() {
      const agent = app.tc.OAuthCredentialAgent.restore({ storage: 'session' });
      if (agent) {
        status.textContent = 'Checking the Taskcluster sign-in…';
        const ok = await guarded($('oauth-error'), $('oauth-sign-in'), () => session.signInWithAgent(agent));
        if (ok === undefined) agent.signOut();
        return;
      }
      const stored = session.stored;
      if (!stored) return;
      fillForm(stored);
      const ok = await signIn(stored);
      if (!ok) {
        session.signOut();
        status.textContent = 'The stored credentials were rejected; signed out.';
      }
    },
    /** Signs in with other credentials (e.g. freshly made temporary ones). */
    async useCredentials(credentials) {
      fillForm({ rootUrl: session.rootUrl, ...credentials });
      app.go('credentials');
      return signIn({ rootUrl: session.rootUrl, ...credentials });
    },
    /** Back from temporary credentials to the permanent ones kept under them. */
    async switchToPermanent() {
      app.go('credentials');
      status.textContent = 'Switching back…';
      status.className = 'status';
      const result = await guarded(errorSlot, signInButton, () => session.switchToPermanent());
      if (result !== undefined) fillForm(session.stored);
      else status.textContent = session.signedIn ? `Still signed in as ${session.clientId}` : '';
    },
    show() {},
  };
}
