// taskcluster-client's `config(options)`: process-wide defaults for the clients
// made afterwards and the issuer of createTemporaryCredentials. A file of its own,
// since what it sets stays set for the whole process. taskcluster-client, given the
// same config, is the oracle.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import official from 'taskcluster-client';
import * as ours from 'taskcluster-wasm';
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { startEmulator } from '../../emulator/index.mjs';

const run = promisify(execFile);
// Inside the repository, so that the example's import resolves from node_modules.
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

let emu;
before(async () => {
  emu = await startEmulator({ port: 0 });
});
after(async () => {
  await emu?.close();
  official.agents.http.destroy();
  official.agents.https.destroy();
});

/** What a program relying on config() sees, for either package. */
async function program(tc) {
  const { privateArtifact: artifact, decisionTaskId } = emu.state.demo;
  const out = {};
  const queue = new tc.Queue(); // rootUrl and credentials from config()
  out.task = (await queue.task(decisionTaskId)).metadata.name;
  const link = queue.buildSignedUrl(queue.getArtifact, artifact.taskId, artifact.runId, artifact.name);
  out.signed = (await fetch(link)).status;
  // The client's own options win: anonymous, so nothing to sign with.
  const anonymous = new tc.Queue({ credentials: {} });
  try {
    anonymous.buildSignedUrl(anonymous.getArtifact, artifact.taskId, artifact.runId, artifact.name);
    out.anonymous = 'signed';
  } catch {
    out.anonymous = 'refused';
  }
  // Temporary credentials issued by the configured client.
  const temporary = tc.createTemporaryCredentials({ expiry: tc.fromNow('1 hour'), scopes: ['queue:get-artifact:private/*'] });
  const auth = new tc.Auth({ credentials: temporary });
  out.temporaryScopes = (await auth.currentScopes()).scopes;
  return out;
}

test('config(): clients made afterwards and createTemporaryCredentials use the configured options, as in taskcluster-client', async () => {
  const options = { rootUrl: emu.rootUrl, credentials: { ...emu.clients.limited }, retries: 1 };
  official.config(options);
  ours.config(options);
  options.credentials.accessToken = 'changed after config'; // config() keeps its own copy
  options.rootUrl = 'https://elsewhere.example.com';
  official.config({ rootUrl: emu.rootUrl, credentials: { ...emu.clients.limited } });
  const expected = await program(official);
  const actual = await program(ours);
  assert.deepEqual(actual, expected);
  assert.deepEqual({ ...actual, temporaryScopes: undefined }, { task: actual.task, signed: 200, anonymous: 'refused', temporaryScopes: undefined });
  // The certificate's scope, expanded with the anonymous role's (as the auth service does).
  assert.ok(actual.temporaryScopes.includes('queue:get-artifact:private/*') && actual.temporaryScopes.includes('assume:anonymous'));
});

test('config(): later calls merge (undefined keeps a value); names are checked as a constructor checks them', () => {
  ours.config({ traceId: 'from-config', retries: undefined });
  const queue = new ours.Queue({ rootUrl: 'https://tc.example.com' });
  assert.equal(queue.buildUrl(queue.task, 'abc'), 'https://tc.example.com/api/queue/v1/task/abc');
  // The configured credentials still sign (retries: undefined did not erase the earlier config).
  assert.match(queue.buildSignedUrl(queue.task, 'abc'), /bewit=/);
  assert.throws(() => ours.config({ credentails: {} }), (e) => e instanceof TypeError && /config\(options\): unknown option "credentails"; did you mean credentials\?/.test(e.message));
  // Values a client would refuse are refused by config itself, and leave the defaults as they were.
  assert.throws(() => ours.config({ retries: 'many' }), (e) => e instanceof TypeError && /^config\(options\): options\.retries must be a number/.test(e.message));
  assert.throws(() => ours.config({ timeout: -1 }), (e) => e instanceof RangeError && /^config\(options\): options\.timeout/.test(e.message));
  assert.throws(() => ours.config({ serviceName: 'queue' }), (e) => e instanceof TypeError && /config\(options\): unknown option "serviceName"/.test(e.message));
  assert.ok(new ours.Queue({ rootUrl: 'https://tc.example.com' }));
  for (const bad of [undefined, null, 'x', ['rootUrl']]) {
    assert.throws(() => ours.config(bad), (e) => e instanceof TypeError && /^config: options must be an object/.test(e.message));
  }
  // A credentialAgent replaces the configured credentials instead of clashing with them.
  const agent = { getCredentials: async () => emu.clients.limited };
  assert.ok(new ours.Queue({ rootUrl: emu.rootUrl, credentialAgent: agent }));
  // Exchange classes take the defaults too.
  ours.config({ exchangePrefix: 'exchange/configured/v1/' });
  assert.equal(new ours.QueueEvents().taskCompleted({}).exchange, 'exchange/configured/v1/task-completed');
});

