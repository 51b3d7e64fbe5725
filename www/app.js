// The dashboard: loads the WebAssembly client from /pkg/, the deployment's
// rootUrl from /config.json, then wires up one panel per section.
import { $, relative, showError } from './lib/dom.js';
import { configureReachable } from './lib/errors.js';
import { createSession } from './lib/session.js';
import { initCredentials } from './panels/credentials.js';
import { initTask } from './panels/task.js';
import { initGroup } from './panels/group.js';
import { initTempCreds } from './panels/tempcreds.js';
import { initScopes } from './panels/scopes.js';
import { initSecrets } from './panels/secrets.js';
import { initWorker } from './panels/worker.js';

const PANELS = ['credentials', 'task', 'group', 'tempcreds', 'scopes', 'secrets', 'worker'];

async function loadConfig() {
  try {
    const response = await fetch('/config.json', { cache: 'no-store' });
    if (response.ok) return await response.json();
  } catch {
    // served without serve-demo: fall back below
  }
  return {};
}

async function main() {
  const [tc, config] = await Promise.all([import('/pkg/web/index.js'), loadConfig()]);
  configureReachable(config.reachable);
  const session = createSession(tc, { defaultRootUrl: config.rootUrl ?? '' });
  $('pkg-version').textContent = `taskcluster-wasm ${tc.version}`;

  const panels = {};
  const app = {
    tc,
    panels,
    config,
    session,
    /** Shows a panel; `arg` goes to its show(arg) (e.g. a taskId). */
    go(name, arg) {
      const hash = arg ? `#${name}/${encodeURIComponent(arg)}` : `#${name}`;
      if (location.hash !== hash) history.pushState(null, '', hash);
      route();
    },
  };

  panels.credentials = initCredentials(app);
  panels.task = initTask(app);
  panels.group = initGroup(app);
  panels.tempcreds = initTempCreds(app);
  panels.scopes = initScopes(app);
  panels.secrets = initSecrets(app);
  panels.worker = initWorker(app);

  const renderSummary = () => {
    $('session-dot').className = `dot ${session.signedIn ? 'dot-on' : 'dot-off'}`;
    $('session-who').textContent = session.signedIn ? `Signed in as ${session.clientId}` : 'Not signed in (anonymous)';
    const kind = $('session-kind');
    kind.hidden = !session.signedIn;
    kind.textContent = session.kind ?? '';
    kind.className = `kind kind-${session.kind ?? 'none'}`;
    const expiry = $('session-expiry');
    const expires = session.expires;
    expiry.hidden = !expires;
    if (expires) {
      const left = expires.getTime() - Date.now();
      expiry.textContent = left > 0 ? `expires ${relative(left)}` : `expired ${relative(left)}`;
      expiry.title = expires.toLocaleString();
      expiry.className = left > 0 ? (left < 5 * 60_000 ? 'expiry soon' : 'expiry') : 'expiry expired';
    }
    const back = $('session-back');
    back.hidden = !(session.kind === 'temporary' && session.permanentClientId);
    back.textContent = `Back to ${session.permanentClientId ?? ''} (permanent)`;
    $('session-root').textContent = session.rootUrl;
  };
  session.onChange(renderSummary);
  renderSummary();
  setInterval(renderSummary, 15_000); // the expiry countdown; lives as long as the page
  document.addEventListener('visibilitychange', () => { if (!document.hidden) renderSummary(); });
  $('session-back').addEventListener('click', () => panels.credentials.switchToPermanent());

  function route() {
    const [rawName, ...rest] = location.hash.replace(/^#/, '').split('/');
    const name = PANELS.includes(rawName) ? rawName : (session.signedIn ? 'task' : 'credentials');
    const arg = rest.length ? decodeURIComponent(rest.join('/')) : undefined;
    for (const panel of PANELS) {
      $(`panel-${panel}`).hidden = panel !== name;
      const link = document.querySelector(`.sidenav a[data-panel="${panel}"]`);
      if (panel === name) link.setAttribute('aria-current', 'page');
      else link.removeAttribute('aria-current');
    }
    panels[name]?.show?.(arg);
  }
  window.addEventListener('hashchange', route);

  $('loading').hidden = true;
  await panels.credentials.restore();
  route();
  document.body.dataset.ready = 'true';
}

main().catch((error) => {
  $('loading').hidden = true;
  showError($('fatal'), error);
  document.body.dataset.ready = 'error';
});
