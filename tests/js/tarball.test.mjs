// The package as a user gets it: `npm pack` of dist/, installed from the
// tarball into an empty project, then loaded through every entry point.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));
let project;

const run = (args, input) => execFileSync(process.execPath, args, { cwd: project, encoding: 'utf8', input });

before(() => {
  project = mkdtempSync(join(tmpdir(), 'tc-wasm-consumer-'));
  const tarball = execFileSync('npm', ['pack', dist, '--pack-destination', project, '--silent'], { encoding: 'utf8' }).trim();
  writeFileSync(join(project, 'package.json'), '{"name": "consumer", "private": true}\n');
  // No dependencies, so this never needs the registry.
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', '--silent', join(project, tarball)], { cwd: project });
});
after(() => rmSync(project, { recursive: true, force: true }));

test('require() works from the installed tarball', () => {
  const out = run(['-e', `
    const tc = require('taskcluster-wasm');
    const legacy = require('taskcluster-wasm/legacy');
    const queue = new tc.Queue({ rootUrl: 'https://tc.example.com' });
    console.log(JSON.stringify([tc.version, queue.buildUrl('task', 'a/b'), typeof legacy.AwsProvisioner, tc.slugid().length]));
  `]);
  const [version, url, legacyClass, slugLength] = JSON.parse(out);
  assert.match(version, /^\d+\.\d+\.\d+/);
  assert.equal(url, 'https://tc.example.com/api/queue/v1/task/a%2Fb');
  assert.equal(legacyClass, 'function');
  assert.equal(slugLength, 22);
});

test('import works from the installed tarball, with the same answers', () => {
  const out = run(['--input-type=module', '-e', `
    import { Queue, fromNowJSON, scopeMatch } from 'taskcluster-wasm';
    import { Queue as LegacyQueue } from 'taskcluster-wasm/legacy';
    console.log(JSON.stringify([
      new LegacyQueue({ rootUrl: 'https://tc.example.com' }).buildUrl('claimWork', 'p', 'w'),
      fromNowJSON('1 day', '2017-01-19T00:00:00.000Z'),
      scopeMatch(['a*'], [['ab']]),
      typeof Queue,
    ]));
  `]);
  assert.deepEqual(JSON.parse(out), [
    'https://tc.example.com/api/queue/v1/claim-work/p/w', '2017-01-20T00:00:00.000Z', true, 'function',
  ]);
});

test('the package exports only its entry points', () => {
  const out = run(['-e', `
    try { require('taskcluster-wasm/node/index.cjs'); console.log('reachable'); }
    catch (e) { console.log(e.code); }
  `]);
  assert.equal(out.trim(), 'ERR_PACKAGE_PATH_NOT_EXPORTED');
});
