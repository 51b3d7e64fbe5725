// Headless Chromium on a page served from dist/ (tests/support/static-server.mjs), for
// the browser request tests:
//
//   const h = await startBrowserPage();          // in before()
//   const r = await h.inPage(`async (tc, args) => ...`, args);   // tc = import('/web/index.js')
//   await h.close();                              // in after()
//
// `h.pageErrors` collects uncaught page errors and console errors.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startStaticServer } from './static-server.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>taskcluster-wasm request test</title></head>
<body><pre id="log">results:</pre></body></html>`;

export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'];

export async function startBrowserPage() {
  const staticServer = await startStaticServer(path.join(ROOT, 'dist'), { '/__test__.html': PAGE });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const page = await browser.newPage();
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(`${msg.text()} ${msg.location()?.url ?? ''}`); });
    const res = await page.goto(`${staticServer.url}/__test__.html`);
    if (res.status() !== 200) throw new Error(`test page: HTTP ${res.status()}`);
    return {
      page,
      browser,
      origin: staticServer.url,
      pageErrors,
      /** Runs `fnSource` (a function source taking (tc, args)) in the page with the web build. */
      inPage: (fnSource, args = {}) => page.evaluate(async ({ fnSource, args }) => {
        const tc = await import('/web/index.js');
        const fn = new Function('tc', 'args', `return (${fnSource})(tc, args);`);
        return fn(tc, args);
      }, { fnSource, args }),
      close: async () => {
        await browser.close().catch(() => {});
        await staticServer.close();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => {});
    await staticServer.close();
    throw err;
  }
}
