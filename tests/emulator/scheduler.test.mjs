// The demo deployment moves: emulator/scheduler.mjs with the demo plan, seen
// through the queue's HTTP API (status, listTaskGroup) as a client sees it.
// Run: node --test tests/emulator/scheduler.test.mjs
import { test } from 'node:test';
import assert from '../support/assert.mjs';
import { startEmulator } from '../../emulator/index.mjs';
import { createScheduler } from '../../emulator/scheduler.mjs';
import { demoProgression } from '../../emulator/demo-data.mjs';
import { hawkFetch } from './helpers.mjs';

async function withDemo(fn) {
  const emu = await startEmulator({ port: 0 });
  const scheduler = createScheduler(demoProgression(emu.state));
  try {
    return await fn(emu, scheduler);
  } finally {
    scheduler.stop();
    await emu.close();
  }
}

const statusOf = async (emu, taskId) => {
  const response = await fetch(`${emu.rootUrl}/api/queue/v1/task/${taskId}/status`);
  assert.equal(response.status, 200);
  return (await response.json()).status;
};

async function groupStates(emu) {
  const { taskGroupId } = emu.state.demo;
  const response = await fetch(`${emu.rootUrl}/api/queue/v1/task-group/${taskGroupId}/list?limit=1000`);
  const { tasks } = await response.json();
  return Object.fromEntries(tasks.map(({ task, status }) => [task.metadata.name, status]));
}

test('the demo group runs forward: pending, running, resolved, a retry, then the dependent', async () => {
  await withDemo(async (emu, scheduler) => {
    const { taskIdsByName: ids } = emu.state.demo;
    const before = await groupStates(emu);
    assert.equal(before['test-macos-unit-2'].state, 'pending');
    assert.equal(before['signing-linux64'].state, 'running');
    assert.equal(before.notify.state, 'unscheduled');

    assert.deepEqual(scheduler.advance(1000), [], 'nothing is due after a second');
    const changes = scheduler.runToEnd();
    assert.ok(scheduler.done);
    const after = await groupStates(emu);
    for (const [name, status] of Object.entries(after)) {
      assert.ok(['completed', 'failed', 'exception'].includes(status.state), `${name} resolved: ${status.state}`);
    }
    // pending -> running -> completed, each seen in order
    const macos = changes.filter((c) => c.name === 'test-macos-unit-2').map((c) => c.state);
    assert.deepEqual(macos, ['running', 'completed']);
    assert.equal(after['test-macos-unit-2'].runs[0].workerId, 'emulated-worker');
    assert.equal(after['test-linux64-integration-2'].state, 'failed');

    // worker-shutdown: a new run, created for the retry, which then completes
    const retried = await statusOf(emu, ids['test-linux64-integration-1']);
    assert.deepEqual(retried.runs.map((r) => [r.runId, r.state, r.reasonCreated, r.reasonResolved]), [
      [0, 'exception', 'scheduled', 'worker-shutdown'],
      [1, 'completed', 'retry', 'completed'],
    ]);

    // notify (requires all-resolved) is scheduled only once everything else has resolved
    const notifyPending = changes.findIndex((c) => c.name === 'notify' && c.state === 'pending');
    assert.ok(notifyPending > 0);
    const lastOther = changes.findLastIndex((c) => c.name !== 'notify' && ['completed', 'failed', 'exception'].includes(c.state));
    assert.ok(notifyPending > lastOther, `notify pending at ${notifyPending}, last other resolution at ${lastOther}`);
    assert.equal(after.notify.state, 'completed');
    assert.equal(after.notify.runs[0].reasonCreated, 'scheduled');

    // each run that moved has its log
    const log = await fetch(`${emu.rootUrl}/api/queue/v1/task/${ids['test-linux64-integration-1']}/runs/1/artifacts/public/logs/live.log`);
    assert.equal(log.status, 200);
    assert.match(await log.text(), /Run ID: 1[\s\S]*=== Task completed ===/);
  });
});

