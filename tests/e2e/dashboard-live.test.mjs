// A deployment that moves, watched by the dashboard: the emulator's scheduler
// runs the demo group forward (advanced by hand here, so every step is
// deterministic) and the task and task-group views refresh themselves, back
// off while nothing changes, pause while the tab is hidden and highlight what
// changed since the last look. Screenshots: test-output/e2e/live-<width>-*.png.
// Run: node --test tests/e2e/dashboard-live.test.mjs
import { describe, test, before, after } from 'node:test';
import assert from '../support/assert.mjs';
import { VIEWPORTS, signIn, startDashboard } from './support.mjs';

const POLL = { minMs: 150, maxMs: 600 };

for (const [width, viewport] of Object.entries(VIEWPORTS)) {
  describe(`live views at ${width} width`, { concurrency: false }, () => {
    let d;
    let page;
    let seed;
    const groupLists = []; // times of listTaskGroup requests
    const shot = (name) => d.shot(`live-${width}-${name}`);
    const text = (selector) => page.textContent(selector);

    // Advances the deployment until `name` reaches `state` (run `runId` when given).
    const advanceUntil = (name, state, runId) => {
      const seen = () => d.demo.scheduler.history.some((c) => c.name === name && c.state === state && (runId === undefined || c.runId === runId));
      for (let i = 0; i < 600 && !seen(); i++) d.demo.scheduler.advance(1000);
      assert.ok(seen(), `${name} reached ${state}`);
    };
    const setHidden = (hidden) => page.evaluate((value) => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => value });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);

    before(async () => {
      d = await startDashboard({ viewport, demo: { poll: POLL } });
      page = d.page;
      seed = d.demo.emulator.state.demo;
      d.context.on('request', (req) => {
        if (req.url().includes(`/task-group/${seed.taskGroupId}/list`)) groupLists.push(Date.now());
      });
      await signIn(page, d.demo.clients.limited);
    });
    after(async () => {
      await d?.close();
    });

    test('the task view follows a task from pending to running to completed', async () => {
      const taskId = seed.taskIdsByName['test-macos-unit-2'];
      await page.click('a[data-panel="task"]');
      await page.click(`#task-list button[data-task-id="${taskId}"]`);
      await page.waitForFunction(() => document.getElementById('task-name').textContent === 'test-macos-unit-2');
      assert.equal((await text('#task-state')).toLowerCase(), 'pending');
      assert.equal(await page.isHidden('#task-changes'), true, 'nothing changed yet');

      advanceUntil('test-macos-unit-2', 'running');
      await page.waitForSelector('#task-state.changed:text-is("running")');
      assert.match(await text('#task-changes'), /Changed since the last look .*pending → running/);
      assert.equal(await page.getAttribute('#task-state', 'title'), 'was pending');
      assert.equal(await page.getAttribute(`#task-list button[data-task-id="${taskId}"]`, 'data-changed'), 'true');
      assert.equal(await page.getAttribute(`#task-list button[data-task-id="${taskId}"]`, 'data-state'), 'running');
      await page.waitForSelector('#task-artifacts a.artifact-link[data-name="public/logs/live.log"]');

      advanceUntil('test-macos-unit-2', 'completed');
      await page.waitForSelector('#task-state.changed:text-is("completed")');
      assert.match(await text('#task-changes'), /running → completed/);
      assert.equal(await page.getAttribute('#task-runs tbody tr', 'title'), 'running → completed');
      const log = await page.evaluate(async () => {
        const href = document.querySelector('#task-artifacts a.artifact-link[data-name="public/logs/live.log"]').href;
        return (await fetch(href)).text();
      });
      assert.match(log, /=== Task completed ===/);
      await shot('01-task-completed');
    });

    test('a retried task shows its new run', async () => {
      const taskId = seed.taskIdsByName['test-linux64-integration-1'];
      await page.click(`#task-list button[data-task-id="${taskId}"]`);
      await page.waitForFunction(() => document.getElementById('task-name').textContent === 'test-linux64-integration-1');
      advanceUntil('test-linux64-integration-1', 'pending', 1);
      await page.waitForFunction(() => document.querySelectorAll('#task-runs tbody tr').length === 2);
      assert.match(await text('#task-changes'), /new run 1 \(retry\)/);
      assert.equal(await page.getAttribute('#task-runs tbody tr:nth-child(2)', 'class'), 'changed');
      assert.equal(await page.inputValue('#artifact-run'), '1', 'the artifacts of the new run');
      await shot('02-task-retried');
    });

    test('the group view highlights what changed, backs off while nothing does, and pauses while hidden', async () => {
      await page.click('a[data-panel="group"]');
      await page.click('#group-load');
      await page.waitForSelector('#group-result[data-done="true"]');

      // Nothing moves: the checks slow down to maxMs.
      const delays = [];
      for (let i = 0; i < 12 && !delays.includes(`${POLL.maxMs} ms`); i++) {
        await page.waitForFunction((previous) => {
          const match = document.getElementById('group-live').textContent.match(/next check in (\d+ m?s)/);
          return match && match[1] !== previous && match[1];
        }, delays.at(-1) ?? '');
        delays.push((await text('#group-live')).match(/next check in (\d+ m?s)/)[1]);
      }
      const ms = delays.map((x) => Number.parseInt(x, 10));
      assert.deepEqual(ms, [...ms].sort((a, b) => a - b), `backing off: ${delays.join(', ')}`);
      assert.equal(ms.at(-1), POLL.maxMs, delays.join(', '));
      assert.equal(await page.isHidden('#group-changes'), true);

      // Hidden: no requests, however long; the deployment moves meanwhile.
      await setHidden(true);
      await page.waitForFunction(() => document.getElementById('group-live').dataset.state === 'paused');
      const before = groupLists.length;
      advanceUntil('signing-linux64', 'completed');
      advanceUntil('notify', 'pending');
      await page.waitForTimeout(POLL.maxMs * 3);
      assert.equal(groupLists.length, before, 'no polling while the tab is hidden');
      assert.match(await text('#group-live'), /paused/);

      // Visible again: checks at once, and shows everything that changed while away.
      await setHidden(false);
      await page.waitForSelector('#group-changes:not([hidden])');
      assert.ok(groupLists.length > before);
      const changed = await page.$$eval('#group-table tbody tr[data-changed="true"]', (rows) => rows.map((row) => row.dataset.taskId));
      for (const name of ['signing-linux64', 'notify']) {
        assert.ok(changed.includes(seed.taskIdsByName[name]), `${name} highlighted`);
      }
      assert.ok(!changed.includes(seed.taskIdsByName['build-linux64']), 'an unchanged task is not');
      const summary = await text('#group-changes');
      assert.match(summary, /signing-linux64: running → completed/);
      assert.match(summary, /notify: unscheduled → pending/);
      assert.equal(await text(`#group-table tr[data-task-id="${seed.taskIdsByName.notify}"] .change-note`), 'unscheduled → pending');
      await shot('03-group-changes');
      assert.deepEqual(d.pageErrors, []);
    });
  });
}
