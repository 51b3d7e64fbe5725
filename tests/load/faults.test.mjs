// The client under what real proxies do (emulator/faults.mjs): 2,000 idempotent
// calls with 30% of the queue's answers faulted (a fixed seed) and the server's
// clock 20 minutes off. Every call must end, in time, in a result or a
// TaskclusterError with a status or code, and the retry count it reports must be
// what the server saw. Then: a createTask whose answer is lost is retried safely.
// TC_SOAK=1 runs five times as many calls.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Queue, TaskclusterError } from 'taskcluster-wasm';
import { startEmulator } from '../../emulator/index.mjs';
import { KINDS } from '../../emulator/faults.mjs';
import { newTaskId, taskDefinition } from '../emulator/helpers.mjs';
import { SOAK } from './support/run-child.mjs';

const CALLS = Number(process.env.TC_FAULT_CALLS ?? 2000) * SOAK;
const IN_FLIGHT = 50;
const POLICY = { timeout: 3000, retries: 2, delayFactor: 10, randomizationFactor: 0.25, maxDelay: 100 };
// Each attempt ends by the timeout; one more attempt for the clock correction;
// every wait is capped by maxDelay. The slack absorbs a busy machine's event loop.
const CALL_BOUND_MS = POLICY.timeout * (POLICY.retries + 2) + POLICY.maxDelay * POLICY.retries + 2500;

// Every attempt the client makes, seen where it leaves: the package's transport
// calls the global fetch. Some attempts never reach the server (a keep-alive
// socket the server closes as the request goes out), so the server's log is not
// the oracle; what fetch was asked and answered is.
const attempts = new Map(); // url -> {sent, challenges}
const realFetch = globalThis.fetch; // read before any hook runs: they may run at registration
function countingFetch(input, init) {
  const url = typeof input === 'string' ? input : input.url;
  const entry = attempts.get(url) ?? { sent: 0, challenges: 0 };
  attempts.set(url, entry);
  entry.sent += 1;
  return realFetch(input, init).then((response) => {
    // A challenge counts once the client has its whole answer (a body cut off is a network error).
    if (response.status === 401 && /Stale timestamp/.test(response.headers.get('www-authenticate') ?? '')) {
      const text = response.text.bind(response);
      response.text = () => text().then((body) => { entry.challenges += 1; return body; });
    }
    return response;
  });
}

let emu;
const log = [];
const unhandled = [];
const onUnhandled = (reason) => unhandled.push(reason);

before(async () => {
  process.on('unhandledRejection', onUnhandled);
  globalThis.fetch = countingFetch;
  emu = await startEmulator({ log: (line) => log.push(line) });
});
after(async () => {
  process.off('unhandledRejection', onUnhandled);
  globalThis.fetch = realFetch;
  await emu?.close();
});

test(`${CALLS} idempotent calls under a 30% fault mix and a server clock 20 minutes off`, async () => {
  const { taskGroupId, decisionTaskId } = emu.state.demo;
  const queue = new Queue({ rootUrl: emu.rootUrl, credentials: emu.clients.root, ...POLICY });
  // Every call's URL is unique (a different limit), so the server's log tells
  // each call's attempts apart.
  const calls = Array.from({ length: CALLS }, (_, i) => {
    const limit = 1 + (Math.floor(i / 2) % 1000);
    return i % 2 === 0
      ? { name: 'listTaskGroup', args: [taskGroupId, { limit }], path: `/api/queue/v1/task-group/${taskGroupId}/list?limit=${limit}` }
      : { name: 'listArtifacts', args: [decisionTaskId, 0, { limit }], path: `/api/queue/v1/task/${decisionTaskId}/runs/0/artifacts?limit=${limit}` };
  });
  const uniquePaths = new Set(calls.map((c) => c.path)).size === calls.length;
  attempts.clear();
  emu.clockOffsetSec = 20 * 60;
  emu.faults = { pathPrefix: '/api/queue', mix: { rate: 0.3, seed: 8 }, stallMs: 30_000, retryAfterSec: 5 };
  const injectedBefore = { ...emu.faultsInjected };
  const outcomes = [];
  let next = 0;
  const started = Date.now();
  async function worker() {
    while (next < calls.length) {
      const call = calls[next++];
      const t0 = Date.now();
      pending.set(call.path, t0);
      const outcome = await queue[call.name](...call.args).then((value) => ({ ok: true, value }), (error) => ({ ok: false, error }));
      pending.delete(call.path);
      outcomes.push({ ...outcome, ...call, ms: Date.now() - t0 });
    }
  }
  const pending = new Map();
  const watchdog = setInterval(() => {
    for (const [path, t0] of pending) if (Date.now() - t0 > CALL_BOUND_MS) process.stderr.write(`# PENDING ${path} for ${Date.now() - t0} ms; server saw ${log.filter((l) => l.includes(path)).join(', ')}; attempts ${JSON.stringify(attempts.get(`${emu.rootUrl}${path}`))}\n`);
  }, 5000);
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
  clearInterval(watchdog);
  const elapsed = Date.now() - started;
  emu.faults = {};
  emu.clockOffsetSec = 0;

  const injected = Object.fromEntries(Object.keys(KINDS).map((k) => [k, (emu.faultsInjected[k] ?? 0) - (injectedBefore[k] ?? 0)]));
  const failures = outcomes.filter((o) => !o.ok);
  const byCode = {};
  for (const { error } of failures) byCode[error.code] = (byCode[error.code] ?? 0) + 1;
  process.stderr.write(`# fault mix: ${outcomes.length} calls in ${elapsed} ms, ${outcomes.length - failures.length} succeeded, `
    + `errors by code ${JSON.stringify(byCode)}; faults injected ${JSON.stringify(injected)}; `
    + `slowest call ${Math.max(...outcomes.map((o) => o.ms))} ms (bound ${CALL_BOUND_MS})\n`);

  assert.equal(outcomes.length, CALLS, 'every call ended');
  for (const kind of Object.keys(KINDS)) assert.ok(injected[kind] > 0, `no ${kind} fault was injected`);
  assert.ok(queue.clockOffset > 19 * 60_000 && queue.clockOffset < 21 * 60_000, `clock offset ${queue.clockOffset}`);
  for (const o of outcomes) {
    assert.ok(o.ms <= CALL_BOUND_MS, `${o.path} took ${o.ms} ms: ${o.ok ? 'ok' : o.error.message}; server saw ${log.filter((l) => l.includes(o.path)).join(', ')}`);
    if (o.ok) {
      assert.ok(Array.isArray(o.value.tasks ?? o.value.artifacts), `${o.path}: ${JSON.stringify(o.value)}`);
      continue;
    }
    const e = o.error;
    assert.ok(e instanceof TaskclusterError, `${o.path}: not a TaskclusterError: ${e?.stack ?? e}`);
    assert.equal(typeof e.code, 'string');
    assert.ok(Number.isInteger(e.statusCode) || ['RequestTimeout', 'NetworkError'].includes(e.code), `${e.code} ${e.statusCode}`);
    assert.ok(!(e.statusCode >= 200 && e.statusCode < 300) || e.code === 'InvalidResponse', e.message);
    assert.ok(e.retries <= POLICY.retries);
    if (uniquePaths) {
      const { sent, challenges } = attempts.get(`${emu.rootUrl}${o.path}`) ?? { sent: 0, challenges: 0 };
      assert.equal(e.retries, sent - 1 - challenges, `${o.path}: ${e.retries} retries reported, ${sent} requests sent (${challenges} clock challenges)`);
    }
  }
  assert.deepEqual(unhandled, []);
});

