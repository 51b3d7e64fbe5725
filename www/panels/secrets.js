// Secrets: list names and read one (read access depends on your scopes:
// demo/limited may read project/demo/* but not project/other/*).
import { $, h, guarded, prettyJson, when } from '../lib/dom.js';

export function initSecrets(app) {
  const { tc, session, config } = app;
  const form = $('secret-form');
  const input = $('secret-name');
  const errorSlot = $('secret-error');
  let listed = false;

  async function list() {
    const secrets = session.client(tc.Secrets);
    const names = [];
    for await (const name of secrets.paginate('list')) names.push(name);
    $('secret-list').replaceChildren(...names.map((name) => h('li', {},
      h('button', { type: 'button', onclick: () => get(name) }, name))));
    listed = true;
  }

  async function get(name) {
    input.value = name;
    $('secret-result').hidden = true;
    await guarded(errorSlot, form.querySelector('button[type=submit]'), async () => {
      if (!name.trim()) throw new TypeError('Enter a secret name');
      const secret = await session.client(tc.Secrets).get(name.trim());
      $('secret-title').textContent = name;
      $('secret-expires').textContent = `expires ${when(secret.expires)}`;
      $('secret-value').textContent = prettyJson(secret.secret);
      $('secret-result').hidden = false;
    }, { action: 'Could not read the secret' });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    get(input.value);
  });
  $('secret-list-refresh').addEventListener('click', (event) => guarded(errorSlot, event.currentTarget, list));
  session.onChange(() => { listed = false; $('secret-result').hidden = true; });
  if (config.demo?.secretNames?.length) input.placeholder = config.demo.secretNames[0];

  return {
    show() {
      if (!listed) guarded(errorSlot, null, list);
    },
  };
}
