// Shared by the end-to-end tests: the demo (emulator + dashboard server) and
// headless Chromium on it. Screenshots go to test-output/e2e/.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startDemo } from '../../scripts/serve-demo.mjs';
import { CHROMIUM_ARGS } from '../support/browser-harness.mjs';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SHOTS = path.join(ROOT, 'test-output/e2e');

/** The widths the dashboard is tested at: a laptop and a phone. */
export const VIEWPORTS = {
  desktop: { width: 1280, height: 900 },
  phone: { width: 390, height: 844 },
};

/**
 * {demo, browser, context, page, pageErrors, apiLog, shot(name), close()};
 * `demo` options go to startDemo (e.g. poll intervals, timeScale).
 */
export async function startDashboard({ viewport = VIEWPORTS.desktop, demo: demoOptions = {} } = {}) {
  const apiLog = [];
  const demo = await startDemo({ ...demoOptions, port: 0, apiPort: 0, log: (line) => apiLog.push(line) });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
    const context = await browser.newContext({ viewport, acceptDownloads: true });
    const page = await context.newPage();
    const pageErrors = [];
    page.on('pageerror', (err) => pageErrors.push(String(err)));
    page.setDefaultTimeout(10_000);
    const response = await page.goto(demo.url);
    if (response.status() !== 200) throw new Error(`dashboard: HTTP ${response.status()}`);
    await page.waitForSelector('body[data-ready]');
    const ready = await page.getAttribute('body', 'data-ready');
    if (ready !== 'true') throw new Error(`dashboard failed to start: ${await page.textContent('#fatal')}`);
    fs.mkdirSync(SHOTS, { recursive: true });
    return {
      demo,
      browser,
      context,
      page,
      pageErrors,
      apiLog,
      shot: (name, options = {}) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true, ...options }),
      close: async () => {
        await browser.close().catch(() => {});
        await demo.close();
      },
    };
  } catch (err) {
    await browser?.close().catch(() => {});
    await demo.close();
    throw err;
  }
}

/** Signs in through the credentials panel and waits for the scopes list. */
export async function signIn(page, { clientId, accessToken, certificate }) {
  await page.click('a[data-panel="credentials"]');
  await page.fill('#cred-client-id', clientId);
  await page.fill('#cred-access-token', accessToken);
  await page.fill('#cred-certificate', certificate ?? '');
  await page.click('#cred-sign-in'); // the handler sets "Checking credentials…" synchronously
  const outcome = await page.waitForFunction((id) => {
    const error = document.getElementById('cred-error');
    if (!error.hidden) return `error: ${error.textContent}`;
    const ok = document.getElementById('cred-status').textContent === `Signed in as ${id}`
      && document.querySelectorAll('#cred-scopes li').length > 0;
    return ok ? 'ok' : false;
  }, clientId);
  const result = await outcome.jsonValue();
  if (result !== 'ok') throw new Error(`sign in as ${clientId} failed: ${result}`);
}
