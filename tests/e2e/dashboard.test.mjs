// The demo dashboard (www/, served by scripts/serve-demo.mjs) in headless
// Chromium against the emulator: sign in, inspect a task, signed artifact links,
// temporary credentials, a 403, the task group stream, the scope checker.
// The tests run in order and share one page. Screenshots: test-output/e2e/.
// Run: node --test tests/e2e/dashboard.test.mjs
import { test, before, after } from 'node:test';
import fs from 'node:fs';
import path from 'node:path';
import assert from '../support/assert.mjs';
import { Object as ObjectClient, Queue, fromNowJSON, slugid, upload } from 'taskcluster-wasm';
import { SHOTS, signIn, startDashboard } from './support.mjs';

let d; // {demo, page, context, pageErrors, apiLog, shot, close}
let page;
let seed; // emulator.state.demo
const requests = [];

before(async () => {
  d = await startDashboard();
  page = d.page;
  seed = d.demo.emulator.state.demo;
  d.context.on('request', (req) => requests.push(req.url()));
});

after(async () => {
  await d?.close();
});

const text = (selector) => page.textContent(selector);
const visibleError = async (slot) => {
  await page.waitForSelector(`${slot} .error-box`);
  return {
    statusCode: await page.getAttribute(`${slot} .error-box`, 'data-status-code'),
    code: await page.getAttribute(`${slot} .error-box`, 'data-code'),
    title: await text(`${slot} .error-title`),
    message: await text(`${slot} .error-message`),
  };
};

test('the page gets the rootUrl from /config.json and serves the package with the right types', async () => {
  assert.equal(await page.inputValue('#cred-root-url'), d.demo.rootUrl);
  assert.equal(await text('#session-who'), 'Not signed in (anonymous)');
  const types = await page.evaluate(async () => {
    const get = async (url) => (await fetch(url)).headers.get('content-type');
    return { wasm: await get('/pkg/web/taskcluster_wasm_bg.wasm'), js: await get('/pkg/web/index.js'),
      css: await get('/styles.css'), html: await get('/'), json: await get('/config.json') };
  });
  assert.equal(types.wasm, 'application/wasm');
  assert.match(types.js, /^text\/javascript/);
  assert.match(types.css, /^text\/css/);
  assert.match(types.html, /^text\/html/);
  assert.match(types.json, /^application\/json/);
  const config = await page.evaluate(() => fetch('/config.json').then((r) => r.json()));
  assert.equal(config.rootUrl, d.demo.rootUrl);
  assert.doesNotMatch(JSON.stringify(config), /accessToken/, 'no credentials in /config.json');
  await d.shot('00-signed-out');
});

test('signs in with the limited demo credentials and lists its scopes', async () => {
  const { limited } = d.demo.clients;
  await signIn(page, limited);
  const scopes = await page.$$eval('#cred-scopes li', (items) => items.map((li) => li.textContent));
  for (const scope of ['assume:demo-role:viewer', 'queue:get-artifact:private/*', 'secrets:get:project/demo/*', 'queue:get-task:*']) {
    assert.ok(scopes.includes(scope), `${scope} in ${scopes.join(' ')}`);
  }
  assert.equal(await text('#cred-scopes-count'), String(scopes.length));
  assert.equal(await text('#session-who'), 'Signed in as demo/limited');

  // Kept in sessionStorage, not localStorage, not the URL, not the page's text.
  const storage = await page.evaluate(() => ({
    session: Object.values(sessionStorage).join(' '), local: localStorage.length, url: location.href,
    html: document.documentElement.outerHTML, text: document.body.innerText,
  }));
  assert.ok(storage.session.includes(limited.accessToken));
  assert.equal(storage.local, 0);
  assert.ok(!storage.url.includes(limited.accessToken));
  assert.ok(!storage.html.includes(limited.accessToken));
  assert.ok(!storage.text.includes(limited.accessToken));
  assert.equal(await page.getAttribute('#cred-access-token', 'type'), 'password');
  await d.shot('01-credentials-limited');

  // A reload restores the session from sessionStorage.
  await page.reload();
  await page.waitForSelector('body[data-ready="true"]');
  await page.waitForSelector('#cred-scopes li');
  assert.equal(await text('#session-who'), 'Signed in as demo/limited');
});

