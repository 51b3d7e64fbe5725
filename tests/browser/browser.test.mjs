// The browser build (dist/web/index.js) in headless Chromium: signs requests that a
// real `hawk` server on another origin accepts.
import { test, before, after } from 'node:test';
import assert from '../support/assert.mjs';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startHawkServer } from '../support/hawk-server.mjs';
import { startStaticServer } from '../support/static-server.mjs';
import { decodeExt } from '../support/tc-crypto.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CREDS = { clientId: 'browser/client', accessToken: 'browser-access-token' };
const PAGE = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>taskcluster-wasm browser test</title></head>
<body><h1>taskcluster-wasm in the browser</h1><pre id="log" style="white-space: pre-wrap; word-break: break-all">results:</pre></body></html>`;

let hawkServer;
let staticServer;
let browser;
let page;
const pageErrors = [];
const responses = [];

before(async () => {
  hawkServer = await startHawkServer({ credentials: { [CREDS.clientId]: { key: CREDS.accessToken, algorithm: 'sha256' } } });
  staticServer = await startStaticServer(path.join(ROOT, 'dist'), { '/__test__.html': PAGE });
  browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-dev-shm-usage'],
  });
  page = await browser.newPage();
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(`${msg.text()} ${msg.location()?.url ?? ''}`); });
  page.on('response', (res) => responses.push({ url: res.url(), status: res.status(), type: res.headers()['content-type'] }));
  page.on('response', (res) => { if (res.status() >= 400) pageErrors.push(`HTTP ${res.status()} ${res.url()}`); });
  const res = await page.goto(`${staticServer.url}/__test__.html`);
  assert.equal(res.status(), 200);
});

after(async () => {
  if (page) {
    fs.mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
    await page.screenshot({ path: path.join(ROOT, 'test-output/browser.png') }).catch(() => {});
  }
  await browser?.close();
  await hawkServer?.close();
  await staticServer?.close();
});

// Runs `body` (a function source taking (tc, args)) in the page after importing the web build.
function inPage(fnSource, args) {
  return page.evaluate(async ({ fnSource, args }) => {
    const tc = await import('/web/index.js');
    const fn = new Function('tc', 'args', `return (${fnSource})(tc, args);`);
    const result = await fn(tc, args);
    document.getElementById('log').textContent += `\n${JSON.stringify(result)}`;
    return result;
  }, { fnSource, args });
}

test('the web build loads (wasm served as application/wasm) and exports the API', async () => {
  const info = await inPage(`(tc) => ({ version: tc.version, slug: tc.slugid(), keys: Object.keys(tc).sort(),
    match: tc.scopeMatch(['a*'], [['ab']]), json: tc.fromNowJSON('1 day', '2017-01-19T16:27:20.974Z') })`, {});
  assert.equal(typeof info.version, 'string');
  assert.match(info.slug, /^[A-Za-z0-9_-]{22}$/);
  assert.equal(info.match, true);
  assert.equal(info.json, '2017-01-20T16:27:20.974Z');
  for (const name of ['hawkHeader', 'signUrl', 'createTemporaryCredentials', 'ScopeSet', 'urls', 'slugid']) {
    assert.ok(info.keys.includes(name), name);
  }
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'dist/package.json'), 'utf8'));
  assert.equal(info.version, pkg.version);
  const wasm = responses.filter((r) => r.url.endsWith('/web/taskcluster_wasm_bg.wasm'));
  assert.equal(wasm.length, 1, JSON.stringify(responses));
  assert.equal(wasm[0].status, 200);
  assert.equal(wasm[0].type, 'application/wasm');
});

test('the web build exports the same names as the Node build', async () => {
  const esm = await import('taskcluster-wasm');
  const nodeKeys = Object.keys(esm).filter((k) => k !== 'default').sort();
  const webKeys = await inPage('(tc) => Object.keys(tc).sort()', {});
  // Both also have a default export (every name in one object).
  assert.ok(webKeys.includes('default'));
  assert.deepEqual(webKeys.filter((k) => k !== 'default'), nodeKeys);
});

test('hawkHeader with authorizedScopes: the hawk server accepts the cross-origin request', async () => {
  const r = await inPage(`async (tc, { url, creds }) => {
    const header = tc.hawkHeader({ method: 'POST', url, credentials: creds, authorizedScopes: ['queue:create-task:*'], payload: '{"x":1}' });
    const res = await fetch(url, { method: 'POST', body: '{"x":1}', headers: { Authorization: header, 'Content-Type': 'application/json' } });
    return { status: res.status, body: await res.json() };
  }`, { url: `${hawkServer.url}/api/queue/v1/task/abc?x=%20y`, creds: CREDS });
  assert.equal(r.status, 200, r.body.error);
  assert.equal(r.body.id, CREDS.clientId);
  assert.equal(r.body.payloadVerified, true);
  assert.deepEqual(decodeExt(r.body.ext), { authorizedScopes: ['queue:create-task:*'] });
});

test('signUrl: fetching the signed URL succeeds', async () => {
  const r = await inPage(`async (tc, { url, creds }) => {
    const signed = tc.signUrl({ url, credentials: creds, expiration: 300 });
    const res = await fetch(signed);
    return { signed, status: res.status, body: await res.json() };
  }`, { url: `${hawkServer.url}/api/queue/v1/task/abc/artifacts/public%2Flog.txt?a=1`, creds: CREDS });
  assert.match(r.signed, /&bewit=[A-Za-z0-9_-]+$/);
  assert.equal(r.status, 200, r.body.error);
  assert.equal(r.body.id, CREDS.clientId);
});

test('createTemporaryCredentials in the browser: signed request accepted, ext carries the certificate', async () => {
  const r = await inPage(`async (tc, { url, creds }) => {
    const tmp = tc.createTemporaryCredentials({ ...creds, scopes: ['a', 'b:*'], expiry: new Date(Date.now() + 3600e3) });
    const header = tc.hawkHeader({ method: 'GET', url, credentials: tmp });
    const res = await fetch(url, { headers: { Authorization: header } });
    return { tmp, status: res.status, body: await res.json() };
  }`, { url: `${hawkServer.url}/temp`, creds: CREDS });
  assert.equal(r.status, 200, r.body.error);
  assert.deepEqual(decodeExt(r.body.ext), { certificate: JSON.parse(r.tmp.certificate) });
  assert.deepEqual(r.body.certificate.scopes, ['a', 'b:*']);
});

test('errors in the browser are Errors and the module keeps working', async () => {
  const r = await inPage(`(tc) => {
    const out = [];
    for (const bad of [() => tc.hawkHeader({ method: 'GET', url: 42, credentials: { clientId: 'c', accessToken: 'SECRET-TOKEN-xyz' } }),
      () => tc.fromNow('2 dayz'), () => tc.satisfiesExpression(['a'], {}), () => tc.createTemporaryCredentials({})]) {
      try { bad(); out.push('no throw'); } catch (e) { out.push({ isError: e instanceof Error, name: e.name, message: e.message }); }
    }
    return { out, slug: tc.slugid() };
  }`, {});
  const names = ['hawkHeader', 'fromNow', 'satisfiesExpression', 'createTemporaryCredentials'];
  for (const [i, e] of r.out.entries()) {
    assert.equal(typeof e, 'object', JSON.stringify(e));
    assert.ok(e.isError, JSON.stringify(e));
    assert.ok(e.message.startsWith(names[i]), e.message);
    assert.ok(!e.message.includes('SECRET-TOKEN-xyz'));
  }
  assert.match(r.slug, /^[A-Za-z0-9_-]{22}$/);
  assert.deepEqual(pageErrors, []);
});