test('the same history however time is advanced', async () => {
  const run = (steps) => withDemo(async (emu, scheduler) => {
    for (const ms of steps) scheduler.advance(ms);
    scheduler.runToEnd();
    return scheduler.history.map(({ atMs, name, runId, state }) => `${atMs} ${name} ${runId} ${state}`);
  });
  const oneGo = await run([]);
  const chunked = await run([1, 999, 7_000, 3_333, 25_000, 10, 60_000]);
  assert.ok(oneGo.length >= 14, oneGo.join('\n'));
  assert.deepEqual(chunked, oneGo);
});

test('a task moved by an API call is left alone', async () => {
  await withDemo(async (emu, scheduler) => {
    const taskId = emu.state.demo.taskIdsByName['signing-win64'];
    const response = await hawkFetch(`${emu.rootUrl}/api/queue/v1/task/${taskId}/cancel`, emu.clients.root, { method: 'POST' });
    assert.equal(response.status, 200);
    scheduler.runToEnd();
    const status = await statusOf(emu, taskId);
    assert.deepEqual(status.runs.map((r) => [r.state, r.reasonResolved]), [['exception', 'canceled']]);
    assert.ok(!scheduler.history.some((c) => c.taskId === taskId));
  });
});

test('reportCompleted schedules the dependents whose dependencies are now done', async () => {
  await withDemo(async (emu) => {
    const { taskIdsByName: ids, taskGroupId } = emu.state.demo;
    const dependency = ids['release-notes'];
    const taskId = 'dependntQaCaaaaaaaaaaA'; // a valid slugid (the queue's taskId pattern)
    const now = Date.now();
    const created = await hawkFetch(`${emu.rootUrl}/api/queue/v1/task/${taskId}`, emu.clients.root, {
      method: 'PUT',
      body: {
        taskQueueId: 'proj-demo/ci', schedulerId: 'demo-ci', taskGroupId, dependencies: [dependency],
        created: new Date(now).toJSON(), deadline: new Date(now + 3600e3).toJSON(), payload: {},
        metadata: { name: 'after-release-notes', description: 'x', owner: 'demo@example.com', source: 'https://example.com' },
      },
    });
    assert.equal(created.status, 200, await created.clone().text());
    assert.equal((await statusOf(emu, taskId)).state, 'unscheduled');
    const reported = await hawkFetch(`${emu.rootUrl}/api/queue/v1/task/${dependency}/runs/0/completed`, emu.clients.root, { method: 'POST' });
    assert.equal(reported.status, 200);
    assert.equal((await statusOf(emu, taskId)).state, 'pending');
  });
});

test('start() drives it from the wall clock at the time scale, and stop() halts it', async () => {
  await withDemo(async (emu, scheduler) => {
    assert.throws(() => scheduler.start({ timeScale: 0 }), RangeError);
    scheduler.start({ timeScale: 2000, tickMs: 10 });
    assert.equal(scheduler.running, true);
    const deadline = Date.now() + 5000;
    while (!scheduler.done && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(scheduler.done, `done in virtual ${scheduler.virtualMs} ms`);
    scheduler.stop();
    assert.equal(scheduler.running, false);
    assert.equal((await statusOf(emu, emu.state.demo.taskIdsByName.notify)).state, 'completed');
  });
});

test('bad plans and bad times are refused', () => {
  const tasks = new Map();
  assert.throws(() => createScheduler({ tasks, plan: new Map([['x', ['done']]]) }), /bad outcome "done"/);
  assert.throws(() => createScheduler({ tasks, plan: new Map([['x', ['completed']]]) }), /no task x/);
  const scheduler = createScheduler({ tasks, plan: new Map() });
  assert.throws(() => scheduler.advance(-1), RangeError);
  assert.throws(() => scheduler.advance(Number.NaN), RangeError);
});
