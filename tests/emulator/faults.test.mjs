// Fault injection: every kind, counters that run down, path prefixes, and the
// request log (which must never show credentials).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEmulator } from '../../emulator/index.mjs';
import { api, bewitUrl, hawkFetch } from './helpers.mjs';

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