test('opens a seeded task and sees its status, runs and artifacts', async () => {
  await page.click('a[data-panel="task"]');
  const decision = seed.decisionTaskId;
  await page.click(`#task-list button[data-task-id="${decision}"]`);
  await page.waitForSelector('#task-artifacts a.artifact-link');
  assert.equal(await text('#task-name'), 'decision');
  assert.equal(await text('#task-id-label'), decision);
  assert.equal((await text('#task-state')).toLowerCase(), 'completed');
  assert.match(page.url(), new RegExp(`#task/${decision}$`));
  const definition = JSON.parse(await text('#task-definition'));
  assert.equal(definition.taskGroupId, seed.taskGroupId);
  assert.equal(definition.metadata.name, 'decision');
  assert.equal(await page.$$eval('#task-runs tbody tr', (rows) => rows.length), 1);

  const names = await page.$$eval('#task-artifacts a.artifact-link', (links) => links.map((a) => a.dataset.name));
  assert.deepEqual(names.sort(), [seed.privateArtifact.name, seed.publicArtifact.name, 'public/manifest.json', 'public/task-graph.json'].sort());
  const publicHref = await page.getAttribute(`#task-artifacts a.artifact-link[data-name="${seed.publicArtifact.name}"]`, 'href');
  assert.ok(!publicHref.includes('bewit='), 'public artifacts get a plain link');
  const privateHref = await page.getAttribute(`#task-artifacts a.artifact-link[data-name="${seed.privateArtifact.name}"]`, 'href');
  assert.match(privateHref, /[?&]bewit=/);
  await d.shot('02-task-inspector');
});

test('the signed link of the private artifact serves the seeded bytes', async () => {
  const { content, name } = seed.privateArtifact;
  const selector = `#task-artifacts a.artifact-link[data-name="${name}"]`;
  await page.selectOption('#artifact-expiration', '60');
  await page.focus(selector); // links are signed as they are about to be used
  const href = await page.getAttribute(selector, 'href');
  assert.ok(href.startsWith(`${d.demo.rootUrl}/api/queue/v1/task/${seed.decisionTaskId}/runs/0/artifacts/`));
  // bewit = base64url("clientId\expiry\mac\ext"): signed for demo/limited, expiring in about a minute.
  const bewit = Buffer.from(new URL(href).searchParams.get('bewit'), 'base64url').toString('utf8').split('\\');
  assert.equal(bewit[0], 'demo/limited');
  const lifetime = Number(bewit[1]) - Date.now() / 1000;
  assert.ok(lifetime > 45 && lifetime <= 61, `bewit lifetime ${lifetime}`);
  assert.ok(!href.includes(d.demo.clients.limited.accessToken));

  // 1. Clicking the link opens it in a new tab: 303 to the signed content, the seeded bytes.
  const contentResponse = d.context.waitForEvent('response', (res) => res.url().includes('/__emulator/artifact-content/'));
  const [popup] = await Promise.all([d.context.waitForEvent('page'), page.click(selector)]);
  const response = await contentResponse;
  assert.equal(response.status(), 200);
  assert.equal((await response.body()).toString('utf8'), content);
  await popup.waitForLoadState();
  assert.equal(await popup.textContent('h1'), 'Demo build report');
  await popup.screenshot({ path: path.join(SHOTS, '03-private-artifact-tab.png') });
  await popup.close();

  // 2. The Download button fetches the signed URL and saves the bytes.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.click(`#task-artifacts button.download-button[data-name="${name}"]`),
  ]);
  assert.equal(download.suggestedFilename(), 'report.html');
  assert.equal(fs.readFileSync(await download.path(), 'utf8'), content);

  // 3. Fetching the href in the page gives the same bytes; without the bewit it is refused.
  const fetched = await page.evaluate(async (url) => {
    const signed = await fetch(url);
    const unsigned = new URL(url);
    unsigned.searchParams.delete('bewit');
    const bare = await fetch(unsigned);
    return { status: signed.status, body: await signed.text(), bareStatus: bare.status, bare: await bare.json() };
  }, href);
  assert.equal(fetched.status, 200);
  assert.equal(fetched.body, content);
  assert.equal(fetched.bareStatus, 403);
  assert.equal(fetched.bare.code, 'InsufficientScopes');
  assert.equal(await page.isHidden('#artifact-error'), true);
});

