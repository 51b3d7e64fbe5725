// The built package in every server-side runtime, each a real binary from npm
// (tests/runtimes/package.json): Node 18, 20 (this one) and 22 by import and by
// require, Deno, Bun by import and by require, and Cloudflare's workerd. Each runs
// the same probe (probe/probe.mjs) against the emulator; every report is checked here,
// and the runtimes run at the same time.
// Run: node --test tests/runtimes/runtimes.test.mjs
import { describe, test, before, after } from 'node:test';
import { execFile } from 'node:child_process';
import { readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import assert from '../support/assert.mjs';
import { startEmulator } from '../../emulator/index.mjs';
import { runWorkerd } from './workerd/run.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, 'node_modules', '.bin', name);
const nodeOf = (version) => join(here, 'node_modules', `node${version}`, 'bin', 'node');
const ESM = join(here, 'probe', 'probe-esm.mjs');
const CJS = join(here, 'probe', 'probe-cjs.cjs');
const dist = realpathSync(join(here, '..', '..', 'dist'));

// name -> [command, args before the config, the entry its export conditions must pick]
const RUNTIMES = {
  'Node 18, import': [nodeOf(18), [ESM], 'node/index.mjs'],
  'Node 18, require': [nodeOf(18), [CJS], 'node/index.cjs'],
  'Node 20, import': [process.execPath, [ESM], 'node/index.mjs'],
  'Node 20, require': [process.execPath, [CJS], 'node/index.cjs'],
  'Node 22, import': [nodeOf(22), [ESM], 'node/index.mjs'],
  'Node 22, require': [nodeOf(22), [CJS], 'node/index.cjs'],
  'Deno': [bin('deno'), ['run', '--allow-net=127.0.0.1', `--allow-read=${dist},${here}`, '--no-prompt', ESM], 'web/index.js'],
  'Bun, import': [bin('bun'), [ESM], 'node/index.mjs'],
  'Bun, require': [bin('bun'), [CJS], 'node/index.cjs'],
};

let emulator;
let config;

before(async () => {
  emulator = await startEmulator({ seed: true });
  config = { rootUrl: emulator.rootUrl, credentials: emulator.clients.root, taskId: emulator.state.demo.decisionTaskId, artifact: 'private/report.html' };
});

after(() => emulator?.close());

/** A resolved entry (a file: URL from import.meta.resolve, a path from require.resolve) as a real path. */
const entryPath = (entry) => realpathSync(entry.startsWith('file:') ? fileURLToPath(entry) : entry);

/** The checks every runtime's probe report must pass. */
async function checkProbe(report) {
  assert.equal(report.version, JSON.parse(readFileSync(join(dist, 'package.json'), 'utf8')).version);
  assert.equal(report.taskName, 'decision', 'a Hawk-signed call to queue.task');
  assert.match(report.link, /[?&]bewit=[\w-]+$/);
  assert.equal(report.artifactStatus, 200, 'the signed artifact link is accepted');
  assert.match(report.artifactText, /Demo build report/);
  assert.deepEqual(report.missing, { isTaskclusterError: true, statusCode: 404, code: 'ResourceNotFound' });
  assert.match(report.slugid, /^[A-Za-z0-9_-]{8}[Q-T][A-Za-z0-9_-][CGKOSWaeimquy26-][A-Za-z0-9_-]{10}[AQgw]$/);
  assert.equal(report.satisfies, true);
  assert.equal(report.fromNow, '1970-01-01T01:00:00.000Z');
  // The link works from here too, and only as signed.
  assert.equal((await fetch(report.link)).status, 200);
  assert.equal((await fetch(report.link.replace(/[?&]bewit=.*$/, ''))).status, 403);
}

describe('server runtimes', { concurrency: true }, () => {
  for (const [name, [command, args, entry]] of Object.entries(RUNTIMES)) {
    test(name, async () => {
      const { stdout } = await promisify(execFile)(command, [...args, JSON.stringify(config)], { cwd: here, timeout: 60_000 });
      const report = JSON.parse(stdout.trim().split('\n').pop());
      await checkProbe(report);
      // Node 18 has no import.meta.resolve.
      if (report.entry !== null) assert.equal(entryPath(report.entry), join(dist, entry));
    });
  }

  test('workerd: a Worker signs an artifact link and proxies a signed API call', async () => {
    const { report, wasmPath } = await runWorkerd(config);
    assert.equal(realpathSync(wasmPath), join(dist, 'web', 'taskcluster_wasm_bg.wasm'), 'the workerd entry imports the wasm as a module');
    assert.equal(report.proxiedTask.status, 200);
    assert.equal(report.proxiedTask.body.metadata.name, 'decision');
    assert.equal(report.signedLink.status, 200);
    const link = await fetch(report.signedLink.body.url);
    assert.equal(link.status, 200, 'the link the worker signed is accepted');
    assert.match(await link.text(), /Demo build report/);
    await checkProbe(report.probe);
  });
});
