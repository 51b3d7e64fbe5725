// Fault injection: every kind, counters that run down, path prefixes, and the
// request log (which must never show credentials).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index.mjs';
import { api, bewitUrl, hawkFetch, newTaskId, taskDefinition } from './helpers.mjs';

let emu;
const logLines = [];
before(async () => { emu = await startEmulator({ log: (line) => logLines.push(line) }); });
after(async () => { await emu.close(); });

const ping = (service = 'queue') => fetch(api(emu, service, '/ping'));

test('status500Count: the first n matching requests fail, then success', async () => {
  emu.faults.status500Count = 2;
  const first = await ping();
  assert.equal(first.status, 500);
  assert.equal((await first.json()).code, 'InternalServerError');
  assert.equal((await ping()).status, 500);
  assert.equal((await ping()).status, 200);
  assert.equal(emu.faults.status500Count, 0);
});

test('pathPrefix limits faults to one service', async () => {
  emu.faults = { pathPrefix: '/api/queue', status500Count: 1 };
  assert.equal((await ping('index')).status, 200);
  assert.equal(emu.faults.status500Count, 1);
  assert.equal((await ping('queue')).status, 500);
  assert.equal((await ping('queue')).status, 200);
  emu.faults = {};
});

test('status500Rate fails a deterministic share of requests', async () => {
  emu.faults = { status500Rate: 0.5 };
  const statuses = [];
  for (let i = 0; i < 6; i++) statuses.push((await ping()).status);
  assert.deepEqual(statuses, [200, 500, 200, 500, 200, 500]);
  emu.faults = { status500Rate: 1 };
  assert.equal((await ping()).status, 500);
  emu.faults = {};
  assert.equal((await ping()).status, 200);
});

test('htmlErrorCount answers 502 with an HTML page', async () => {
  emu.faults.htmlErrorCount = 1;
  const res = await ping();
  assert.equal(res.status, 502);
  assert.match(res.headers.get('content-type'), /^text\/html/);
  assert.match(await res.text(), /<title>502 Bad Gateway<\/title>/);
  assert.equal(res.headers.get('access-control-allow-origin'), '*');
  assert.equal((await ping()).status, 200);
});

test('dropConnectionCount destroys the socket without an answer', async () => {
  emu.faults.dropConnectionCount = 1;
  await assert.rejects(ping(), (err) => err instanceof TypeError);
  assert.equal((await ping()).status, 200);
});

test('delayMs delays the answer (a client timeout fires first)', async () => {
  emu.faults.delayMs = 400;
  const started = Date.now();
  assert.equal((await ping()).status, 200);
  assert.ok(Date.now() - started >= 380);
  await assert.rejects(fetch(api(emu, 'queue', '/ping'), { signal: AbortSignal.timeout(100) }), /TimeoutError|aborted/);
  emu.faults.delayMs = 0;
});

test('faults apply to signed API calls too, and counters decrement per request', async () => {
  // Only auth's paths: under load, the previous test's aborted queue ping can reach the server now.
  emu.faults = { pathPrefix: '/api/auth', status500Count: 1, htmlErrorCount: 1 };
  const statuses = [];
  for (let i = 0; i < 3; i++) statuses.push((await hawkFetch(api(emu, 'auth', '/scopes/current'), emu.clients.root)).status);
  assert.deepEqual(statuses, [502, 500, 200]);
  emu.faults = {};
});

test('resetMidBodyCount: the request is handled, then the answer is cut off mid-body', async () => {
  const taskId = newTaskId();
  emu.faults = { resetMidBodyCount: 1 };
  const url = api(emu, 'queue', `/task/${taskId}`);
  const first = await hawkFetch(url, emu.clients.root, { method: 'PUT', body: taskDefinition() });
  assert.equal(first.status, 200); // headers arrived; the body never completes
  await assert.rejects(first.text(), (err) => err instanceof TypeError);
  assert.ok(emu.state.tasks.has(taskId), 'the server did the work before the answer was lost');
  assert.equal((await ping()).status, 200);
  emu.faults = {};
});

