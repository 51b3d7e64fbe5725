// A complete page that signs in with Taskcluster and lists the user's scopes.
// Open it as index.html?rootUrl=<deployment>&clientId=<registered OAuth2 client>&flow=token|code
// (the page is its own redirect URI: register its URL for the client).
import { Auth, OAuthCredentialAgent, finishSignIn, signInWithPopup, startSignIn } from 'taskcluster-wasm';

const params = new URLSearchParams(location.search);
const signInOptions = {
  rootUrl: params.get('rootUrl') ?? 'https://tc.example.com',
  clientId: params.get('clientId') ?? 'my-dashboard',
  responseType: params.get('flow') ?? 'token',
  redirectUri: location.origin + location.pathname,
  scopes: ['auth:current-scopes', 'secrets:get:project/demo/*'],
  expires: params.get('expires') ?? '1 hour',
  storage: 'session', // survives reloads of this tab; see the README for the trade-offs
};

const $ = (id) => document.getElementById(id);
let agent = null;

function showError(error) {
  $('error').hidden = false;
  $('error').textContent = `${error.code ?? error.name}: ${error.message}`;
}

async function show() {
  $('signed-in').hidden = !agent;
  $('sign-out').hidden = !agent;
  if (!agent) {
    $('status').textContent = 'Not signed in';
    return;
  }
  // One agent serves every client of the page; it renews the credentials itself.
  const auth = new Auth({ rootUrl: agent.rootUrl, credentials: agent });
  const { scopes } = await auth.currentScopes();
  $('status').textContent = `Signed in as ${agent.clientId}`;
  $('expires').textContent = agent.expires.toISOString();
  $('scopes').replaceChildren(...scopes.map((scope) => Object.assign(document.createElement('li'), { textContent: scope })));
}

// A Worker gets temporary credentials restricted to one scope, never the agent's token.
async function askWorker() {
  const credentials = await agent.createTemporaryCredentials({ scopes: ['auth:current-scopes'] });
  const worker = new Worker(new URL('./worker.js', import.meta.url), { type: 'module' });
  const answer = await new Promise((resolve) => {
    worker.onmessage = (event) => resolve(event.data);
    worker.postMessage({ rootUrl: agent.rootUrl, credentials });
  });
  worker.terminate();
  if (answer.error) throw new Error(answer.error);
  $('worker-scopes').replaceChildren(...answer.scopes.map((scope) => Object.assign(document.createElement('li'), { textContent: scope })));
}

const run = (action) => async () => {
  $('error').hidden = true;
  try {
    await action();
  } catch (error) {
    showError(error);
  }
};

$('sign-in').onclick = run(() => startSignIn(signInOptions));
$('sign-in-popup').onclick = run(async () => {
  agent = await signInWithPopup(signInOptions);
  await show();
});
$('sign-out').onclick = run(async () => {
  agent.signOut();
  agent = null;
  await show();
});
$('refresh').onclick = run(show);
$('worker').onclick = run(askWorker);

await run(async () => {
  // Back from the deployment (the answer is in the fragment or the query), or an earlier sign-in.
  const isRedirect = /[#&?]state=/.test(location.href) || /[#&?]error=/.test(location.href);
  agent = isRedirect ? await finishSignIn() : OAuthCredentialAgent.restore({ storage: 'session' });
  if (isRedirect && agent === null) return; // a popup: it handed the answer to its opener and closes
  await show();
})();
$('sign-in').disabled = false;
$('sign-in-popup').disabled = false;
document.body.dataset.ready = 'true';
