// Sign in with Taskcluster, end to end in Chromium: examples/sign-in (a static
// page using only the package) against the emulator's third-party login.
// Run: node --test tests/e2e/oauth.test.mjs
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { chromium } from 'playwright-core';
import { startEmulator } from '../../emulator/index.mjs';
import { CHROMIUM_ARGS } from '../support/browser-harness.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { ROOT, startDashboard } from './support.mjs';

let emu;
let site;
let browser;
let context;
let page;

before(async () => {
  emu = await startEmulator({ port: 0 });
  site = await startStaticServer(ROOT);
  browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
});
after(async () => {
  await browser?.close().catch(() => {});
  await site?.close();
  await emu?.close();
});
beforeEach(async () => {
  await context?.close();
  context = await browser.newContext(); // a fresh tab: nothing in sessionStorage
  page = await context.newPage();
  page.setDefaultTimeout(10_000);
});

async function open({ clientId, flow, expires }) {
  const query = new URLSearchParams({ rootUrl: emu.rootUrl, clientId, flow });
  if (expires) query.set('expires', expires);
  await page.goto(`${site.url}/examples/sign-in/index.html?${query}`);
  await page.waitForSelector('body[data-ready="true"]');
}

/** The page's outcome once it has settled: signed in (with its scopes) or an error. */
async function outcome(target = page) {
  await target.waitForFunction(() => !document.getElementById('error').hidden || document.getElementById('status').textContent.startsWith('Signed in'));
  return target.evaluate(() => ({
    error: document.getElementById('error').hidden ? null : document.getElementById('error').textContent,
    status: document.getElementById('status').textContent,
    scopes: [...document.querySelectorAll('#scopes li')].map((li) => li.textContent),
    url: location.href,
  }));
}

async function consentPage(clientId, target = page) {
  await target.waitForURL((url) => url.href.startsWith(`${emu.rootUrl}/login/oauth/consent`));
  assert.equal(await target.textContent('#client'), clientId);
}

test('implicit flow: consent, back on the page, scopes listed; nothing left in the address bar', async () => {
  await open({ clientId: 'emulator-implicit', flow: 'token' });
  await page.click('#sign-in');
  await consentPage('emulator-implicit');
  assert.deepEqual(await page.$$eval('#scopes li', (lis) => lis.map((li) => li.textContent)), ['auth:current-scopes', 'secrets:get:project/demo/*']);
  await page.click('#allow');
  const result = await outcome();
  assert.equal(result.error, null);
  assert.match(result.status, /^Signed in as emulator\/demo-user\/emulator-implicit-/);
  assert.ok(result.scopes.includes('secrets:get:project/demo/*'), result.scopes.join(' '));
  assert.ok(!/access_token|state=/.test(result.url), result.url);
  // Kept for this tab only; a reload signs in again without the deployment, sign-out forgets it.
  await page.reload();
  assert.match((await outcome()).status, /^Signed in/);
  await page.click('#sign-out');
  await page.waitForSelector('#status:text("Not signed in")');
  assert.deepEqual(await page.evaluate(() => Object.keys(sessionStorage)), []);
});

test('code flow in a popup: the page keeps running and gets the agent', async () => {
  await open({ clientId: 'emulator-code', flow: 'code' });
  const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#sign-in-popup')]);
  await consentPage('emulator-code', popup);
  await Promise.all([popup.waitForEvent('close'), popup.click('#allow')]);
  const result = await outcome();
  assert.equal(result.error, null);
  assert.match(result.status, /^Signed in as emulator\/demo-user\/emulator-code-/);
  assert.ok(result.url.includes('flow=code'), 'the opener never navigated');
});

test('a popup closed without an answer: popup_closed, and the page still works', async () => {
  await open({ clientId: 'emulator-code', flow: 'code' });
  const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#sign-in-popup')]);
  await consentPage('emulator-code', popup);
  await popup.close();
  const result = await outcome();
  assert.match(result.error, /^popup_closed: /);
  assert.equal(await page.$eval('#sign-in', (b) => b.disabled), false);
});

test('code flow by redirect through a whitelisted client: no consent page', async () => {
  await open({ clientId: 'emulator-whitelisted', flow: 'code' });
  await page.click('#sign-in');
  const result = await outcome();
  assert.equal(result.error, null);
  assert.match(result.status, /emulator-whitelisted-/);
  assert.ok(!result.url.includes('code='), result.url);
});