test('stallCount: headers and half the body, the rest only after stallMs', async () => {
  emu.faults = { stallCount: 1, stallMs: 300 };
  const started = Date.now();
  const stalled = await ping();
  assert.equal(stalled.status, 200);
  const body = stalled.text();
  const early = await Promise.race([body, new Promise((resolve) => setTimeout(() => resolve('still stalled'), 100))]);
  assert.equal(early, 'still stalled');
  const text = await body;
  assert.doesNotThrow(() => JSON.parse(text));
  assert.ok(Date.now() - started >= 280);
  emu.faults = {};
});

test('truncatedJsonCount: a complete answer whose JSON body is cut in half', async () => {
  emu.faults = { truncatedJsonCount: 1 };
  const res = await ping();
  assert.equal(res.status, 200);
  const text = await res.text();
  assert.throws(() => JSON.parse(text), SyntaxError);
  assert.ok(text.length > 0);
  assert.equal((await ping()).status, 200);
});

test('html200Count, html503Count, html504Count: HTML pages from a proxy', async () => {
  emu.faults = { html200Count: 1, html503Count: 1, html504Count: 1 };
  const answers = [];
  for (let i = 0; i < 4; i++) {
    const res = await ping();
    answers.push([res.status, res.headers.get('content-type').split(';')[0], (await res.text()).slice(0, 15)]);
  }
  assert.deepEqual(answers.map(([s, t]) => [s, t]), [[200, 'text/html'], [503, 'text/html'], [504, 'text/html'], [200, 'application/json']]);
  assert.match(answers[0][2], /<!DOCTYPE html>/);
});

test('retryAfterCount: 503 with a Retry-After header', async () => {
  emu.faults = { retryAfterCount: 1, retryAfterSec: 7 };
  const res = await ping();
  assert.equal(res.status, 503);
  assert.equal(res.headers.get('retry-after'), '7');
  assert.equal((await res.json()).code, 'ServiceUnavailable');
  emu.faults = {};
});

test('mix: a seeded share of requests get random kinds, the same sequence for the same seed', async () => {
  const run = async () => {
    emu.faults = { mix: { rate: 0.5, seed: 42, kinds: ['status500', 'html503', 'retryAfter'] } };
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await ping()).status);
    emu.faults = {};
    return statuses;
  };
  const before = { ...emu.faultsInjected };
  const first = await run();
  const second = await run();
  assert.deepEqual(first, second);
  const faulted = first.filter((s) => s !== 200).length;
  assert.ok(faulted >= 4 && faulted <= 16, first.join(' '));
  const injected = ['status500', 'html503', 'retryAfter'].reduce((n, k) => n + (emu.faultsInjected[k] ?? 0) - (before[k] ?? 0), 0);
  assert.equal(injected, 2 * faulted);
});

test('the log has one line per request and never a credential', async () => {
  const url = api(emu, 'auth', '/scopes/current');
  await fetch(bewitUrl(url, emu.clients.root));
  await hawkFetch(url, emu.clients.root);
  const { privateArtifact: a } = emu.state.demo;
  await fetch(bewitUrl(api(emu, 'queue', `/task/${a.taskId}/runs/0/artifacts/${encodeURIComponent(a.name)}`), emu.clients.root));
  const text = logLines.join('\n');
  assert.ok(logLines.some((l) => /^GET \/api\/auth\/v1\/scopes\/current\?bewit=REDACTED 200$/.test(l)), text);
  assert.ok(logLines.some((l) => /^GET \/api\/queue\/v1\/ping 500$/.test(l)));
  assert.ok(logLines.some((l) => /signature=REDACTED 200$/.test(l)));
  for (const secret of [emu.clients.root.accessToken, emu.clients.limited.accessToken, 'Hawk ']) {
    assert.ok(!text.includes(secret));
  }
  assert.ok(!/bewit=(?!REDACTED)/.test(text));
});
