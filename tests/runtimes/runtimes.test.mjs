// The built package in every server-side runtime, each a real binary from npm
// (tests/runtimes/package.json): Node 18, 20 (this one) and 22 by import and by
// require, Deno, Bun by import and by require, and Cloudflare's workerd. Each runs
// the same probe (probe/probe.mjs) against the emulator, all at the same time; the
// reports are checked here (probe/check.mjs).
// Run: node --test tests/runtimes/runtimes.test.mjs
import { describe, test, before, after } from 'node:test';
import { execFile } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import assert from '../support/assert.mjs';
import { DIST, checkProbe, checkSignedLink, startProbeTarget } from './probe/check.mjs';
import { runWorkerd } from './workerd/run.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const bin = (name) => join(here, 'node_modules', '.bin', name);
const nodeOf = (version) => join(here, 'node_modules', `node${version}`, 'bin', 'node');
const ESM = join(here, 'probe', 'probe-esm.mjs');
const CJS = join(here, 'probe', 'probe-cjs.cjs');

// name -> [command, arguments before the configuration, the entry its export conditions must pick]
const RUNTIMES = {
  'Node 18, import': [nodeOf(18), [ESM], 'node/index.mjs'],
  'Node 18, require': [nodeOf(18), [CJS], 'node/index.cjs'],
  'Node 20, import': [process.execPath, [ESM], 'node/index.mjs'],
  'Node 20, require': [process.execPath, [CJS], 'node/index.cjs'],
  'Node 22, import': [nodeOf(22), [ESM], 'node/index.mjs'],
  'Node 22, require': [nodeOf(22), [CJS], 'node/index.cjs'],
  'Deno': [bin('deno'), ['run', '--allow-net=127.0.0.1', `--allow-read=${DIST},${here}`, '--no-prompt', ESM], 'web/index.js'],
  'Bun, import': [bin('bun'), [ESM], 'node/index.mjs'],
  'Bun, require': [bin('bun'), [CJS], 'node/index.cjs'],
};

let target;
before(async () => { target = await startProbeTarget(); });
after(() => target?.close());

/** A resolved entry (a file: URL from import.meta.resolve, a path from require.resolve) as a real path. */
const entryPath = (entry) => realpathSync(entry.startsWith('file:') ? fileURLToPath(entry) : entry);

describe('server runtimes', { concurrency: true }, () => {
  for (const [name, [command, args, entry]] of Object.entries(RUNTIMES)) {
    test(name, async () => {
      const { stdout } = await promisify(execFile)(command, [...args, JSON.stringify(target.config)], { cwd: here, timeout: 60_000 });
      const report = JSON.parse(stdout.trim().split('\n').pop());
      await checkProbe(report);
      // Node 18 has no import.meta.resolve.
      if (report.entry !== null) assert.equal(entryPath(report.entry), join(DIST, entry));
    });
  }

  test('workerd: a Worker signs an artifact link and proxies a signed API call', async () => {
    const { report, wasmPath } = await runWorkerd(target.config);
    assert.equal(realpathSync(wasmPath), join(DIST, 'web', 'taskcluster_wasm_bg.wasm'), 'the workerd entry imports the wasm as a module');
    assert.equal(report.proxiedTask.status, 200);
    assert.equal(report.proxiedTask.body.metadata.name, 'decision');
    assert.equal(report.signedLink.status, 200);
    await checkSignedLink(report.signedLink.body.url);
    await checkProbe(report.probe);
    assert.equal(report.legacyTask.metadata.name, 'decision', 'taskcluster-wasm/legacy in workerd');
  });
});
