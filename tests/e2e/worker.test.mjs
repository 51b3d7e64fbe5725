// The dashboard's Web Worker panel: the page starts a module worker
// (/worker.js, which imports /pkg/web/index.js), the worker calls the emulator
// (queue.task of a seeded task, signed with the root credentials) and posts the
// result back.
// Run: node --test tests/e2e/worker.test.mjs
import { test, before, after } from 'node:test';
import assert from '../support/assert.mjs';
import { signIn, startDashboard } from './support.mjs';

let d;
let page;
const workers = [];

before(async () => {
  d = await startDashboard();
  page = d.page;
  page.on('worker', (worker) => workers.push(worker.url()));
});

after(async () => {
  await d?.close();
});

test('a module Web Worker fetches a seeded task with the root credentials and posts it back', async () => {
  const seed = d.demo.emulator.state.demo;
  const taskId = seed.taskIdsByName['build-linux64'];
  await signIn(page, d.demo.clients.root);
  assert.equal(await page.textContent('#session-who'), 'Signed in as static/taskcluster/root');

  await page.click('a[data-panel="worker"]');
  await page.fill('#worker-task-id', taskId);
  const logged = d.apiLog.length;
  await page.click('#worker-form button[type="submit"]');
  await page.waitForSelector(`#worker-result[data-task-id="${taskId}"]:not([hidden])`);

  assert.deepEqual(workers.map((url) => new URL(url).pathname), ['/worker.js']);
  assert.equal(await page.textContent('#worker-title'), 'build-linux64, fetched in the worker');
  const task = JSON.parse(await page.textContent('#worker-output'));
  assert.equal(task.metadata.name, 'build-linux64');
  assert.equal(task.taskGroupId, seed.taskGroupId);
  assert.deepEqual(task, d.demo.emulator.state.tasks.get(taskId).task);
  const facts = await page.$$eval('#worker-facts dd', (dds) => dds.map((dd) => dd.textContent));
  assert.match(facts[0], /^DedicatedWorkerGlobalScope/);
  assert.equal(facts[2], 'static/taskcluster/root');
  assert.ok(d.apiLog.slice(logged).some((line) => line.includes(`GET /api/queue/v1/task/${taskId} 200`)), d.apiLog.slice(logged).join('\n'));
  assert.equal(await page.isHidden('#worker-error'), true);
  await d.shot('09-web-worker');
});

test('the worker signs its requests: wrong credentials are refused with 401', async () => {
  // Straight to the worker (same /worker.js), bypassing the panel: an unsigned
  // request would have succeeded anonymously, a badly signed one must not.
  const reply = await page.evaluate(async ({ rootUrl, taskId, clientId }) => {
    const worker = new Worker('/worker.js', { type: 'module' });
    try {
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('worker timed out')), 10000);
        worker.onmessage = ({ data }) => { clearTimeout(timer); resolve(data); };
        worker.onerror = (e) => { clearTimeout(timer); reject(new Error(`worker error: ${e.message}`)); };
        worker.postMessage({ id: 1, op: 'task', rootUrl, taskId, credentials: { clientId, accessToken: 'not-the-right-token' } });
      });
    } finally {
      worker.terminate();
    }
  }, { rootUrl: d.demo.rootUrl, taskId: d.demo.emulator.state.demo.decisionTaskId, clientId: d.demo.clients.root.clientId });
  assert.equal(reply.ok, false);
  assert.equal(reply.error.statusCode, 401);
  assert.equal(reply.error.code, 'AuthenticationFailed');
  assert.equal(reply.error.name, 'TaskclusterError');
  assert.equal(reply.env.isWorker, true);
  assert.equal(reply.env.hasWindow, false);
  assert.equal(reply.env.hasDocument, false);
  assert.ok(!JSON.stringify(reply).includes('not-the-right-token'));
  assert.deepEqual(d.pageErrors, []);
});