test('a 403 shows its status code, code and message', async () => {
  await page.click('a[data-panel="secrets"]');
  await page.waitForSelector('#secret-list li');
  // Allowed: project/demo/* via demo-role:viewer.
  await page.click('#secret-list button:text-is("project/demo/api-key")');
  await page.waitForSelector('#secret-result:not([hidden])');
  assert.match(await text('#secret-value'), /demo-token-not-really-secret/);
  // Refused: project/other/*.
  await page.click('#secret-list button:text-is("project/other/credentials")');
  const error = await visibleError('#secret-error');
  assert.equal(error.statusCode, '403');
  assert.equal(error.code, 'InsufficientScopes');
  assert.match(error.title, /Not allowed\s*403\s*InsufficientScopes/);
  assert.match(error.message, /does not have sufficient scopes/);
  assert.match(error.message, /secrets:get:project\/other\/credentials/);
  assert.equal(await page.isHidden('#secret-result'), true);
  await d.shot('04-error-403');
});

test('temporary credentials with a subset of the scopes work and can be copied', async () => {
  const { limited } = d.demo.clients;
  await d.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(d.demo.url).origin });
  await page.click('a[data-panel="tempcreds"]');
  await page.fill('#temp-scopes', 'queue:get-task:*\nsecrets:get:project/demo/api-key\n');
  await page.fill('#temp-duration', '2 hours');
  await page.click('#temp-form button[type="submit"]');
  await page.waitForSelector('#temp-result:not([hidden])');
  assert.equal(await page.isHidden('#temp-warning'), true, 'a subset raises no warning');
  const shown = JSON.parse(await text('#temp-output'));
  assert.equal(shown.clientId, 'demo/limited');
  assert.match(shown.accessToken, /hidden/, 'the access token is masked on the page');
  const certificate = JSON.parse(shown.certificate);
  assert.deepEqual(certificate.scopes, ['queue:get-task:*', 'secrets:get:project/demo/api-key']);
  const hours = (certificate.expiry - Date.now()) / 3600e3;
  assert.ok(hours > 1.95 && hours <= 2.01, `expiry in ${hours} h`);

  await page.click('#temp-copy');
  await page.waitForFunction(() => document.getElementById('temp-status').textContent.startsWith('Copied'));
  const copied = JSON.parse(await page.evaluate(() => navigator.clipboard.readText()));
  assert.equal(copied.clientId, 'demo/limited');
  assert.equal(copied.certificate, shown.certificate);
  assert.match(copied.accessToken, /^[A-Za-z0-9_-]{43}$/); // base64url HMAC-SHA256, no padding
  assert.notEqual(copied.accessToken, limited.accessToken);
  assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(copied.accessToken));
  await d.shot('05-temporary-credentials');

  // A scope the issuer lacks: warned about.
  await page.fill('#temp-scopes', 'queue:create-task:highest:proj-demo/ci');
  await page.click('#temp-form button[type="submit"]');
  await page.waitForSelector('#temp-warning:not([hidden])');
  assert.match(await text('#temp-warning'), /queue:create-task:highest:proj-demo\/ci/);
  // Back to the subset, then sign in with it.
  await page.fill('#temp-scopes', 'queue:get-task:*\nsecrets:get:project/demo/api-key');
  await page.click('#temp-form button[type="submit"]');
  await page.waitForFunction(() => document.getElementById('temp-warning').hidden);
  await page.click('#temp-use');
  await page.waitForFunction(() => document.getElementById('session-kind').textContent === 'temporary');
  assert.equal(await text('#session-who'), 'Signed in as demo/limited');
  await page.waitForSelector('#cred-scopes li');
  const scopes = await page.$$eval('#cred-scopes li', (items) => items.map((li) => li.textContent));
  assert.ok(scopes.includes('secrets:get:project/demo/api-key'));
  assert.ok(!scopes.includes('secrets:get:project/demo/*'), 'restricted to the certificate scopes');
  assert.ok(!scopes.includes('queue:get-artifact:private/*'));
  assert.ok((await page.inputValue('#cred-certificate')).includes('"scopes"'));
  await d.shot('06-signed-in-temporary');

  // Reading a task and the one allowed secret works with them; another secret does not.
  await page.click('a[data-panel="task"]');
  const taskId = seed.taskIdsByName['build-linux64'];
  await page.click(`#task-list button[data-task-id="${taskId}"]`);
  await page.waitForFunction(() => document.getElementById('task-name').textContent === 'build-linux64');
  assert.equal(await page.isHidden('#task-error'), true);
  await page.click('a[data-panel="secrets"]');
  await page.fill('#secret-name', 'project/demo/api-key');
  await page.click('#secret-form button[type="submit"]');
  await page.waitForSelector('#secret-result:not([hidden])');
  assert.match(await text('#secret-value'), /demo-token-not-really-secret/);
  await page.fill('#secret-name', 'project/demo/config');
  await page.click('#secret-form button[type="submit"]');
  const error = await visibleError('#secret-error');
  assert.equal(error.statusCode, '403');
  assert.equal(error.code, 'InsufficientScopes');
});