test("docs/js-api.md's example of the rest of the official surface runs against the emulator", async () => {
  const guide = readFileSync(new URL('../../docs/js-api.md', import.meta.url), 'utf8');
  const section = guide.slice(guide.indexOf('## The rest of the official surface'));
  const code = /```js\n([\s\S]*?)```/.exec(section)[1];
  const { privateArtifact } = emu.state.demo;
  mkdirSync(path.join(ROOT, 'test-output'), { recursive: true });
  const dir = mkdtempSync(path.join(ROOT, 'test-output', 'js-api-'));
  try {
    const file = path.join(dir, 'example.mjs');
    writeFileSync(file, [
      `const credentials = ${JSON.stringify(emu.clients.limited)};`,
      `const taskId = ${JSON.stringify(privateArtifact.taskId)};`,
      code.replaceAll('https://tc.example.com', emu.rootUrl).replace(', 0, \'private/log\')', `, ${privateArtifact.runId}, ${JSON.stringify(privateArtifact.name)})`),
      'console.log(JSON.stringify({ statusCode, url: typeof body.url, scopes: scopes.scopes.includes("auth:current-scopes") }));',
    ].join('\n'));
    const { stdout } = await run(process.execPath, [file], { cwd: ROOT, timeout: 30_000 });
    assert.deepEqual(JSON.parse(stdout), { statusCode: 303, url: 'string', scopes: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('setServiceDiscoveryScheme: clients made afterwards send in-cluster (k8s-dns) requests, as with taskcluster-client', () => {
  const rootUrl = 'https://tc.example.com';
  const urls = (tc) => {
    const queue = new tc.Queue({ rootUrl, credentials: {} });
    return [queue.buildUrl(queue.task, 'abc'), queue.externalBuildUrl(queue.task, 'abc')];
  };
  try {
    official.setServiceDiscoveryScheme('k8s-dns');
    ours.setServiceDiscoveryScheme('k8s-dns');
    assert.deepEqual(urls(ours), urls(official));
    assert.deepEqual(urls(ours), ['http://taskcluster-queue/api/queue/v1/task/abc', 'https://tc.example.com/api/queue/v1/task/abc']);
    // A client's own option still wins.
    const own = new ours.Queue({ rootUrl, serviceDiscoveryScheme: 'default' });
    assert.equal(own.buildUrl(own.task, 'abc'), 'https://tc.example.com/api/queue/v1/task/abc');
    assert.throws(() => ours.setServiceDiscoveryScheme('dns'), /^(TypeError|RangeError|Error): setServiceDiscoveryScheme: scheme/);
    assert.throws(() => ours.setServiceDiscoveryScheme(), (e) => e instanceof TypeError && /^setServiceDiscoveryScheme: scheme/.test(e.message));
  } finally {
    official.setServiceDiscoveryScheme('default');
    ours.setServiceDiscoveryScheme('default');
  }
  assert.deepEqual(urls(ours), urls(official));
});
