// Temporary credentials, issued in the page with createTemporaryCredentials and
// signed with the signed-in (permanent) access token. No request is made.
import { $, h, fillFacts, guarded, prettyJson, showError, when } from '../lib/dom.js';

const MASK = '•••••••• (hidden; “Copy JSON” copies it)';

export function initTempCreds(app) {
  const { tc, session } = app;
  const form = $('temp-form');
  const errorSlot = $('temp-error');
  const warning = $('temp-warning');
  const status = $('temp-status');
  let issued = null; // kept in this closure only

  const lines = (text) => text.split('\n').map((line) => line.trim()).filter(Boolean);

  function create() {
    if (!session.signedIn) throw new Error('Sign in first: temporary credentials are signed with your access token.');
    if (session.hasCertificate) {
      throw new Error('You are signed in with temporary credentials, which cannot issue more. Sign in with permanent credentials.');
    }
    const scopes = lines($('temp-scopes').value);
    scopes.forEach((scope, i) => {
      if (!tc.validScope(scope)) throw new TypeError(`Scope on line ${i + 1} is not valid (printable ASCII): ${JSON.stringify(scope)}`);
    });
    const duration = $('temp-duration').value.trim();
    if (!duration) throw new TypeError('Give a duration such as "1 hour"');
    const expiry = tc.fromNow(duration);
    if (expiry.getTime() <= Date.now()) throw new RangeError(`"${duration}" is not in the future`);
    const name = $('temp-name').value.trim();
    const { clientId, accessToken } = session.credentials;
    const credentials = tc.createTemporaryCredentials({ clientId, accessToken, expiry, scopes, ...(name ? { name } : {}) });

    // Warn about scopes the issuer does not have: such credentials are rejected when used.
    const problems = [];
    if (session.scopes) {
      const mine = new tc.ScopeSet(session.scopes);
      const missing = scopes.filter((scope) => !mine.satisfies(scope));
      if (missing.length) problems.push(`Your scopes do not cover ${missing.join(', ')}: requests with these credentials will fail.`);
      if (name && !mine.satisfies(`auth:create-client:${name}`)) {
        problems.push(`Named credentials need auth:create-client:${name}, which you do not have.`);
      }
    }
    warning.textContent = problems.join(' ');
    warning.hidden = problems.length === 0;
    return credentials;
  }

  function render() {
    const certificate = JSON.parse(issued.certificate);
    $('temp-result').hidden = false;
    fillFacts($('temp-summary'), [
      ['Client ID', issued.clientId],
      ['Issuer', certificate.issuer ?? session.clientId],
      ['Scopes', certificate.scopes.length ? certificate.scopes.join('  ') : '(none)'],
      ['Valid', `${when(certificate.start)} → ${when(certificate.expiry)}`],
    ]);
    $('temp-output').textContent = prettyJson({ ...issued, accessToken: MASK });
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    status.textContent = '';
    // A failed attempt must not leave earlier credentials on screen as if they were its result.
    issued = null;
    $('temp-result').hidden = true;
    warning.hidden = true;
    const credentials = await guarded(errorSlot, form.querySelector('button[type=submit]'), async () => create(),
      { action: 'Could not create the credentials' });
    if (!credentials) return;
    issued = credentials;
    render();
    status.textContent = 'Created';
  });

  $('temp-copy').addEventListener('click', () => guarded(errorSlot, $('temp-copy'), async () => {
    if (!navigator.clipboard) throw new Error('The clipboard is not available in this context');
    await navigator.clipboard.writeText(prettyJson(issued));
    status.textContent = 'Copied to the clipboard';
  }));

  $('temp-use').addEventListener('click', async () => {
    if (!issued) return;
    showError(errorSlot, null);
    await app.panels.credentials.useCredentials(issued);
  });

  return {
    show() {
      if (!session.signedIn) status.textContent = 'Sign in first (permanent credentials).';
      else if (status.textContent.startsWith('Sign in')) status.textContent = '';
    },
  };
}
