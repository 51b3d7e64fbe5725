// A module Web Worker running taskcluster-wasm off the main thread.
// Message in:  {id, op: 'task', rootUrl, credentials?, taskId}
// Message out: {id, ok: true, task, clientId, elapsedMs, env} or {id, ok: false, error: {message, statusCode, code, ...}}
//
// The package is imported dynamically on purpose: /pkg/web/index.js initialises
// the wasm with top-level await, and a worker whose module graph is still
// evaluating has no 'message' listener yet, so a message the page posts right
// after `new Worker()` would be dispatched to nobody and lost. Listening first
// and awaiting the import inside the handler avoids that.
const tcReady = import('/pkg/web/index.js');

const env = () => ({
  isWorker: typeof WorkerGlobalScope !== 'undefined' && self instanceof WorkerGlobalScope,
  hasWindow: typeof window !== 'undefined',
  hasDocument: typeof document !== 'undefined',
});

self.addEventListener('message', async ({ data }) => {
  const { id, op, rootUrl, credentials, taskId } = data ?? {};
  const started = performance.now();
  let version;
  try {
    const tc = await tcReady;
    version = tc.version;
    if (op !== 'task') throw new TypeError(`unknown op ${JSON.stringify(op)}`);
    const queue = new tc.Queue({ rootUrl, credentials, retries: 2, delayFactor: 50 });
    const task = await queue.task(taskId);
    self.postMessage({ id, ok: true, task, clientId: credentials?.clientId, elapsedMs: performance.now() - started, env: { ...env(), version } });
  } catch (error) {
    // Only plain fields cross postMessage; the message never contains the access token.
    const fields = {};
    for (const key of ['name', 'message', 'code', 'statusCode', 'method', 'url', 'functionName', 'retries']) {
      if (error?.[key] !== undefined) fields[key] = error[key];
    }
    self.postMessage({ id, ok: false, error: { message: String(error?.message ?? error), ...fields }, env: { ...env(), version } });
  }
});
