// The browser benchmark: headless Chromium (Playwright, /usr/bin/chromium) on a
// page served from 127.0.0.1 (ephemeral port). Speed rows run every contender in
// the same page, interleaved; sizes are the bundles the page loads; the cold
// start is the time from navigation to the first signed URL in a fresh context.
// A measurement, never a test: nothing here asserts timing.
import path from 'node:path';
import { chromium } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../tests/support/browser-harness.mjs';
import { startStaticServer } from '../../tests/support/static-server.mjs';
import { ROOT } from '../paths.mjs';
import { measureFiles } from '../size.mjs';
import { median } from '../timing.mjs';
import { BROWSER_BUILD_DIR, buildBrowserBundles } from './bundles.mjs';

const PAGE = '<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>bench</title></head><body></body></html>';
const coldPage = (bundle, head = '') => `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,">${head}<script type="module" src="/${bundle}.js"></script></head><body></body></html>`;
// A page can have the browser fetch the wasm alongside the script instead of after it
// (pkg-template/README.md says how); the glue's fetch then takes the preloaded response.
const WASM_PRELOAD = '<link rel="preload" href="/taskcluster_wasm_bg.wasm" as="fetch" type="application/wasm" crossorigin>';
/** The cold pages: [page name, bundle, extra head]. */
const COLD_PAGES = [
  ['cold-ours', 'cold-ours', ''],
  ['cold-ours-preload', 'cold-ours', WASM_PRELOAD],
  ['cold-client-web', 'cold-client-web', ''],
  ['cold-blank', 'cold-blank', ''],
];

export const BROWSER_TIMING = { rounds: 9, roundMs: 100, warmupMs: 400 };
export const BROWSER_QUICK_TIMING = { rounds: 3, roundMs: 20, warmupMs: 20 };

const sizeOf = (...files) => measureFiles(files);

/** Milliseconds from navigation to the first signed URL (the blank page: to its script), each run in a fresh context (no cache). */
async function coldStart(browser, origin, pageNames, runs) {
  const samples = Object.fromEntries(pageNames.map((b) => [b, []]));
  for (let r = 0; r < runs; r++) {
    for (const name of r % 2 ? [...pageNames].reverse() : pageNames) {
      const context = await browser.newContext();
      try {
        const page = await context.newPage();
        await page.goto(`${origin}/__cold_${name}.html`);
        const handle = await page.waitForFunction(() => globalThis.__firstSignedUrl, null, { timeout: 30000 });
        const { url, ms } = await handle.jsonValue();
        if (name !== 'cold-blank' && !url.includes('bewit=')) throw new Error(`${name}: the first signed URL has no bewit: ${url}`);
        samples[name].push(ms);
      } finally {
        await context.close();
      }
    }
  }
  return Object.fromEntries(pageNames.map((b) => [b, { ms: median(samples[b]), runs: samples[b].map((x) => +x.toFixed(1)) }]));
}

export async function runBrowserBench({ quick = false } = {}) {
  const files = await buildBrowserBundles();
  const pages = { '/__bench__.html': PAGE };
  for (const [name, bundle, head] of COLD_PAGES) pages[`/__cold_${name}.html`] = coldPage(bundle, head);
  const server = await startStaticServer(BROWSER_BUILD_DIR, pages, { '/bench/': path.join(ROOT, 'bench') });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const version = browser.version();
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    await page.goto(`${server.url}/__bench__.html`);
    const timing = quick ? BROWSER_QUICK_TIMING : BROWSER_TIMING;
    const speed = await page.evaluate(async (timing) => {
      const [ours, web, scopes, wc, { browserCases }, { measureGroup }] = await Promise.all([
        import('/bench-ours.js'), import('/bench-client-web.js'), import('/bench-lib-scopes.js'),
        import('/bench/browser/webcrypto.mjs'), import('/bench/browser/page-cases.mjs'), import('/bench/browser/page-timing.mjs'),
      ]);
      const { warnings, groups } = await browserCases({ ours, web, scopes, wc });
      const measured = [];
      for (const group of groups) {
        measured.push({ title: group.title, rows: group.rows, results: await measureGroup(group.contenders, timing) });
      }
      return { warnings, groups: measured };
    }, timing);
    await page.close();
    const cold = await coldStart(browser, server.url, COLD_PAGES.map(([name]) => name), quick ? 1 : 7);
    const sizes = {
      ours: sizeOf(files['cold-ours'], files.wasm),
      oursJs: sizeOf(files['cold-ours']),
      wasm: sizeOf(files.wasm),
      clientWeb: sizeOf(files['cold-client-web']),
    };
    return { chromium: version, timing, speed: speed.groups, warnings: [...speed.warnings, ...pageErrors.map((e) => `page error: ${e}`)], cold, sizes };
  } finally {
    await browser?.close().catch(() => {});
    await server.close();
  }
}
