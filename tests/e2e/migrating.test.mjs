// The examples of docs/migrating.md, run as the guide promises: the "before" program
// with the official client and the same program with only its import changed to
// taskcluster-wasm, against one emulator; they must give the same results.
import { after, before, test } from 'node:test';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';
import * as esbuild from 'esbuild';
import assert from '../support/assert.mjs';
import { startEmulator } from '../../emulator/index.mjs';
import { startBrowserPage } from '../support/browser-harness.mjs';
import { ROOT } from './support.mjs';

const run = promisify(execFile);
const GUIDE = readFileSync(path.join(ROOT, 'docs/migrating.md'), 'utf8');
// Inside the repository, so that the programs' imports resolve from node_modules.
const WORK = path.join(ROOT, 'test-output', `migrating-${process.pid}`);

/** The example's "before" program, and the same with the import of its "after" block. */
function example(name) {
  const match = new RegExp(`<!-- example: ${name} -->\\n\`\`\`js\\n([\\s\\S]*?)\`\`\`\\s*\`\`\`js\\n([\\s\\S]*?)\`\`\``).exec(GUIDE);
  assert.ok(match, `docs/migrating.md has the example ${name}`);
  const [, beforeCode, afterCode] = match;
  const importOf = (code) => code.split('\n').find((line) => line.startsWith('import '));
  const afterCodeFull = beforeCode.replace(importOf(beforeCode), importOf(afterCode));
  assert.notEqual(afterCodeFull, beforeCode);
  assert.match(importOf(afterCode), /from 'taskcluster-wasm';$/);
  return { before: beforeCode, after: afterCodeFull };
}

function writeModule(name, code) {
  const file = path.join(WORK, name);
  writeFileSync(file, code);
  return file;
}

/** Does this build accept a method itself where a method name is expected (buildUrl(queue.task, ...))? */
async function acceptsMethodReferences() {
  const { Queue } = await import('taskcluster-wasm');
  const queue = new Queue({ rootUrl: 'https://tc.example.com' });
  try {
    return queue.buildUrl(queue.task, 'abc') === queue.buildUrl('task', 'abc');
  } catch {
    return false;
  }
}
const METHOD_REFERENCES = (await acceptsMethodReferences())
  ? false
  : 'buildSignedUrl(queue.getArtifact, ...) (method references) is not in this build yet: the client part of issue 7';

let emu;
before(async () => {
  mkdirSync(WORK, { recursive: true });
  emu = await startEmulator({ port: 0 });
  // client-web signs with `window.btoa` (one of its bugs): give it a window in Node.
  globalThis.window ??= globalThis;
});
after(async () => {
  await emu?.close();
  rmSync(WORK, { recursive: true, force: true });
});

test('the Node script (task group, object artifact up and down, use(), fake): the same output with taskcluster-client and taskcluster-wasm', async () => {
  const { before: beforeCode, after: afterCode } = example('node-script');
  const { root } = emu.clients;
  const env = {
    ...Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKCLUSTER_'))),
    TASKCLUSTER_ROOT_URL: emu.rootUrl, TASKCLUSTER_CLIENT_ID: root.clientId, TASKCLUSTER_ACCESS_TOKEN: root.accessToken,
  };
  const outputs = [];
  for (const [label, code] of [['before', beforeCode], ['after', afterCode]]) {
    const file = writeModule(`node-script-${label}.mjs`, code);
    const { stdout } = await run(process.execPath, [file], { cwd: ROOT, env, timeout: 30_000 });
    outputs.push(stdout);
    assert.ok(!stdout.includes(root.accessToken));
  }
  assert.equal(outputs[1], outputs[0]);
  assert.equal(outputs[0], [
    'build: pending, test: pending',
    'downloaded the report (text/plain): identical',
    'limited client: InsufficientScopes (403)',
    'fake: true, calls: [["taskId"]]',
    'permanent credentials, active: true',
    'read back with temporary credentials: build',
    '',
  ].join('\n'));
});

test('the dashboard: client-web in Node and taskcluster-wasm in Chromium list the same rows and links', { skip: METHOD_REFERENCES }, async () => {
  const { before: beforeCode, after: afterCode } = example('dashboard');
  const args = { rootUrl: emu.rootUrl, credentials: emu.clients.limited, taskGroupId: emu.state.demo.taskGroupId };
  // client-web ships untranspiled ESM: bundle the program with it for Node.
  const bundled = path.join(WORK, 'dashboard-before.cjs');
  await esbuild.build({ stdin: { contents: beforeCode, resolveDir: ROOT, loader: 'js' }, bundle: true, platform: 'node',
    format: 'cjs', outfile: bundled, logLevel: 'silent' });
  const official = await createRequire(bundled)(bundled).taskRows(args);

  const harness = await startBrowserPage();
  let ours;
  try {
    const code = afterCode.replace("from 'taskcluster-wasm'", `from '${harness.origin}/web/index.js'`);
    ours = await harness.page.evaluate(async ({ code, args }) => {
      const module = await import(`data:text/javascript;base64,${btoa(code)}`);
      return module.taskRows(args);
    }, { code, args });
    assert.deepEqual(harness.pageErrors, []);
  } finally {
    await harness.close();
  }
  const unsigned = (link) => link && link.replace(/[?&]bewit=[^&]*/, '');
  assert.deepEqual(ours.map((r) => ({ ...r, log: unsigned(r.log) })), official.map((r) => ({ ...r, log: unsigned(r.log) })));
  assert.ok(ours.length > 5);
  for (const row of ours.filter((r) => r.log)) {
    const response = await fetch(row.log);
    assert.ok([200, 404, 424].includes(response.status), `${row.name}: ${response.status}`);
    await response.arrayBuffer();
  }
});

test('the signed artifact link: both links download the private artifact', { skip: METHOD_REFERENCES }, async () => {
  const { before: beforeCode, after: afterCode } = example('signed-link');
  const { privateArtifact } = emu.state.demo;
  const args = { rootUrl: emu.rootUrl, credentials: emu.clients.limited, ...privateArtifact };
  for (const [label, code] of [['before', beforeCode], ['after', afterCode]]) {
    const file = writeModule(`signed-link-${label}.mjs`, code);
    const link = (await import(file)).privateArtifactLink(args);
    assert.match(link, /[?&]bewit=/, label);
    assert.ok(!link.includes(emu.clients.limited.accessToken), label);
    const response = await fetch(link);
    assert.equal(response.status, 200, `${label}: ${link}`);
    assert.equal(await response.text(), privateArtifact.content, label);
  }
});
