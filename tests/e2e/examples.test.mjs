// examples/task-graph.mjs as a child process: against an emulator given in
// TASKCLUSTER_* (whose printed signed links are then fetched here), and on its own.
// Run: node --test tests/e2e/examples.test.mjs
import { test, before, after } from 'node:test';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import assert from '../support/assert.mjs';
import { startEmulator } from '../../emulator/index.mjs';
import { ROOT } from './support.mjs';

const run = promisify(execFile);
const EXAMPLE = path.join(ROOT, 'examples/task-graph.mjs');

// The environment without any TASKCLUSTER_* variable of the caller.
const cleanEnv = () => Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKCLUSTER_')));

async function runExample(env) {
  try {
    const { stdout, stderr } = await run(process.execPath, [EXAMPLE], { cwd: ROOT, env, timeout: 30_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    return { code: error.code ?? 1, stdout: error.stdout ?? '', stderr: error.stderr ?? String(error) };
  }
}

const signedLinks = (stdout) => stdout.match(/https?:\/\/\S+[?&]bewit=\S+/g) ?? [];

let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, seed: false });
});
after(async () => {
  await emulator?.close();
});

test('task-graph.mjs against a running emulator: exit 0, and its signed links work afterwards', async () => {
  const { root } = emulator.clients;
  const result = await runExample({
    ...cleanEnv(),
    TASKCLUSTER_ROOT_URL: emulator.rootUrl,
    TASKCLUSTER_CLIENT_ID: root.clientId,
    TASKCLUSTER_ACCESS_TOKEN: root.accessToken,
  });
  assert.equal(result.code, 0, `exit ${result.code}\n${result.stdout}\n${result.stderr}`);
  assert.doesNotMatch(result.stdout, /Started an emulator/);
  assert.match(result.stdout, /All 4 tasks completed \(listTaskGroup: 4 tasks\)/);
  assert.match(result.stdout, /^OK$/m);
  assert.ok(!result.stdout.includes(root.accessToken), 'the access token is never printed');

  // The graph in the emulator: a decision task and three dependents, all completed, one artifact each.
  const taskGroupId = /Task group (\S+) on /.exec(result.stdout)[1];
  const records = [...emulator.state.tasks.values()].filter((r) => r.task.taskGroupId === taskGroupId);
  assert.equal(records.length, 4);
  for (const record of records) {
    assert.equal(record.runs.at(-1).state, 'completed', record.task.metadata.name);
    const isDecision = record.taskId === taskGroupId;
    assert.deepEqual(record.task.dependencies, isDecision ? [] : [taskGroupId]);
  }

  // The printed signed links serve each task's artifact (fetched here, after the script has exited).
  const links = signedLinks(result.stdout);
  assert.equal(links.length, 4, result.stdout);
  const seen = new Set();
  for (const link of links) {
    const url = new URL(link);
    const [, taskId, runId] = /^\/api\/queue\/v1\/task\/([^/]+)\/runs\/(\d+)\/artifacts\/private%2Foutput\.json$/.exec(url.pathname);
    const bewit = Buffer.from(url.searchParams.get('bewit'), 'base64url').toString('utf8').split('\\');
    assert.equal(bewit[0], root.clientId);
    const lifetime = Number(bewit[1]) - Date.now() / 1000;
    assert.ok(lifetime > 500 && lifetime <= 600, `bewit valid ${lifetime} s more`);
    const response = await fetch(link);
    assert.equal(response.status, 200, link);
    assert.equal(response.headers.get('content-type'), 'application/json');
    const body = await response.json();
    assert.equal(body.taskId, taskId);
    assert.equal(String(body.runId), runId);
    assert.equal(body.result, 'ok');
    seen.add(body.task);
    // Tampering with the signature is refused.
    url.searchParams.set('bewit', Buffer.from(bewit.map((part, i) => (i === 1 ? String(Number(part) + 1) : part)).join('\\')).toString('base64url'));
    const tampered = await fetch(url);
    assert.equal(tampered.status, 401);
  }
  assert.deepEqual([...seen].sort(), ['build', 'decision', 'lint', 'test']);
});

test('task-graph.mjs on its own starts and stops an emulator and exits 0', async () => {
  const result = await runExample(cleanEnv());
  assert.equal(result.code, 0, `exit ${result.code}\n${result.stdout}\n${result.stderr}`);
  assert.match(result.stdout, /^Started an emulator at http:\/\/127\.0\.0\.1:\d+/);
  assert.match(result.stdout, /^OK$/m);
  assert.equal(signedLinks(result.stdout).length, 4);
  assert.match(result.stdout, /without the bewit: HTTP 403/);
});

test('task-graph.mjs fails clearly when the root URL is given without credentials', async () => {
  const result = await runExample({ ...cleanEnv(), TASKCLUSTER_ROOT_URL: emulator.rootUrl });
  assert.equal(result.code, 1);
  assert.match(result.stderr, /TASKCLUSTER_CLIENT_ID/);
});

test('sign-and-verify.mjs: every request it signs is accepted by its hawk server', async () => {
  const { stdout, stderr } = await run(process.execPath, [path.join(ROOT, 'examples/sign-and-verify.mjs')], {
    cwd: ROOT, env: cleanEnv(), timeout: 30_000,
  });
  const lines = stdout.split('\n').filter((line) => /^(accepted|REJECTED)/.test(line));
  assert.equal(lines.length, 5, stdout + stderr);
  assert.ok(lines.every((line) => line.startsWith('accepted')), stdout);
  assert.match(stdout, /All requests verified by the hawk server\./);
});
