// No per-call retention: each scenario runs many calls in a child process
// (node --expose-gc) and compares, after GC, the JS heap, the wasm memory and
// the wasm-bindgen externref table before and after. A request that left its
// timeout closure behind grew the table by ~3 slots and the heap by ~1.2 KB per
// call (66,564 slots and +24 MB after 20,000 calls).
// TC_SOAK=1 runs five times as many calls.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { startApiServer } from './support/api-server.mjs';
import { SOAK, describeGrowth, runScenarios } from './support/run-child.mjs';

const CREDENTIALS = { clientId: 'leak/test', accessToken: 'leak-access-token' };

let server;
let skewed; // a server clock 20 minutes ahead: every new client corrects its clock once
let results;

before(async () => {
  server = await startApiServer();
  skewed = await startApiServer({ clockSkewMs: 20 * 60_000, accessToken: CREDENTIALS.accessToken });
  const at = (s, rootUrl = server.rootUrl) => ({ rootUrl, credentials: CREDENTIALS, ...s, calls: s.calls * SOAK });
  const list = await runScenarios([
    at({ name: 'requests', kind: 'calls', calls: 20_000, inFlight: 50 }),
    at({ name: 'pagination', kind: 'paginate', calls: 400, inFlight: 10, pages: 5 }),
    at({ name: 'credentials agent', kind: 'agent', calls: 2000, inFlight: 50 }),
    at({ name: 'clock correction', kind: 'clock', calls: 400, inFlight: 10 }, skewed.rootUrl),
    at({ name: 'exchange bindings', kind: 'exchanges', calls: 20_000 }),
    at({ name: 'buildSignedUrlAsync', kind: 'signedUrlAsync', calls: 5000, inFlight: 50 }),
    at({ name: 'buildSignedUrl and signUrl', kind: 'signedUrl', calls: 10_000 }),
    at({ name: 'errors', kind: 'errors', calls: 2000, inFlight: 50 }),
    // The server holds each stalled request for 2 s; until then the aborted requests' sockets and
    // buffers are still alive, so the drain must outlast the stall even on a busy machine.
    at({ name: 'timeouts', kind: 'timeouts', calls: 400, inFlight: 50, drainMs: 5000 }),
  ]);
  results = new Map(list.map((r) => [r.name, r]));
  for (const r of list) process.stderr.write(`# ${describeGrowth(r)}\n`);
});

after(async () => {
  await server?.close();
  await skewed?.close();
});

// Bounds far below what one retained object per call would cost (the closure
// leak: ~1,200 bytes of heap and 3 table slots per call) and above GC noise.
const HEAP_BYTES_PER_CALL = 100;
const HEAP_SLACK = 1 << 20;
const WASM_PAGE = 65_536;

function assertFlat(name) {
  const r = results.get(name);
  assert.ok(r, `scenario ${name} did not run`);
  assert.equal(r.failed, 0, `${name}: ${r.failed} calls failed, first: ${r.firstError}`);
  assert.equal(r.unhandled, 0, `${name}: unhandled rejections`);
  const detail = describeGrowth(r);
  assert.ok(r.growth.heapBytes < HEAP_SLACK + HEAP_BYTES_PER_CALL * r.calls, `heap grew: ${detail}`);
  assert.ok(r.growth.memoryBytes <= WASM_PAGE, `wasm memory grew: ${detail}`);
  assert.ok(r.growth.tableSlots <= 32, `externref table grew: ${detail}`);
}

for (const name of ['requests', 'pagination', 'credentials agent', 'clock correction', 'exchange bindings',
  'buildSignedUrlAsync', 'buildSignedUrl and signUrl', 'errors', 'timeouts']) {
  test(`no retention per call: ${name}`, () => assertFlat(name));
}

test('the 20,000 requests all reached the server', () => {
  assert.ok(server.requests >= 20_000 * SOAK, `${server.requests} requests`);
});
