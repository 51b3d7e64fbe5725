// The dashboard as people use it, at a laptop's width and a phone's (390 px):
// links signed when opened (never expired on screen), links the scopes do not
// cover, no stale results after a failure, pasted IDs trimmed, human error
// messages, the session's kind and expiry in the header with a way back, the
// demo credentials hint, and a layout with nothing cut off.
// Screenshots for review: test-output/e2e/people-<width>-*.png.
// Run: node --test tests/e2e/dashboard-people.test.mjs
import { describe, test, before, after } from 'node:test';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import assert from '../support/assert.mjs';
import { SHOTS, VIEWPORTS, signIn, startDashboard } from './support.mjs';

const PANELS = ['credentials', 'task', 'group', 'tempcreds', 'scopes', 'secrets', 'worker'];

// A loopback port nobody listens on (bound, then released).
async function closedPort() {
  const server = net.createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const bewitOf = (url) => Buffer.from(new URL(url).searchParams.get('bewit'), 'base64url').toString('utf8').split('\\');

for (const [width, viewport] of Object.entries(VIEWPORTS)) {
  describe(`the dashboard for people at ${width} width (${viewport.width} px)`, { concurrency: false }, () => {
    let d;
    let page;
    let seed;
    const shot = (name) => d.shot(`people-${width}-${name}`);
    const text = (selector) => page.textContent(selector);
    const errorIn = async (slot) => {
      await page.waitForSelector(`${slot} .error-box`);
      return {
        statusCode: await page.getAttribute(`${slot} .error-box`, 'data-status-code'),
        title: (await text(`${slot} .error-title`)).trim(),
        heading: (await text(`${slot} .error-title span:first-child`)).trim(),
        message: await text(`${slot} .error-message`),
      };
    };
    // Nothing sticks out to the right of the viewport: no page scroll, no cut-off cell.
    const assertFits = async (where) => {
      const overflow = await page.evaluate(() => {
        const limit = document.documentElement.clientWidth;
        const wide = [...document.querySelectorAll('main *')]
          .filter((el) => el.getClientRects().length && !el.closest('pre, .table-wrap, .task-list-card'))
          .filter((el) => el.getBoundingClientRect().right > limit + 1)
          .map((el) => `${el.tagName.toLowerCase()}#${el.id}.${el.className}`);
        const cells = [...document.querySelectorAll('main table.data td, main table.data th')]
          .filter((el) => el.getClientRects().length && el.getBoundingClientRect().right > limit + 1)
          .map((el) => el.textContent.slice(0, 30));
        return { scroll: document.documentElement.scrollWidth - limit, wide: wide.slice(0, 5), cells: cells.slice(0, 5) };
      });
      assert.ok(overflow.scroll <= 0, `${where}: the page scrolls sideways by ${overflow.scroll} px`);
      assert.deepEqual(overflow.wide, [], `${where}: elements past the right edge`);
      assert.deepEqual(overflow.cells, [], `${where}: table cells past the right edge`);
    };
    // Moves "now" forward by ms in the page and in the deployment, as if the user had waited.
    const waitAsUser = async (ms) => {
      await page.evaluate((shift) => {
        window.__realNow ??= Date.now.bind(Date);
        const real = window.__realNow;
        Date.now = () => real() + shift;
      }, ms);
      d.demo.emulator.clockOffsetSec = ms / 1000;
    };

    before(async () => {
      d = await startDashboard({ viewport });
      page = d.page;
      seed = d.demo.emulator.state.demo;
    });
    after(async () => {
      await d?.close();
    });

    test('the sign-in page says where the demo credentials come from', async () => {
      const hint = await text('#cred-demo-hint');
      assert.match(hint, /bash scripts\/main\.sh/);
      assert.match(hint, /demo\/limited/);
      assert.match(hint, /static\/taskcluster\/root/);
      for (const client of Object.values(d.demo.clients)) assert.ok(!hint.includes(client.accessToken), 'no token in the hint');
      assert.equal(await page.isVisible('#session-kind'), false);
      await assertFits('sign-in');
      await shot('01-sign-in');
    });

    test('the header shows a permanent session', async () => {
      await signIn(page, d.demo.clients.limited);
      assert.equal(await text('#session-who'), 'Signed in as demo/limited');
      assert.equal(await text('#session-kind'), 'permanent');
      assert.equal(await page.isVisible('#session-expiry'), false, 'permanent credentials do not expire');
      assert.equal(await page.isVisible('#session-back'), false);
    });

    test('a pasted task ID with spaces around it is trimmed, not blocked', async () => {
      await page.click('a[data-panel="task"]');
      assert.equal(await page.$$eval('main input[pattern]', (inputs) => inputs.length), 0, 'no HTML pattern blocks a paste');
      await page.fill('#task-id', `  ${seed.decisionTaskId}\t `);
      await page.click('#task-form button[type="submit"]');
      await page.waitForFunction(() => document.getElementById('task-name').textContent === 'decision');
      assert.equal(await page.inputValue('#task-id'), seed.decisionTaskId);
      assert.match(page.url(), new RegExp(`#task/${seed.decisionTaskId}$`));
      await page.waitForSelector('#task-artifacts a.artifact-link');
      if (width === 'phone') {
        const order = await page.evaluate(() => ({
          task: document.getElementById('task-result').getBoundingClientRect().top,
          list: document.getElementById('task-list').getBoundingClientRect().top,
        }));
        assert.ok(order.task < order.list, `the selected task (${order.task}) comes before the list (${order.list})`);
        assert.ok(order.task < 800, `the selected task starts on the first screen (${order.task} px)`);
      }
      await assertFits('task inspector');
      await shot('02-task');
    });

    test('artifact links are signed when opened, so they never expire on screen', async () => {
      const { name, content } = seed.privateArtifact;
      const link = `#task-artifacts a.artifact-link[data-name="${name}"]`;
      await page.selectOption('#artifact-expiration', '60');
      // Two minutes pass with the page open: twice the links' lifetime.
      await waitAsUser(120_000);
      try {
        const contentResponse = d.context.waitForEvent('response', (res) => res.url().includes('/__emulator/artifact-content/'));
        const [popup] = await Promise.all([d.context.waitForEvent('page'), page.click(link)]);
        const response = await contentResponse;
        assert.equal(response.status(), 200);
        assert.equal((await response.body()).toString('utf8'), content);
        const opened = popup.url().startsWith(d.demo.rootUrl) ? popup.url() : response.request().redirectedFrom()?.url();
        await popup.close();
        const href = await page.getAttribute(link, 'href');
        const [clientId, expiry] = bewitOf(href);
        assert.equal(clientId, 'demo/limited');
        const lifetime = Number(expiry) - (Date.now() + 120_000) / 1000;
        assert.ok(lifetime > 50 && lifetime <= 61, `signed at the click, valid for a minute from then: ${lifetime} s (${opened})`);

        // Download signs its own URL at the click too.
        const [download] = await Promise.all([
          page.waitForEvent('download'),
          page.click(`#task-artifacts button.download-button[data-name="${name}"]`),
        ]);
        assert.equal(fs.readFileSync(await download.path(), 'utf8'), content);
        assert.equal(await page.isHidden('#artifact-error'), true);
      } finally {
        await waitAsUser(0);
      }
    });

    test('a 400 on a malformed task ID says so, without a regular expression, and clears the old task', async () => {
      await page.fill('#task-id', 'AAAAAAAAAAAAAAAAAAAAAA'); // 22 characters, but not a slugid
      await page.click('#task-form button[type="submit"]');
      const error = await errorIn('#task-error');
      assert.equal(error.statusCode, '400');
      assert.equal(error.heading, 'Not a valid task ID');
      assert.match(error.message, /"AAAAAAAAAAAAAAAAAAAAAA" is not a task ID/);
      assert.doesNotMatch(error.message + error.title, /\[A-Z|\^|\{22\}|\/\^/, 'no regular expression');
      assert.equal(await page.isHidden('#task-result'), true, 'the previous task is gone');
      await assertFits('task error');
      await shot('03-task-400');
    });

    test('a failed group load and a failed temporary-credentials request leave nothing stale', async () => {
      await page.click('a[data-panel="group"]');
      await page.click('#group-load');
      await page.waitForSelector('#group-result[data-done="true"]');
      assert.equal(await page.$$eval('#group-table tbody tr', (rows) => rows.length), seed.taskIds.length);
      await assertFits('task group');
      await shot('04-group');
      await page.fill('#group-id', 'not a group');
      await page.click('#group-load');
      let error = await errorIn('#group-error');
      assert.equal(error.heading, 'Not a valid task group ID');
      assert.equal(await page.isHidden('#group-result'), true, 'the previous group table is gone');

      await page.click('a[data-panel="tempcreds"]');
      await page.fill('#temp-scopes', 'queue:get-task:*');
      await page.fill('#temp-duration', '1 hour');
      await page.click('#temp-form button[type="submit"]');
      await page.waitForSelector('#temp-result:not([hidden])');
      await page.fill('#temp-duration', 'whenever');
      await page.click('#temp-form button[type="submit"]');
      error = await errorIn('#temp-error');
      assert.doesNotMatch(error.title, /Error\s*Error/);
      assert.equal(await page.isHidden('#temp-result'), true, 'the earlier credentials are gone');
      await assertFits('temporary credentials error');
      await shot('05-tempcreds-error');
    });

    test('a temporary session shows its expiry, marks links its scopes do not cover, and can go back', async () => {
      await page.fill('#temp-scopes', 'queue:get-task:*');
      await page.fill('#temp-duration', '2 hours');
      await page.click('#temp-form button[type="submit"]');
      await page.waitForSelector('#temp-result:not([hidden])');
      await page.click('#temp-use');
      await page.waitForFunction(() => document.getElementById('session-kind').textContent === 'temporary');
      assert.equal(await text('#session-who'), 'Signed in as demo/limited');
      assert.match(await text('#session-expiry'), /^expires in (2 hours|119 minutes|120 minutes)$/);
      assert.equal(await text('#session-back'), 'Back to demo/limited (permanent)');
      await assertFits('header, temporary');
      await shot('06-temporary-session');

      // Three hours later (the page's clock only), back on the tab: the header says it has expired.
      await page.evaluate(() => {
        window.__realNow ??= Date.now.bind(Date);
        const real = window.__realNow;
        Date.now = () => real() + 3 * 3600e3;
        document.dispatchEvent(new Event('visibilitychange'));
      });
      assert.match(await text('#session-expiry'), /^expired (1 hour|59 minutes|60 minutes) ago$/);
      assert.equal(await page.getAttribute('#session-expiry', 'class'), 'expiry expired');
      await shot('06b-temporary-session-expired');
      await page.evaluate(() => {
        Date.now = window.__realNow;
        document.dispatchEvent(new Event('visibilitychange'));
      });
      assert.match(await text('#session-expiry'), /^expires in/);

      await page.click('a[data-panel="task"]');
      await page.click(`#task-list button[data-task-id="${seed.decisionTaskId}"]`);
      await page.waitForSelector('#task-artifacts a.artifact-link');
      const { name } = seed.privateArtifact;
      const row = (n) => `#task-artifacts tr:has(td:text-is("${n}"))`;
      assert.equal(await page.$$eval(`${row(name)} a.artifact-link`, (links) => links.length), 0, 'no link that would 403');
      assert.match(await text(`${row(name)} .tag.denied`), /no access · needs queue:get-artifact:private\/report\.html/);
      assert.equal(await page.$$eval(`${row(seed.publicArtifact.name)} a.artifact-link`, (links) => links.length), 1);
      await assertFits('artifacts, temporary');
      await shot('07-no-access-artifact');

      await page.click('#session-back');
      await page.waitForFunction(() => document.getElementById('session-kind').textContent === 'permanent');
      assert.equal(await page.isVisible('#session-expiry'), false);
      assert.equal(await page.isVisible('#session-back'), false);
      await page.click('a[data-panel="task"]');
      await page.waitForSelector(`#task-artifacts a.artifact-link[data-name="${name}"]`);
    });

    test('an unreachable or policy-blocked rootUrl says which deployments the page can reach', async () => {
      const port = await closedPort();
      await page.click('a[data-panel="credentials"]');
      const { clientId, accessToken } = d.demo.clients.limited;
      const attempt = async (rootUrl) => {
        await page.fill('#cred-root-url', rootUrl);
        await page.fill('#cred-client-id', clientId);
        await page.fill('#cred-access-token', accessToken);
        await page.fill('#cred-certificate', '');
        await page.click('#cred-sign-in');
        return errorIn('#cred-error');
      };
      // Plain http to anything but the emulator: this page's Content-Security-Policy forbids it.
      let error = await attempt(`http://127.0.0.1:${port}`);
      assert.equal(error.heading, 'Blocked by this page’s security policy');
      assert.match(error.message, new RegExp(`may not connect to http://127\\.0\\.0\\.1:${port}`));
      assert.ok(error.message.includes(`It can reach ${d.demo.rootUrl} or any https:// deployment`), error.message);
      assert.doesNotMatch(error.message, /Failed to fetch/);
      await assertFits('blocked rootUrl');
      await shot('08-blocked-root-url');
      // https is allowed, but nothing answers there.
      error = await attempt(`https://127.0.0.1:${port}`);
      assert.equal(error.heading, 'Cannot reach the deployment');
      assert.ok(error.message.includes(`This page can reach ${d.demo.rootUrl} or any https:// deployment`), error.message);
      assert.equal(await text('#session-who'), 'Signed in as demo/limited', 'still signed in as before');
      for (const secret of [accessToken]) assert.ok(!(await page.evaluate(() => document.body.innerText)).includes(secret));
    });

    test('every panel fits the width', async () => {
      await page.fill('#cred-root-url', d.demo.rootUrl);
      for (const panel of PANELS) {
        await page.click(`a[data-panel="${panel}"]`);
        await page.waitForSelector(`#panel-${panel}:not([hidden])`);
        if (panel === 'scopes') {
          await page.click('#scope-form button[data-example^="{\\"AllOf"]');
          await page.waitForSelector('#scope-result:not([hidden])');
        }
        if (panel === 'secrets') await page.waitForSelector('#secret-list li');
        if (panel === 'worker') {
          await page.click('#worker-form button[type="submit"]');
          await page.waitForSelector('#worker-result:not([hidden])');
        }
        await assertFits(panel);
        if (['scopes', 'secrets', 'worker', 'credentials'].includes(panel)) await shot(`09-panel-${panel}`);
      }
      assert.deepEqual(d.pageErrors, []);
      assert.ok(fs.existsSync(path.join(SHOTS, `people-${width}-01-sign-in.png`)));
    });
  });
}