test('the task group view streams every seeded task through pagination', async () => {
  await signIn(page, d.demo.clients.limited);
  await page.click('a[data-panel="group"]');
  assert.equal(await page.inputValue('#group-id'), seed.taskGroupId);
  await page.selectOption('#group-limit', '5');
  // Slow pages down, and sample the live count while they arrive.
  d.demo.emulator.faults = { pathPrefix: `/api/queue/v1/task-group/${seed.taskGroupId}/list`, delayMs: 150 };
  await page.evaluate(() => {
    window.__samples = [];
    window.__sampler = setInterval(() => window.__samples.push(document.getElementById('group-count').textContent), 40);
  });
  const before = requests.length;
  await page.click('#group-load');
  await page.waitForSelector('#group-result[data-done="true"]');
  d.demo.emulator.faults = {};
  const samples = await page.evaluate(() => { clearInterval(window.__sampler); return window.__samples.map(Number); });
  assert.ok(samples.some((n) => n > 0 && n < 25 && n % 5 === 0), `a partial count was shown: ${samples.join(',')}`);
  assert.deepEqual(samples, [...samples].sort((a, b) => a - b), 'the count only grows');
  const expected = seed.taskIds.length;
  assert.equal(expected, 25);
  assert.equal(await text('#group-count'), String(expected));
  assert.equal(await page.$$eval('#group-table tbody tr', (rows) => rows.length), expected);
  const ids = await page.$$eval('#group-table tbody td.mono', (cells) => cells.map((c) => c.textContent));
  assert.deepEqual([...ids].sort(), [...seed.taskIds].sort());
  const pages = requests.slice(before).filter((url) => url.includes(`/api/queue/v1/task-group/${seed.taskGroupId}/list`));
  assert.equal(pages.length, Math.ceil(expected / 5), pages.join('\n'));
  assert.ok(pages.slice(1).every((url) => url.includes('continuationToken=')));
  const counts = await page.$$eval('#group-states li', (items) => items.map((li) => li.textContent.trim()));
  assert.ok(counts.some((c) => /^completed\s+\d+$/i.test(c)), counts.join(', '));
  await d.shot('07-task-group');

  // A row links to the task inspector.
  await page.click(`#group-table a[href="#task/${seed.taskIdsByName.notify}"]`);
  await page.waitForFunction(() => document.getElementById('task-name').textContent === 'notify');
  assert.equal((await text('#task-state')).toLowerCase(), 'unscheduled');
});

