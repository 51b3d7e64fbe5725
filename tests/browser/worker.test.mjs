// The web build inside a module Web Worker (no `window`, no `document`): the page
// starts `new Worker(blobUrl, {type: 'module'})`; the worker imports /web/index.js,
// makes signed requests to the Hawk server (another 127.0.0.1 origin, CORS) and
// posts the results back.
// Run: node --test tests/browser/worker.test.mjs
import { test, before, after } from 'node:test';
import assert from '../support/assert.mjs'; // node:assert/strict, counting assertions
import { startHawkServer } from '../support/hawk-server.mjs';
import { startBrowserPage } from '../support/browser-harness.mjs';
import { decodeExt } from '../support/tc-crypto.mjs';

const CREDS = { clientId: 'worker/client', accessToken: 'worker-access-token' };

let h;
let srv;

before(async () => {
  srv = await startHawkServer({
    credentials: { [CREDS.clientId]: { key: CREDS.accessToken, algorithm: 'sha256' } },
    requirePayloadHash: false,
    respond: (req, result) => (result.url.startsWith('/api/queue/v1/task/missing')
      ? { status: 404, json: { code: 'ResourceNotFound', message: 'Task not found' } } : undefined),
  });
  h = await startBrowserPage();
});

after(async () => {
  await h?.close();
  await srv?.close();
});

// The worker module. A blob: URL has the page's origin, but relative URLs do not
// resolve against it, hence the absolute import.
const WORKER_SOURCE = `
self.onmessage = async ({ data: { origin, rootUrl, creds } }) => {
  const report = { hasWindow: typeof window !== 'undefined', hasDocument: typeof document !== 'undefined',
    isWorker: typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope };
  try {
    const tc = await import(origin + '/web/index.js');
    report.version = tc.version;
    const queue = new tc.Queue({ rootUrl, credentials: creds, retries: 1, delayFactor: 1 });
    report.get = await queue.listTaskGroup('g', { limit: 2 });
    report.put = await queue.createTask('t', { from: 'worker' });
    const tmp = tc.createTemporaryCredentials({ ...creds, scopes: ['a'], expiry: new Date(Date.now() + 3600e3) });
    report.tmp = { cert: tmp.certificate, result: await new tc.Queue({ rootUrl, credentials: tmp, retries: 0 }).task('x') };
    try {
      await queue.task('missing');
      report.notFound = 'resolved';
    } catch (e) {
      report.notFound = { isTc: e instanceof tc.TaskclusterError, name: e.name, code: e.code, statusCode: e.statusCode, message: e.message };
    }
  } catch (e) {
    report.error = String(e && e.stack || e);
  }
  self.postMessage(report);
};`;

test('a module Web Worker makes signed requests the hawk server accepts', async () => {
  const before = srv.requests.length;
  const report = await h.page.evaluate(async ({ source, rootUrl, creds }) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url, { type: 'module' });
    try {
      return await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('worker timed out')), 10000);
        worker.onmessage = ({ data }) => { clearTimeout(timer); resolve(data); };
        worker.onerror = (e) => { clearTimeout(timer); reject(new Error(`worker error: ${e.message}`)); };
        worker.postMessage({ origin: location.origin, rootUrl, creds });
      });
    } finally {
      worker.terminate();
      URL.revokeObjectURL(url);
    }
  }, { source: WORKER_SOURCE, rootUrl: srv.url, creds: CREDS });

  assert.equal(report.error, undefined, report.error);
  assert.equal(report.isWorker, true);
  assert.equal(report.hasWindow, false);
  assert.equal(report.hasDocument, false);
  assert.equal(typeof report.version, 'string');

  assert.equal(report.get.ok, true, report.get.error);
  assert.equal(report.get.id, CREDS.clientId);
  assert.equal(report.get.url, '/api/queue/v1/task-group/g/list?limit=2');
  assert.equal(report.put.ok, true, report.put.error);
  assert.deepEqual(JSON.parse(report.put.payload), { from: 'worker' });
  assert.equal(report.tmp.result.ok, true, report.tmp.result.error);
  assert.deepEqual(decodeExt(report.tmp.result.ext), { certificate: JSON.parse(report.tmp.cert) });
  assert.deepEqual(report.notFound, {
    isTc: true, name: 'TaskclusterError', code: 'ResourceNotFound', statusCode: 404, message: 'Task not found',
  });

  const seen = srv.requests.slice(before);
  assert.equal(seen.length, 4);
  for (const r of seen) {
    assert.match(r.headers.authorization, /^Hawk id="worker\/client", ts="\d+", nonce="/);
    assert.ok(!(r.headers['user-agent'] ?? '').includes('taskcluster-wasm/'));
  }
  assert.deepEqual(h.pageErrors.filter((m) => !/Failed to load resource/.test(m)), []);
});
