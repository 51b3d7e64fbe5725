// The redirect page of "Sign in with Taskcluster": checks the deployment's
// answer, fetches the first credentials, then returns to the dashboard, which
// picks the sign-in up from sessionStorage.
import { showError } from './lib/dom.js';

const status = document.getElementById('signed-in-status');
try {
  const tc = await import('/pkg/web/index.js');
  const agent = await tc.finishSignIn();
  if (agent) location.replace('/#credentials');
} catch (error) {
  status.textContent = 'The sign-in did not complete.';
  showError(document.getElementById('signed-in-error'), error);
  document.body.dataset.ready = 'error';
}