test('consent denied: a clear access_denied error', async () => {
  await open({ clientId: 'emulator-implicit', flow: 'token' });
  await page.click('#sign-in');
  await consentPage('emulator-implicit');
  await page.click('#deny');
  const result = await outcome();
  assert.match(result.error, /^access_denied: finishSignIn: access was denied .*User denied access/);
});

test('state mismatch: an answer this tab did not ask for is refused', async () => {
  await open({ clientId: 'emulator-implicit', flow: 'token' });
  await page.click('#sign-in');
  await consentPage('emulator-implicit');
  // A forged redirect (e.g. from a link) instead of the consent's answer.
  await page.goto(`${site.url}/examples/sign-in/index.html#access_token=forged&token_type=Bearer&state=forged`);
  const result = await outcome();
  assert.match(result.error, /^state_mismatch: .*not the one this sign-in sent/);
  assert.ok(!result.error.includes('forged&'), 'the token is not echoed');
});

test('renewal across an expiry, then a Worker with restricted temporary credentials made from the renewed ones', async () => {
  await open({ clientId: 'emulator-implicit', flow: 'token', expires: '3 seconds' });
  await page.click('#sign-in');
  await consentPage('emulator-implicit');
  await page.click('#allow');
  const first = await outcome();
  assert.equal(first.error, null);
  const firstExpiry = Date.parse(await page.textContent('#expires'));
  assert.ok(firstExpiry - Date.now() < 3500);
  await page.waitForTimeout(Math.max(0, firstExpiry - Date.now()) + 300);
  assert.ok(emu.state.clients.get(first.status.replace('Signed in as ', '')).expires < new Date().toJSON(), 'the first credentials have expired');
  await page.click('#refresh');
  await page.waitForFunction((before) => Date.parse(document.getElementById('expires').textContent) > before, firstExpiry);
  const renewed = await outcome();
  assert.equal(renewed.error, null);
  assert.notEqual(renewed.status, first.status);
  await page.click('#worker');
  await page.waitForSelector('#worker-scopes li');
  const workerScopes = await page.$$eval('#worker-scopes li', (lis) => lis.map((li) => li.textContent));
  assert.ok(workerScopes.includes('auth:current-scopes'), workerScopes.join(' '));
  assert.ok(!workerScopes.includes('secrets:get:project/demo/*'), 'restricted to the scopes handed over');
  assert.ok(await page.$eval('#error', (e) => e.hidden));
});

test('a revoked client: the next call fails with a clear error', async () => {
  await open({ clientId: 'emulator-code', flow: 'code' });
  await page.click('#sign-in');
  await consentPage('emulator-code');
  await page.click('#allow');
  assert.equal((await outcome()).error, null);
  emu.login.disableClient('emulator-code');
  await page.click('#refresh');
  await page.waitForSelector('#error:not([hidden])');
  assert.match(await page.textContent('#error'), /refused to issue credentials/);
});

test('the dashboard: "Sign in with Taskcluster" beside the paste form, the redirect page, sign-out forgets the token', async () => {
  const dash = await startDashboard();
  try {
    const { page: board, demo } = dash;
    await board.click('a[data-panel="credentials"]');
    await board.fill('#oauth-client-id', 'emulator-code');
    await board.selectOption('#oauth-flow', 'code');
    await board.click('#oauth-sign-in');
    await board.waitForURL((url) => url.href.startsWith(`${demo.rootUrl}/login/oauth/consent`));
    await board.click('#allow');
    await board.waitForURL((url) => url.pathname === '/' && url.hash === '#credentials');
    await board.waitForSelector('#cred-scopes li');
    assert.match(await board.textContent('#cred-status'), /^Signed in as emulator\/demo-user\/emulator-code-\S+ \(Sign in with Taskcluster, until /);
    assert.match(await board.textContent('#session-who'), /emulator-code-/);
    assert.equal(await board.textContent('#session-kind'), 'oauth');
    assert.match(await board.textContent('#session-expiry'), /^expires /);
    assert.ok(await board.evaluate(() => Object.keys(sessionStorage).some((k) => k.startsWith('taskcluster-wasm/oauth'))));
    await board.click('#cred-sign-out');
    await board.waitForSelector('#session-who:text("Not signed in")');
    assert.deepEqual(await board.evaluate(() => Object.keys(sessionStorage)), []);
    assert.deepEqual(dash.pageErrors, []);
  } finally {
    await dash.close();
  }
});
