// 6. Making a client: `new Queue(options)` and `use(options)`, warm (in the
// timing loop), and the first construction in a fresh process (a note).
import { execFileSync } from 'node:child_process';
import { CREDENTIALS, ROOT_URL } from '../fixtures.mjs';
import { median } from '../timing.mjs';
import { ROOT } from '../paths.mjs';

export function constructionCase(ours, official) {
  const options = { rootUrl: ROOT_URL, credentials: CREDENTIALS };
  const oursQueue = new ours.Queue(options);
  const clientQueue = new official.client.Queue(options);
  const contenders = [
    { id: 'oursNew', label: 'new Queue(options)', fn: () => new ours.Queue(options) },
    { id: 'oursUse', label: 'queue.use({authorizedScopes})', fn: () => oursQueue.use({ authorizedScopes: ['a'] }) },
    { id: 'clientNew', label: 'taskcluster-client new Queue(options)', fn: () => new official.client.Queue(options) },
    { id: 'clientUse', label: 'taskcluster-client queue.use({authorizedScopes})', fn: () => clientQueue.use({ authorizedScopes: ['a'] }) },
  ];
  if (official.clientWeb) {
    const webQueue = new official.clientWeb.Queue(options);
    contenders.push(
      { id: 'webNew', label: 'taskcluster-client-web new Queue(options)', fn: () => new official.clientWeb.Queue(options) },
      { id: 'webUse', label: 'taskcluster-client-web queue.use({authorizedScopes})', fn: () => webQueue.use({ authorizedScopes: ['a'] }) },
    );
  }
  return {
    title: 'Client construction',
    contenders,
    rows: [
      { name: 'new Queue(options) vs taskcluster-client', ours: 'oursNew', official: 'clientNew' },
      { name: 'new Queue(options) vs client-web', ours: 'oursNew', official: 'webNew' },
      { name: 'queue.use(options) vs taskcluster-client', ours: 'oursUse', official: 'clientUse' },
      { name: 'queue.use(options) vs client-web', ours: 'oursUse', official: 'webUse' },
    ],
    notes: [firstConstructionNote()],
  };
}

/**
 * Median ms of the first `new Queue` after import, in fresh Node processes. The
 * time is taken before `process.stdout` is first read: that getter makes the
 * stream on first use (for a pipe, as here, a net.Socket: several milliseconds),
 * and in `process.stdout.write(String(performance.now() - t))` it runs before
 * the argument, so it was counted as construction.
 */
function firstConstruction(specifier, runs) {
  const script = `const m = await import(${JSON.stringify(specifier)}); const tc = m.Queue ? m : m.default;
    const t = performance.now(); new tc.Queue({ rootUrl: 'https://tc.example.com', credentials: { clientId: 'a', accessToken: 'b' } });
    const ms = performance.now() - t;
    process.stdout.write(String(ms));`;
  const times = [];
  for (let i = 0; i < runs; i++) {
    times.push(Number(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' })));
  }
  return median(times);
}

function firstConstructionNote() {
  const runs = process.argv.includes('--quick') ? 1 : 5;
  const ours = firstConstruction('taskcluster-wasm', runs);
  const client = firstConstruction('taskcluster-client', runs);
  return `first new Queue(options) in a fresh process (median of ${runs}): ours ${ours.toFixed(2)} ms, taskcluster-client ${client.toFixed(2)} ms`;
}