test('a 200 with an HTML page or truncated JSON is a TaskclusterError, not a SyntaxError or a string', async () => {
  const queue = new Queue({ rootUrl: emu.rootUrl, retries: 0 });
  const taskId = emu.state.demo.decisionTaskId;
  for (const kind of ['html200', 'truncatedJson']) {
    emu.faults = { [`${kind}Count`]: 1, pathPrefix: `/api/queue/v1/task/${taskId}` };
    const error = await queue.task(taskId).then(() => null, (e) => e);
    assert.ok(error instanceof TaskclusterError, `${kind}: ${error}`);
    assert.equal(error.code, 'InvalidResponse');
    assert.equal(error.statusCode, 200);
    assert.match(error.message, /^Queue\.task: HTTP 200 with a body that is not JSON/);
  }
  emu.faults = {};
  assert.equal((await queue.task(taskId)).taskGroupId, emu.state.demo.taskGroupId);
});

test('Retry-After is honoured up to maxDelay, and a 503 retried to the end reports its retries', async () => {
  const queue = new Queue({ rootUrl: emu.rootUrl, retries: 1, delayFactor: 1, maxDelay: 300 });
  emu.faults = { retryAfterCount: 2, retryAfterSec: 60 };
  const started = Date.now();
  const error = await queue.task(emu.state.demo.decisionTaskId).then(() => null, (e) => e);
  const waited = Date.now() - started;
  emu.faults = {};
  assert.ok(error instanceof TaskclusterError);
  assert.equal(error.statusCode, 503);
  assert.equal(error.retries, 1);
  assert.ok(waited >= 290 && waited < 5000, `waited ${waited} ms (Retry-After 60 s capped at maxDelay 300 ms)`);
});

test('a createTask whose answer was lost is retried safely: same definition 200, another one 409', async () => {
  const queue = new Queue({ rootUrl: emu.rootUrl, credentials: emu.clients.root, retries: 2, delayFactor: 1 });
  const taskId = newTaskId();
  const definition = taskDefinition();
  emu.faults = { resetMidBodyCount: 1, pathPrefix: `/api/queue/v1/task/${taskId}` };
  const created = await queue.createTask(taskId, definition);
  emu.faults = {};
  assert.equal(emu.faultsInjected.resetMidBody > 0, true);
  assert.equal(created.status.taskId, taskId);
  const lines = log.filter((line) => line.startsWith(`PUT /api/queue/v1/task/${taskId} `));
  assert.deepEqual(lines.map((line) => line.split(' ')[2]), ['unfinished', '200']);
  assert.deepEqual((await queue.status(taskId)).status, created.status);
  const again = await queue.createTask(taskId, definition);
  assert.deepEqual(again.status, created.status);
  const conflict = await queue.createTask(taskId, { ...definition, priority: 'high' }).then(() => null, (e) => e);
  assert.ok(conflict instanceof TaskclusterError);
  assert.equal(conflict.statusCode, 409);
  assert.equal(conflict.code, 'RequestConflict');
  assert.equal(conflict.retries, 0);
});
