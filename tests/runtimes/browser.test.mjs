// The built package in Chromium without a bundler: a page importing it through an
// import map, a module Web Worker and a module Service Worker over the `worker`
// entry. Each runs the probe (probe/probe.mjs) against the emulator (another origin).
// Run: node --test tests/runtimes/browser.test.mjs
import { test, before, after } from 'node:test';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import assert from '../support/assert.mjs';
import { CHROMIUM_ARGS } from '../support/browser-harness.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { DIST, checkProbe, checkSignedLink, startProbeTarget } from './probe/check.mjs';

const here = dirname(fileURLToPath(import.meta.url));
let target;
let site;
let browser;

before(async () => {
  target = await startProbeTarget();
  site = await startStaticServer(join(here, 'browser'), {}, { '/pkg/': DIST, '/probe/': join(here, 'probe') });
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});

after(async () => {
  await browser?.close();
  await site?.close();
  await target?.close();
});

/** A new page at `path` on the site, failing the test on any page error. */
async function open(t, path) {
  const context = await browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  t.after(() => assert.deepEqual(errors, []));
  await page.goto(`${site.url}${path}`);
  return page;
}

test('a page without a bundler imports the package through an import map', async (t) => {
  const page = await open(t, `/page.html#${encodeURIComponent(JSON.stringify(target.config))}`);
  // The module runs once the package's top-level await settles, maybe after the load event.
  await page.waitForFunction(() => window.report !== undefined);
  await checkProbe(await page.evaluate(() => window.report));
});

test('a module Web Worker uses the worker entry (a call before `ready` is refused clearly)', async (t) => {
  const page = await open(t, '/page.html#{}');
  const result = await page.evaluate((config) => new Promise((resolve, reject) => {
    const worker = new Worker('/worker.js', { type: 'module' });
    worker.onmessage = ({ data }) => { worker.terminate(); resolve(data); };
    worker.onerror = (e) => reject(new Error(`worker: ${e.message}`));
    worker.postMessage(config);
  }), target.config);
  assert.equal(result.error, undefined, result.error);
  assert.equal(result.isWorker, true);
  assert.deepEqual(result.early, { name: 'Error', message: 'taskcluster-wasm: the WebAssembly is not initialised yet; await `ready` before the first call' });
  assert.equal(result.earlyQueue, 'Queue', 'new Queue({authorizedScopes}) before `ready`');
  await checkProbe(result.report);
});

test('a module Service Worker signs artifact links and runs the probe', async (t) => {
  const page = await open(t, '/page.html#{}');
  await page.evaluate(async () => {
    const controlled = new Promise((resolve) => navigator.serviceWorker.addEventListener('controllerchange', resolve));
    await navigator.serviceWorker.register('/sw.js', { type: 'module', scope: '/' });
    await controlled;
  });
  const ask = (path) => page.evaluate(async ({ path, config }) => {
    const response = await fetch(`${path}?config=${encodeURIComponent(JSON.stringify(config))}`);
    return { status: response.status, body: await response.json() };
  }, { path, config: target.config });
  const link = await ask('/sw/artifact-link');
  assert.equal(link.status, 200, link.body.error);
  await checkSignedLink(link.body.url);
  const probe = await ask('/sw/probe');
  assert.equal(probe.status, 200, probe.body.error);
  await checkProbe(probe.body);
});
