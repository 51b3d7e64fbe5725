// examples/artifacts.mjs as a child process against an emulator given in
// TASKCLUSTER_*: it exits 0, and the artifact it made is an object artifact
// whose stored bytes and hashes are what it uploaded.
// Run: node --test tests/e2e/artifacts-example.test.mjs
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { promisify } from 'node:util';
import { startEmulator } from '../../emulator/index.mjs';
import { ROOT } from './support.mjs';

const run = promisify(execFile);

let emulator;
before(async () => {
  emulator = await startEmulator({ port: 0, seed: false });
});
after(() => emulator?.close());

test('artifacts.mjs uploads an object artifact and downloads it identical', async () => {
  const { root } = emulator.clients;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('TASKCLUSTER_')));
  const { stdout } = await run(process.execPath, [path.join(ROOT, 'examples/artifacts.mjs')], {
    cwd: ROOT, timeout: 30_000,
    env: { ...env, TASKCLUSTER_ROOT_URL: emulator.rootUrl, TASKCLUSTER_CLIENT_ID: root.clientId, TASKCLUSTER_ACCESS_TOKEN: root.accessToken },
  });
  assert.match(stdout, /^OK$/m);
  assert.ok(!stdout.includes(root.accessToken));
  const taskId = /of task (\S+) \(/.exec(stdout)[1];
  const artifact = emulator.state.tasks.get(taskId).artifacts.get(0).get('public/build/report.txt');
  assert.equal(artifact.storageType, 'object');
  assert.equal(artifact.finished, true);
  const stored = emulator.state.objects.get(artifact.objectName);
  const expected = Buffer.from('line of the report\n'.repeat(2000));
  assert.deepEqual(stored.data, expected);
  assert.equal(stored.hashes.sha256, crypto.createHash('sha256').update(expected).digest('hex'));
  assert.equal(stored.hashes.sha512, crypto.createHash('sha512').update(expected).digest('hex'));
});
