// A module Web Worker over the `worker` entry (what bundlers pick for workers):
// no top-level await, so it awaits `ready` (the probe does) before the first call.
import * as tc from '/pkg/web/worker.js';
import { probe } from '/probe/probe.mjs';

// A call before `ready` settles is refused with a clear error.
let early;
try {
  early = tc.slugid();
} catch (error) {
  early = { name: error.name, message: error.message };
}

// A client can be made before `ready`, with every option (the list limit is known without the wasm).
let earlyQueue;
try {
  earlyQueue = new tc.Queue({ rootUrl: 'https://tc.example.com', authorizedScopes: ['queue:get-task:*'] }).constructor.name;
} catch (error) {
  earlyQueue = `${error.name}: ${error.message}`;
}

self.onmessage = async ({ data: config }) => {
  try {
    self.postMessage({ early, earlyQueue, report: await probe(tc, config), isWorker: typeof WorkerGlobalScope !== 'undefined' && typeof document === 'undefined' });
  } catch (error) {
    self.postMessage({ error: String(error?.stack ?? error) });
  }
};
