// Runs memory scenarios against one build of the package in this process and
// prints one JSON line per scenario. Started by leak.test.mjs / load.test.mjs
// with `node --expose-gc`; usable by hand to compare builds:
//
//   node --expose-gc tests/load/leak-child.mjs '{"entry": "/abs/dist/node/index.mjs", "scenarios": [...]}'
//
// A scenario: {name, kind, calls, inFlight, rootUrl, credentials?, taskId?, drainMs?}.
// `drainMs` waits before each measurement for the server to finish answers the client
// gave up on (a timed-out request's socket stays in fetch's pool until then).
// Each runs a warm-up (a tenth of the calls, at least twice the concurrency, so pools and
// the externref table reach their working size), is measured after GC, runs its
// calls, and is measured again after GC.
import { setTimeout as sleep } from 'node:timers/promises';
import { installWasmProbe } from './support/wasm-probe.mjs';

const probe = installWasmProbe();
const config = JSON.parse(process.argv[2]);
const tc = await import(config.entry);

if (typeof globalThis.gc !== 'function') throw new Error('leak-child: run with node --expose-gc');

async function settle() {
  // Several rounds: FinalizationRegistry callbacks (wasm objects) run as tasks after a GC.
  for (let i = 0; i < 4; i++) {
    globalThis.gc();
    await sleep(5);
  }
}

async function snapshot() {
  await settle();
  return { heapBytes: process.memoryUsage().heapUsed, ...probe.sample() };
}

function expectRejection(promise, check) {
  return promise.then(
    () => { throw new Error('expected a rejection'); },
    (error) => {
      if (!(error instanceof tc.TaskclusterError) || !check(error)) throw error;
    },
  );
}

// kind -> (scenario) => one call (a function returning a promise or a value).
const KINDS = {
  // Signed requests from one client (the measurement, with signing).
  calls: ({ rootUrl, credentials, taskId = 'abc' }) => {
    const queue = new tc.Queue({ rootUrl, credentials });
    return () => queue.status(taskId);
  },
  // One paginated listing per call: `pages` requests chained by continuationToken.
  paginate: ({ rootUrl, credentials, pages = 5 }) => {
    const queue = new tc.Queue({ rootUrl, credentials });
    return async () => {
      let items = 0;
      for await (const task of queue.paginate('listTaskGroup', 'group', { limit: pages })) items += task ? 1 : 0;
      if (items !== pages) throw new Error(`paginate: ${items} items, expected ${pages}`);
    };
  },
  // Credentials from an agent, asked before every request.
  agent: ({ rootUrl, credentials }) => {
    const queue = new tc.Queue({ rootUrl, credentials: { getCredentials: async () => credentials } });
    return () => queue.status('abc');
  },
  // A new client per call against a server whose clock is off: each call is
  // challenged once, corrects its clock and retries; every client is dropped.
  clock: ({ rootUrl, credentials }) => async () => {
    const queue = new tc.Queue({ rootUrl, credentials, retries: 0 });
    await queue.status('abc');
    if (queue.clockOffset === 0) throw new Error('clock: no correction happened');
  },
  exchanges: () => {
    const events = new tc.QueueEvents();
    return () => events.taskDefined({ taskId: 'abc', runId: 0 });
  },
  signedUrlAsync: ({ rootUrl, credentials }) => {
    const queue = new tc.Queue({ rootUrl, credentials: { getCredentials: async () => credentials } });
    return () => queue.buildSignedUrlAsync('task', 'abc');
  },
  // Signed URLs with the client's own credentials: the JS fast path, the checked wasm path
  // (a dot segment, whose URL is signed as built), a refusal, and signUrl.
  signedUrl: ({ rootUrl, credentials }) => {
    const queue = new tc.Queue({ rootUrl, credentials });
    let i = 0;
    return () => {
      i += 1;
      queue.buildSignedUrl('getArtifact', `task-${i}`, 0, 'public/log.txt', { expiration: 60 });
      queue.buildSignedUrl('getArtifact', `task-${i}`, 0, '..');
      try {
        queue.buildSignedUrl('getArtifact', `task-${i}`, 0, '');
      } catch {
        // refused: the module goes on
      }
      return tc.signUrl({ url: `${rootUrl}/x/${i}?a=b#frag`, credentials, expiration: 30 });
    };
  },
  // 404s (no retry): a TaskclusterError per call.
  errors: ({ rootUrl, credentials }) => {
    const queue = new tc.Queue({ rootUrl, credentials, retries: 0 });
    return () => expectRejection(queue.task('missing'), (e) => e.statusCode === 404);
  },
  // Requests the per-attempt timeout aborts: the timer fires, then is released.
  timeouts: ({ rootUrl, credentials }) => {
    const queue = new tc.Queue({ rootUrl, credentials, retries: 0, timeout: 25 });
    return () => expectRejection(queue.task('stall'), (e) => e.code === 'RequestTimeout');
  },
};

async function runCalls(call, calls, inFlight) {
  let started = 0;
  let failed = 0;
  let firstError;
  async function worker() {
    while (started < calls) {
      started += 1;
      try {
        await call();
      } catch (error) {
        failed += 1;
        firstError ??= String(error?.stack ?? error);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(inFlight, calls) }, worker));
  return { failed, firstError };
}

// Kinds that make a new client for every call.
const CLIENT_PER_CALL = new Set(['clock']);

let unhandled = 0;
process.on('unhandledRejection', () => { unhandled += 1; });

for (const scenario of config.scenarios) {
  const call = KINDS[scenario.kind](scenario);
  const inFlight = scenario.inFlight ?? 1;
  // A client made per call keeps its wasm state until a GC runs its finalizer, so wasm
  // memory peaks at however many clients live between GCs: a warm-up as long as the run
  // reaches that peak, and the measured run must then stay within it.
  const warmCalls = CLIENT_PER_CALL.has(scenario.kind) ? scenario.calls : Math.max(Math.ceil(scenario.calls / 10), 2 * inFlight);
  const warm = await runCalls(call, warmCalls, inFlight);
  const drain = () => sleep(scenario.drainMs ?? 0);
  await drain();
  const before = await snapshot();
  const started = performance.now();
  const run = await runCalls(call, scenario.calls, inFlight);
  const ms = performance.now() - started;
  await drain();
  const after = await snapshot();
  process.stdout.write(`${JSON.stringify({
    name: scenario.name, kind: scenario.kind, calls: scenario.calls, inFlight, ms: Math.round(ms),
    failed: warm.failed + run.failed, firstError: warm.firstError ?? run.firstError, unhandled,
    before, after,
    growth: {
      heapBytes: after.heapBytes - before.heapBytes,
      memoryBytes: after.memoryBytes - before.memoryBytes,
      tableSlots: after.tableSlots - before.tableSlots,
    },
  })}\n`);
}
