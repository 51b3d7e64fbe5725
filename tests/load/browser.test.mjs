// Leak and load in headless Chromium: 2,000 signed requests (50 in flight) to a
// minimal server, then 2,000 calls with 256 in flight to the emulator. After
// CDP's garbage collection the JS heap, the wasm memory and the externref table
// must be where they were after the warm-up, and every call must succeed.
// TC_SOAK=1 runs five times as many calls.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startBrowserPage } from '../support/browser-harness.mjs';
import { startEmulator } from '../../emulator/index.mjs';
import { startApiServer } from './support/api-server.mjs';
import { BROWSER_PROBE } from './support/wasm-probe.mjs';
import { SOAK } from './support/run-child.mjs';

const CREDENTIALS = { clientId: 'leak/test', accessToken: 'leak-access-token' };

let h;
let cdp;
let server;
let emu;

before(async () => {
  [server, emu, h] = await Promise.all([startApiServer(), startEmulator(), startBrowserPage()]);
  await h.page.evaluate(BROWSER_PROBE); // before the first inPage() loads the wasm
  cdp = await h.page.context().newCDPSession(h.page);
});
after(async () => {
  await h?.close();
  await server?.close();
  await emu?.close();
});

async function snapshot() {
  for (let i = 0; i < 3; i++) {
    await cdp.send('HeapProfiler.collectGarbage');
    await h.page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 20))); // finalizers run
  }
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  const { memoryBytes, tableSlots } = await h.page.evaluate(() => globalThis.__wasmProbe.sample());
  return { heapBytes: usedSize, memoryBytes, tableSlots };
}

// In the page: `calls` calls of queue[method](...args), `inFlight` at a time.
const RUN = `async (tc, { rootUrl, credentials, method, args, calls, inFlight }) => {
  const queue = new tc.Queue({ rootUrl, credentials });
  let started = 0, failed = 0, firstError;
  const worker = async () => {
    while (started < calls) {
      started += 1;
      try { await queue[method](...args); } catch (e) { failed += 1; firstError ??= String(e && e.message); }
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: Math.min(inFlight, calls) }, worker));
  return { failed, firstError, ms: Math.round(performance.now() - t0) };
}`;

async function measured(name, run) {
  // Warm-up at full concurrency: pools and the externref table reach their working size.
  await run(Math.max(Math.ceil(run.calls / 10), 2 * run.inFlight));
  const before = await snapshot();
  const result = await run(run.calls);
  const after = await snapshot();
  process.stderr.write(`# chromium ${name}: ${run.calls} calls in ${result.ms} ms, failed ${result.failed}; heap ${before.heapBytes} -> ${after.heapBytes}, `
    + `wasm memory ${before.memoryBytes} -> ${after.memoryBytes}, externref table ${before.tableSlots} -> ${after.tableSlots}\n`);
  assert.equal(result.failed, 0, result.firstError);
  assert.ok(after.heapBytes - before.heapBytes < (1 << 20) + 100 * run.calls, `heap grew ${after.heapBytes - before.heapBytes} bytes`);
  assert.ok(after.memoryBytes - before.memoryBytes <= 65_536, `wasm memory grew ${after.memoryBytes - before.memoryBytes} bytes`);
  assert.ok(after.tableSlots - before.tableSlots <= 32, `externref table grew ${after.tableSlots - before.tableSlots} slots`);
  assert.deepEqual(h.pageErrors, []);
}

const runner = (options) => Object.assign((calls) => h.inPage(RUN, { ...options, calls }), { calls: options.calls, inFlight: options.inFlight });

test('Chromium: 2,000 signed requests, 50 in flight, leave nothing behind', async () => {
  await measured('requests', runner({ rootUrl: server.rootUrl, credentials: CREDENTIALS, method: 'status', args: ['abc'], calls: 2000 * SOAK, inFlight: 50 }));
});

test('Chromium: 2,000 calls to the emulator, 256 in flight, all succeed with memory flat', async () => {
  const { decisionTaskId } = emu.state.demo;
  await measured('emulator load', runner({ rootUrl: emu.rootUrl, credentials: emu.clients.root, method: 'task', args: [decisionTaskId], calls: 2000 * SOAK, inFlight: 256 }));
});
