// Web Worker: the same package in a module worker (/worker.js); the page sends
// the call (rootUrl, credentials, taskId) with postMessage and shows the reply.
import { $, fillFacts, guarded, prettyJson } from '../lib/dom.js';

export function initWorker(app) {
  const { session, config } = app;
  const form = $('worker-form');
  const input = $('worker-task-id');
  const errorSlot = $('worker-error');
  let worker = null;
  let nextId = 1;
  const pending = new Map();

  function getWorker() {
    if (worker) return worker;
    worker = new Worker('/worker.js', { type: 'module', name: 'taskcluster-wasm-worker' });
    worker.addEventListener('message', ({ data }) => {
      const entry = pending.get(data.id);
      if (!entry) return;
      pending.delete(data.id);
      entry.resolve(data);
    });
    worker.addEventListener('error', (event) => {
      const error = new Error(`The worker failed: ${event.message || 'could not load /worker.js'}`);
      for (const entry of pending.values()) entry.reject(error);
      pending.clear();
      worker.terminate();
      worker = null;
    });
    return worker;
  }

  function call(message) {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => { pending.delete(id); reject(new Error('The worker did not answer within 20 s')); }, 20000);
      pending.set(id, {
        resolve: (data) => { clearTimeout(timer); resolve(data); },
        reject: (error) => { clearTimeout(timer); reject(error); },
      });
      getWorker().postMessage({ id, ...message });
    });
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    $('worker-result').hidden = true;
    guarded(errorSlot, form.querySelector('button'), async () => {
      const taskId = input.value.trim();
      if (!taskId) throw new TypeError('Enter a taskId');
      const reply = await call({ op: 'task', rootUrl: session.rootUrl, credentials: session.credentials, taskId });
      if (!reply.ok) throw Object.assign(new Error(reply.error.message), reply.error);
      $('worker-title').textContent = `${reply.task.metadata?.name ?? taskId}, fetched in the worker`;
      fillFacts($('worker-facts'), [
        ['Worker scope', reply.env.isWorker ? 'DedicatedWorkerGlobalScope (no window, no document)' : 'not a worker?'],
        ['Package version', reply.env.version],
        ['Signed as', reply.clientId ?? 'anonymous'],
        ['Round trip', `${reply.elapsedMs.toFixed(1)} ms`],
      ]);
      $('worker-output').textContent = prettyJson(reply.task);
      $('worker-result').dataset.taskId = taskId;
      $('worker-result').hidden = false;
    }, { action: 'The worker could not fetch the task' });
  });

  return {
    show() {
      if (!input.value) input.value = config.demo?.decisionTaskId ?? '';
    },
  };
}
