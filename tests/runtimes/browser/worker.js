// A module Web Worker over the `worker` entry (what bundlers pick for workers):
// no top-level await, so it awaits `ready` (the probe does) before the first call.
import * as tc from '/pkg/web/worker.js';
import { probe } from '/probe/probe.mjs';

self.onmessage = async ({ data: config }) => {
  try {
    self.postMessage({ report: await probe(tc, config), isWorker: typeof WorkerGlobalScope !== 'undefined' && typeof document === 'undefined' });
  } catch (error) {
    self.postMessage({ error: String(error?.stack ?? error) });
  }
};