test('the scope checker evaluates expressions and reports invalid ones', async () => {
  await page.click('a[data-panel="scopes"]');
  assert.match(await page.inputValue('#scope-assumed'), /secrets:get:project\/demo\/\*/, 'defaults to the signed-in scopes');
  await page.fill('#scope-expression', 'secrets:get:project/demo/anything');
  await page.click('#scope-form button[type="submit"]');
  await page.waitForSelector('#scope-result[data-satisfied="true"]');
  assert.match(await text('#scope-result .verdict-title'), /Satisfied/);

  await page.fill('#scope-expression', '{"AllOf": ["queue:get-task:x", {"AnyOf": ["secrets:get:project/other/a", "queue:create-task:low:x/y"]}]}');
  await page.click('#scope-form button[type="submit"]');
  await page.waitForSelector('#scope-result[data-satisfied="false"]');
  const missing = JSON.parse(await text('#scope-result pre'));
  assert.deepEqual(missing, { AnyOf: ['secrets:get:project/other/a', 'queue:create-task:low:x/y'] });
  await d.shot('08-scope-checker');

  await page.fill('#scope-expression', '{"AllOf": [');
  await page.click('#scope-form button[type="submit"]');
  let error = await visibleError('#scope-error');
  assert.match(error.title, /Invalid input/);
  assert.match(error.message, /not valid JSON/);
  await page.fill('#scope-expression', '{"OneOf": ["a"]}');
  await page.click('#scope-form button[type="submit"]');
  error = await visibleError('#scope-error');
  assert.match(error.message, /Not a valid scope expression/);
  assert.equal(await page.isHidden('#scope-result'), true);

  await page.fill('#scope-assumed', 'queue:*\nbad scope \u00e9');
  await page.fill('#scope-expression', 'queue:get-task:x');
  await page.click('#scope-form button[type="submit"]');
  error = await visibleError('#scope-error');
  assert.match(error.message, /line 2/);
});

test('signing out clears the session', async () => {
  await page.click('a[data-panel="credentials"]');
  await page.click('#cred-sign-out');
  assert.equal(await text('#session-who'), 'Not signed in (anonymous)');
  assert.equal(await page.evaluate(() => sessionStorage.length), 0);
  assert.equal(await page.inputValue('#cred-access-token'), '');
  assert.equal(await page.isHidden('#cred-scopes-card'), true);
  assert.deepEqual(d.pageErrors, []);
});

test('Download reads an object artifact with downloadArtifact: the bytes saved, and a corrupted object refused by its hash', async () => {
  // A task of its own (not in the demo group) with a public object artifact, made as a worker would.
  const name = 'public/object/report.txt';
  const content = 'object artifact line\n'.repeat(500);
  const queue = new Queue({ rootUrl: d.demo.rootUrl, credentials: d.demo.clients.root });
  const taskId = slugid();
  const expires = fromNowJSON('1 day');
  await queue.createTask(taskId, {
    taskQueueId: 'proj-demo/ci', created: fromNowJSON(), deadline: fromNowJSON('1 hour'), expires, payload: {},
    metadata: { name: 'object artifact', description: 'd', owner: 'o@example.com', source: 'https://example.com' },
  });
  const artifact = await queue.createArtifact(taskId, 0, name, { storageType: 'object', contentType: 'text/plain', expires });
  const object = new ObjectClient({ rootUrl: d.demo.rootUrl, credentials: artifact.credentials });
  await upload({ projectId: artifact.projectId, name: artifact.name, uploadId: artifact.uploadId, expires, contentType: 'text/plain', object, data: Buffer.from(content) });
  await queue.finishArtifact(taskId, 0, name, { uploadId: artifact.uploadId });

  // Signed out (anonymous), as the test before left the page: public artifacts need no credentials.
  await page.evaluate((id) => { location.hash = `#task/${id}`; }, taskId);
  const button = `#task-artifacts button.download-button[data-name="${name}"]`;
  await page.waitForSelector(button);
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(button)]);
  assert.equal(download.suggestedFilename(), 'report.txt');
  assert.equal(fs.readFileSync(await download.path(), 'utf8'), content);
  assert.equal(await page.isHidden('#artifact-error'), true);

  // The stored bytes change behind the object service's back: the hash check refuses them.
  const stored = d.demo.emulator.state.objects.get(artifact.name);
  stored.data = Buffer.from(content.replace('line', 'LINE'));
  await page.click(button);
  const error = await visibleError('#artifact-error');
  assert.match(error.title, /Could not download the artifact/);
  assert.match(error.message, /sha256 of the data received .* does not match/);
  await d.shot('10-object-artifact-hash-mismatch');
  assert.deepEqual(d.pageErrors, []);
});
