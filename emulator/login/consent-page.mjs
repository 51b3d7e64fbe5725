// The consent page: who asks, for which scopes, for how long; Allow or Deny.
// Plain HTML forms, no script.
const escape = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function consentPage({ transactionId, registration, scopes, expires }) {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Sign in with Taskcluster</title>
<style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem}
code{background:#eee;padding:0 .2em}button{font-size:1rem;padding:.4em 1.2em;margin-right:.5em}</style></head>
<body>
<h1>Sign in with Taskcluster</h1>
<p><strong id="client">${escape(registration.clientId)}</strong> (${escape(registration.description)})
asks for Taskcluster credentials on your behalf, as <code>${escape(registration.identity)}</code>.</p>
<p>Scopes:</p>
<ul id="scopes">${scopes.map((s) => `<li><code>${escape(s)}</code></li>`).join('')}</ul>
<p>Until: <span id="expires">${escape(expires)}</span></p>
<form method="post" action="/login/oauth/authorize/decision">
<input type="hidden" name="transaction_id" value="${escape(transactionId)}">
<button type="submit" id="allow">Allow</button>
<button type="submit" id="deny" name="cancel" value="Deny">Deny</button>
</form>
</body></html>
`;
}

export function errorPage(status, error, description) {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${status} ${escape(error)}</title></head>
<body><h1>${escape(error)}</h1><p id="error-description">${escape(description)}</p></body></html>
`;
}
